import type { Context } from 'fabric-contract-api';
import type { FakeIdentity, FakeLedger } from './fake-ledger';

/** What one transaction read: every key it got, and every range it scanned with the number of entries it iterated. */
export interface Reads {
  keys: string[];
  ranges: string[];
}

const readable = (key: string): string => key.split('\u0000').filter(Boolean).join('/');

/** Runs fn as one transaction of `who`, recording its reads on the stub: the proof that a transaction's reads are bounded. */
export async function traced(ledger: FakeLedger, who: FakeIdentity, fn: (ctx: Context) => Promise<unknown>, transient: Record<string, string> = {}): Promise<Reads> {
  const reads: Reads = { keys: [], ranges: [] };
  await ledger.tx(
    who,
    async (ctx) => {
      const stub = ctx.stub as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      const getState = stub.getState;
      stub.getState = (key) => {
        reads.keys.push(readable(key as string));
        return getState(key);
      };
      const range = stub.getStateByPartialCompositeKey;
      stub.getStateByPartialCompositeKey = async (type, attrs) => {
        const iterator = (await range(type, attrs)) as { next: () => Promise<{ done: boolean }>; close: () => Promise<void> };
        const label = `${type as string}/${(attrs as string[]).join('/')}`;
        let entries = 0;
        return {
          next: async () => {
            const res = await iterator.next();
            if (!res.done) entries += 1;
            else reads.ranges.push(`${label} ×${entries}`);
            return res;
          },
          close: () => iterator.close(),
        };
      };
      const peer = (ctx.stub as unknown as { handler: Record<string, (...args: unknown[]) => Promise<{ iterator: { next: () => Promise<{ done: boolean }>; close: () => Promise<void> } }>> }).handler;
      const between = peer.handleGetStateByRange;
      // A range between two composite keys (ledger/record-store's indexEntriesBetween), labelled type/prefix/from..to.
      peer.handleGetStateByRange = async (collection, startKey, endKey, ...rest) => {
        const { iterator } = await between(collection, startKey, endKey, ...rest);
        const to = readable((endKey as string).replace(/\u{10ffff}$/u, '')).split('/').pop() ?? '';
        const label = `${readable(startKey as string)}..${to}`;
        let entries = 0;
        return {
          iterator: {
            next: async () => {
              const res = await iterator.next();
              if (!res.done) entries += 1;
              else reads.ranges.push(`${label} ×${entries}`);
              return res;
            },
            close: () => iterator.close(),
          },
        };
      };
      return fn(ctx);
    },
    transient,
  );
  return reads;
}
