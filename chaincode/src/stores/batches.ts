/** Clearing batches: key batchId, listed for both regions they are between. */
import { RecordStore, index } from '../ledger/record-store';
import type { BatchRecord } from '../model/batch';

/** [region, batchId]: batches a region is party to, as proposer or counterparty. */
export const BATCH_BY_REGION = 'batch-by-region';

export const batches = new RecordStore<BatchRecord>('batch', (b) => b.batchId, [
  index(BATCH_BY_REGION, (b) => [
    [b.proposerRegion, b.batchId],
    [b.counterpartyRegion, b.batchId],
  ]),
]);
