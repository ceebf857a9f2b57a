/**
 * A new claim computed from the records it rests on, none of them the claimant's word: the
 * dispense or encounter (patient, dates, lines and their coverage), the institution (level,
 * treatment region), the insured person (insured region, account), the insured region's policy
 * (ratio, deductible, cap), the treatment region's policy (review thresholds, since its insurer
 * reviews), a filing (the cross-region ratio, XR-05) and the patient's benefit year (what is left
 * of the deductible and cap). Pure: the contract reads these records, this decides.
 */
import { ruleViolation } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { BenefitYearRecord, ClaimFeeLine, ClaimRecord } from '../model/claim';
import type { FilingRecord } from '../model/filing';
import type { InstitutionRecord } from '../model/institution';
import type { InsuredPersonRecord } from '../model/insured-person';
import type { PolicyRecord } from '../model/policy';
import { reserveBenefit } from './benefit-year';
import { reviewHitsFor, ruleHitsFor, statusAfterReview, submissionHistory } from './claim-review';
import type { ClaimSource } from './claim-source';
import { daysBetween } from './dates';
import { drawnDown } from './insured-person';
import { ratioFor, splitClaim, type LineShare } from './reimbursement';
import type { ReviewFacts } from './review-facts';
import { reviewRulesOf } from './review-rules';

export interface ClaimBasis {
  claimId: string;
  invoiceHash: string;
  source: ClaimSource;
  /** The claiming institution as registered, which passed the designation gate today. */
  institution: Pick<InstitutionRecord, 'institutionId' | 'level' | 'region' | 'agreement' | 'updated'>;
  /** The patient's insured-person record, ACTIVE. */
  insured: InsuredPersonRecord;
  personalAccountRequestFen: number;
  /** The insured region's policy in force on the service date. */
  policy: PolicyRecord;
  /** The treatment region's policy in force on the service date (the same one for local care). */
  reviewPolicy: PolicyRecord;
  /** The filing covering cross-region care on the service date, if any. */
  filing?: FilingRecord;
  /** The patient's benefit year so far; absent before the first claim of the year. */
  benefit?: BenefitYearRecord;
  /** What smart review's rules look at beyond the lines (rules/review-facts.ts). */
  facts: ReviewFacts;
  stamp: Stamp;
}

/**
 * A claim rejected at submission reserves nothing: the benefit year and the personal account
 * are left as they were (no benefitYear, no insured), since nothing of it will be paid. Its
 * amounts still show what it asked for.
 */
export interface Assessment {
  claim: ClaimRecord;
  /** The benefit year with the claim's part reserved; absent for a claim rejected at submission. */
  benefitYear?: BenefitYearRecord;
  /** The insured person with the account drawn down, when the claim drew on it. */
  insured?: InsuredPersonRecord;
}

export const isCrossRegion = (insuredRegion: string, treatmentRegion: string): boolean => insuredRegion !== treatmentRegion;

/** The personal account pays only where the insured region's policy lets it (never, local care only, or always). */
export function checkPersonalAccount(policy: Pick<PolicyRecord, 'policyId' | 'personalAccountUse'>, crossRegion: boolean, requestFen: number): void {
  const allowed = policy.personalAccountUse === 'all' || (policy.personalAccountUse === 'local' && !crossRegion);
  if (requestFen > 0 && !allowed) {
    throw ruleViolation(`policy ${policy.policyId} does not allow personal-account payment for ${crossRegion ? 'cross-region' : 'local'} care`);
  }
}

/** The claim's lines: the record's lines, the coverage they were split by, and the split. */
function claimLines(source: ClaimSource, shares: readonly LineShare[]): ClaimFeeLine[] {
  return source.lines.map((line, i) => ({ lineNo: i + 1, ...line, ...shares[i] }));
}

/** The claim as it is recorded at submission, the benefit year with its part reserved, and the account drawn down. */
export function assessClaim(basis: ClaimBasis): Assessment {
  const { source, institution, insured, policy, reviewPolicy, filing, stamp } = basis;
  const crossRegion = isCrossRegion(insured.insuredRegion, institution.region);
  const ratio = ratioFor(policy, institution.level, crossRegion, filing !== undefined);
  checkPersonalAccount(policy, crossRegion, basis.personalAccountRequestFen);

  const deductibleMetBeforeFen = basis.benefit?.deductibleMetFen ?? 0;
  const fundPaidBeforeFen = basis.benefit?.fundPaidFen ?? 0;
  const deductibleThresholdFen = policy.deductibleFenByLevel[institution.level];
  const { lines: shares, ...amounts } = splitClaim({
    lines: source.lines,
    ratioBp: ratio.ratioBp,
    deductibleThresholdFen,
    deductibleMetFen: deductibleMetBeforeFen,
    annualCapFen: policy.annualCapFen,
    fundPaidFen: fundPaidBeforeFen,
    personalAccountRequestFen: basis.personalAccountRequestFen,
    personalAccountBalanceFen: insured.personalAccountFen,
  });

  const stayDays = source.admissionDate === undefined ? undefined : daysBetween(source.admissionDate, source.serviceDate);
  const thresholds = reviewPolicy.reviewThresholds;
  const reviewRef = { region: reviewPolicy.region, version: reviewPolicy.version };
  const reviewHits = [
    ...reviewHitsFor({ totalFen: amounts.totalFen, stayDays }, thresholds, reviewRef),
    ...ruleHitsFor(source, institution.institutionId, basis.facts, reviewRulesOf(reviewPolicy), reviewRef),
  ];
  const status = statusAfterReview(reviewHits, amounts.totalFen, thresholds);

  const claim: ClaimRecord = {
    docType: 'claim',
    claimId: basis.claimId,
    refType: source.refType,
    refId: source.refId,
    invoiceHash: basis.invoiceHash,
    patientRef: source.patientRef,
    institutionId: institution.institutionId,
    institutionLevel: institution.level,
    insuredRegion: insured.insuredRegion,
    treatmentRegion: institution.region,
    crossRegion,
    filingId: filing?.filingId,
    encounterType: source.encounterType,
    rxIds: [...source.rxIds],
    serviceDate: source.serviceDate,
    admissionDate: source.admissionDate,
    stayDays,
    feeLines: claimLines(source, shares),
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
    derivation: {
      ref: { refType: source.refType, refId: source.refId, txId: source.refTxId },
      institution: {
        institutionId: institution.institutionId,
        level: institution.level,
        region: institution.region,
        agreementNumber: institution.agreement.number,
        txId: institution.updated.txId,
        updatedAt: institution.updated.at,
      },
      insuredPerson: {
        txId: insured.updated.txId,
        insuredRegion: insured.insuredRegion,
        scheme: insured.scheme,
        status: insured.status,
        personalAccountBeforeFen: insured.personalAccountFen,
        personalAccountRequestFen: basis.personalAccountRequestFen,
      },
    },
    reviewHits,
    status,
    statusHistory: submissionHistory({ institutionId: institution.institutionId, totalFen: amounts.totalFen, hits: reviewHits, status }, reviewPolicy, stamp),
    transferIds: [],
    submitted: stamp,
    updated: stamp,
  };
  if (status === 'REJECTED') return { claim };
  const benefitYear = reserveBenefit(basis.benefit, claim, amounts, stamp);
  return amounts.personalAccountFen > 0 ? { claim, benefitYear, insured: drawnDown(insured, amounts.personalAccountFen, stamp) } : { claim, benefitYear };
}
