import type { Stamp } from './audit';
import type { CatalogueLimits } from './catalogue';
import type { Coverage } from './coverage';
import type { DispenseRecord } from './dispense';
import type { RxRightStatus } from './practitioner';
import type { PrescriptionStatus } from './prescription-status';

export { PRESCRIPTION_STATUSES, type PrescriptionStatus } from './prescription-status';

export const PRESCRIPTION_KINDS = ['ORDINARY', 'EMERGENCY', 'LONG'] as const;
export type PrescriptionKind = (typeof PRESCRIPTION_KINDS)[number];

/** What a pharmacy is told about a prescription at a moment. */
export const VERIFY_STATUSES = ['VALID', 'NOT_YET_VALID', 'EXPIRED', 'REVOKED', 'FULLY_DISPENSED', 'PRESCRIBER_SUSPENDED'] as const;
export type VerifyStatus = (typeof VERIFY_STATUSES)[number];

/** Identity document types a patient can present; part of the pseudonym, so one spelling each. */
export const PATIENT_ID_TYPES = ['ID_CARD', 'PASSPORT', 'HMT_PERMIT', 'FOREIGN_PR'] as const;
export type PatientIdType = (typeof PATIENT_ID_TYPES)[number];

/** An item as prescribed, with the catalogue facts in force at issue (RX-07) and what is left. */
export interface PrescriptionItem {
  drugCode: string;
  /** The drug's name in the catalogue version of issue: the label of the fee lines that charge for it. */
  name: string;
  quantity: number;
  dose: string;
  days: number;
  genericGroup: string;
  /**
   * How the catalogue version of issue covered the drug: class, self-pay ratio, payment standard.
   * Later versions do not change it; dispense pricing and the claim split go by it.
   */
  coverage: Coverage;
  monitored: boolean;
  /** The patient confirmed paying in full for this drug the fund does not cover (class C or out of catalogue, RX-04). */
  selfPayConfirmed: boolean;
  remainingQuantity: number;
}

export interface Prescriber {
  doctorId: string;
  institutionId: string;
  region: string;
}

/** Another prescription of the patient for the same drug or generic group in the SR-04 window, with overlapping supply (rules/duplicates.ts). */
export interface DuplicateHit {
  rxId: string;
  institutionId: string;
  /** The item of the new prescription that matched. */
  drugCode: string;
  /** The matching item of the other prescription. */
  otherDrugCode: string;
  matchedOn: 'drugCode' | 'genericGroup';
}

/** Recorded when a doctor issues despite duplicates; such prescriptions are flagged for insurers. */
export interface DuplicateOverride {
  reason: string;
  duplicates: DuplicateHit[];
}

export interface Revocation {
  reason: string;
  recorded: Stamp;
}

/** An e-prescription (§3.2 item 6); key: rxId. Holds the patient's pseudonym only. */
export interface PrescriptionRecord {
  docType: 'prescription';
  rxId: string;
  prescriber: Prescriber;
  patientRef: string;
  kind: PrescriptionKind;
  chronicDisease?: string;
  diagnosisCodes: string[];
  items: PrescriptionItem[];
  catalogueVersion: string;
  /** Transaction time of issue; the prescription is valid from issuedAt until just before validUntil. */
  issuedAt: string;
  validUntil: string;
  status: PrescriptionStatus;
  /**
   * For checking a printed or relayed copy: hex sha256 of the canonical JSON (keys sorted, no
   * spaces) of { rxId, prescriber, patientRef, kind, chronicDisease?, diagnosisCodes,
   * items: [{ drugCode, quantity, dose, days }], catalogueVersion, issuedAt, validUntil }.
   */
  docHash: string;
  flagged: boolean;
  duplicateOverride?: DuplicateOverride;
  dispenseIds: string[];
  /**
   * Encounters whose drug lines took units from it: the hospital dispensed them itself and bills
   * them on the visit (rules/encounter-lines.ts). Absent until the first.
   */
  encounterIds?: string[];
  revocation?: Revocation;
  issued: Stamp;
  updated: Stamp;
}

/** A drug of the catalogue in force as PreCheck describes it. */
export interface PreCheckDrug {
  drugCode: string;
  name: string;
  coverage: Coverage;
}

/** Per-drug answer of PreCheck (RX-04, RX-05, SR-04). */
export interface PreCheckItem {
  drugCode: string;
  /** False when the catalogue in force does not list the drug at all; Issue would refuse it. */
  known: boolean;
  name?: string;
  genericGroup?: string;
  /** Whether and how the fund covers it: class 甲/乙/丙/目录外, self-pay ratio, payment standard. */
  coverage?: Coverage;
  monitored?: boolean;
  substitutes: PreCheckDrug[];
  duplicates: DuplicateHit[];
}

export interface PreCheckResult {
  patientRef: string;
  catalogueVersion: string;
  limits: CatalogueLimits;
  items: PreCheckItem[];
}

export interface VerifyItem {
  drugCode: string;
  name: string;
  /** Coverage at issue: a dispense prices each unit at or below its payment standard. */
  coverage: Coverage;
  prescribed: number;
  dispensed: number;
  remaining: number;
}

/** What Verify answers a pharmacy: one status plus what it rests on. */
export interface VerifyResult {
  rxId: string;
  status: VerifyStatus;
  /** The lifecycle state on the ledger, before time and the prescriber's standing are applied. */
  recordedStatus: PrescriptionStatus;
  checkedAt: string;
  issuedAt: string;
  validUntil: string;
  kind: PrescriptionKind;
  patientRef: string;
  prescriber: Prescriber & { rxRight: RxRightStatus };
  catalogueVersion: string;
  docHash: string;
  items: VerifyItem[];
  dispenses: DispenseRecord[];
}

/** Patient identity as it arrives in the transient map; never written to public state. */
export interface PatientIdentityInput {
  idType: PatientIdType;
  idNumber: string;
  name: string;
}

/**
 * The private-collection record under key patientRef. `blind` is secret and random-looking, so
 * the public hash Fabric keeps of this value cannot be matched against guessed identities.
 */
export interface PatientIdentityRecord extends PatientIdentityInput {
  patientRef: string;
  blind: string;
}
