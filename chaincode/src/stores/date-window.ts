/**
 * Reading an index over a window of dates. Index entries put the date right after the narrow
 * prefix (e.g. [patientRef, date, id]), so the entries of one date are one prefix query. Fabric
 * refuses range scans over composite keys (the shim's getStateByRange accepts simple keys only)
 * and paginated queries in transactions that write, so a window is read as one prefix query per
 * date: windowDays + 1 queries, each iterating only the entries of its date. What lies outside
 * the window, or under another patient, is never iterated.
 */
import type { Context } from 'fabric-contract-api';
import { indexTails } from '../ledger/record-store';
import { addDays } from '../rules/dates';

/** The tails after [...prefix, date] of every entry dated from `from` to `to` (inclusive), date by date. */
export async function tailsOnDates(ctx: Context, indexName: string, prefix: readonly string[], from: string, to: string): Promise<string[][]> {
  const tails: string[][] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) tails.push(...(await indexTails(ctx, indexName, [...prefix, date])));
  return tails;
}
