/**
 * The settlement acts' own rules: when a claim may be paid, when a batch may be decided, and the
 * transfers they write. Pure; the contract reads and saves.
 */
import { ChaincodeError, conflict, forbidden } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { BatchConfirmation, BatchRecord } from '../model/batch';
import type { ClaimRecord } from '../model/claim';
import { fundOf, type TransferRecord } from '../model/transfer';

/** Only the treatment region's insurer pays, and only an approved claim, once (XR-03). */
export function paymentRefusal(claim: ClaimRecord, insurerRegion: string): ChaincodeError | undefined {
  if (claim.treatmentRegion !== insurerRegion) return forbidden(`only the insurer of treatment region ${claim.treatmentRegion} pays claim ${claim.claimId}`);
  if (claim.status === 'REMITTED') return conflict(`claim ${claim.claimId} was already paid by transfer ${claim.transferIds.join(', ')}`);
  if (claim.status === 'RECOVERED') return conflict(`claim ${claim.claimId} was recovered by transfer ${claim.recoveryTransferId}; a recovered claim is never paid again`);
  if (claim.status !== 'APPROVED') return conflict(`claim ${claim.claimId} is ${claim.status}; only an approved claim is paid`);
  return undefined;
}

/** Only the insurer of a region of the batch other than the proposer's confirms or rejects its part, once, while the batch is proposed. */
export function batchDecisionRefusal(batch: BatchRecord, insurerRegion: string, act: 'confirms' | 'rejects'): ChaincodeError | undefined {
  const deciders = batch.regions.filter((r) => r !== batch.proposerRegion);
  const who = deciders.length === 1 ? `the insurer of ${deciders[0]}` : `the insurer of one of ${deciders.join(', ')}`;
  if (!deciders.includes(insurerRegion)) return forbidden(`only ${who} ${act} batch ${batch.batchId}`);
  if (batch.status !== 'PROPOSED') return conflict(`batch ${batch.batchId} is ${batch.status}`);
  if (!batch.awaiting.includes(insurerRegion)) return conflict(`region ${insurerRegion} has already confirmed its part of batch ${batch.batchId}`);
  return undefined;
}

/** A proposed batch with one region's confirmation; CLEARED, with its transfers named, when it was the last awaited. */
export function confirmedBatch(batch: BatchRecord, confirmation: BatchConfirmation, transferId: string): BatchRecord {
  const awaiting = batch.awaiting.filter((r) => r !== confirmation.region);
  const next: BatchRecord = { ...batch, awaiting, confirmations: [...batch.confirmations, confirmation] };
  if (awaiting.length > 0) return next;
  return { ...next, status: 'CLEARED', decided: confirmation.confirmed, transferIds: batch.legs.map((_, i) => legTransferId(transferId, i)) };
}

/** The transfer id of a plan's leg: the confirmation's id for the first, with -2, -3 … for the others. */
export const legTransferId = (transferId: string, leg: number): string => (leg === 0 ? transferId : `${transferId}-${leg + 1}`);

/** The treatment region's fund pays the institution the claim's fund share. */
export function paymentTransfer(claim: ClaimRecord, transferId: string, paymentRef: string, date: string, stamp: Stamp): TransferRecord {
  return {
    docType: 'transfer',
    transferId,
    kind: 'claimPayment',
    fromParty: fundOf(claim.treatmentRegion),
    toParty: claim.institutionId,
    amountFen: claim.amounts.fundFen,
    claimIds: [claim.claimId],
    paymentRef,
    date,
    executed: stamp,
  };
}

/**
 * The transfers of a cleared batch, one per leg of its plan: the payer's fund pays the payee's.
 * Each names the batch's claims and the recovered claims whose shares it gives back (netting
 * makes every leg settle the batch as a whole, not particular claims). A leg carries its payer's
 * own payment reference, or, for a payer that proposed the batch and so confirmed nothing, the
 * reference of the confirmation that cleared it.
 */
export function clearingTransfers(batch: BatchRecord, date: string, stamp: Stamp): TransferRecord[] {
  const last = batch.confirmations[batch.confirmations.length - 1];
  return batch.legs.map((leg, i) => ({
    docType: 'transfer',
    transferId: (batch.transferIds ?? [])[i],
    kind: 'clearing',
    fromParty: fundOf(leg.payerRegion),
    toParty: fundOf(leg.payeeRegion),
    amountFen: leg.amountFen,
    claimIds: [...batch.claimIds, ...(batch.returns ?? []).map((r) => r.claimId)],
    batchId: batch.batchId,
    paymentRef: (batch.confirmations.find((c) => c.region === leg.payerRegion) ?? last).paymentRef,
    date,
    executed: stamp,
  }));
}
