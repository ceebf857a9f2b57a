import type { Stamp } from './audit';
import type { ClaimRecord } from './claim';

/** A region's pooled fund as a party in transfers. */
export const fundOf = (region: string): string => `fund:${region}`;

export const TRANSFER_KINDS = ['claimPayment', 'clearing'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/**
 * A movement of money, the edge investigators trace (FT-01): a treatment region's fund paying an
 * institution for a claim, or one region's fund clearing what another advanced for its insured.
 */
export interface TransferRecord {
  docType: 'transfer';
  transferId: string;
  kind: TransferKind;
  /** e.g. 'fund:310000' */
  fromFund: string;
  /** institutionId for a claim payment, a fund for clearing. */
  toParty: string;
  amountFen: number;
  claimIds: string[];
  batchId?: string;
  /** The bank or treasury reference of the real payment. */
  paymentRef: string;
  /** China date of the transfer, for by-date queries. */
  date: string;
  executed: Stamp;
}

/** Settlement.Pay's answer. */
export interface PaymentResult {
  claim: ClaimRecord;
  transfer: TransferRecord;
}
