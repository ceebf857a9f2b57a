/** Clearing returns: key claimId, with the returns waiting for a batch between two regions. */
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, indexTails } from '../ledger/record-store';
import type { ClearingReturnTrace } from '../model/trace';
import type { ClearingReturnRecord } from '../model/transfer';
import { batches } from './batches';
import { transfers } from './transfers';

/** [fromRegion, toRegion, claimId]: returns in no live batch; derived from batchId, like the clearable claims. */
export const CLEARING_RETURN_WAITING = 'clearing-return-waiting';

export const clearingReturns = new RecordStore<ClearingReturnRecord>('clearing-return', (r) => r.claimId, [
  index(CLEARING_RETURN_WAITING, (r) => (r.batchId === undefined ? [[r.fromRegion, r.toRegion, r.claimId]] : [])),
]);

/** Returns waiting between two regions, in either direction: those given back by `regionA` first, at most `limit`. */
export async function returnsWaitingBetween(ctx: Context, regionA: string, regionB: string, limit = Number.POSITIVE_INFINITY): Promise<ClearingReturnRecord[]> {
  const tails = [...(await indexTails(ctx, CLEARING_RETURN_WAITING, [regionA, regionB])), ...(await indexTails(ctx, CLEARING_RETURN_WAITING, [regionB, regionA]))];
  return Promise.all(tails.slice(0, limit).map(([claimId]) => clearingReturns.mustGet(ctx, claimId)));
}

/** A recovered claim's clearing return, if it had been cleared, with the batch that nets it and that batch's transfer once there are. */
export async function clearingReturnTrace(ctx: Context, claimId: string): Promise<ClearingReturnTrace | undefined> {
  const record = await clearingReturns.get(ctx, claimId);
  if (!record) return undefined;
  const batch = record.batchId === undefined ? undefined : await batches.mustGet(ctx, record.batchId);
  const clearing = batch?.transferId === undefined ? undefined : await transfers.mustGet(ctx, batch.transferId);
  return { record, ...(batch ? { batch } : {}), ...(clearing ? { clearing } : {}) };
}
