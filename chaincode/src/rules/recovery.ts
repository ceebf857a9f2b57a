/**
 * Recovery of a claim found fraudulent after payment (CR-10 追回基金, FT-02): when it may be
 * recovered, the reverse transfer, the claim it leaves, and what clearing owes back. Pure; the
 * Settlement contract reads and saves.
 */
import { ChaincodeError, conflict, forbidden } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { BatchRecord } from '../model/batch';
import type { ClaimRecord } from '../model/claim';
import { fundOf, type ClearingReturnRecord, type RecoveryBasis, type TransferRecord } from '../model/transfer';
import { withStatus } from './claim-status';

/**
 * Only the insurer of the treatment region, whose fund paid, recovers; only a paid (REMITTED)
 * claim, once. `batch` is the claim's clearing batch, if it is in one: while that batch is still
 * PROPOSED the counterparty is about to pay for the claim, so it must be decided first (rejected,
 * or cleared, after which the next batch gives the share back).
 */
export function recoveryRefusal(claim: ClaimRecord, insurerRegion: string, batch?: BatchRecord): ChaincodeError | undefined {
  if (claim.treatmentRegion !== insurerRegion) return forbidden(`only the insurer of treatment region ${claim.treatmentRegion} recovers claim ${claim.claimId}`);
  if (claim.status === 'RECOVERED') return conflict(`claim ${claim.claimId} was already recovered by transfer ${claim.recoveryTransferId}`);
  if (claim.status !== 'REMITTED') return conflict(`claim ${claim.claimId} is ${claim.status}; only a paid (REMITTED) claim is recovered`);
  if (claim.amounts.fundFen === 0) return conflict(`claim ${claim.claimId} drew nothing from the fund; there is nothing to recover`);
  if (batch?.status === 'PROPOSED') {
    return conflict(`claim ${claim.claimId} is in proposed clearing batch ${batch.batchId}; the batch must be confirmed or rejected before the claim is recovered`);
  }
  return undefined;
}

/** The institution pays the treatment region's fund back the whole fund share it was paid. */
export function recoveryTransfer(claim: ClaimRecord, transferId: string, paymentRef: string, basis: RecoveryBasis, date: string, stamp: Stamp): TransferRecord {
  return {
    docType: 'transfer',
    transferId,
    kind: 'recovery',
    fromParty: claim.institutionId,
    toParty: fundOf(claim.treatmentRegion),
    amountFen: claim.amounts.fundFen,
    claimIds: [claim.claimId],
    paymentRef,
    date,
    executed: stamp,
    basis,
  };
}

/** The claim RECOVERED, its history naming the transfer and the grounds. */
export function recoveredClaim(claim: ClaimRecord, transfer: TransferRecord, stamp: Stamp): ClaimRecord {
  const grounds = transfer.basis ? ` (${transfer.basis.ruleId}: ${transfer.basis.reason})` : '';
  const reason = `recovered ${transfer.amountFen} fen from ${transfer.fromParty} by transfer ${transfer.transferId}${grounds}`;
  return withStatus({ ...claim, recoveryTransferId: transfer.transferId }, 'RECOVERED', reason, stamp);
}

/**
 * What the treatment region owes the insured region back when the recovered claim was already
 * cleared in `batch`; undefined when it was not (a claim never batched simply stops being
 * clearable, since only REMITTED claims are).
 */
export function clearingReturnOf(claim: ClaimRecord, batch: BatchRecord | undefined, recoveryTransferId: string, stamp: Stamp): ClearingReturnRecord | undefined {
  if (batch?.status !== 'CLEARED') return undefined;
  return {
    docType: 'clearing-return',
    claimId: claim.claimId,
    fromRegion: claim.treatmentRegion,
    toRegion: claim.insuredRegion,
    amountFen: claim.amounts.fundFen,
    clearedBatchId: batch.batchId,
    recoveryTransferId,
    recorded: stamp,
    updated: stamp,
  };
}
