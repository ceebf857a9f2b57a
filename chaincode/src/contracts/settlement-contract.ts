import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { callerOf, stampOf } from '../ledger/caller';
import { conflict, forbidden, ruleViolation, validationError } from '../ledger/errors';
import { emit } from '../ledger/events';
import { deleteIndex, indexTails, mustRead, pageFromIndex, pageSizeOf, putIndex, putIndexWithSummary, recordExists, writeRecord } from '../ledger/state';
import { txTimeMs } from '../ledger/time';
import type { Page, Stamp } from '../model/audit';
import type { BatchRecord, ClearableSummary, ClearingResult } from '../model/batch';
import type { ClaimRecord } from '../model/claim';
import { fundOf, type PaymentResult, type TransferRecord } from '../model/transfer';
import { balanceMismatches, clearingPositions } from '../rules/clearing';
import { chinaDateOf } from '../rules/dates';
import { moveClaimStatus } from './claim-contract';
import { Fields, ID_RE, ID_RULE, REGION_RE, REGION_RULE, arg, isStaffOf, requireInsurer, textArg } from './insurance-support';

/**
 * [toParty, fromFund, date, transferId] → {amountFen, at}: money received by a party, by payer and
 * date (reverse trace). The summary lets the trace count and sum without reading every transfer.
 */
export const TRANSFER_BY_PAYEE = 'transfer-by-payee';
/** [treatmentRegion, insuredRegion, claimId]: remitted cross-region claims not yet in a live batch. */
export const CLAIM_CLEARABLE = 'claim-clearable';
/** [region, batchId]: batches a region is party to, proposer or counterparty. */
export const BATCH_BY_REGION = 'batch-by-region';

const PAYMENT_REF_RE = /^[A-Za-z0-9._:/-]{1,128}$/;
const PAYMENT_REF_RULE = '1-128 letters, digits, dot, colon, slash, dash or underscore';
const MAX_BATCH_CLAIMS = 500;

function newTransfer(ctx: Context, fields: Omit<TransferRecord, 'docType' | 'date' | 'executed'>, stamp: Stamp): TransferRecord {
  return { docType: 'transfer', ...fields, date: chinaDateOf(txTimeMs(ctx)), executed: stamp };
}

async function writeTransfer(ctx: Context, transfer: TransferRecord): Promise<void> {
  await writeRecord(ctx, 'transfer', transfer.transferId, transfer);
  await putIndexWithSummary(ctx, TRANSFER_BY_PAYEE, [transfer.toParty, transfer.fromFund, transfer.date, transfer.transferId], {
    amountFen: transfer.amountFen,
    at: transfer.executed.at,
  });
}

async function claimsBetween(ctx: Context, treatmentRegion: string, insuredRegion: string): Promise<ClaimRecord[]> {
  const tails = await indexTails(ctx, CLAIM_CLEARABLE, [treatmentRegion, insuredRegion]);
  return Promise.all(tails.map(([claimId]) => mustRead<ClaimRecord>(ctx, 'claim', claimId)));
}

function clearingClaim(claim: ClaimRecord): { claimId: string; insuredRegion: string; treatmentRegion: string; fundFen: number } {
  return { claimId: claim.claimId, insuredRegion: claim.insuredRegion, treatmentRegion: claim.treatmentRegion, fundFen: claim.amounts.fundFen };
}

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
  async Pay(ctx: Context, claimId: string, transferId: string, paymentRef: string): Promise<PaymentResult> {
    const { actor, region } = requireInsurer(ctx);
    arg(claimId, 'claimId', ID_RE, ID_RULE);
    arg(transferId, 'transferId', ID_RE, ID_RULE);
    arg(paymentRef, 'paymentRef', PAYMENT_REF_RE, PAYMENT_REF_RULE);
    const claim = await mustRead<ClaimRecord>(ctx, 'claim', claimId);
    if (claim.treatmentRegion !== region) throw forbidden(`only the insurer of treatment region ${claim.treatmentRegion} pays claim ${claimId}`);
    if (claim.status === 'REMITTED') throw conflict(`claim ${claimId} was already paid by transfer ${claim.transferIds.join(', ')}`);
    if (claim.status !== 'APPROVED') throw conflict(`claim ${claimId} is ${claim.status}; only an approved claim is paid`);
    if (await recordExists(ctx, 'transfer', transferId)) throw conflict(`transfer ${transferId} already exists`);
    const stamp = stampOf(ctx, actor);
    const transfer = newTransfer(
      ctx,
      { transferId, kind: 'claimPayment', fromFund: fundOf(region), toParty: claim.institutionId, amountFen: claim.amounts.fundFen, claimIds: [claimId], paymentRef },
      stamp,
    );
    claim.transferIds.push(transferId);
    await moveClaimStatus(ctx, claim, 'REMITTED', `paid ${transfer.amountFen} fen by transfer ${transferId}`, stamp);
    await writeTransfer(ctx, transfer);
    await writeRecord(ctx, 'claim', claimId, claim);
    if (claim.crossRegion) await putIndex(ctx, CLAIM_CLEARABLE, [claim.treatmentRegion, claim.insuredRegion, claimId]);
    emit(ctx, 'ClaimRemitted', { claimId, transferId });
    return { claim, transfer };
  }

  /** What a batch between the caller's region and another would hold now: both directions, gross and net. */
  @Transaction(false)
  async Clearable(ctx: Context, counterpartyRegion: string): Promise<ClearableSummary> {
    const { region } = requireInsurer(ctx);
    arg(counterpartyRegion, 'counterpartyRegion', REGION_RE, REGION_RULE);
    if (counterpartyRegion === region) throw validationError('counterpartyRegion must differ from the caller region');
    const claims = [...(await claimsBetween(ctx, region, counterpartyRegion)), ...(await claimsBetween(ctx, counterpartyRegion, region))];
    const positions = clearingPositions(region, counterpartyRegion, claims.map(clearingClaim));
    return { region, counterpartyRegion, claimIds: claims.map((c) => c.claimId), ...positions };
  }

  /**
   * Proposes a bilateral clearing batch. Every claim must be remitted, lie between the two regions
   * and be in no other batch; the declared amount each region owes must equal the sum of the fund
   * shares of its insured's claims, or the batch is refused as unbalanced.
   */
  @Transaction()
  async ProposeBatch(ctx: Context, batchJson: string): Promise<BatchRecord> {
    const { actor, region } = requireInsurer(ctx);
    const f = Fields.parse(batchJson, 'batch', ['batchId', 'counterpartyRegion', 'claimIds', 'owedFenByRegion']);
    const batchId = f.str('batchId', ID_RE, ID_RULE);
    const counterpartyRegion = f.str('counterpartyRegion', REGION_RE, REGION_RULE);
    if (counterpartyRegion === region) throw validationError('batch.counterpartyRegion must differ from the caller region');
    const claimIds = f.strings('claimIds', 1, MAX_BATCH_CLAIMS, ID_RE, ID_RULE);
    const owedFields = f.obj('owedFenByRegion', [region, counterpartyRegion]);
    const declared: Record<string, number> = {};
    for (const r of [region, counterpartyRegion]) {
      const fen = owedFields.optional(r, (name) => owedFields.int(name, 0, Number.MAX_SAFE_INTEGER));
      if (fen !== undefined) declared[r] = fen;
    }
    if (await recordExists(ctx, 'batch', batchId)) throw conflict(`batch ${batchId} already exists`);

    const claims: ClaimRecord[] = [];
    for (const claimId of claimIds) {
      const claim = await mustRead<ClaimRecord>(ctx, 'claim', claimId);
      if (claim.batchId !== undefined) throw conflict(`claim ${claimId} is already in batch ${claim.batchId}`);
      if (claim.status !== 'REMITTED') throw conflict(`claim ${claimId} is ${claim.status}; only remitted claims are cleared`);
      const between =
        claim.crossRegion &&
        [claim.insuredRegion, claim.treatmentRegion].includes(region) &&
        [claim.insuredRegion, claim.treatmentRegion].includes(counterpartyRegion);
      if (!between) throw ruleViolation(`claim ${claimId} is not a cross-region claim between ${region} and ${counterpartyRegion}`);
      claims.push(claim);
    }
    const positions = clearingPositions(region, counterpartyRegion, claims.map(clearingClaim));
    const mismatches = balanceMismatches(positions.owedFenByRegion, declared);
    if (mismatches.length > 0) throw ruleViolation(`batch ${batchId} does not balance: ${mismatches.join('; ')}`);

    const stamp = stampOf(ctx, actor);
    const batch: BatchRecord = {
      docType: 'batch',
      batchId,
      proposerRegion: region,
      counterpartyRegion,
      claimIds,
      owedFenByRegion: positions.owedFenByRegion,
      net: positions.net,
      status: 'PROPOSED',
      proposed: stamp,
    };
    await writeRecord(ctx, 'batch', batchId, batch);
    await putIndex(ctx, BATCH_BY_REGION, [region, batchId]);
    await putIndex(ctx, BATCH_BY_REGION, [counterpartyRegion, batchId]);
    for (const claim of claims) {
      claim.batchId = batchId;
      claim.updated = stamp;
      await writeRecord(ctx, 'claim', claim.claimId, claim);
      await deleteIndex(ctx, CLAIM_CLEARABLE, [claim.treatmentRegion, claim.insuredRegion, claim.claimId]);
    }
    emit(ctx, 'BatchProposed', { batchId, proposerRegion: region, counterpartyRegion });
    return batch;
  }

  /**
   * The counterparty's insurer confirms: the batch is CLEARED and the net payer's fund pays the
   * net payee's fund. `transferId` names that transfer; when the net is zero nothing moves and it
   * is not used.
   */
  @Transaction()
  async ConfirmBatch(ctx: Context, batchId: string, transferId: string, paymentRef: string): Promise<ClearingResult> {
    const { actor, region } = requireInsurer(ctx);
    arg(batchId, 'batchId', ID_RE, ID_RULE);
    arg(transferId, 'transferId', ID_RE, ID_RULE);
    arg(paymentRef, 'paymentRef', PAYMENT_REF_RE, PAYMENT_REF_RULE);
    const batch = await mustRead<BatchRecord>(ctx, 'batch', batchId);
    if (region !== batch.counterpartyRegion) throw forbidden(`only the insurer of ${batch.counterpartyRegion} confirms batch ${batchId}`);
    if (batch.status !== 'PROPOSED') throw conflict(`batch ${batchId} is ${batch.status}`);
    const stamp = stampOf(ctx, actor);
    let transfer: TransferRecord | undefined;
    if (batch.net) {
      if (await recordExists(ctx, 'transfer', transferId)) throw conflict(`transfer ${transferId} already exists`);
      transfer = newTransfer(
        ctx,
        {
          transferId,
          kind: 'clearing',
          fromFund: fundOf(batch.net.payerRegion),
          toParty: fundOf(batch.net.payeeRegion),
          amountFen: batch.net.amountFen,
          claimIds: batch.claimIds,
          batchId,
          paymentRef,
        },
        stamp,
      );
      await writeTransfer(ctx, transfer);
      batch.transferId = transferId;
    }
    batch.status = 'CLEARED';
    batch.decided = stamp;
    await writeRecord(ctx, 'batch', batchId, batch);
    emit(ctx, 'BatchCleared', { batchId, transferId: batch.transferId });
    return transfer ? { batch, transfer } : { batch };
  }

  /** The counterparty refuses a proposed batch; its claims become clearable again. */
  @Transaction()
  async RejectBatch(ctx: Context, batchId: string, reason: string): Promise<BatchRecord> {
    const { actor, region } = requireInsurer(ctx);
    arg(batchId, 'batchId', ID_RE, ID_RULE);
    textArg(reason, 'reason', 500, true);
    const batch = await mustRead<BatchRecord>(ctx, 'batch', batchId);
    if (region !== batch.counterpartyRegion) throw forbidden(`only the insurer of ${batch.counterpartyRegion} rejects batch ${batchId}`);
    if (batch.status !== 'PROPOSED') throw conflict(`batch ${batchId} is ${batch.status}`);
    const stamp = stampOf(ctx, actor);
    for (const claimId of batch.claimIds) {
      const claim = await mustRead<ClaimRecord>(ctx, 'claim', claimId);
      delete claim.batchId;
      claim.updated = stamp;
      await writeRecord(ctx, 'claim', claimId, claim);
      await putIndex(ctx, CLAIM_CLEARABLE, [claim.treatmentRegion, claim.insuredRegion, claimId]);
    }
    batch.status = 'REJECTED';
    batch.rejectReason = reason;
    batch.decided = stamp;
    await writeRecord(ctx, 'batch', batchId, batch);
    emit(ctx, 'BatchRejected', { batchId });
    return batch;
  }

  @Transaction(false)
  async GetBatch(ctx: Context, batchId: string): Promise<BatchRecord> {
    const actor = callerOf(ctx);
    const batch = await mustRead<BatchRecord>(ctx, 'batch', arg(batchId, 'batchId', ID_RE, ID_RULE));
    const party = actor.role === 'insurer' && [batch.proposerRegion, batch.counterpartyRegion].includes(actor.region ?? '');
    if (!party && actor.role !== 'investigator') throw forbidden(`batch ${batchId} is visible to its two insurers and investigators`);
    return batch;
  }

  @Transaction(false)
  async ListBatches(ctx: Context, region: string, pageSize: string, bookmark: string): Promise<Page<BatchRecord>> {
    const actor = callerOf(ctx);
    arg(region, 'region', REGION_RE, REGION_RULE);
    if (actor.role !== 'investigator' && !(actor.role === 'insurer' && actor.region === region)) {
      throw forbidden(`only the insurer of ${region} or an investigator lists its batches`);
    }
    return pageFromIndex(ctx, BATCH_BY_REGION, [region], pageSizeOf(pageSize), textArg(bookmark, 'bookmark', 1024, false), (attrs) =>
      mustRead<BatchRecord>(ctx, 'batch', attrs[attrs.length - 1]),
    );
  }

  /** A transfer, for insurers, investigators and the staff of the institution it paid. */
  @Transaction(false)
  async GetTransfer(ctx: Context, transferId: string): Promise<TransferRecord> {
    const actor = callerOf(ctx);
    const transfer = await mustRead<TransferRecord>(ctx, 'transfer', arg(transferId, 'transferId', ID_RE, ID_RULE));
    if (actor.role !== 'insurer' && actor.role !== 'investigator' && !isStaffOf(actor, transfer.toParty)) {
      throw forbidden(`transfer ${transferId} is not visible to ${actor.role} of ${actor.mspId}`);
    }
    return transfer;
  }
}
