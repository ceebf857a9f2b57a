import type { Stamp } from './audit';

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
  personalAccountUse: PersonalAccountUse;
}

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
