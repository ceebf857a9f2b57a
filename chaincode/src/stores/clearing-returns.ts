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

/** Returns waiting among `regions`, at most `limit`: one range read per giving region (in code order), keeping those given to a region of the set. */
export async function returnsWaitingAmong(ctx: Context, regions: readonly string[], limit = Number.POSITIVE_INFINITY): Promise<ClearingReturnRecord[]> {
  const ids: string[] = [];
  for (const fromRegion of [...regions].sort()) {
    for (const [toRegion, claimId] of await indexTails(ctx, CLEARING_RETURN_WAITING, [fromRegion])) {
      if (ids.length >= limit) break;
      if (regions.includes(toRegion)) ids.push(claimId);
    }
  }
  return Promise.all(ids.map((id) => clearingReturns.mustGet(ctx, id)));
}

/** A recovered claim's clearing return, if it had been cleared, with the batch that nets it and that batch's transfer once there are. */
export async function clearingReturnTrace(ctx: Context, claimId: string): Promise<ClearingReturnTrace | undefined> {
  const record = await clearingReturns.get(ctx, claimId);
  if (!record) return undefined;
  const batch = record.batchId === undefined ? undefined : await batches.mustGet(ctx, record.batchId);
  const clearings = await Promise.all((batch?.transferIds ?? []).map((id) => transfers.mustGet(ctx, id)));
  return { record, ...(batch ? { batch } : {}), ...(clearings.length > 0 ? { clearings } : {}) };
}
