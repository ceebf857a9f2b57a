/** Clearing batches: key batchId, listed for both regions they are between; and what a batch could hold. */
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, lastAttribute, pageOf, type Paging } from '../ledger/record-store';
import type { Page } from '../model/audit';
import type { BatchRecord } from '../model/batch';
import type { ClaimRecord } from '../model/claim';
import { clearableClaims } from './claims';

/** [region, batchId]: batches a region is party to, as proposer or counterparty. */
export const BATCH_BY_REGION = 'batch-by-region';

export const batches = new RecordStore<BatchRecord>('batch', (b) => b.batchId, [
  index(BATCH_BY_REGION, (b) => [
    [b.proposerRegion, b.batchId],
    [b.counterpartyRegion, b.batchId],
  ]),
]);

/** One page of the batches a region is party to, in batch id order. */
export function batchesOfRegion(ctx: Context, region: string, paging: Paging): Promise<Page<BatchRecord>> {
  return pageOf(ctx, BATCH_BY_REGION, [region], paging, (attributes) => batches.mustGet(ctx, lastAttribute(attributes)));
}

/**
 * Remitted cross-region claims between two regions in no batch yet: those treated in `regionA`
 * first, then those treated in `regionB`, at most `limit` of them.
 */
export async function clearableBetween(ctx: Context, regionA: string, regionB: string, limit = Number.POSITIVE_INFINITY): Promise<ClaimRecord[]> {
  const both = [...(await clearableClaims(ctx, regionA, regionB)), ...(await clearableClaims(ctx, regionB, regionA))];
  return both.slice(0, limit);
}
