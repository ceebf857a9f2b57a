import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { SettlementApi } from '../api/settlement-api';
import { authorise, stampOf } from '../ledger/caller';
import { conflict, forbidden, ruleViolation } from '../ledger/errors';
import { emit } from '../ledger/events';
import { insurerRegionOf, isInsurerOf, isStaffOf } from '../ledger/parties';
import { txTimeMs } from '../ledger/time';
import { argsOf } from '../ledger/transaction-input';
import type { Page } from '../model/audit';
import { MAX_BATCH_CLAIMS, type BatchRecord, type ClearableSummary, type ClearingResult } from '../model/batch';
import type { PaymentResult, RecoveryResult, TransferRecord } from '../model/transfer';
import { withStatus } from '../rules/claim-status';
import { balanceMismatches, batchClaimRefusal, checkCounterparty, checkDeclaredRegions, clearingClaimOf, clearingPositions, returnLineOf } from '../rules/clearing';
import { chinaDateOf } from '../rules/dates';
import { clearingReturnOf, recoveredClaim, recoveryRefusal, recoveryTransfer } from '../rules/recovery';
import { batchDecisionRefusal, clearingTransfer, paymentRefusal, paymentTransfer } from '../rules/settlement';
import { batches, batchesOfRegion, clearableBetween } from '../stores/batches';
import { claims } from '../stores/claims';
import { clearingReturns, returnsWaitingBetween } from '../stores/clearing-returns';
import { transfers } from '../stores/transfers';

@Info({ title: 'Settlement', description: 'Paying institutions for approved claims and clearing cross-region claims between regions in batches' })
export class SettlementContract extends Contract {
  constructor() {
    super('Settlement');
  }

  /**
   * The treatment region's fund pays the institution the claim's fund share (XR-03), once: the
   * claim must be APPROVED and becomes REMITTED. A cross-region claim then awaits clearing.
   */
  @Transaction()
  async Pay(ctx: Context, args: string): Promise<PaymentResult> {
    const actor = await authorise(ctx, SettlementApi.Pay);
    const { claimId, transferId, paymentRef } = argsOf(SettlementApi.Pay, args);
    const claim = await claims.mustGet(ctx, claimId);
    const refusal = paymentRefusal(claim, insurerRegionOf(actor));
    if (refusal) throw refusal;
    if (await transfers.exists(ctx, transferId)) throw conflict(`transfer ${transferId} already exists`);
    const stamp = stampOf(ctx, actor);
    const transfer = paymentTransfer(claim, transferId, paymentRef, chinaDateOf(txTimeMs(ctx)), stamp);
    const paid = withStatus({ ...claim, transferIds: [...claim.transferIds, transferId] }, 'REMITTED', `paid ${transfer.amountFen} fen by transfer ${transferId}`, stamp);
    await transfers.save(ctx, transfer);
    await claims.save(ctx, paid, claim);
    emit(ctx, 'ClaimRemitted', { claimId, transferId });
    return { claim: paid, transfer };
  }

  /**
   * A paid claim found fraudulent (CR-10, FT-02): the institution pays the treatment region's
   * fund back the fund share, by a reverse transfer linked to the claim, and the claim becomes
   * RECOVERED, never to be paid or recovered again. A cross-region claim not yet batched stops
   * being clearable; one already cleared leaves a return the next batch gives back to the
   * insured region.
   */
  @Transaction()
  async Recover(ctx: Context, args: string): Promise<RecoveryResult> {
    const actor = await authorise(ctx, SettlementApi.Recover);
    const { claimId, transferId, paymentRef, ...basis } = argsOf(SettlementApi.Recover, args);
    const claim = await claims.mustGet(ctx, claimId);
    const batch = claim.batchId === undefined ? undefined : await batches.mustGet(ctx, claim.batchId);
    const refusal = recoveryRefusal(claim, insurerRegionOf(actor), batch);
    if (refusal) throw refusal;
    if (await transfers.exists(ctx, transferId)) throw conflict(`transfer ${transferId} already exists`);
    const stamp = stampOf(ctx, actor);
    const transfer = recoveryTransfer(claim, transferId, paymentRef, basis, chinaDateOf(txTimeMs(ctx)), stamp);
    const recovered = recoveredClaim(claim, transfer, stamp);
    const clearingReturn = clearingReturnOf(claim, batch, transferId, stamp);
    await transfers.save(ctx, transfer);
    await claims.save(ctx, recovered, claim);
    if (clearingReturn) await clearingReturns.save(ctx, clearingReturn);
    emit(ctx, 'ClaimRecovered', { claimId, transferId, institutionId: claim.institutionId, ...(clearingReturn ? { returnedBy: clearingReturn.fromRegion } : {}) });
    return clearingReturn ? { claim: recovered, transfer, clearingReturn } : { claim: recovered, transfer };
  }

  /** What a batch between the caller's region and another would hold now: both directions, gross and net. */
  @Transaction(false)
  async Clearable(ctx: Context, args: string): Promise<ClearableSummary> {
    const actor = await authorise(ctx, SettlementApi.Clearable);
    const { counterpartyRegion } = argsOf(SettlementApi.Clearable, args);
    const region = insurerRegionOf(actor);
    checkCounterparty(region, counterpartyRegion);
    const clearable = await clearableBetween(ctx, region, counterpartyRegion);
    const returns = (await returnsWaitingBetween(ctx, region, counterpartyRegion)).map(returnLineOf);
    const positions = clearingPositions(region, counterpartyRegion, clearable.map(clearingClaimOf), returns);
    return { region, counterpartyRegion, claimIds: clearable.map((c) => c.claimId), ...(returns.length > 0 ? { returns } : {}), ...positions };
  }

  /**
   * Proposes a bilateral clearing batch of the listed claims or, without a list, of every claim
   * waiting between the two regions (up to the batch limit). Every claim must be remitted, lie
   * between the two regions and be in no other batch. The batch also takes every clearing return
   * waiting between the two regions (up to the limit), so a recovered share goes back with the
   * next batch whichever claims it lists. Amounts declared per region must equal the sum of the
   * fund shares of its insured's claims plus the returns it gives back, or the batch is refused
   * as unbalanced.
   */
  @Transaction()
  async ProposeBatch(ctx: Context, args: string): Promise<BatchRecord> {
    const actor = await authorise(ctx, SettlementApi.ProposeBatch);
    const { batchId, counterpartyRegion, claimIds, owedFenByRegion } = argsOf(SettlementApi.ProposeBatch, args);
    const region = insurerRegionOf(actor);
    checkCounterparty(region, counterpartyRegion);
    if (owedFenByRegion) checkDeclaredRegions(owedFenByRegion, [region, counterpartyRegion]);
    if (await batches.exists(ctx, batchId)) throw conflict(`batch ${batchId} already exists`);
    const members = claimIds
      ? await Promise.all(claimIds.map((id) => claims.mustGet(ctx, id)))
      : await clearableBetween(ctx, region, counterpartyRegion, MAX_BATCH_CLAIMS);
    const waiting = await returnsWaitingBetween(ctx, region, counterpartyRegion, MAX_BATCH_CLAIMS);
    if (members.length === 0 && waiting.length === 0) throw conflict(`no claims between ${region} and ${counterpartyRegion} are waiting to be cleared`);
    for (const claim of members) {
      const refusal = batchClaimRefusal(claim, region, counterpartyRegion);
      if (refusal) throw refusal;
    }
    const returns = waiting.map(returnLineOf);
    const positions = clearingPositions(region, counterpartyRegion, members.map(clearingClaimOf), returns);
    const mismatches = owedFenByRegion ? balanceMismatches(positions.owedFenByRegion, owedFenByRegion) : [];
    if (mismatches.length > 0) throw ruleViolation(`batch ${batchId} does not balance: ${mismatches.join('; ')}`);

    const stamp = stampOf(ctx, actor);
    const batch: BatchRecord = {
      docType: 'batch',
      batchId,
      proposerRegion: region,
      counterpartyRegion,
      claimIds: members.map((c) => c.claimId),
      ...(returns.length > 0 ? { returns } : {}),
      ...positions,
      status: 'PROPOSED',
      proposed: stamp,
    };
    await batches.save(ctx, batch);
    for (const claim of members) await claims.save(ctx, { ...claim, batchId, updated: stamp }, claim);
    for (const r of waiting) await clearingReturns.save(ctx, { ...r, batchId, updated: stamp }, r);
    emit(ctx, 'BatchProposed', { batchId, proposerRegion: region, counterpartyRegion });
    return batch;
  }

  /**
   * The counterparty's insurer confirms: the batch is CLEARED and the net payer's fund pays the
   * net payee's fund. `transferId` names that transfer; when the net is zero nothing moves and it
   * is not used.
   */
  @Transaction()
  async ConfirmBatch(ctx: Context, args: string): Promise<ClearingResult> {
    const actor = await authorise(ctx, SettlementApi.ConfirmBatch);
    const { batchId, transferId, paymentRef } = argsOf(SettlementApi.ConfirmBatch, args);
    const batch = await batches.mustGet(ctx, batchId);
    const refusal = batchDecisionRefusal(batch, insurerRegionOf(actor), 'confirms');
    if (refusal) throw refusal;
    const stamp = stampOf(ctx, actor);
    const transfer = clearingTransfer(batch, transferId, paymentRef, chinaDateOf(txTimeMs(ctx)), stamp);
    if (transfer && (await transfers.exists(ctx, transferId))) throw conflict(`transfer ${transferId} already exists`);
    const cleared: BatchRecord = { ...batch, status: 'CLEARED', decided: stamp, ...(transfer ? { transferId } : {}) };
    if (transfer) await transfers.save(ctx, transfer);
    await batches.save(ctx, cleared, batch);
    emit(ctx, 'BatchCleared', { batchId, transferId: cleared.transferId });
    return transfer ? { batch: cleared, transfer } : { batch: cleared };
  }

  /** The counterparty refuses a proposed batch; its claims and returns wait for another batch again. */
  @Transaction()
  async RejectBatch(ctx: Context, args: string): Promise<BatchRecord> {
    const actor = await authorise(ctx, SettlementApi.RejectBatch);
    const { batchId, reason } = argsOf(SettlementApi.RejectBatch, args);
    const batch = await batches.mustGet(ctx, batchId);
    const refusal = batchDecisionRefusal(batch, insurerRegionOf(actor), 'rejects');
    if (refusal) throw refusal;
    const stamp = stampOf(ctx, actor);
    for (const claimId of batch.claimIds) {
      const claim = await claims.mustGet(ctx, claimId);
      const freed = { ...claim, updated: stamp };
      delete freed.batchId;
      await claims.save(ctx, freed, claim);
    }
    for (const { claimId } of batch.returns ?? []) {
      const owed = await clearingReturns.mustGet(ctx, claimId);
      const freed = { ...owed, updated: stamp };
      delete freed.batchId;
      await clearingReturns.save(ctx, freed, owed);
    }
    const rejected: BatchRecord = { ...batch, status: 'REJECTED', rejectReason: reason, decided: stamp };
    await batches.save(ctx, rejected, batch);
    emit(ctx, 'BatchRejected', { batchId });
    return rejected;
  }

  /** A batch, for the insurers of its two regions and investigators. */
  @Transaction(false)
  async GetBatch(ctx: Context, args: string): Promise<BatchRecord> {
    const actor = await authorise(ctx, SettlementApi.GetBatch);
    const batch = await batches.mustGet(ctx, argsOf(SettlementApi.GetBatch, args).batchId);
    if (actor.role !== 'investigator' && !isInsurerOf(actor, batch.proposerRegion, batch.counterpartyRegion)) {
      throw forbidden(`batch ${batch.batchId} is visible to its two insurers and investigators`);
    }
    return batch;
  }

  @Transaction(false)
  async ListBatches(ctx: Context, args: string): Promise<Page<BatchRecord>> {
    const actor = await authorise(ctx, SettlementApi.ListBatches);
    const { region, pageSize, bookmark } = argsOf(SettlementApi.ListBatches, args);
    if (actor.role !== 'investigator' && !isInsurerOf(actor, region)) throw forbidden(`only the insurer of ${region} or an investigator lists its batches`);
    return batchesOfRegion(ctx, region, { pageSize, bookmark });
  }

  /** A transfer, for insurers, investigators and the staff of the institution it paid or that paid it back. */
  @Transaction(false)
  async GetTransfer(ctx: Context, args: string): Promise<TransferRecord> {
    const actor = await authorise(ctx, SettlementApi.GetTransfer);
    const transfer = await transfers.mustGet(ctx, argsOf(SettlementApi.GetTransfer, args).transferId);
    if (actor.role !== 'insurer' && actor.role !== 'investigator' && !isStaffOf(actor, transfer.toParty) && !isStaffOf(actor, transfer.fromParty)) {
      throw forbidden(`transfer ${transfer.transferId} is not visible to ${actor.role} of ${actor.mspId}`);
    }
    return transfer;
  }
}
