import type { Actor, Stamp } from './audit';
import type { DispenseRecord } from './dispense';
import type { InstitutionLevel, PolicyRef } from './policy';

export const CLAIM_REF_TYPES = ['dispense', 'encounter'] as const;
export type ClaimRefType = (typeof CLAIM_REF_TYPES)[number];

/** Pharmacy claims are always 'pharmacy'; hospital claims name the kind of encounter. */
export const ENCOUNTER_TYPES = ['outpatient', 'inpatient', 'emergency'] as const;
export type EncounterType = (typeof ENCOUNTER_TYPES)[number] | 'pharmacy';

export const FEE_CATEGORIES = ['drug', 'exam', 'treatment', 'consumable', 'bed', 'service', 'other'] as const;
export type FeeCategory = (typeof FEE_CATEGORIES)[number];

/**
 * Progress nodes (PT-04). Submission moves a claim straight on to UNDER_REVIEW, or MANUAL_REVIEW
 * when a rule demands it; only the treatment region's insurer approves or rejects; only an
 * approved claim is remitted. A remitted claim found fraudulent is RECOVERED (CR-10, FT-02): the
 * institution pays the fund share back, and the claim is never paid again.
 */
export const CLAIM_STATUSES = ['SUBMITTED', 'UNDER_REVIEW', 'MANUAL_REVIEW', 'APPROVED', 'REJECTED', 'REMITTED', 'RECOVERED'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const REVIEW_DECISIONS = ['APPROVED', 'REJECTED'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A fee line as submitted: amountFen must equal unitPriceFen × quantity. */
export interface FeeLineInput {
  item: string;
  unitPriceFen: number;
  quantity: number;
  amountFen: number;
  category: FeeCategory;
}

/** A fee line with the fund's and the patient's part (PT-02); the two add up to amountFen. */
export interface ClaimFeeLine extends FeeLineInput {
  lineNo: number;
  insurerAmountFen: number;
  selfAmountFen: number;
}

/** The split of a claim, all integer fen: fundFen + personalAccountFen + selfPayFen = totalFen. */
export interface ClaimAmounts {
  totalFen: number;
  /** Part of the total that went towards the patient's annual deductible. */
  deductibleFen: number;
  /** The fund's share: what the treatment region's insurer pays the institution. */
  fundFen: number;
  personalAccountFen: number;
  selfPayFen: number;
  /** True when the annual cap cut the fund share. */
  capLimited: boolean;
}

export const RATIO_BASES = ['level', 'crossRegionFiled', 'crossRegionUnfiled'] as const;
export type RatioBasis = (typeof RATIO_BASES)[number];

/** The parameters the split was computed from, so it can be re-derived later. */
export interface RuleSnapshot {
  /** The insured region's policy: ratios, deductible, cap. */
  policy: PolicyRef;
  ratioBp: number;
  ratioBasis: RatioBasis;
  deductibleThresholdFen: number;
  deductibleMetBeforeFen: number;
  annualCapFen: number;
  fundPaidBeforeFen: number;
}

export type ReviewSeverity = 'warn' | 'manualReview';

export interface ReviewHit {
  ruleId: string;
  severity: ReviewSeverity;
  detail: string;
  /** The policy whose thresholds fired: the treatment region's, since its insurer reviews. */
  policy: PolicyRef;
}

export interface StatusChange {
  status: ClaimStatus;
  reason: string;
  by: Actor;
  at: string;
  txId: string;
}

export interface ClaimRecord {
  docType: 'claim';
  claimId: string;
  refType: ClaimRefType;
  /** dispenseId or encounterId; each is claimable once, ever, in any region. */
  refId: string;
  /** sha256 of the e-invoice; each invoice backs one claim only. */
  invoiceHash: string;
  patientRef: string;
  institutionId: string;
  institutionLevel: InstitutionLevel;
  insuredRegion: string;
  treatmentRegion: string;
  crossRegion: boolean;
  filingId?: string;
  encounterType: EncounterType;
  /** Date of care (for a stay, the discharge date): picks the policy version and benefit year. */
  serviceDate: string;
  admissionDate?: string;
  stayDays?: number;
  feeLines: ClaimFeeLine[];
  amounts: ClaimAmounts;
  ruleSnapshot: RuleSnapshot;
  reviewHits: ReviewHit[];
  status: ClaimStatus;
  statusHistory: StatusChange[];
  /** Payment transfers to the institution (one, once paid). */
  transferIds: string[];
  /** The reverse transfer, institution → treatment region's fund, once RECOVERED. */
  recoveryTransferId?: string;
  /** The clearing batch this cross-region claim is in, once proposed. */
  batchId?: string;
  submitted: Stamp;
  updated: Stamp;
}

/**
 * What one patient has used of one insured region's benefits in one calendar year: the
 * deductible met so far and the fund paid so far (for the annual cap). Claims reserve their part
 * at submission, because the patient pays the personal share at the counter (XR-02); a rejected
 * claim hands its part back.
 */
export interface BenefitYearRecord {
  docType: 'benefit-year';
  /** `${insuredRegion}:${year}:${patientRef}` */
  id: string;
  insuredRegion: string;
  year: number;
  patientRef: string;
  deductibleMetFen: number;
  fundPaidFen: number;
  updated: Stamp;
}

export const benefitYearIdOf = (insuredRegion: string, year: number, patientRef: string): string =>
  `${insuredRegion}:${year}:${patientRef}`;

/** The fields of the dispense record a claim relies on; the rest of the record is not its concern. */
export type DispenseForClaim = Pick<DispenseRecord, 'dispenseId' | 'rxId' | 'pharmacyId' | 'patientRef' | 'feeLines'>;
