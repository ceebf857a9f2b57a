/**
 * The settlement acts' own rules: when a claim may be paid, when a batch may be decided, and the
 * transfers they write. Pure; the contract reads and saves.
 */
import { ChaincodeError, conflict, forbidden } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { BatchRecord } from '../model/batch';
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

/** Only the counterparty's insurer confirms or rejects, and only a batch still proposed. */
export function batchDecisionRefusal(batch: BatchRecord, insurerRegion: string, act: 'confirms' | 'rejects'): ChaincodeError | undefined {
  if (insurerRegion !== batch.counterpartyRegion) return forbidden(`only the insurer of ${batch.counterpartyRegion} ${act} batch ${batch.batchId}`);
  if (batch.status !== 'PROPOSED') return conflict(`batch ${batch.batchId} is ${batch.status}`);
  return undefined;
}

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
 * The net payer's fund pays the net payee's fund; undefined when the two directions cancel. The
 * transfer names the batch's claims and the recovered claims whose shares it gives back.
 */
export function clearingTransfer(batch: BatchRecord, transferId: string, paymentRef: string, date: string, stamp: Stamp): TransferRecord | undefined {
  if (!batch.net) return undefined;
  return {
    docType: 'transfer',
    transferId,
    kind: 'clearing',
    fromParty: fundOf(batch.net.payerRegion),
    toParty: fundOf(batch.net.payeeRegion),
    amountFen: batch.net.amountFen,
    claimIds: [...batch.claimIds, ...(batch.returns ?? []).map((r) => r.claimId)],
    batchId: batch.batchId,
    paymentRef,
    date,
    executed: stamp,
  };
}
