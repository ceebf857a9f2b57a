import type { BatchRecord } from '../model/batch';
import type { ClaimRecord } from '../model/claim';
import type { FundFlow } from '../model/trace';
import type { TransferRecord } from '../model/transfer';

/** Where a claim's money went (FT-01): its payments, what the payee received, and its clearing once batched. */
export function fundFlowOf(claim: ClaimRecord, payments: TransferRecord[], batch?: BatchRecord, clearing?: TransferRecord): FundFlow {
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
  if (clearing) flow.clearing = clearing;
  return flow;
}
