/** Settlement: paying institutions for approved claims and clearing cross-region claims in batches. */
import { Type } from '@sinclair/typebox';
import type { Page } from '../model/audit';
import { MAX_BATCH_CLAIMS, MAX_BATCH_REGIONS, type BatchRecord, type ClearableSummary, type ClearingResult } from '../model/batch';
import type { PaymentResult, RecoveryResult, TransferRecord } from '../model/transfer';
import { Closed, Distinct, Fen, Id, Paging, PaymentRef, Region, RuleId, Text } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

/** The id a batch's clearing transfers are named from: -2, -3 … are appended for a plan's further legs. */
const LegTransferId = Type.String({ pattern: '^[A-Za-z0-9._:-]{1,60}$', description: '1-60 letters, digits, dot, colon, dash or underscore' });

/** What each region owes by the proposer's count, keyed by region; a region outside the batch is refused by the contract. */
const OwedFenByRegion = Type.Record(Region, Fen, { additionalProperties: false, description: 'an object of fen owed keyed by six-digit region' });

export const SettlementApi = {
  Pay: submitTx('Settlement:Pay', {
    args: Closed({ claimId: Id, transferId: Id, paymentRef: PaymentRef }),
    result: returns<PaymentResult>(),
  }),
  /** The institution pays back the fund share of a paid claim found fraudulent; the claim becomes RECOVERED. */
  Recover: submitTx('Settlement:Recover', {
    args: Closed({ claimId: Id, transferId: Id, paymentRef: PaymentRef, ruleId: RuleId, reason: Text(500), evidenceRef: Text(256) }),
    result: returns<RecoveryResult>(),
  }),
  Clearable: evaluateTx('Settlement:Clearable', {
    args: Closed({ counterpartyRegion: Region }),
    result: returns<ClearableSummary>(),
  }),
  /**
   * A batch among the caller's region and the others: `counterpartyRegion` for one, `regions`
   * for several. Without claimIds it takes every clearable claim among them, up to the batch limit.
   */
  ProposeBatch: submitTx('Settlement:ProposeBatch', {
    args: Closed({
      batchId: Id,
      counterpartyRegion: Type.Optional(Region),
      regions: Type.Optional(Distinct(Region, 1, MAX_BATCH_REGIONS - 1)),
      claimIds: Type.Optional(Distinct(Id, 1, MAX_BATCH_CLAIMS)),
      owedFenByRegion: Type.Optional(OwedFenByRegion),
    }),
    result: returns<BatchRecord>(),
  }),
  /** A region of the batch confirms its part; the last confirmation clears the batch and writes the plan's transfers. */
  ConfirmBatch: submitTx('Settlement:ConfirmBatch', {
    args: Closed({ batchId: Id, transferId: LegTransferId, paymentRef: PaymentRef }),
    result: returns<ClearingResult>(),
  }),
  RejectBatch: submitTx('Settlement:RejectBatch', {
    args: Closed({ batchId: Id, reason: Text(500) }),
    result: returns<BatchRecord>(),
  }),
  GetBatch: evaluateTx('Settlement:GetBatch', { args: Closed({ batchId: Id }), result: returns<BatchRecord>() }),
  ListBatches: evaluateTx('Settlement:ListBatches', {
    args: Closed({ region: Region, ...Paging }),
    result: returns<Page<BatchRecord>>(),
  }),
  GetTransfer: evaluateTx('Settlement:GetTransfer', { args: Closed({ transferId: Id }), result: returns<TransferRecord>() }),
} as const;
