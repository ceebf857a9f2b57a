import type { Context } from 'fabric-contract-api';
import type { HistoryEntry, Page } from '../model/audit';
import { fromBytes, toBytes } from './canonical-json';
import { notFound } from './errors';

/**
 * A secondary index over one record type: composite keys with an empty value, or a small
 * summary where a query would otherwise have to read every record the entries point at.
 */
export interface IndexSpec<T> {
  readonly name: string;
  /** The entries one version of a record holds: none, one or several attribute lists. */
  entries(record: T): string[][];
  /** What the entry carries as its value, if anything. */
  summary?(record: T): object;
}

export const index = <T>(name: string, entries: (record: T) => string[][], summary?: (record: T) => object): IndexSpec<T> =>
  summary ? { name, entries, summary } : { name, entries };

const EMPTY = new Uint8Array([0]);

/**
 * One aggregate's records under composite keys (docType, id), so each type can be listed and
 * every record has its own key history, together with the upkeep of its indexes: `save(next,
 * prev)` adds the entries the new version needs and deletes those only the old one had.
 */
export class RecordStore<T extends object> {
  constructor(
    readonly docType: string,
    private readonly idOf: (record: T) => string,
    readonly indexes: readonly IndexSpec<T>[] = [],
  ) {}

  key(ctx: Context, id: string): string {
    return ctx.stub.createCompositeKey(this.docType, [id]);
  }

  async get(ctx: Context, id: string): Promise<T | undefined> {
    const bytes = await ctx.stub.getState(this.key(ctx, id));
    return bytes && bytes.length > 0 ? fromBytes<T>(bytes) : undefined;
  }

  async mustGet(ctx: Context, id: string): Promise<T> {
    const record = await this.get(ctx, id);
    if (record === undefined) throw notFound(`${this.docType} ${id} does not exist`);
    return record;
  }

  async exists(ctx: Context, id: string): Promise<boolean> {
    const bytes = await ctx.stub.getState(this.key(ctx, id));
    return !!bytes && bytes.length > 0;
  }

  /** Writes a version of the record; `prev` is the version read in this transaction, if any. */
  async save(ctx: Context, next: T, prev?: T): Promise<void> {
    await ctx.stub.putState(this.key(ctx, this.idOf(next)), toBytes(next));
    for (const spec of this.indexes) {
      const keyOf = (attrs: string[]) => ctx.stub.createCompositeKey(spec.name, attrs);
      const before = new Set(prev ? spec.entries(prev).map(keyOf) : []);
      const after = spec.entries(next).map(keyOf);
      for (const key of before) if (!after.includes(key)) await ctx.stub.deleteState(key);
      for (const key of after) {
        if (spec.summary) await ctx.stub.putState(key, toBytes(spec.summary(next)));
        else if (!before.has(key)) await ctx.stub.putState(key, EMPTY);
      }
    }
  }

  /** The names of this store's indexes. */
  indexNames(): string[] {
    return this.indexes.map((spec) => spec.name);
  }

  /**
   * One page of this store's record ids in key order (a read-only query: Fabric refuses writes
   * after a paginated query, so a rebuild takes the ids this gives as its argument).
   */
  async idPage(ctx: Context, paging: Paging): Promise<{ ids: string[]; bookmark: string }> {
    const page = await pageOf(ctx, this.docType, [], paging, async (attributes) => lastAttribute(attributes));
    return { ids: page.records, bookmark: page.bookmark };
  }

  /**
   * Writes the entries a named index needs for the records given, where an entry is missing or
   * its summary differs: what `save` would have written had the index existed when the record
   * was last saved (a ledger written by a chaincode version without it). Deterministic (the
   * records' current versions decide), idempotent (a second run writes nothing), bounded by the
   * ids given. Entries no record needs are left alone: an upgrade only adds indexes.
   */
  async rebuildIndex(ctx: Context, indexName: string, ids: readonly string[]): Promise<{ written: number; missing: string[] }> {
    const spec = this.indexes.find((s) => s.name === indexName);
    if (!spec) throw new Error(`${this.docType} has no index ${indexName}`);
    let written = 0;
    const missing: string[] = [];
    for (const id of ids) {
      const record = await this.get(ctx, id);
      if (record === undefined) {
        missing.push(id);
        continue;
      }
      for (const attrs of spec.entries(record)) {
        const key = ctx.stub.createCompositeKey(spec.name, attrs);
        const value = spec.summary ? toBytes(spec.summary(record)) : EMPTY;
        const current = await ctx.stub.getState(key);
        if (current && current.length === value.length && Buffer.from(current).equals(Buffer.from(value))) continue;
        await ctx.stub.putState(key, value);
        written++;
      }
    }
    return { written, missing };
  }

  /** Every committed version, newest first, as Fabric's key history gives them. */
  async history(ctx: Context, id: string): Promise<HistoryEntry<T>[]> {
    return historyOfKey<T>(ctx, this.key(ctx, id), `${this.docType} ${id}`);
  }
}

export async function historyOfKey<T>(ctx: Context, key: string, what: string): Promise<HistoryEntry<T>[]> {
  const iterator = await ctx.stub.getHistoryForKey(key);
  const entries: HistoryEntry<T>[] = [];
  await readToEnd(iterator, (mod) => {
    const seconds = Number(mod.timestamp.seconds.toString());
    const entry: HistoryEntry<T> = {
      txId: mod.txId,
      timestamp: new Date(seconds * 1000 + Math.floor(mod.timestamp.nanos / 1_000_000)).toISOString(),
      isDelete: mod.isDelete,
    };
    if (!mod.isDelete && mod.value && mod.value.length > 0) entry.value = fromBytes<T>(mod.value);
    entries.push(entry);
  });
  if (entries.length === 0) throw notFound(`${what} has no history: it was never written`);
  return entries;
}

/**
 * Reads one of the peer's query iterators to its end. The peer releases a query as soon as its
 * answer says nothing more follows, which is when the iterator is done, so the iterator is closed
 * only when left before its end (a close after it would be one more round trip to the peer, for
 * nothing, after every range query).
 */
async function readToEnd<V>(iterator: { next(): Promise<{ done: boolean; value: V }>; close(): Promise<void> }, each: (value: V) => void | Promise<void>): Promise<void> {
  let ended = false;
  try {
    for (let res = await iterator.next(); !res.done; res = await iterator.next()) await each(res.value);
    ended = true;
  } finally {
    if (!ended) await iterator.close();
  }
}

/** The entries a range of index keys holds, each with its attributes after the first `prefixLength`. */
async function entriesOf<S>(ctx: Context, iterator: StateIterator, prefixLength: number): Promise<IndexEntry<S>[]> {
  const entries: IndexEntry<S>[] = [];
  await readToEnd(iterator, ({ key, value }) => {
    const tail = ctx.stub.splitCompositeKey(key).attributes.slice(prefixLength);
    entries.push(value && value.length > 1 ? { tail, summary: fromBytes<S>(value) } : { tail });
  });
  return entries;
}

export interface IndexEntry<S> {
  /** The attributes after the prefix. */
  tail: string[];
  /** The entry's summary; absent for plain entries. */
  summary?: S;
}

/** Every entry of an index under an attribute prefix, in key order. Callers keep prefixes narrow (one patient, one encounter). */
export async function indexEntries<S = never>(ctx: Context, indexName: string, prefix: string[]): Promise<IndexEntry<S>[]> {
  return entriesOf<S>(ctx, await ctx.stub.getStateByPartialCompositeKey(indexName, prefix), prefix.length);
}

/**
 * fabric-shim's connection to the peer, which serves every range query: the shim's
 * getStateByPartialCompositeKey is a range from the partial key to the partial key + U+10FFFF.
 */
interface PeerRangeQueries {
  handleGetStateByRange(collection: string, startKey: string, endKey: string, channelId: string, txId: string): Promise<{ iterator: StateIterator }>;
}
type StateIterator = Awaited<ReturnType<Context['stub']['getStateByPartialCompositeKey']>>;

/**
 * Every entry of an index under `prefix` whose next attribute lies from `from` to `to` (inclusive,
 * in string order), in key order, as ONE range query. Fabric's peer serves ranges over composite
 * keys (a prefix query is one), but the shim's getStateByRange refuses composite keys, so the
 * range goes to the shim's peer connection, exactly as the shim's own prefix query sends it. The
 * range is recorded in the read set as any range is, so an entry committed into it meanwhile
 * fails this transaction's validation (phantom read).
 */
export async function indexEntriesBetween<S = never>(ctx: Context, indexName: string, prefix: readonly string[], from: string, to: string): Promise<IndexEntry<S>[]> {
  const { stub } = ctx;
  const peer = (stub as unknown as { handler?: Partial<PeerRangeQueries> }).handler;
  if (typeof peer?.handleGetStateByRange !== 'function') throw new Error('this fabric-shim offers no range query over composite keys');
  const startKey = stub.createCompositeKey(indexName, [...prefix, from]);
  const endKey = `${stub.createCompositeKey(indexName, [...prefix, to])}${MAX_UNICODE_RUNE}`;
  const { iterator } = await peer.handleGetStateByRange('', startKey, endKey, stub.getChannelID(), stub.getTxID());
  return entriesOf<S>(ctx, iterator, prefix.length);
}

/** The highest code point: after every attribute that starts with the one before it. */
const MAX_UNICODE_RUNE = '\u{10ffff}';

/** The attributes after the prefix of every entry under it. */
export async function indexTails(ctx: Context, indexName: string, prefix: string[]): Promise<string[][]> {
  return (await indexEntries(ctx, indexName, prefix)).map((entry) => entry.tail);
}

export const DEFAULT_PAGE_SIZE = 50;

export interface Paging {
  pageSize?: number;
  bookmark?: string;
}

/**
 * One page of index entries mapped to what they point at; `load` gets the entry's attributes
 * and may drop an entry (undefined). Pagination runs on the index, so pages are stable under writes.
 */
export async function pageOf<T>(
  ctx: Context,
  indexName: string,
  prefix: string[],
  paging: Paging,
  load: (attributes: string[]) => Promise<T | undefined>,
): Promise<Page<T>> {
  const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(
    indexName,
    prefix,
    paging.pageSize ?? DEFAULT_PAGE_SIZE,
    paging.bookmark ?? '',
  );
  const records: T[] = [];
  await readToEnd(iterator, async ({ key }) => {
    const record = await load(ctx.stub.splitCompositeKey(key).attributes);
    if (record !== undefined) records.push(record);
  });
  // fabric-shim leaves the metadata out when a range holds nothing.
  return { records, bookmark: metadata?.bookmark ?? '', fetchedCount: metadata?.fetchedRecordsCount ?? records.length };
}

/** The record at the last attribute of an index entry (its id). */
export const lastAttribute = (attributes: string[]): string => attributes[attributes.length - 1];
