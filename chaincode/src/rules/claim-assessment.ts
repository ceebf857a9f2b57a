/**
 * A new claim computed from what it rests on: the insured region's policy sets the ratio,
 * deductible and cap, the treatment region's policy the review thresholds (its insurer reviews),
 * a filing the cross-region ratio (XR-05), and the patient's benefit year what is left of the
 * deductible and cap. Pure: the contract reads these records, this decides.
 */
import { ruleViolation } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { BenefitYearRecord, ClaimRecord, FeeLineInput } from '../model/claim';
import type { FilingRecord } from '../model/filing';
import type { PolicyRecord } from '../model/policy';
import { reserveBenefit } from './benefit-year';
import type { ClaimSubmission } from './claim-arguments';
import { reviewHitsFor, statusAfterReview, submissionHistory } from './claim-review';
import { daysBetween } from './dates';
import { ratioFor, splitClaim } from './reimbursement';

export interface ClaimBasis {
  submission: ClaimSubmission;
  /** The priced lines: submitted with an encounter claim, or copied from the dispense. */
  lines: FeeLineInput[];
  /** The claiming institution and its region, where the care was given. */
  institutionId: string;
  treatmentRegion: string;
  /** The insured region's policy in force on the service date. */
  policy: PolicyRecord;
  /** The treatment region's policy in force on the service date (the same one for local care). */
  reviewPolicy: PolicyRecord;
  /** The filing covering cross-region care on the service date, if any. */
  filing?: FilingRecord;
  /** The patient's benefit year so far; absent before the first claim of the year. */
  benefit?: BenefitYearRecord;
  stamp: Stamp;
}

export const isCrossRegion = (insuredRegion: string, treatmentRegion: string): boolean => insuredRegion !== treatmentRegion;

/** The personal account pays only where the insured region's policy lets it (never, local care only, or always). */
export function checkPersonalAccount(policy: Pick<PolicyRecord, 'policyId' | 'personalAccountUse'>, crossRegion: boolean, requestFen: number): void {
  const allowed = policy.personalAccountUse === 'all' || (policy.personalAccountUse === 'local' && !crossRegion);
  if (requestFen > 0 && !allowed) {
    throw ruleViolation(`policy ${policy.policyId} does not allow personal-account payment for ${crossRegion ? 'cross-region' : 'local'} care`);
  }
}

/** The claim as it is recorded at submission, and the benefit year with its part reserved. */
export function assessClaim(basis: ClaimBasis): { claim: ClaimRecord; benefitYear: BenefitYearRecord } {
  const { submission: s, lines, policy, reviewPolicy, filing, stamp } = basis;
  const crossRegion = isCrossRegion(s.insuredRegion, basis.treatmentRegion);
  const ratio = ratioFor(policy, s.institutionLevel, crossRegion, filing !== undefined);
  checkPersonalAccount(policy, crossRegion, s.personalAccountRequestFen);

  const deductibleMetBeforeFen = basis.benefit?.deductibleMetFen ?? 0;
  const fundPaidBeforeFen = basis.benefit?.fundPaidFen ?? 0;
  const deductibleThresholdFen = policy.deductibleFenByLevel[s.institutionLevel];
  const { lines: shares, ...amounts } = splitClaim({
    lineAmountsFen: lines.map((l) => l.amountFen),
    ratioBp: ratio.ratioBp,
    deductibleThresholdFen,
    deductibleMetFen: deductibleMetBeforeFen,
    annualCapFen: policy.annualCapFen,
    fundPaidFen: fundPaidBeforeFen,
    personalAccountRequestFen: s.personalAccountRequestFen,
  });

  const stayDays = s.admissionDate === undefined ? undefined : daysBetween(s.admissionDate, s.serviceDate);
  const thresholds = reviewPolicy.reviewThresholds;
  const reviewHits = reviewHitsFor({ totalFen: amounts.totalFen, stayDays }, thresholds, { region: reviewPolicy.region, version: reviewPolicy.version });
  const status = statusAfterReview(reviewHits, amounts.totalFen, thresholds);

  const claim: ClaimRecord = {
    docType: 'claim',
    claimId: s.claimId,
    refType: s.refType,
    refId: s.refId,
    invoiceHash: s.invoiceHash,
    patientRef: s.patientRef,
    institutionId: basis.institutionId,
    institutionLevel: s.institutionLevel,
    insuredRegion: s.insuredRegion,
    treatmentRegion: basis.treatmentRegion,
    crossRegion,
    filingId: filing?.filingId,
    encounterType: s.encounterType,
    serviceDate: s.serviceDate,
    admissionDate: s.admissionDate,
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
    reviewHits,
    status,
    statusHistory: submissionHistory({ institutionId: basis.institutionId, totalFen: amounts.totalFen, hits: reviewHits, status }, reviewPolicy, stamp),
    transferIds: [],
    submitted: stamp,
    updated: stamp,
  };
  return { claim, benefitYear: reserveBenefit(basis.benefit, s, amounts, stamp) };
}
