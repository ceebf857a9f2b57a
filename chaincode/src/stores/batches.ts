/** Clearing batches: key batchId, listed for every region they are among; and what a batch could hold. */
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, indexTails, lastAttribute, pageOf, type Paging } from '../ledger/record-store';
import type { Page } from '../model/audit';
import type { BatchRecord } from '../model/batch';
import type { ClaimRecord } from '../model/claim';
import { CLAIM_CLEARABLE, claims } from './claims';

/** [region, batchId]: batches a region is party to, as proposer or one of the others. */
export const BATCH_BY_REGION = 'batch-by-region';

export const batches = new RecordStore<BatchRecord>('batch', (b) => b.batchId, [index(BATCH_BY_REGION, (b) => b.regions.map((region) => [region, b.batchId]))]);

/** One page of the batches a region is party to, in batch id order. */
export function batchesOfRegion(ctx: Context, region: string, paging: Paging): Promise<Page<BatchRecord>> {
  return pageOf(ctx, BATCH_BY_REGION, [region], paging, (attributes) => batches.mustGet(ctx, lastAttribute(attributes)));
}

/**
 * Remitted cross-region claims among `regions` in no batch yet, at most `limit` of them: one
 * range read of the clearable index per treatment region (in code order), keeping the entries
 * whose insured region is in the set, so only the claims taken are loaded.
 */
export async function clearableAmong(ctx: Context, regions: readonly string[], limit = Number.POSITIVE_INFINITY): Promise<ClaimRecord[]> {
  const ids: string[] = [];
  for (const treatmentRegion of [...regions].sort()) {
    for (const [insuredRegion, claimId] of await indexTails(ctx, CLAIM_CLEARABLE, [treatmentRegion])) {
      if (ids.length >= limit) break;
      if (insuredRegion !== treatmentRegion && regions.includes(insuredRegion)) ids.push(claimId);
    }
  }
  return Promise.all(ids.map((id) => claims.mustGet(ctx, id)));
}
