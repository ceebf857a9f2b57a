import type { Stamp } from './audit';
import type { ClearingReturn, TransferRecord } from './transfer';

export const BATCH_STATUSES = ['PROPOSED', 'CLEARED', 'REJECTED'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** Claims one batch may hold: one proposal stays well inside a transaction's read and write sets. */
export const MAX_BATCH_CLAIMS = 500;

/** Who pays whom once two regions' debts are netted. */
export interface NetPosition {
  payerRegion: string;
  payeeRegion: string;
  amountFen: number;
}

/**
 * A bilateral clearing batch between two regions' insurers. It lists remitted cross-region claims
 * treated in either region for the other's insured; each region owes the fund shares of its own
 * insured's claims, and only the difference moves (XR-03/04). The proposer writes it, the
 * counterparty confirms or rejects it.
 */
export interface BatchRecord {
  docType: 'batch';
  batchId: string;
  proposerRegion: string;
  counterpartyRegion: string;
  claimIds: string[];
  /**
   * Fund shares of recovered claims an earlier batch cleared, which their treatment region gives
   * back (CR-10); absent when there are none. A batch takes every return waiting between its two
   * regions, up to the batch limit.
   */
  returns?: ClearingReturn[];
  /** Gross amount each region owes the other: the fund shares of its insured's claims, plus the returns it gives back. */
  owedFenByRegion: Record<string, number>;
  /** Absent when the two directions cancel exactly. */
  net?: NetPosition;
  status: BatchStatus;
  proposed: Stamp;
  decided?: Stamp;
  rejectReason?: string;
  /** The clearing transfer, once confirmed with a non-zero net. */
  transferId?: string;
}

/** Settlement.ConfirmBatch's answer; no transfer when the two directions cancel. */
export interface ClearingResult {
  batch: BatchRecord;
  transfer?: TransferRecord;
}

/** Settlement.Clearable's answer: what a batch between the caller's region and another would hold now. */
export interface ClearableSummary {
  region: string;
  counterpartyRegion: string;
  claimIds: string[];
  /** Clearing returns waiting between the two regions; absent when there are none. */
  returns?: ClearingReturn[];
  owedFenByRegion: Record<string, number>;
  net?: NetPosition;
}
