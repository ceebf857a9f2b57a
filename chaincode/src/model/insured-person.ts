import type { Stamp } from './audit';

/** 职工 (employee) or 城乡居民 (resident) basic medical insurance. */
export const INSURANCE_SCHEMES = ['employee', 'resident'] as const;
export type InsuranceScheme = (typeof INSURANCE_SCHEMES)[number];

export const INSURED_STATUSES = ['ACTIVE', 'SUSPENDED', 'ENDED'] as const;
export type InsuredStatus = (typeof INSURED_STATUSES)[number];

/**
 * An insured person as the insured region's insurer records them (XR-01, XR-05); key:
 * patientRef. A claim's insured region and personal-account use come from here, never from
 * the claimant.
 */
export interface InsuredPersonRecord {
  docType: 'insured-person';
  patientRef: string;
  insuredRegion: string;
  scheme: InsuranceScheme;
  status: InsuredStatus;
  /** Personal-account (个人账户) balance in fen; claims draw it down, a rejected claim gives it back. */
  personalAccountFen: number;
  enrolled: Stamp;
  updated: Stamp;
}
