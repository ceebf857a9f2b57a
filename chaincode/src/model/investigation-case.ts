import type { Stamp } from './audit';
import type { SanctionAction } from './institution';

/** FT-06: the fraud types a case is opened for. */
export const CASE_FRAUD_TYPES = [
  'fundSiphoning',
  'falseVisit',
  'inducedAdmission',
  'illegalPromotion',
  'fakeInvoice',
  'upcoding',
  'splitBilling',
  'overTreatment',
  'duplicatePrescribing',
  'overQuantityPrescribing',
  'maliciousArrears',
  'supplementsOnInsuranceCard',
  'familyDoctorFalsification',
] as const;
export type CaseFraudType = (typeof CASE_FRAUD_TYPES)[number];

/** Who a case is about (FT-01 责任主体): an institution by id, a doctor by licence id, a patient by patientRef only. */
export const CASE_SUBJECT_KINDS = ['institution', 'practitioner', 'patient'] as const;
export type CaseSubjectKind = (typeof CASE_SUBJECT_KINDS)[number];

export interface CaseSubject {
  kind: CaseSubjectKind;
  id: string;
}

/** What evidence may point at: a record on the ledger by its id, or a transaction by its tx id. */
export const EVIDENCE_KINDS = ['claim', 'transfer', 'batch', 'prescription', 'dispense', 'tx'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface CaseEvidence {
  kind: EvidenceKind;
  id: string;
  note: string;
  linked: Stamp;
}

export interface CaseFinding {
  /** 1, 2, … in the order recorded. */
  findingNo: number;
  summary: string;
  /** The rules the finding says were broken. */
  ruleIds: string[];
  /** sha256 of the full finding kept off chain. */
  detailHash?: string;
  recorded: Stamp;
}

/** A sanction the case applied to an institution's agreement through the registry (CR-10). */
export interface CaseSanction {
  institutionId: string;
  action: SanctionAction;
  ruleId: string;
  reason: string;
  /** SUSPEND: last China date of the suspension. */
  until?: string;
  recorded: Stamp;
}

/**
 * Money the case got back (FT-02, CR-10). A fund recovery is a Settlement:Recover transfer, its
 * amount read from the transfer; a fine or a confiscation of illegal gains is collected outside
 * the fund's transfers and recorded with its payment reference.
 */
export const RECOVERY_KINDS = ['fundRecovery', 'fine', 'confiscation'] as const;
export type RecoveryKind = (typeof RECOVERY_KINDS)[number];

export interface CaseRecovery {
  kind: RecoveryKind;
  amountFen: number;
  /** Who paid: the institution for a fund recovery (the transfer's payer), or as recorded. */
  payer: string;
  /** fundRecovery: the recovery transfer and the claims it recovered. */
  transferId?: string;
  claimIds?: string[];
  /** fine, confiscation: the bank or treasury reference. */
  paymentRef?: string;
  recorded: Stamp;
}

/**
 * A patient observer (FT-05) named on the case: a gateway-only identity, by its pseudonymous id
 * (OBS- and 16 hex digits, given out by the gateway; never a person's name or ID number).
 */
export interface CaseObserver {
  observerId: string;
  assigned: Stamp;
}

/** FT-05: what an observer files: a challenge (over-treatment, siphoning) or a remark on the case. */
export const REMARK_KINDS = ['challenge', 'remark'] as const;
export type RemarkKind = (typeof REMARK_KINDS)[number];

/** An observer's challenge or remark, and the investigator's answer to it. */
export interface CaseRemark {
  /** 1, 2, … in the order filed. */
  remarkNo: number;
  observerId: string;
  kind: RemarkKind;
  text: string;
  /** Stamped by the gateway's observer service identity, acting for `observerId`. */
  filed: Stamp;
  answer?: { text: string; answered: Stamp };
}

/** Closing with remarks still unanswered: the investigator's reason, and which remarks it covers. */
export interface RemarksOverride {
  reason: string;
  remarkNos: number[];
}

export const CASE_OUTCOMES = ['substantiated', 'unsubstantiated', 'referred'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** FT-02: cases closed within 15 working days of opening, on the case region's calendar. */
export const CASE_WORKING_DAYS = 15;

/**
 * An investigation case (FT-01, FT-02, FT-04); key: caseId. Opened, evidenced, sanctioned and
 * closed by the regulator's investigators; every version is stamped (`updated`) and kept in the
 * key's history. OVERDUE is not stored: no transaction fires when a due date passes.
 */
export interface InvestigationCaseRecord {
  docType: 'investigation-case';
  caseId: string;
  /** The region whose calendar runs the clock and whose list holds the case. */
  region: string;
  fraudType: CaseFraudType;
  allegation: string;
  subjects: CaseSubject[];
  evidence: CaseEvidence[];
  findings: CaseFinding[];
  sanctions: CaseSanction[];
  recoveries: CaseRecovery[];
  /** Fund recoveries: the sum of the recovery transfers, each counted once on the whole ledger. */
  recoveredFen: number;
  /** Fines and confiscations. */
  penaltiesFen: number;
  openedDate: string;
  /** Last China date on which closing is on time: opened + 15 working days. */
  dueDate: string;
  status: 'OPEN' | 'CLOSED';
  outcome?: CaseOutcome;
  closingSummary?: string;
  closedDate?: string;
  closedLate?: boolean;
  /** FT-05 observers assigned; absent on cases written before observers existed (none). */
  observers?: CaseObserver[];
  /** FT-05 observers' challenges and remarks with their answers; absent as observers. */
  remarks?: CaseRemark[];
  /** Closed with remarks unanswered: why. */
  remarksOverride?: RemarksOverride;
  opened: Stamp;
  updated: Stamp;
}

/** A case as read back: `overdue` as of the query's transaction time. */
export interface CaseView extends InvestigationCaseRecord {
  overdue: boolean;
}

export interface OverdueCases {
  region: string;
  /** China date the list was evaluated on. */
  asOf: string;
  cases: CaseView[];
  /** The next page's bookmark; empty on the last. */
  bookmark: string;
}

/**
 * What an assigned observer reads of a case (FT-05): subjects, evidence list, findings, sanctions,
 * recoveries and remarks, without patient identity (patient subjects only counted) and without
 * the staff certificates that stamped them (dates only).
 */
export interface ObserverCaseView {
  caseId: string;
  region: string;
  fraudType: CaseFraudType;
  allegation: string;
  status: InvestigationCaseRecord['status'];
  openedDate: string;
  dueDate: string;
  overdue: boolean;
  closedDate?: string;
  outcome?: CaseOutcome;
  closingSummary?: string;
  /** Institutions and doctors; patients are not named to observers. */
  subjects: CaseSubject[];
  patientSubjects: number;
  evidence: { kind: EvidenceKind; id: string; note: string; linkedAt: string }[];
  findings: { findingNo: number; summary: string; ruleIds: string[]; recordedAt: string }[];
  sanctions: { institutionId: string; action: SanctionAction; ruleId: string; reason: string; until?: string; recordedAt: string }[];
  recoveries: { kind: RecoveryKind; amountFen: number; payer: string; transferId?: string; recordedAt: string }[];
  recoveredFen: number;
  penaltiesFen: number;
  remarks: { remarkNo: number; observerId: string; kind: RemarkKind; text: string; filedAt: string; answer?: { text: string; answeredAt: string } }[];
  remarksOverride?: RemarksOverride;
}

export interface ObserverCasePage {
  observerId: string;
  cases: ObserverCaseView[];
  bookmark: string;
}

export interface CasePage {
  records: CaseView[];
  bookmark: string;
  fetchedCount: number;
}
