import type { Stamp } from './audit';
import type { InstitutionLevel } from './policy';

/** Designated institutions (定点医药机构): who may issue, dispense and claim (XR-03, CR-04, CR-10). */
export const INSTITUTION_KINDS = ['hospital', 'communityClinic', 'pharmacy'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

/** The kind of member org whose CA enrols an institution's staff: hospitals and clinics a hospital org's, pharmacies a pharmacy org's. */
export const STAFF_ORG_KIND_OF: Record<InstitutionKind, 'hospital' | 'pharmacy'> = { hospital: 'hospital', communityClinic: 'hospital', pharmacy: 'pharmacy' };

/** CR-04: grade A gets +10 % prepayment, C −5 % and more on-site checks. */
export const INSTITUTION_GRADES = ['A', 'B', 'C'] as const;
export type InstitutionGrade = (typeof INSTITUTION_GRADES)[number];

export const AGREEMENT_STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** The terms an insurer writes when it signs or renews a designation agreement. */
export interface AgreementTerm {
  number: string;
  /** Inclusive China dates. */
  validFrom: string;
  validTo: string;
}

/** The designation agreement (医保服务协议) with the region's insurance office. */
export interface DesignationAgreement extends AgreementTerm {
  status: AgreementStatus;
  /** While SUSPENDED: the last China date of the suspension; from 00:00 the next day the institution may act again. */
  suspendedUntil?: string;
}

export const SANCTION_ACTIONS = ['SUSPEND', 'REVOKE'] as const;
export type SanctionAction = (typeof SANCTION_ACTIONS)[number];

/** A sanction on the agreement (CR-10), with the rule and evidence it rests on. */
export interface Sanction {
  action: SanctionAction;
  ruleId: string;
  reason: string;
  evidenceRef: string;
  /** SUSPEND: last China date of the suspension. */
  until?: string;
  recorded: Stamp;
}

/**
 * A designated institution; key: institutionId. Registered and updated by the insurer of its
 * region; sanctioned by that insurer or the regulator's investigators. Every version is stamped
 * (`updated`) and kept in the key's history, so a renewal or a sanction never hides the past.
 */
export interface InstitutionRecord {
  docType: 'institution';
  institutionId: string;
  name: string;
  kind: InstitutionKind;
  level: InstitutionLevel;
  region: string;
  grade: InstitutionGrade;
  agreement: DesignationAgreement;
  sanctions: Sanction[];
  registered: Stamp;
  updated: Stamp;
}
