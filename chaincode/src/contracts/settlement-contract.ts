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
import { balanceMismatches, batchClaimRefusal, batchRegionsOf, checkDeclaredRegions, clearingClaimOf, clearingPlan, returnLineOf } from '../rules/clearing';
import { chinaDateOf } from '../rules/dates';
import { clearingReturnOf, recoveredClaim, recoveryRefusal, recoveryTransfer } from '../rules/recovery';
import { batchDecisionRefusal, clearingTransfers, confirmedBatch, paymentRefusal, paymentTransfer } from '../rules/settlement';
import { batches, batchesOfRegion, clearableAmong } from '../stores/batches';
import { claims } from '../stores/claims';
import { clearingReturns, returnsWaitingAmong } from '../stores/clearing-returns';
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

  /** What a batch between the caller's region and another would hold now: both directions, gross, net and the plan. */
  @Transaction(false)
  async Clearable(ctx: Context, args: string): Promise<ClearableSummary> {
    const actor = await authorise(ctx, SettlementApi.Clearable);
    const { counterpartyRegion } = argsOf(SettlementApi.Clearable, args);
    const region = insurerRegionOf(actor);
    const regions = batchRegionsOf(region, counterpartyRegion, undefined);
    const clearable = await clearableAmong(ctx, regions);
    const returns = (await returnsWaitingAmong(ctx, regions)).map(returnLineOf);
    const plan = clearingPlan(regions, clearable.map(clearingClaimOf), returns);
    return { region, regions, claimIds: clearable.map((c) => c.claimId), ...(returns.length > 0 ? { returns } : {}), ...plan };
  }

  /**
   * Proposes a clearing batch among the caller's region and one or more others, of the listed
   * claims or, without a list, of every claim waiting among them (up to the batch limit). Every
   * claim must be remitted, lie between two of the regions and be in no other batch. The batch
   * also takes every clearing return waiting among the regions (up to the limit), so a recovered
   * share goes back with the next batch whichever claims it lists. Amounts declared per region
   * must equal the sum of the fund shares of its insured's claims plus the returns it gives
   * back, or the batch is refused as unbalanced. The debts are netted into one transfer per net
   * debtor → net creditor pair; every region but the proposer's must confirm.
   */
  @Transaction()
  async ProposeBatch(ctx: Context, args: string): Promise<BatchRecord> {
    const actor = await authorise(ctx, SettlementApi.ProposeBatch);
    const { batchId, counterpartyRegion, regions: others, claimIds, owedFenByRegion } = argsOf(SettlementApi.ProposeBatch, args);
    const region = insurerRegionOf(actor);
    const regions = batchRegionsOf(region, counterpartyRegion, others);
    if (owedFenByRegion) checkDeclaredRegions(owedFenByRegion, regions);
    if (await batches.exists(ctx, batchId)) throw conflict(`batch ${batchId} already exists`);
    const members = claimIds ? await Promise.all(claimIds.map((id) => claims.mustGet(ctx, id))) : await clearableAmong(ctx, regions, MAX_BATCH_CLAIMS);
    const waiting = await returnsWaitingAmong(ctx, regions, MAX_BATCH_CLAIMS);
    if (members.length === 0 && waiting.length === 0) throw conflict(`no claims between ${regions.join(', ')} are waiting to be cleared`);
    for (const claim of members) {
      const refusal = batchClaimRefusal(claim, regions);
      if (refusal) throw refusal;
    }
    const returns = waiting.map(returnLineOf);
    const plan = clearingPlan(regions, members.map(clearingClaimOf), returns);
    const mismatches = owedFenByRegion ? balanceMismatches(plan.owedFenByRegion, owedFenByRegion) : [];
    if (mismatches.length > 0) throw ruleViolation(`batch ${batchId} does not balance: ${mismatches.join('; ')}`);

    const stamp = stampOf(ctx, actor);
    const batch: BatchRecord = {
      docType: 'batch',
      batchId,
      proposerRegion: region,
      regions,
      claimIds: members.map((c) => c.claimId),
      ...(returns.length > 0 ? { returns } : {}),
      ...plan,
      status: 'PROPOSED',
      proposed: stamp,
      awaiting: regions.filter((r) => r !== region),
      confirmations: [],
    };
    await batches.save(ctx, batch);
    for (const claim of members) await claims.save(ctx, { ...claim, batchId, updated: stamp }, claim);
    for (const r of waiting) await clearingReturns.save(ctx, { ...r, batchId, updated: stamp }, r);
    emit(ctx, 'BatchProposed', { batchId, proposerRegion: region, regions, legs: plan.legs.length });
    return batch;
  }

  /**
   * The insurer of one of the batch's other regions confirms its part. The last confirmation
   * clears the batch: every leg of the plan becomes a fund-to-fund transfer in this one
   * transaction, named `transferId`, `transferId`-2, … in leg order; a plan with no legs (every
   * position nets to zero) moves nothing.
   */
  @Transaction()
  async ConfirmBatch(ctx: Context, args: string): Promise<ClearingResult> {
    const actor = await authorise(ctx, SettlementApi.ConfirmBatch);
    const { batchId, transferId, paymentRef } = argsOf(SettlementApi.ConfirmBatch, args);
    const batch = await batches.mustGet(ctx, batchId);
    const region = insurerRegionOf(actor);
    const refusal = batchDecisionRefusal(batch, region, 'confirms');
    if (refusal) throw refusal;
    const stamp = stampOf(ctx, actor);
    const next = confirmedBatch(batch, { region, paymentRef, confirmed: stamp }, transferId);
    const written = next.status === 'CLEARED' ? clearingTransfers(next, chinaDateOf(txTimeMs(ctx)), stamp) : [];
    for (const transfer of written) {
      if (await transfers.exists(ctx, transfer.transferId)) throw conflict(`transfer ${transfer.transferId} already exists`);
    }
    for (const transfer of written) await transfers.save(ctx, transfer);
    await batches.save(ctx, next, batch);
    if (next.status === 'CLEARED') emit(ctx, 'BatchCleared', { batchId, transferIds: next.transferIds ?? [] });
    else emit(ctx, 'BatchConfirmed', { batchId, region, awaiting: next.awaiting });
    return { batch: next, transfers: written };
  }

  /** The insurer of one of the batch's other regions refuses it: the whole batch is rejected, and its claims and returns wait for another batch again. */
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

  /** A batch, for the insurers of its regions and investigators. */
  @Transaction(false)
  async GetBatch(ctx: Context, args: string): Promise<BatchRecord> {
    const actor = await authorise(ctx, SettlementApi.GetBatch);
    const batch = await batches.mustGet(ctx, argsOf(SettlementApi.GetBatch, args).batchId);
    if (actor.role !== 'investigator' && !isInsurerOf(actor, ...batch.regions)) {
      throw forbidden(`batch ${batch.batchId} is visible to the insurers of its regions and investigators`);
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
