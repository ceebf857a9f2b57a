import type { Stamp } from './audit';
import type { FeeCategory } from './encounter';

/** Institution levels (PM-26, PM-31): the lower the level, the higher the ratio and the lower the deductible. */
export const INSTITUTION_LEVELS = ['basic', 'secondary', 'tertiary'] as const;
export type InstitutionLevel = (typeof INSTITUTION_LEVELS)[number];
export type LevelTable = Record<InstitutionLevel, number>;

/** Basis points: 10 000 bp = 100 %. Ratios are integers so no float ever reaches state. */
export const BP_ONE = 10_000;

/** Whether the patient's personal account may pay the patient share: never, for local care only, or always. */
export const PERSONAL_ACCOUNT_USE = ['none', 'local', 'all'] as const;
export type PersonalAccountUse = (typeof PERSONAL_ACCOUNT_USE)[number];

/** The parameters an insurer sets for its region (the insured region's policy drives a claim's split). */
export interface PolicyTerms {
  /** First day (China date, YYYY-MM-DD) on which this version applies to care given. */
  effectiveFrom: string;
  /** Fund ratio for local care by institution level, basis points (PM-26). */
  ratioBpByLevel: LevelTable;
  /** Annual deductible (起付线) by institution level, fen (PM-31). One accumulator per patient-year, so a referral upward keeps what was already met (PM-32). */
  deductibleFenByLevel: LevelTable;
  /** Most the fund pays one patient in one calendar year, fen; the limit does not carry over (PM-28). */
  annualCapFen: number;
  /** Fund ratio for care in another region with a filing (XR-05). */
  crossRegionFiledRatioBp: number;
  /** Fund ratio for care in another region without a filing; must be lower than the filed ratio (XR-05). */
  crossRegionUnfiledRatioBp: number;
  reviewThresholds: {
    /** SR-01: a stay longer than this many days raises a warning. */
    stayWarnDays: number;
    /** SR-02: a claim total above this many fen needs manual review. */
    manualReviewTotalFen: number;
    /**
     * A claim with no rule hits and a total up to this many fen is approved by smart review
     * itself, on this (treatment) region's insurer's authority; 0 means every claim waits for
     * the insurer. Absent on versions set before it existed, which counts as 0.
     */
    autoApproveMaxFen?: number;
  };
  /**
   * Smart review's rules at submission, per rule id: what a hit does and the rule's parameters.
   * Absent on versions set before they existed, and any rule left out, counts as the defaults of
   * rules/review-rules.ts (DEFAULT_REVIEW_RULES); a new version records them in full.
   */
  reviewRules?: ReviewRulesInput;
  personalAccountUse: PersonalAccountUse;
}

/**
 * What a hit of a review rule does to the claim: 'flag' sends it to manual review, 'reject'
 * rejects it at submission. Neither ever approves it.
 */
export const REVIEW_ACTIONS = ['flag', 'reject'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** SR-08: a diagnosis (ICD-10 prefix) and the items it contradicts, by item or drug code and by fee category. */
export interface Contradiction {
  diagnosisPrefix: string;
  itemCodes: string[];
  categories: FeeCategory[];
}

/** The review rules of a policy version, each with its action and parameters. */
export interface ReviewRules {
  /** SR-03: the same exam item for the same patient within repeatExamDays (any institution), and drugs claimed off their indications. */
  'SR-03': { action: ReviewAction; repeatExamDays: number };
  /** SR-04: a prescription of the same drug or generic group within windowDays whose days' supply overlaps. */
  'SR-04': { action: ReviewAction; windowDays: number };
  /** SR-08: items the claim's diagnoses contradict. */
  'SR-08': { action: ReviewAction; contradictions: Contradiction[] };
  /** SR-18: split billing: several claims of the patient at the institution on one date, or on one prescription. */
  'SR-18': { action: ReviewAction };
  /** RX-12: non-insurance goods (out of catalogue, health supplements) on a pharmacy claim. */
  'RX-12': { action: ReviewAction };
}

export type ReviewRuleId = keyof ReviewRules;

/** What a policy may set: any rule, any of its fields; the rest are the defaults. */
export type ReviewRulesInput = { [R in ReviewRuleId]?: Partial<ReviewRules[R]> };

/**
 * One version of a region's policy. Versions are never edited: a change is a new version with a
 * later (or equal) effectiveFrom. The network's endorsement policy adds the regulator's consent.
 */
export interface PolicyRecord extends PolicyTerms {
  docType: 'policy';
  /** `${region}:${version}`, the record key. */
  policyId: string;
  region: string;
  version: number;
  created: Stamp;
}

export const policyIdOf = (region: string, version: number): string => `${region}:${version}`;

/** Which policy version a computation used, recorded on the claim. */
export interface PolicyRef {
  region: string;
  version: number;
}
