/**
 * Reading an index over a window of dates. Index entries put the date right after the narrow
 * prefix (e.g. [patientRef, date, id]), so the entries of a window are one range of keys, from
 * [...prefix, from] to [...prefix, to] (ISO dates sort as they follow each other): ONE range
 * query, iterating only the entries dated in the window. What lies outside the window, or under
 * another patient, is never iterated. One query per date instead would cost windowDays + 1
 * round trips to the peer at each endorsement and as many range re-reads at validation.
 */
import type { Context } from 'fabric-contract-api';
import { indexEntriesBetween } from '../ledger/record-store';

/** The tails after [...prefix, date] of every entry dated from `from` to `to` (inclusive), in date order. */
export async function tailsOnDates(ctx: Context, indexName: string, prefix: readonly string[], from: string, to: string): Promise<string[][]> {
  if (from > to) return [];
  return (await indexEntriesBetween(ctx, indexName, prefix, from, to)).map((entry) => entry.tail.slice(1));
}
