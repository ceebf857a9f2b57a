import type { Stamp } from './audit';
import type { ClearingReturn, TransferRecord } from './transfer';

export const BATCH_STATUSES = ['PROPOSED', 'CLEARED', 'REJECTED'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** Claims one batch may hold: one proposal stays well inside a transaction's read and write sets. */
export const MAX_BATCH_CLAIMS = 500;
/** Regions one batch may net: every province-level region of China (31) and one more. */
export const MAX_BATCH_REGIONS = 32;

/** One fund paying another once the batch's debts are netted (one leg of the settlement plan). */
export interface NetPosition {
  payerRegion: string;
  payeeRegion: string;
  amountFen: number;
}

/** What one region owes another before netting: the fund shares of its insured's claims treated there, and returns. */
export interface GrossDebt {
  debtorRegion: string;
  creditorRegion: string;
  amountFen: number;
}

/** One region's confirmation of its part of a batch. */
export interface BatchConfirmation {
  region: string;
  /** The bank or treasury reference of the region's payment, if it pays. */
  paymentRef: string;
  confirmed: Stamp;
}

/**
 * A multilateral clearing batch among two or more regions' insurers. It lists remitted
 * cross-region claims treated in one of its regions for another's insured; each region owes
 * the fund shares of its own insured's claims (XR-03/04). The debts are netted: each region's
 * net position is what it is owed minus what it owes, and the plan moves money only from net
 * debtors to net creditors, one transfer per debtor → creditor pair. The proposer writes it;
 * every other region of the batch confirms its part, and the last confirmation clears it and
 * writes every transfer of the plan at once; one rejection rejects it.
 */
export interface BatchRecord {
  docType: 'batch';
  batchId: string;
  proposerRegion: string;
  /** Every region party to the batch, the proposer's included, in code order. */
  regions: string[];
  claimIds: string[];
  /**
   * Fund shares of recovered claims an earlier batch cleared, which their treatment region gives
   * back (CR-10); absent when there are none. A batch takes every return waiting among its
   * regions, up to the batch limit.
   */
  returns?: ClearingReturn[];
  /** Gross amount each region owes all the others: the fund shares of its insured's claims, plus the returns it gives back. */
  owedFenByRegion: Record<string, number>;
  /** Gross debts per ordered pair of regions (pairs owing nothing left out), by debtor then creditor. */
  grossFen: GrossDebt[];
  /** Each region's net position: positive it receives, negative it pays; they sum to zero. */
  netFenByRegion: Record<string, number>;
  /** The settlement plan: one transfer per net debtor → net creditor pair; empty when every position is zero. */
  legs: NetPosition[];
  status: BatchStatus;
  proposed: Stamp;
  /** Regions still to confirm; the batch clears when none is left. */
  awaiting: string[];
  confirmations: BatchConfirmation[];
  decided?: Stamp;
  rejectReason?: string;
  /** The plan's transfers, in leg order, once cleared. */
  transferIds?: string[];
}

/** Settlement.ConfirmBatch's answer: the plan's transfers when this confirmation cleared the batch. */
export interface ClearingResult {
  batch: BatchRecord;
  transfers: TransferRecord[];
}

/** Settlement.Clearable's answer: what a batch among the caller's region and others would hold now. */
export interface ClearableSummary {
  region: string;
  regions: string[];
  claimIds: string[];
  /** Clearing returns waiting among the regions; absent when there are none. */
  returns?: ClearingReturn[];
  owedFenByRegion: Record<string, number>;
  grossFen: GrossDebt[];
  netFenByRegion: Record<string, number>;
  legs: NetPosition[];
}
