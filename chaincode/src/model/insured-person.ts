import type { Stamp } from './audit';

/** 职工 (employee) or 城乡居民 (resident) basic medical insurance. */
export const INSURANCE_SCHEMES = ['employee', 'resident'] as const;
export type InsuranceScheme = (typeof INSURANCE_SCHEMES)[number];

/** Only ACTIVE insurance pays claims (XR-01); ENDED is final: the person would be enrolled anew elsewhere. */
export const INSURED_STATUSES = ['ACTIVE', 'SUSPENDED', 'ENDED'] as const;
export type InsuredStatus = (typeof INSURED_STATUSES)[number];

/** A change of insured status and why, e.g. contributions stopped, moved away, deceased. */
export interface InsuredStatusChange {
  status: InsuredStatus;
  reason: string;
  recorded: Stamp;
}

/** Money put into the personal account, typically the yearly allocation (划入); each reference is used once. */
export interface AccountCredit {
  amountFen: number;
  reference: string;
  balanceAfterFen: number;
  recorded: Stamp;
}

/**
 * An insured person as the insured region's insurer records them (XR-01, XR-05); key:
 * patientRef. A claim's insured region and personal-account use come from here, never from
 * the claimant. Claims draw the account down in their own transaction (the claim records how
 * much); the record's key history shows every movement.
 */
export interface InsuredPersonRecord {
  docType: 'insured-person';
  patientRef: string;
  insuredRegion: string;
  scheme: InsuranceScheme;
  status: InsuredStatus;
  /** Personal-account (个人账户) balance in fen; claims draw it down, a rejected claim gives it back. */
  personalAccountFen: number;
  /** Every status change after enrolment, oldest first. */
  statusChanges: InsuredStatusChange[];
  /** Every credit to the personal account, oldest first (one a year, so the list stays short). */
  credits: AccountCredit[];
  enrolled: Stamp;
  updated: Stamp;
}
