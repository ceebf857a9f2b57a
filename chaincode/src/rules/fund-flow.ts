import type { BatchRecord } from '../model/batch';
import type { ClaimRecord } from '../model/claim';
import type { ClearingReturnTrace, FundFlow } from '../model/trace';
import type { TransferRecord } from '../model/transfer';

/** The records a claim's money touched, as the trace query read them. */
export interface FundFlowRecords {
  payments: TransferRecord[];
  batch?: BatchRecord;
  clearings?: TransferRecord[];
  recovery?: TransferRecord;
  clearingReturn?: ClearingReturnTrace;
}

/**
 * Where a claim's money went (FT-01): its payments, what the payee received, its clearing once
 * batched, and, once recovered, the money that came back and what clearing gives back for it.
 */
export function fundFlowOf(claim: ClaimRecord, records: FundFlowRecords): FundFlow {
  const { payments, batch, clearings, recovery, clearingReturn } = records;
  const flow: FundFlow = {
    claimId: claim.claimId,
    status: claim.status,
    patientRef: claim.patientRef,
    insuredRegion: claim.insuredRegion,
    treatmentRegion: claim.treatmentRegion,
    amounts: claim.amounts,
    statusHistory: claim.statusHistory,
    payments,
    payee: { party: claim.institutionId, receivedFen: payments.reduce((sum, t) => sum + t.amountFen, 0) },
  };
  if (batch) flow.batch = batch;
  if (clearings && clearings.length > 0) flow.clearings = clearings;
  if (recovery) {
    flow.recovery = recovery;
    flow.payee.recoveredFen = recovery.amountFen;
  }
  if (clearingReturn) flow.clearingReturn = clearingReturn;
  return flow;
}
