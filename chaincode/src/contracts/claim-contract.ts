import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { callerOf, stampOf } from '../ledger/caller';
import { ChaincodeError, conflict, forbidden, notFound, ruleViolation, validationError } from '../ledger/errors';
import { emit } from '../ledger/events';
import { deleteIndex, indexTails, mustRead, pageFromIndex, pageSizeOf, putIndex, readRecord, recordExists, writeRecord } from '../ledger/state';
import { txTimeMs } from '../ledger/time';
import type { Actor, Page, Stamp } from '../model/audit';
import {
  CLAIM_REF_TYPES,
  CLAIM_STATUSES,
  ENCOUNTER_TYPES,
  FEE_CATEGORIES,
  REVIEW_DECISIONS,
  benefitYearIdOf,
  type BenefitYearRecord,
  type ClaimRecord,
  type ClaimStatus,
  type DispenseForClaim,
  type FeeLineInput,
} from '../model/claim';
import { INSTITUTION_LEVELS } from '../model/policy';
import { reviewHitsFor, statusAfterReview } from '../rules/claim-review';
import { chinaDateOf, daysBetween } from '../rules/dates';
import { ratioFor, splitClaim } from '../rules/reimbursement';
import { coveringFiling } from './filing-contract';
import {
  Fields,
  HASH_RE,
  HASH_RULE,
  ID_RE,
  ID_RULE,
  MAX_FEN,
  PATIENT_REF_RE,
  PATIENT_REF_RULE,
  REGION_RE,
  REGION_RULE,
  arg,
  isInsurerOf,
  isStaffOf,
  oneOfArg,
  requireInsurer,
  requireInstitutionStaff,
  textArg,
} from './insurance-support';
import { policyInForce } from './policy-contract';

/** [refType, refId, claimId]: one claim per dispense or encounter, ever, in any region. */
export const CLAIM_BY_REF = 'claim-by-ref';
/** [invoiceHash, claimId]: an e-invoice backs one claim only (FT-02 fake-invoice reuse). */
export const CLAIM_BY_INVOICE = 'claim-by-invoice';
/** [treatmentRegion, status, claimId]: the treatment insurer's queue; moved on every status change. */
export const CLAIM_BY_REGION_STATUS = 'claim-by-region-status';
/** [insuredRegion, claimId]: the insured region's view of its insured's claims. */
export const CLAIM_BY_INSURED_REGION = 'claim-by-insured-region';
/** [institutionId, claimId] */
export const CLAIM_BY_INSTITUTION = 'claim-by-institution';
/** [patientRef, claimId]: patient timelines. */
export const CLAIM_BY_PATIENT = 'claim-by-patient';

const CLAIM_FIELDS = [
  'claimId',
  'refType',
  'refId',
  'invoiceHash',
  'patientRef',
  'insuredRegion',
  'institutionLevel',
  'encounterType',
  'serviceDate',
  'admissionDate',
  'feeLines',
  'personalAccountRequestFen',
] as const;
const FEE_LINE_FIELDS = ['item', 'unitPriceFen', 'quantity', 'amountFen', 'category'] as const;
const MAX_FEE_LINES = 200;
const ITEM_RE = /^\P{Cc}{1,128}$/u;

function feeLineOf(f: Fields, path: string): FeeLineInput {
  const line: FeeLineInput = {
    item: f.str('item', ITEM_RE, '1-128 printable characters'),
    unitPriceFen: f.int('unitPriceFen', 0, MAX_FEN),
    quantity: f.int('quantity', 1, 1_000_000),
    amountFen: f.int('amountFen', 0, MAX_FEN),
    category: f.oneOf('category', FEE_CATEGORIES),
  };
  if (BigInt(line.unitPriceFen) * BigInt(line.quantity) !== BigInt(line.amountFen)) {
    throw validationError(`${path}.amountFen must equal unitPriceFen × quantity`);
  }
  return line;
}

interface ClaimInput {
  claimId: string;
  refType: ClaimRecord['refType'];
  refId: string;
  invoiceHash: string;
  patientRef: string;
  insuredRegion: string;
  institutionLevel: ClaimRecord['institutionLevel'];
  encounterType: ClaimRecord['encounterType'];
  serviceDate: string;
  admissionDate?: string;
  feeLines?: FeeLineInput[];
  personalAccountRequestFen: number;
}

function parseClaimInput(json: string): ClaimInput {
  const f = Fields.parse(json, 'claim', CLAIM_FIELDS);
  const refType = f.oneOf('refType', CLAIM_REF_TYPES);
  const input: ClaimInput = {
    claimId: f.str('claimId', ID_RE, ID_RULE),
    refType,
    refId: f.str('refId', ID_RE, ID_RULE),
    invoiceHash: f.str('invoiceHash', HASH_RE, HASH_RULE),
    patientRef: f.str('patientRef', PATIENT_REF_RE, PATIENT_REF_RULE),
    insuredRegion: f.str('insuredRegion', REGION_RE, REGION_RULE),
    institutionLevel: f.oneOf('institutionLevel', INSTITUTION_LEVELS),
    encounterType: 'pharmacy',
    serviceDate: f.date('serviceDate'),
    personalAccountRequestFen: f.optional('personalAccountRequestFen', (n) => f.int(n, 0, MAX_FEN)) ?? 0,
  };
  if (refType === 'dispense') {
    // A pharmacy claim is priced by the dispense on the ledger, never by what the claimant says.
    for (const name of ['encounterType', 'admissionDate', 'feeLines']) {
      if (f.has(name)) throw validationError(`claim.${name} must be omitted for a dispense claim: it comes from the dispense record`);
    }
    return input;
  }
  input.encounterType = f.oneOf('encounterType', ENCOUNTER_TYPES);
  input.feeLines = f
    .objects('feeLines', 1, MAX_FEE_LINES, FEE_LINE_FIELDS)
    .map((line, i) => feeLineOf(line, `claim.feeLines[${i}]`));
  if (input.encounterType === 'inpatient') {
    input.admissionDate = f.date('admissionDate');
    if (input.admissionDate > input.serviceDate) throw validationError('claim.admissionDate must not be after claim.serviceDate (discharge)');
  } else if (f.has('admissionDate')) {
    throw validationError('claim.admissionDate applies to inpatient claims only');
  }
  return input;
}

/** The dispense's fee lines, checked as strictly as submitted ones; a malformed record cannot be claimed. */
function dispenseFeeLines(dispense: DispenseForClaim): FeeLineInput[] {
  const path = `dispense ${dispense.dispenseId}.feeLines`;
  try {
    if (!Array.isArray(dispense.feeLines) || dispense.feeLines.length === 0 || dispense.feeLines.length > MAX_FEE_LINES) {
      throw validationError(`${path} must hold 1 to ${MAX_FEE_LINES} lines`);
    }
    return dispense.feeLines.map((line, i) => {
      const { item, unitPriceFen, quantity, amountFen } = line;
      const fields = Fields.of({ item, unitPriceFen, quantity, amountFen, category: 'drug' }, `${path}[${i}]`, FEE_LINE_FIELDS);
      return feeLineOf(fields, `${path}[${i}]`);
    });
  } catch (err) {
    if (err instanceof ChaincodeError) throw ruleViolation(`dispense cannot be claimed: ${err.reason}`);
    throw err;
  }
}

/** Moves a claim to a new status with its history entry and queue index; the caller writes the claim. */
export async function moveClaimStatus(ctx: Context, claim: ClaimRecord, status: ClaimStatus, reason: string, stamp: Stamp): Promise<void> {
  await deleteIndex(ctx, CLAIM_BY_REGION_STATUS, [claim.treatmentRegion, claim.status, claim.claimId]);
  await putIndex(ctx, CLAIM_BY_REGION_STATUS, [claim.treatmentRegion, status, claim.claimId]);
  claim.status = status;
  claim.statusHistory.push({ status, reason, by: stamp.by, at: stamp.at, txId: stamp.txId });
  claim.updated = stamp;
}

/** Parties to a claim: its institution's staff, the insurers of both regions, and investigators. */
export function canReadClaim(actor: Actor, claim: ClaimRecord): boolean {
  return actor.role === 'investigator' || isStaffOf(actor, claim.institutionId) || isInsurerOf(actor, claim.treatmentRegion, claim.insuredRegion);
}

function bookmarkArg(bookmark: string): string {
  return textArg(bookmark, 'bookmark', 1024, false);
}

@Info({ title: 'Claim', description: 'Reimbursement claims: submission with computed split and smart review, review by the treatment region' })
export class ClaimContract extends Contract {
  constructor() {
    super('Claim');
  }

  /**
   * A hospital (encounter) or pharmacy (dispense) claims for care it gave in its own region. The
   * split is computed here from the insured region's policy in force on the service date; the
   * patient's deductible and cap use are reserved at once, since the patient pays their share at
   * the counter (XR-02).
   */
  @Transaction()
  async Submit(ctx: Context, claimJson: string): Promise<ClaimRecord> {
    const staff = requireInstitutionStaff(ctx);
    const input = parseClaimInput(claimJson);
    if (input.refType === 'dispense' && staff.kind !== 'pharmacy') throw forbidden('only pharmacy staff claim for dispenses');
    if (input.refType === 'encounter' && staff.kind !== 'hospital') throw forbidden('only hospital staff claim for encounters');
    const today = chinaDateOf(txTimeMs(ctx));
    if (input.serviceDate > today) throw validationError(`claim.serviceDate ${input.serviceDate} is after today (${today})`);
    if (await recordExists(ctx, 'claim', input.claimId)) throw conflict(`claim ${input.claimId} already exists`);
    const [earlier] = await indexTails(ctx, CLAIM_BY_REF, [input.refType, input.refId]);
    if (earlier) throw conflict(`${input.refType} ${input.refId} is already claimed by claim ${earlier[0]}`);
    const [reused] = await indexTails(ctx, CLAIM_BY_INVOICE, [input.invoiceHash]);
    if (reused) throw conflict(`invoice ${input.invoiceHash} already backs claim ${reused[0]}`);

    let lines: FeeLineInput[];
    if (input.refType === 'dispense') {
      const dispense = await readRecord<DispenseForClaim>(ctx, 'dispense', input.refId);
      if (!dispense) throw notFound(`dispense ${input.refId} does not exist`);
      if (dispense.pharmacyId !== staff.institutionId) throw forbidden(`dispense ${input.refId} was made by ${dispense.pharmacyId}, not ${staff.institutionId}`);
      if (dispense.patientRef !== input.patientRef) throw ruleViolation(`dispense ${input.refId} is not for patient ${input.patientRef}`);
      lines = dispenseFeeLines(dispense);
    } else {
      lines = input.feeLines ?? [];
    }
    const totalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
    if (totalFen === 0) throw ruleViolation('the claim total is zero: nothing to reimburse');
    if (totalFen > MAX_FEN) throw validationError(`the claim total must not exceed ${MAX_FEN} fen`);

    const treatmentRegion = staff.region;
    const crossRegion = input.insuredRegion !== treatmentRegion;
    const policy = await policyInForce(ctx, input.insuredRegion, input.serviceDate);
    const reviewPolicy = crossRegion ? await policyInForce(ctx, treatmentRegion, input.serviceDate) : policy;
    const filing = crossRegion
      ? await coveringFiling(ctx, input.patientRef, input.insuredRegion, treatmentRegion, input.serviceDate)
      : undefined;
    const ratio = ratioFor(policy, input.institutionLevel, crossRegion, filing !== undefined);
    const accountAllowed = policy.personalAccountUse === 'all' || (policy.personalAccountUse === 'local' && !crossRegion);
    if (input.personalAccountRequestFen > 0 && !accountAllowed) {
      throw ruleViolation(`policy ${policy.policyId} does not allow personal-account payment for ${crossRegion ? 'cross-region' : 'local'} care`);
    }

    const year = Number(input.serviceDate.slice(0, 4));
    const benefitId = benefitYearIdOf(input.insuredRegion, year, input.patientRef);
    const benefit = await readRecord<BenefitYearRecord>(ctx, 'benefit-year', benefitId);
    const deductibleMetBeforeFen = benefit?.deductibleMetFen ?? 0;
    const fundPaidBeforeFen = benefit?.fundPaidFen ?? 0;
    const deductibleThresholdFen = policy.deductibleFenByLevel[input.institutionLevel];
    const split = splitClaim({
      lineAmountsFen: lines.map((l) => l.amountFen),
      ratioBp: ratio.ratioBp,
      deductibleThresholdFen,
      deductibleMetFen: deductibleMetBeforeFen,
      annualCapFen: policy.annualCapFen,
      fundPaidFen: fundPaidBeforeFen,
      personalAccountRequestFen: input.personalAccountRequestFen,
    });
    const stayDays = input.admissionDate === undefined ? undefined : daysBetween(input.admissionDate, input.serviceDate);
    const hits = reviewHitsFor({ totalFen, stayDays }, reviewPolicy.reviewThresholds, { region: reviewPolicy.region, version: reviewPolicy.version });
    const status = statusAfterReview(hits, totalFen, reviewPolicy.reviewThresholds);
    const stamp = stampOf(ctx, staff.actor);
    const { lines: shares, ...amounts } = split;

    const claim: ClaimRecord = {
      docType: 'claim',
      claimId: input.claimId,
      refType: input.refType,
      refId: input.refId,
      invoiceHash: input.invoiceHash,
      patientRef: input.patientRef,
      institutionId: staff.institutionId,
      institutionLevel: input.institutionLevel,
      insuredRegion: input.insuredRegion,
      treatmentRegion,
      crossRegion,
      filingId: filing?.filingId,
      encounterType: input.encounterType,
      serviceDate: input.serviceDate,
      admissionDate: input.admissionDate,
      stayDays,
      feeLines: lines.map((line, i) => ({ lineNo: i + 1, ...line, ...shares[i] })),
      amounts,
      ruleSnapshot: {
        policy: { region: policy.region, version: policy.version },
        ratioBp: ratio.ratioBp,
        ratioBasis: ratio.basis,
        deductibleThresholdFen,
        deductibleMetBeforeFen,
        annualCapFen: policy.annualCapFen,
        fundPaidBeforeFen,
      },
      reviewHits: hits,
      status,
      statusHistory: [
        { status: 'SUBMITTED', reason: `submitted by ${staff.institutionId}`, by: stamp.by, at: stamp.at, txId: stamp.txId },
        {
          status: status === 'APPROVED' ? 'UNDER_REVIEW' : status,
          reason: hits.length > 0 ? hits.map((h) => `${h.ruleId}: ${h.detail}`).join('; ') : 'smart review: no rule hits',
          by: stamp.by,
          at: stamp.at,
          txId: stamp.txId,
        },
        ...(status === 'APPROVED'
          ? [
              {
                status,
                reason: `auto-approved by smart review: no rule hits and total ${totalFen} fen within the limit of ${reviewPolicy.reviewThresholds.autoApproveMaxFen} fen of policy ${reviewPolicy.policyId}`,
                by: stamp.by,
                at: stamp.at,
                txId: stamp.txId,
              },
            ]
          : []),
      ],
      transferIds: [],
      submitted: stamp,
      updated: stamp,
    };
    const nextBenefit: BenefitYearRecord = {
      docType: 'benefit-year',
      id: benefitId,
      insuredRegion: input.insuredRegion,
      year,
      patientRef: input.patientRef,
      deductibleMetFen: deductibleMetBeforeFen + amounts.deductibleFen,
      fundPaidFen: fundPaidBeforeFen + amounts.fundFen,
      updated: stamp,
    };
    await writeRecord(ctx, 'claim', claim.claimId, claim);
    await writeRecord(ctx, 'benefit-year', benefitId, nextBenefit);
    await putIndex(ctx, CLAIM_BY_REF, [claim.refType, claim.refId, claim.claimId]);
    await putIndex(ctx, CLAIM_BY_INVOICE, [claim.invoiceHash, claim.claimId]);
    await putIndex(ctx, CLAIM_BY_REGION_STATUS, [treatmentRegion, status, claim.claimId]);
    await putIndex(ctx, CLAIM_BY_INSURED_REGION, [claim.insuredRegion, claim.claimId]);
    await putIndex(ctx, CLAIM_BY_INSTITUTION, [claim.institutionId, claim.claimId]);
    await putIndex(ctx, CLAIM_BY_PATIENT, [claim.patientRef, claim.claimId]);
    emit(ctx, 'ClaimSubmitted', { claimId: claim.claimId, status });
    return claim;
  }

  /**
   * The treatment region's insurer decides. A rejection needs a reason, and so does approving a
   * claim that smart review sent to manual review; a rejection hands back the patient's
   * deductible and cap reserved by the claim.
   */
  @Transaction()
  async Review(ctx: Context, claimId: string, decision: string, reason: string): Promise<ClaimRecord> {
    const { actor, region } = requireInsurer(ctx);
    arg(claimId, 'claimId', ID_RE, ID_RULE);
    const outcome = oneOfArg(decision, 'decision', REVIEW_DECISIONS);
    textArg(reason, 'reason', 500, false);
    const claim = await mustRead<ClaimRecord>(ctx, 'claim', claimId);
    if (claim.treatmentRegion !== region) throw forbidden(`only the insurer of treatment region ${claim.treatmentRegion} reviews claim ${claimId}`);
    if (claim.status !== 'UNDER_REVIEW' && claim.status !== 'MANUAL_REVIEW') throw conflict(`claim ${claimId} is ${claim.status}, not under review`);
    if ((outcome === 'REJECTED' || claim.status === 'MANUAL_REVIEW') && reason.trim() === '') {
      throw validationError(outcome === 'REJECTED' ? 'reason is required to reject' : 'reason is required to approve a claim under manual review');
    }
    const stamp = stampOf(ctx, actor);
    await moveClaimStatus(ctx, claim, outcome, reason, stamp);
    if (outcome === 'REJECTED') {
      const benefitId = benefitYearIdOf(claim.insuredRegion, Number(claim.serviceDate.slice(0, 4)), claim.patientRef);
      const benefit = await mustRead<BenefitYearRecord>(ctx, 'benefit-year', benefitId);
      benefit.deductibleMetFen -= claim.amounts.deductibleFen;
      benefit.fundPaidFen -= claim.amounts.fundFen;
      benefit.updated = stamp;
      await writeRecord(ctx, 'benefit-year', benefitId, benefit);
    }
    await writeRecord(ctx, 'claim', claimId, claim);
    emit(ctx, 'ClaimReviewed', { claimId, status: outcome });
    return claim;
  }

  /** A claim with its fee lines, split and progress, for the parties to it. */
  @Transaction(false)
  async Get(ctx: Context, claimId: string): Promise<ClaimRecord> {
    const actor = callerOf(ctx);
    const claim = await mustRead<ClaimRecord>(ctx, 'claim', arg(claimId, 'claimId', ID_RE, ID_RULE));
    if (!canReadClaim(actor, claim)) throw forbidden(`claim ${claimId} is not visible to ${actor.role} of ${actor.mspId}`);
    return claim;
  }

  /** The treatment region's queue for one status; for its insurer and investigators. */
  @Transaction(false)
  async ListByStatus(ctx: Context, region: string, status: string, pageSize: string, bookmark: string): Promise<Page<ClaimRecord>> {
    const actor = callerOf(ctx);
    arg(region, 'region', REGION_RE, REGION_RULE);
    oneOfArg(status, 'status', CLAIM_STATUSES);
    if (actor.role !== 'investigator' && !isInsurerOf(actor, region)) throw forbidden(`only the insurer of ${region} or an investigator lists its claims`);
    return pageFromIndex(ctx, CLAIM_BY_REGION_STATUS, [region, status], pageSizeOf(pageSize), bookmarkArg(bookmark), (attrs) =>
      mustRead<ClaimRecord>(ctx, 'claim', attrs[attrs.length - 1]),
    );
  }

  /** Claims treated in (side 'treatment') or insured by (side 'insured') a region. */
  @Transaction(false)
  async ListByRegion(ctx: Context, side: string, region: string, pageSize: string, bookmark: string): Promise<Page<ClaimRecord>> {
    const actor = callerOf(ctx);
    const which = oneOfArg(side, 'side', ['treatment', 'insured'] as const);
    arg(region, 'region', REGION_RE, REGION_RULE);
    if (actor.role !== 'investigator' && !isInsurerOf(actor, region)) throw forbidden(`only the insurer of ${region} or an investigator lists its claims`);
    const index = which === 'treatment' ? CLAIM_BY_REGION_STATUS : CLAIM_BY_INSURED_REGION;
    return pageFromIndex(ctx, index, [region], pageSizeOf(pageSize), bookmarkArg(bookmark), (attrs) =>
      mustRead<ClaimRecord>(ctx, 'claim', attrs[attrs.length - 1]),
    );
  }

  /** An institution's claims: all of them for its staff and investigators; insurers see those their region is party to. */
  @Transaction(false)
  async ListByInstitution(ctx: Context, institutionId: string, pageSize: string, bookmark: string): Promise<Page<ClaimRecord>> {
    const actor = callerOf(ctx);
    arg(institutionId, 'institutionId', ID_RE, ID_RULE);
    if (actor.role !== 'investigator' && actor.role !== 'insurer' && !isStaffOf(actor, institutionId)) {
      throw forbidden(`only staff of ${institutionId}, insurers or investigators list its claims`);
    }
    return pageFromIndex(ctx, CLAIM_BY_INSTITUTION, [institutionId], pageSizeOf(pageSize), bookmarkArg(bookmark), async (attrs) => {
      const claim = await mustRead<ClaimRecord>(ctx, 'claim', attrs[attrs.length - 1]);
      return canReadClaim(actor, claim) ? claim : undefined;
    });
  }
}
