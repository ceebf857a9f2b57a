import type { Context } from 'fabric-contract-api';
import type { HistoryEntry, Page } from '../model/audit';
import { fromBytes, toBytes } from './canonical-json';
import { notFound, validationError } from './errors';

/**
 * Records live under composite keys (docType, id) so each type can be listed and every record
 * has its own key history. Secondary indexes are composite keys with an empty value, or a small
 * summary where a query would otherwise read every record they point at.
 */
export function recordKey(ctx: Context, docType: string, id: string): string {
  return ctx.stub.createCompositeKey(docType, [id]);
}

export async function readRecord<T>(ctx: Context, docType: string, id: string): Promise<T | undefined> {
  const bytes = await ctx.stub.getState(recordKey(ctx, docType, id));
  return bytes && bytes.length > 0 ? fromBytes<T>(bytes) : undefined;
}

export async function mustRead<T>(ctx: Context, docType: string, id: string): Promise<T> {
  const record = await readRecord<T>(ctx, docType, id);
  if (record === undefined) {
    throw notFound(`${docType} ${id} does not exist`);
  }
  return record;
}

export async function recordExists(ctx: Context, docType: string, id: string): Promise<boolean> {
  const bytes = await ctx.stub.getState(recordKey(ctx, docType, id));
  return !!bytes && bytes.length > 0;
}

export async function writeRecord(ctx: Context, docType: string, id: string, value: unknown): Promise<void> {
  await ctx.stub.putState(recordKey(ctx, docType, id), toBytes(value));
}

const EMPTY = new Uint8Array([0]);

export async function putIndex(ctx: Context, index: string, attributes: string[]): Promise<void> {
  await ctx.stub.putState(ctx.stub.createCompositeKey(index, attributes), EMPTY);
}

/** An index entry that carries a small summary of its record, so scans can answer without reading the records. */
export async function putIndexWithSummary(ctx: Context, index: string, attributes: string[], summary: object): Promise<void> {
  await ctx.stub.putState(ctx.stub.createCompositeKey(index, attributes), toBytes(summary));
}

export async function deleteIndex(ctx: Context, index: string, attributes: string[]): Promise<void> {
  await ctx.stub.deleteState(ctx.stub.createCompositeKey(index, attributes));
}

export interface IndexEntry<S> {
  /** The attributes after the prefix. */
  tail: string[];
  /** The entry's summary; absent for plain entries (and entries written before it had one). */
  summary?: S;
}

/** Every index entry under the given attribute prefix, in key order. */
export async function indexEntries<S = never>(ctx: Context, index: string, prefix: string[]): Promise<IndexEntry<S>[]> {
  const entries: IndexEntry<S>[] = [];
  const iterator = await ctx.stub.getStateByPartialCompositeKey(index, prefix);
  try {
    for (let res = await iterator.next(); !res.done; res = await iterator.next()) {
      const tail = ctx.stub.splitCompositeKey(res.value.key).attributes.slice(prefix.length);
      const value = res.value.value;
      entries.push(value && value.length > 1 ? { tail, summary: fromBytes<S>(value) } : { tail });
    }
  } finally {
    await iterator.close();
  }
  return entries;
}

/** The attributes after the prefix of every index entry under it. */
export async function indexTails(ctx: Context, index: string, prefix: string[]): Promise<string[][]> {
  return (await indexEntries(ctx, index, prefix)).map((entry) => entry.tail);
}

export const MAX_PAGE_SIZE = 200;

export function pageSizeOf(requested: number | string | undefined): number {
  const size = requested === undefined || requested === '' ? 50 : Number(requested);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw validationError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/**
 * One page of index entries, mapped to the records they point at. `toId` picks the record id
 * from the entry's attributes. Pagination runs on the index, so pages are stable under writes.
 */
export async function pageFromIndex<T>(
  ctx: Context,
  index: string,
  prefix: string[],
  pageSize: number,
  bookmark: string,
  load: (attributes: string[]) => Promise<T | undefined>,
): Promise<Page<T>> {
  const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(
    index,
    prefix,
    pageSize,
    bookmark,
  );
  const records: T[] = [];
  try {
    for (let res = await iterator.next(); !res.done; res = await iterator.next()) {
      const record = await load(ctx.stub.splitCompositeKey(res.value.key).attributes);
      if (record !== undefined) records.push(record);
    }
  } finally {
    await iterator.close();
  }
  // fabric-shim leaves the metadata out when a range holds nothing.
  return { records, bookmark: metadata?.bookmark ?? '', fetchedCount: metadata?.fetchedRecordsCount ?? records.length };
}

export async function historyOf<T>(ctx: Context, docType: string, id: string): Promise<HistoryEntry<T>[]> {
  const iterator = await ctx.stub.getHistoryForKey(recordKey(ctx, docType, id));
  const entries: HistoryEntry<T>[] = [];
  try {
    for (let res = await iterator.next(); !res.done; res = await iterator.next()) {
      const mod = res.value;
      const seconds = Number(mod.timestamp.seconds.toString());
      const entry: HistoryEntry<T> = {
        txId: mod.txId,
        timestamp: new Date(seconds * 1000 + Math.floor(mod.timestamp.nanos / 1_000_000)).toISOString(),
        isDelete: mod.isDelete,
      };
      if (!mod.isDelete && mod.value && mod.value.length > 0) entry.value = fromBytes<T>(mod.value);
      entries.push(entry);
    }
  } finally {
    await iterator.close();
  }
  if (entries.length === 0) throw notFound(`${docType} ${id} has no history: it was never written`);
  return entries;
}
