import type { Stamp } from './audit';
import type { ClaimRecord } from './claim';

/** A region's pooled fund as a party in transfers. */
export const fundOf = (region: string): string => `fund:${region}`;

export const TRANSFER_KINDS = ['claimPayment', 'clearing', 'recovery'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** What a recovery rests on: the rule broken, why, and where the evidence is kept. */
export interface RecoveryBasis {
  ruleId: string;
  reason: string;
  evidenceRef: string;
}

/**
 * A movement of money, the edge investigators trace (FT-01): a treatment region's fund paying an
 * institution for a claim, one region's fund clearing what another advanced for its insured, or
 * an institution paying back to the fund what a claim found fraudulent had drawn (CR-10, FT-02).
 */
export interface TransferRecord {
  docType: 'transfer';
  transferId: string;
  kind: TransferKind;
  /** The payer: a fund ('fund:310000') for a claim payment or clearing, the institution for a recovery. */
  fromParty: string;
  /** The payee: the institution for a claim payment, a fund for clearing and recovery. */
  toParty: string;
  amountFen: number;
  claimIds: string[];
  batchId?: string;
  /** The bank or treasury reference of the real payment. */
  paymentRef: string;
  /** China date of the transfer, for by-date queries. */
  date: string;
  executed: Stamp;
  /** A recovery's grounds. */
  basis?: RecoveryBasis;
}

/**
 * A fund share one region gives back to another in clearing: a cross-region claim cleared in a
 * batch (the insured region paid the treatment region for it) and recovered afterwards (the
 * institution paid the treatment region's fund back), so the treatment region holds the share
 * twice. The next batch between the two regions nets it in the other direction.
 */
export interface ClearingReturn {
  claimId: string;
  /** The treatment region, which gives the share back. */
  fromRegion: string;
  /** The insured region, which paid it in the earlier batch. */
  toRegion: string;
  amountFen: number;
}

/** A clearing return as recorded at recovery; key: claimId (a claim is recovered once). */
export interface ClearingReturnRecord extends ClearingReturn {
  docType: 'clearing-return';
  /** The batch that cleared the claim. */
  clearedBatchId: string;
  recoveryTransferId: string;
  /** The batch that nets it, once one is proposed; a rejected batch frees it again. */
  batchId?: string;
  recorded: Stamp;
  updated: Stamp;
}

/** Settlement.Pay's answer. */
export interface PaymentResult {
  claim: ClaimRecord;
  transfer: TransferRecord;
}

/**
 * Settlement.Recover's answer: the RECOVERED claim and the reverse transfer; for a cross-region
 * claim already cleared, also what the treatment region now owes the insured region back.
 */
export interface RecoveryResult {
  claim: ClaimRecord;
  transfer: TransferRecord;
  clearingReturn?: ClearingReturnRecord;
}
