/**
 * A window of an index read as one range (ledger/record-store's indexEntriesBetween, which the
 * SR-04 and review windows use through stores/date-window): both ends included, in key order,
 * nothing of another prefix — not even one that starts with the same characters — and nothing
 * outside the window.
 */
import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import { indexEntries, indexEntriesBetween, pageOf } from '../../chaincode/src/ledger/record-store';
import { tailsOnDates } from '../../chaincode/src/stores/date-window';
import { FakeLedger } from '../support/fake-ledger';
import { people } from '../support/rx-fixtures';

const INDEX = 'by-patient-date';
const EMPTY = new Uint8Array([0]);

async function ledgerWith(entries: string[][]): Promise<FakeLedger> {
  const ledger = new FakeLedger();
  await ledger.tx(people.hospitalAdmin, async (ctx) => {
    for (const attrs of entries) await ctx.stub.putState(ctx.stub.createCompositeKey(INDEX, attrs), EMPTY);
  });
  return ledger;
}

describe('index ranges between two attribute values', () => {
  const entries = [
    ['p1', '2026-01-31', 'RX-before'],
    ['p1', '2026-02-01', 'RX-first-b'],
    ['p1', '2026-02-01', 'RX-first-a'],
    ['p1', '2026-02-15', 'RX-mid'],
    ['p1', '2026-03-01', 'RX-last'],
    ['p1', '2026-03-02', 'RX-after'],
    ['p10', '2026-02-15', 'RX-other-patient'],
    ['p', '2026-02-15', 'RX-shorter-patient'],
  ];

  it('returns the entries dated from the first to the last date, both included, in key order', async () => {
    const ledger = await ledgerWith(entries);
    const tails = await ledger.tx(people.hospitalAdmin, (ctx) => tailsOnDates(ctx, INDEX, ['p1'], '2026-02-01', '2026-03-01'));
    expect(tails).to.deep.equal([['RX-first-a'], ['RX-first-b'], ['RX-mid'], ['RX-last']]);
  });

  it('answers the tail after the prefix, the bounding attribute first', async () => {
    const ledger = await ledgerWith(entries);
    const found = await ledger.tx(people.hospitalAdmin, (ctx) => indexEntriesBetween(ctx, INDEX, ['p1'], '2026-02-15', '2026-02-15'));
    expect(found).to.deep.equal([{ tail: ['2026-02-15', 'RX-mid'] }]);
  });

  it('finds nothing in an empty window and nothing when the window ends before it starts', async () => {
    const ledger = await ledgerWith(entries);
    await ledger.tx(people.hospitalAdmin, async (ctx) => {
      expect(await tailsOnDates(ctx, INDEX, ['p1'], '2026-02-02', '2026-02-14')).to.deep.equal([]);
      expect(await tailsOnDates(ctx, INDEX, ['p1'], '2026-03-01', '2026-02-01')).to.deep.equal([]);
    });
  });
});

describe('query iterators', () => {
  /** Counts the closes of every iterator the stub hands out. */
  function countingCloses(ctx: Context): { closes: number } {
    const counter = { closes: 0 };
    const stub = ctx.stub as unknown as Record<string, (...args: unknown[]) => Promise<{ iterator?: { close: () => Promise<void> }; close?: () => Promise<void> }>>;
    for (const name of ['getStateByPartialCompositeKey', 'getStateByPartialCompositeKeyWithPagination']) {
      const original = stub[name];
      stub[name] = async (...args) => {
        const answer = await original(...args);
        const iterator = (answer.iterator ?? answer) as { close: () => Promise<void> };
        const close = iterator.close.bind(iterator);
        iterator.close = () => {
          counter.closes++;
          return close();
        };
        return answer;
      };
    }
    return counter;
  }

  it('are not closed after their end (the peer has released them), only when left early', async () => {
    const ledger = await ledgerWith([['p1', '2026-02-01', 'RX-1'], ['p1', '2026-02-02', 'RX-2']]);
    await ledger.tx(people.hospitalAdmin, async (ctx) => {
      const counter = countingCloses(ctx);
      expect(await indexEntries(ctx, INDEX, ['p1'])).to.have.length(2);
      expect((await pageOf(ctx, INDEX, ['p1'], { pageSize: 1 }, async (attrs) => attrs)).records).to.have.length(1);
      expect(counter.closes, 'read to the end').to.equal(0);
      const failed = await pageOf(ctx, INDEX, ['p1'], {}, async () => {
        throw new Error('load failed');
      }).catch((err: Error) => err.message);
      expect(failed).to.equal('load failed');
      expect(counter.closes, 'left early').to.equal(1);
    });
  });
});
