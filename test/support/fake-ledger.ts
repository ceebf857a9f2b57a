/**
 * An in-memory stand-in for Fabric's ChaincodeStub and ClientIdentity, in the spirit of the
 * stubbed ledgers fabric-samples use for unit tests. It keeps world state, key history, private
 * collections and the last event, so contracts can be exercised without a peer. Writes become
 * visible only on commit(), as on a real peer: a read after a write in one transaction sees the
 * old value.
 */
import type { Context } from 'fabric-contract-api';

const SEP = '\u0000';

export interface FakeIdentity {
  mspId: string;
  attrs: Record<string, string>;
  /** Certificate subject common name; appears in getID(). */
  cn: string;
}

interface Modification {
  txId: string;
  timestampMs: number;
  isDelete: boolean;
  value: Uint8Array;
}

export class FakeLedger {
  readonly state = new Map<string, Uint8Array>();
  readonly history = new Map<string, Modification[]>();
  readonly privateData = new Map<string, Map<string, Uint8Array>>();
  events: { name: string; payload: unknown }[] = [];
  private txCounter = 0;
  /** Transaction clock; tests move it to cross validity windows and deadlines. */
  nowMs = Date.parse('2026-03-01T08:00:00Z');

  /** Runs fn as one transaction of `identity`; its writes commit only if fn resolves. */
  async tx<T>(identity: FakeIdentity, fn: (ctx: Context) => Promise<T>, transient: Record<string, string> = {}): Promise<T> {
    const txId = `tx${++this.txCounter}`;
    const writes = new Map<string, Uint8Array | null>();
    const privateWrites = new Map<string, Map<string, Uint8Array>>();
    let event: { name: string; payload: unknown } | undefined;
    const nowMs = this.nowMs;

    const iteratorOf = (entries: [string, Uint8Array][]) => {
      let i = 0;
      return {
        async next() {
          if (i >= entries.length) return { done: true, value: undefined as never };
          const [key, value] = entries[i++];
          return { done: false, value: { key, value } };
        },
        async close() {
          /* nothing to release */
        },
      };
    };
    const byPrefix = (prefix: string): [string, Uint8Array][] =>
      [...this.state.entries()].filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));

    const stub = {
      getTxID: () => txId,
      getChannelID: () => 'rxchannel',
      getTxTimestamp: () => ({ seconds: Math.floor(nowMs / 1000), nanos: (nowMs % 1000) * 1_000_000 }),
      getTransient: () => new Map(Object.entries(transient).map(([k, v]) => [k, Buffer.from(v)])),
      getState: async (key: string) => this.state.get(key) ?? new Uint8Array(0),
      putState: async (key: string, value: Uint8Array) => {
        writes.set(key, Buffer.from(value));
      },
      deleteState: async (key: string) => {
        writes.set(key, null);
      },
      createCompositeKey: (type: string, attrs: string[]) => `${SEP}${type}${SEP}${attrs.map((a) => a + SEP).join('')}`,
      splitCompositeKey: (key: string) => {
        const parts = key.split(SEP).slice(1, -1);
        return { objectType: parts[0], attributes: parts.slice(1) };
      },
      getStateByPartialCompositeKey: async (type: string, attrs: string[]) =>
        iteratorOf(byPrefix(`${SEP}${type}${SEP}${attrs.map((a) => a + SEP).join('')}`)),
      // fabric-shim's connection to the peer, which ledger/record-store's indexEntriesBetween uses for a range over composite keys.
      handler: {
        handleGetStateByRange: async (_collection: string, startKey: string, endKey: string) => ({
          iterator: iteratorOf([...this.state.entries()].filter(([k]) => k >= startKey && k < endKey).sort(([a], [b]) => (a < b ? -1 : 1))),
        }),
      },
      getStateByPartialCompositeKeyWithPagination: async (type: string, attrs: string[], pageSize: number, bookmark: string) => {
        const all = byPrefix(`${SEP}${type}${SEP}${attrs.map((a) => a + SEP).join('')}`);
        const start = bookmark ? all.findIndex(([k]) => k >= bookmark) : 0;
        const from = start < 0 ? all.length : start;
        const page = all.slice(from, from + pageSize);
        const next = all[from + pageSize];
        return {
          iterator: iteratorOf(page),
          metadata: { fetchedRecordsCount: page.length, bookmark: next ? next[0] : '' },
        };
      },
      getHistoryForKey: async (key: string) => {
        const mods = [...(this.history.get(key) ?? [])].reverse();
        let i = 0;
        return {
          async next() {
            if (i >= mods.length) return { done: true, value: undefined as never };
            const m = mods[i++];
            return {
              done: false,
              value: {
                txId: m.txId,
                isDelete: m.isDelete,
                value: m.value,
                timestamp: { seconds: Math.floor(m.timestampMs / 1000), nanos: (m.timestampMs % 1000) * 1_000_000 },
              },
            };
          },
          async close() {
            /* nothing to release */
          },
        };
      },
      getPrivateData: async (collection: string, key: string) =>
        this.privateData.get(collection)?.get(key) ?? new Uint8Array(0),
      putPrivateData: async (collection: string, key: string, value: Uint8Array) => {
        if (!privateWrites.has(collection)) privateWrites.set(collection, new Map());
        privateWrites.get(collection)?.set(key, Buffer.from(value));
      },
      setEvent: (name: string, payload: Uint8Array) => {
        event = { name, payload: JSON.parse(Buffer.from(payload).toString('utf8')) };
      },
    };
    const clientIdentity = {
      getMSPID: () => identity.mspId,
      getID: () => `x509::/CN=${identity.cn}::/CN=ca.${identity.mspId}`,
      getAttributeValue: (name: string) => identity.attrs[name] ?? null,
      assertAttributeValue: (name: string, value: string) => identity.attrs[name] === value,
    };
    const ctx = { stub, clientIdentity } as unknown as Context;

    const result = await fn(ctx);
    for (const [key, value] of writes) {
      const mods = this.history.get(key) ?? [];
      mods.push({ txId, timestampMs: nowMs, isDelete: value === null, value: value ?? new Uint8Array(0) });
      this.history.set(key, mods);
      if (value === null) this.state.delete(key);
      else this.state.set(key, value);
    }
    for (const [collection, entries] of privateWrites) {
      if (!this.privateData.has(collection)) this.privateData.set(collection, new Map());
      for (const [k, v] of entries) this.privateData.get(collection)?.set(k, v);
    }
    if (event) this.events.push(event);
    return result;
  }

  get lastEvent(): { name: string; payload: unknown } | undefined {
    return this.events[this.events.length - 1];
  }

  advanceDays(days: number): void {
    this.nowMs += days * 24 * 60 * 60 * 1000;
  }
}

/** Demo identities shaped like the ones scripts/enroll-users.sh issues. */
export const identities = {
  doctor: { mspId: 'HospitalMSP', cn: 'doctor1', attrs: { role: 'doctor', region: '310000', institutionId: 'H310001', licenceId: 'DOC-1001' } },
  doctor2: { mspId: 'HospitalMSP', cn: 'doctor2', attrs: { role: 'doctor', region: '310000', institutionId: 'H310002', licenceId: 'DOC-1002' } },
  hospitalAdmin: { mspId: 'HospitalMSP', cn: 'hospitaladmin', attrs: { role: 'admin', region: '310000', institutionId: 'H310001' } },
  pharmacist: { mspId: 'PharmacyMSP', cn: 'pharmacist1', attrs: { role: 'pharmacist', region: '310000', institutionId: 'P310001', licenceId: 'PHA-2001' } },
  pharmacist2: { mspId: 'PharmacyMSP', cn: 'pharmacist2', attrs: { role: 'pharmacist', region: '110000', institutionId: 'P110001', licenceId: 'PHA-2002' } },
  insurerSH: { mspId: 'InsurerSHMSP', cn: 'insurer-sh', attrs: { role: 'insurer', region: '310000', licenceId: 'INS-SH-01' } },
  insurerBJ: { mspId: 'InsurerBJMSP', cn: 'insurer-bj', attrs: { role: 'insurer', region: '110000', licenceId: 'INS-BJ-01' } },
  investigator: { mspId: 'RegulatorMSP', cn: 'investigator1', attrs: { role: 'investigator', region: '000000', licenceId: 'INV-01' } },
} satisfies Record<string, FakeIdentity>;
