import type { BatchRecord } from './batch';
import type { ClaimAmounts, ClaimStatus, StatusChange } from './claim';
import type { ClearingReturnRecord, TransferRecord } from './transfer';

/** Trace.FundFlow: where a claim's money went (FT-01). */
export interface FundFlow {
  claimId: string;
  status: ClaimStatus;
  patientRef: string;
  insuredRegion: string;
  treatmentRegion: string;
  amounts: ClaimAmounts;
  statusHistory: StatusChange[];
  /** Treatment region fund → institution. */
  payments: TransferRecord[];
  /** What the institution received for the claim and, once recovered, what it paid back. */
  payee: { party: string; receivedFen: number; recoveredFen?: number };
  /** The clearing batch and the fund-to-fund transfers of its plan, for a cross-region claim once batched / cleared. */
  batch?: BatchRecord;
  clearings?: TransferRecord[];
  /** Institution → treatment region fund, once the claim is RECOVERED. */
  recovery?: TransferRecord;
  /** A recovered claim that had been cleared: the share its treatment region gives back, and the batch and transfer that do it. */
  clearingReturn?: ClearingReturnTrace;
}

export interface ClearingReturnTrace {
  record: ClearingReturnRecord;
  batch?: BatchRecord;
  clearings?: TransferRecord[];
}

/**
 * Trace.FundsReceived: the reverse trace, all money that reached a party in a period. The
 * optional fields echo the query; an absent one means any fund, or no bound on that side.
 */
export interface FundsReceived {
  party: string;
  fromFund?: string;
  /** First and last China date of the period, inclusive. */
  fromDate?: string;
  toDate?: string;
  /** Count and total of every matching transfer, across all pages. */
  count: number;
  totalFen: number;
  /** One page of them, oldest first. */
  transfers: TransferRecord[];
  /** Pass it back for the next page; '' on the last. */
  bookmark: string;
}

export const TIMELINE_ACTOR_TYPES = ['doctor', 'pharmacy', 'institution', 'patientRef'] as const;
export type TimelineActorType = (typeof TIMELINE_ACTOR_TYPES)[number];

export interface TimelineEntry {
  at: string;
  txId: string;
  kind: 'prescription' | 'dispense' | 'claim' | 'transfer' | 'filing' | 'complaint';
  id: string;
  /** What happened: a claim status, 'issued', 'dispensed', 'filed', 'responded', 'paid', 'recovered'. */
  action: string;
  amountFen?: number;
}

/** Trace.Timeline: everything on the ledger about one actor, oldest first. */
export interface Timeline {
  actorType: TimelineActorType;
  id: string;
  entries: TimelineEntry[];
}
