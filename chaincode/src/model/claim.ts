import type { Actor, Stamp } from './audit';
import type { Coverage } from './coverage';
import type { DispenseRecord } from './dispense';
import type { EncounterCoverageSource, EncounterKind, FeeCategory } from './encounter';
import type { InsuranceScheme, InsuredStatus } from './insured-person';
import type { InstitutionLevel, PolicyRef, ReviewAction } from './policy';

export const CLAIM_REF_TYPES = ['dispense', 'encounter'] as const;
export type ClaimRefType = (typeof CLAIM_REF_TYPES)[number];

/** Pharmacy claims are always 'pharmacy'; hospital claims name the kind of encounter they rest on. */
export type EncounterType = EncounterKind | 'pharmacy';

/**
 * Progress nodes (PT-04). Submission moves a claim straight on to UNDER_REVIEW, to MANUAL_REVIEW
 * when a rule flags it, or to REJECTED when a rule of the policy rejects it automatically (or to
 * APPROVED by auto-approval, rules/claim-review.ts); otherwise only the treatment region's insurer approves or rejects; only an
 * approved claim is remitted. A remitted claim found fraudulent is RECOVERED (CR-10, FT-02): the
 * institution pays the fund share back, and the claim is never paid again.
 */
export const CLAIM_STATUSES = ['SUBMITTED', 'UNDER_REVIEW', 'MANUAL_REVIEW', 'APPROVED', 'REJECTED', 'REMITTED', 'RECOVERED'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const REVIEW_DECISIONS = ['APPROVED', 'REJECTED'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Where a claim line's coverage came from: the dispense record, or the encounter line's own source. */
export type LineCoverageSource = 'dispense' | EncounterCoverageSource;

/**
 * What of a line the fund cannot recognise at all, and what it can (RX-04, PM-14):
 * amountFen = uncoveredFen + overStandardFen + selfPayFirstFen + eligibleFen.
 */
export interface LineScope {
  /** Class C and out-of-catalogue (NONE) lines: all of it. */
  uncoveredFen: number;
  /** The part above the payment standard × quantity. */
  overStandardFen: number;
  /** Class B: the self-pay ratio the patient pays first (乙类先行自付). */
  selfPayFirstFen: number;
  /** What deductible, ratio and cap apply to. */
  eligibleFen: number;
}

/** A fee line as the dispense or encounter record gives it, with the coverage it is split by. */
export interface ClaimSourceLine {
  item: string;
  unitPriceFen: number;
  quantity: number;
  amountFen: number;
  category: FeeCategory;
  drugCode?: string;
  /** Drug lines: the prescription the drug was dispensed or billed on. */
  rxId?: string;
  /** An encounter's item code (exam, consumable …), as the hospital coded the line: what SR-03 and SR-08 compare. */
  itemCode?: string;
  coverage: Coverage;
  coverageSource: LineCoverageSource;
}

/**
 * A fee line of a claim, copied from the dispense or encounter record with the coverage it was
 * split by, and its split (PT-02): insurerAmountFen + personalAccountFen + selfPayFen = amountFen;
 * selfAmountFen, the patient's part, is personalAccountFen + selfPayFen.
 */
export interface ClaimFeeLine extends LineScope, ClaimSourceLine {
  lineNo: number;
  insurerAmountFen: number;
  personalAccountFen: number;
  selfPayFen: number;
  selfAmountFen: number;
}

/**
 * The split of a claim, all integer fen: fundFen + personalAccountFen + selfPayFen = totalFen,
 * and totalFen = uncoveredFen + overStandardFen + selfPayFirstFen + eligibleFen (the lines' sums).
 */
export interface ClaimAmounts {
  totalFen: number;
  uncoveredFen: number;
  overStandardFen: number;
  selfPayFirstFen: number;
  eligibleFen: number;
  /** Part of the eligible amount that went towards the patient's annual deductible. */
  deductibleFen: number;
  /** The fund's share: what the treatment region's insurer pays the institution. */
  fundFen: number;
  personalAccountFen: number;
  selfPayFen: number;
  /** True when the annual cap cut the fund share. */
  capLimited: boolean;
}

/**
 * The records a claim was derived from, each by the transaction that wrote the version read, so
 * an auditor can re-derive the claim from the ledger (XR-03): nothing in it was declared by the
 * claimant except the reference, the invoice and the personal-account request.
 */
export interface ClaimDerivation {
  /** The dispense or encounter record the lines, patient and dates come from. */
  ref: { refType: ClaimRefType; refId: string; txId: string };
  /** The institution record: level and treatment region. */
  institution: { institutionId: string; level: InstitutionLevel; region: string; agreementNumber: string; txId: string; updatedAt: string };
  /** The insured-person record: insured region, scheme, status and the account before this claim. */
  insuredPerson: {
    txId: string;
    insuredRegion: string;
    scheme: InsuranceScheme;
    status: InsuredStatus;
    personalAccountBeforeFen: number;
    personalAccountRequestFen: number;
  };
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

/**
 * What a hit does: 'warn' is noted and routes nothing (SR-01); 'flag' sends the claim to manual
 * review; 'reject' rejects it at submission. The policy's review rules say which (model/policy.ts).
 */
export type ReviewHitAction = 'warn' | ReviewAction;

export interface ReviewHit {
  ruleId: string;
  action: ReviewHitAction;
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
  /** From the dispense or encounter record. */
  patientRef: string;
  institutionId: string;
  /** From the institution record (the claimant cannot choose it). */
  institutionLevel: InstitutionLevel;
  /** From the insured-person record. */
  insuredRegion: string;
  /** The institution's region. */
  treatmentRegion: string;
  crossRegion: boolean;
  filingId?: string;
  encounterType: EncounterType;
  /**
   * The prescriptions whose drugs the claim bills: a dispense's, or those of an encounter's drug
   * lines. Absent on claims recorded before it existed.
   */
  rxIds?: string[];
  /** Date of care (dispense date; for a stay, the discharge date): picks the policy version and benefit year. */
  serviceDate: string;
  admissionDate?: string;
  stayDays?: number;
  feeLines: ClaimFeeLine[];
  amounts: ClaimAmounts;
  ruleSnapshot: RuleSnapshot;
  derivation: ClaimDerivation;
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
export type DispenseForClaim = Pick<DispenseRecord, 'dispenseId' | 'rxId' | 'pharmacyId' | 'patientRef' | 'feeLines' | 'dispensed'>;
