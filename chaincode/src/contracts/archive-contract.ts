import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { ArchiveApi as Api } from '../api/archive-api';
import { authorise, stampOf } from '../ledger/caller';
import { conflict, invalidFields } from '../ledger/errors';
import { emit } from '../ledger/events';
import { insurerRegionOf } from '../ledger/parties';
import { txTimeMs } from '../ledger/time';
import { argsOf } from '../ledger/transaction-input';
import type { ImportBatchRecord, ImportCounts } from '../model/archive';
import type { Stamp } from '../model/audit';
import type { BenefitYearRecord } from '../model/claim';
import type { CatalogueDrug, CatalogueVersion } from '../model/catalogue';
import type { PolicyRecord } from '../model/policy';
import {
  NO_RECORDS,
  batchContentHash,
  historyStamp,
  importedBatch,
  inVisit,
  fieldsUnder,
  ownFacts,
  recordIdsOf,
  reimportConflict,
  settledClaim,
  visitErrors,
  visitMoments,
  type Visit,
} from '../rules/archive';
import { benefitYearIdFor } from '../rules/benefit-year';
import { assessClaim, isCrossRegion } from '../rules/claim-assessment';
import { claimTotalFen } from '../rules/claim-lines';
import { dispenseSource } from '../rules/claim-source';
import { withStatus } from '../rules/claim-status';
import { chinaDateOf } from '../rules/dates';
import { pricedLines } from '../rules/dispense-pricing';
import { applyDispense, dispensed, dispenseRefusal, verifyStatusAt } from '../rules/dispensing';
import { insuredForClaim } from '../rules/insured-person';
import { historicalPolicyVersion } from '../rules/policy';
import { issuedPrescription, type RxContent } from '../rules/prescription-document';
import { prescribeItems } from '../rules/prescription-limits';
import { paymentRefusal, paymentTransfer } from '../rules/settlement';
import { validUntilMs } from '../rules/validity';
import { ImportReads, WorkingCopies, importBatches } from '../stores/archive';
import { drugsOf, mustGetCatalogueInForce } from '../stores/catalogue';
import { benefitYears, claims, mustBeNewClaim } from '../stores/claims';
import { dispenses } from '../stores/dispenses';
import { coveringFiling } from '../stores/filings';
import { policies, policyVersions } from '../stores/policies';
import { prescriptions } from '../stores/prescriptions';
import { transfers } from '../stores/transfers';

/** What every visit of one import transaction shares. */
interface Batch {
  ctx: Context;
  batchId: string;
  recorded: Stamp;
  catalogue: CatalogueVersion;
  drugs: Map<string, CatalogueDrug>;
  reads: ImportReads;
  benefits: WorkingCopies<BenefitYearRecord>;
  counts: ImportCounts;
}

/** CONFLICT when a record the visit would write exists already: an import never overwrites. */
async function mustBeNew(ctx: Context, ids: ReturnType<typeof recordIdsOf>, visit: Visit): Promise<void> {
  if (await prescriptions.exists(ctx, ids.rxId)) throw conflict(`prescription ${ids.rxId} already exists`);
  if (!visit.dispense) return;
  if (await dispenses.exists(ctx, ids.dispenseId)) throw conflict(`dispense ${ids.dispenseId} already exists`);
  const claim = visit.dispense.claim;
  if (!claim) return;
  await mustBeNewClaim(ctx, { claimId: ids.claimId, refType: 'dispense', refId: ids.dispenseId, invoiceHash: claim.invoiceHash });
  if (claim.payment && (await transfers.exists(ctx, ids.transferId))) throw conflict(`transfer ${ids.transferId} already exists`);
}

/** The dispense's fee lines priced as a live dispense's, a refusal naming the lines under `dispense`. */
function priced(items: Parameters<typeof pricedLines>[0], lines: Parameters<typeof pricedLines>[1]): ReturnType<typeof pricedLines> {
  try {
    return pricedLines(items, lines);
  } catch (err) {
    throw fieldsUnder(err, 'dispense');
  }
}

/**
 * One visit's records, built by the live acts' builders: the prescription as Issue builds it, the
 * dispense of every item as Dispense does, the claim as Submit assesses it (the split from the
 * policy in force on the date), decided and paid as the archive says, with Pay's transfer.
 */
async function importVisit(b: Batch, visit: Visit): Promise<void> {
  const { ctx, batchId, recorded } = b;
  const ids = recordIdsOf(visit.visitId);
  const hospital = await b.reads.institution(visit.hospitalId, ['hospital', 'communityClinic']);
  await b.reads.doctorOf(visit.doctorId, hospital.institutionId);
  // Insured and ACTIVE, as a claim for the visit requires (XR-01); the import never changes the record (no personal-account payment).
  const insured = insuredForClaim(await b.reads.insured(visit.patientRef), visit.patientRef);
  await mustBeNew(ctx, ids, visit);

  const moments = visitMoments(visit.date, visit.dispense?.claim?.payment?.date);
  const items = prescribeItems(visit.items, visit.kind, { versionId: b.catalogue.versionId, limits: b.catalogue.limits, drugs: b.drugs }, visit.selfPayConfirmed ?? []);
  const content: RxContent = {
    rxId: ids.rxId,
    prescriber: { doctorId: visit.doctorId, institutionId: hospital.institutionId, region: hospital.region },
    patientRef: visit.patientRef,
    kind: visit.kind,
    diagnosisCodes: visit.diagnosisCodes,
    items,
    catalogueVersion: b.catalogue.versionId,
    issuedAt: moments.issuedAt,
    validUntil: new Date(validUntilMs(visit.kind, Date.parse(moments.issuedAt), items)).toISOString(),
  };
  if (visit.chronicDisease !== undefined) content.chronicDisease = visit.chronicDisease;
  const rx = issuedPrescription(content, historyStamp(recorded, moments.issuedAt, batchId), [], undefined);
  b.counts.prescriptions++;
  if (!visit.dispense) {
    await prescriptions.save(ctx, rx);
    return;
  }

  const pharmacy = await b.reads.institution(visit.dispense.pharmacyId, ['pharmacy']);
  const refusal = dispenseRefusal(rx.rxId, verifyStatusAt(rx, Date.parse(moments.dispensedAt), true));
  if (refusal) throw refusal;
  const outcome = applyDispense(rx.rxId, rx.items, rx.items.map(({ drugCode, quantity }) => ({ drugCode, quantity })));
  const feeLines = priced(rx.items, visit.dispense.feeLines);
  const filled = dispensed(rx, { dispenseId: ids.dispenseId, pharmacyId: pharmacy.institutionId }, { ...outcome, feeLines }, visit.dispense.pharmacistId, historyStamp(recorded, moments.dispensedAt, batchId));
  await prescriptions.save(ctx, filled.rx);
  await dispenses.save(ctx, filled.dispense);
  b.counts.dispenses++;
  const history = visit.dispense.claim;
  if (!history) return;

  const source = dispenseSource(filled.dispense, pharmacy.institutionId);
  claimTotalFen(source.lines);
  const { serviceDate } = source;
  const crossRegion = isCrossRegion(insured.insuredRegion, pharmacy.region);
  const policy: PolicyRecord = await b.reads.policyOn(insured.insuredRegion, serviceDate);
  const reviewPolicy = crossRegion ? await b.reads.policyOn(pharmacy.region, serviceDate) : policy;
  const filing = crossRegion ? await coveringFiling(ctx, visit.patientRef, insured.insuredRegion, pharmacy.region, serviceDate) : undefined;
  const benefitId = benefitYearIdFor({ insuredRegion: insured.insuredRegion, patientRef: visit.patientRef, serviceDate });
  const benefit = await b.benefits.get(benefitId);
  const claimed = historyStamp(recorded, moments.claimedAt, batchId);
  const assessed = assessClaim({
    claimId: ids.claimId,
    invoiceHash: history.invoiceHash,
    source,
    institution: pharmacy,
    insured,
    personalAccountRequestFen: 0,
    policy,
    reviewPolicy,
    filing,
    benefit,
    facts: ownFacts(filled.rx, b.drugs),
    stamp: claimed,
  });
  let claim = settledClaim(assessed.claim, history.outcome, claimed);
  // A claim the settlement system rejected reserved nothing, as one rejected at submission.
  if (claim.status !== 'REJECTED' && assessed.benefitYear) b.benefits.set(benefitId, assessed.benefitYear);
  b.counts.claims++;
  if (history.payment && moments.paidAt) {
    const paidStamp = historyStamp(recorded, moments.paidAt, batchId);
    const unpaid = paymentRefusal(claim, pharmacy.region);
    if (unpaid) throw unpaid;
    const transfer = paymentTransfer(claim, ids.transferId, history.payment.paymentRef, history.payment.date, paidStamp);
    claim = withStatus({ ...claim, transferIds: [...claim.transferIds, ids.transferId] }, 'REMITTED', `paid ${transfer.amountFen} fen by transfer ${ids.transferId}`, paidStamp);
    await transfers.save(ctx, transfer);
    b.counts.transfers++;
  }
  await claims.save(ctx, claim);
}

@Info({ title: 'Archive', description: 'A region’s history imported in batches: prescriptions, dispenses, claims and payments from its settlement system (issue 14)' })
export class ArchiveContract extends Contract {
  constructor() {
    super('Archive');
  }

  /** The region's insurer records the policy terms in force before the chain's first version, which the archive's claims are split by. */
  @Transaction()
  async ImportPolicy(ctx: Context, args: string): Promise<PolicyRecord> {
    const actor = await authorise(ctx, Api.ImportPolicy);
    const region = insurerRegionOf(actor);
    const terms = argsOf(Api.ImportPolicy, args);
    const recorded = stampOf(ctx, actor);
    const record = historicalPolicyVersion(terms, await policyVersions(ctx, region), region, chinaDateOf(txTimeMs(ctx)), historyStamp(recorded, recorded.at));
    await policies.save(ctx, record);
    emit(ctx, 'HistoricalPolicyImported', { policyId: record.policyId, region, version: record.version, effectiveFrom: record.effectiveFrom });
    return record;
  }

  /**
   * The insurer of the region imports one batch of its settlement system's history. Every
   * institution is of the caller's region (from its membership entry), every doctor registered
   * at the visit's hospital, every patient insured on the chain; the records are those the live
   * acts write, with every index, each stamp marked as imported. All or nothing, once per batchId.
   */
  @Transaction()
  async ImportVisits(ctx: Context, args: string): Promise<ImportBatchRecord> {
    const actor = await authorise(ctx, Api.ImportVisits);
    const region = insurerRegionOf(actor);
    const { batchId, visits } = argsOf(Api.ImportVisits, args);
    const nowMs = txTimeMs(ctx);
    const errors = visitErrors(visits, chinaDateOf(nowMs));
    if (errors.length > 0) throw invalidFields(errors);
    const earlier = await importBatches.get(ctx, batchId);
    if (earlier) throw reimportConflict(earlier, batchContentHash(visits));

    const catalogue = await mustGetCatalogueInForce(ctx, nowMs);
    const codes = [...new Set(visits.flatMap((v) => v.items.map((item) => item.drugCode)))];
    const batch: Batch = {
      ctx,
      batchId,
      recorded: stampOf(ctx, actor),
      catalogue,
      drugs: await drugsOf(ctx, catalogue.versionId, codes),
      reads: new ImportReads(ctx, region),
      benefits: new WorkingCopies(ctx, benefitYears),
      counts: { ...NO_RECORDS },
    };
    for (const [i, visit] of visits.entries()) {
      try {
        await importVisit(batch, visit);
      } catch (err) {
        throw inVisit(err, i, visit.visitId);
      }
    }
    await batch.benefits.saveAll();
    const record = importedBatch(batchId, region, visits, batch.counts, batch.recorded);
    await importBatches.save(ctx, record);
    emit(ctx, 'HistoryImported', { batchId, region, visits: visits.length, records: record.records });
    return record;
  }

  @Transaction(false)
  async GetBatch(ctx: Context, args: string): Promise<ImportBatchRecord> {
    await authorise(ctx, Api.GetBatch);
    return importBatches.mustGet(ctx, argsOf(Api.GetBatch, args).batchId);
  }
}
