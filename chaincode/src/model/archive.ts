import type { Stamp } from './audit';

/**
 * A region's history brought onto the chain (Archive:ImportVisits): when a region joins, its
 * insurance office's settlement system already holds years of prescriptions, dispenses, claims
 * and payments. Each visit of a batch becomes the records the live acts write, stamped with an
 * ImportMark (model/audit.ts); the batch record makes the import idempotent per batchId.
 */

/** Visits per import transaction: about 5 record writes and 15 index entries each, so a block stays a few MB. */
export const MAX_IMPORT_VISITS = 200;
/** Persons per InsuredPerson:EnrolBatch: an enrolment list uploaded in parts. */
export const MAX_ENROL_BATCH = 500;

/** How a visit's claim ended in the settlement system. */
export const HISTORY_OUTCOMES = ['APPROVED', 'REJECTED', 'REMITTED'] as const;
export type HistoryOutcome = (typeof HISTORY_OUTCOMES)[number];

export interface ImportCounts {
  prescriptions: number;
  dispenses: number;
  claims: number;
  transfers: number;
}

/** One imported batch: key batchId. A batch is imported once; its visits' records carry its id. */
export interface ImportBatchRecord {
  docType: 'import-batch';
  batchId: string;
  /** The importing insurer's region: every institution of the batch is in it. */
  region: string;
  /** sha256 of the canonical JSON of the batch's visits, to tell a resubmission from a different batch under a used id. */
  contentHash: string;
  visits: number;
  records: ImportCounts;
  /** The first and last visit date of the batch. */
  period: { from: string; to: string };
  recorded: Stamp;
}
