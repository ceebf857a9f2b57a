import type { Stamp } from './audit';
import type { Coverage } from './coverage';

/** Kinds of hospital visit (RX-03); an inpatient stay has admission and discharge dates, the others one service date. */
export const ENCOUNTER_TYPES = ['outpatient', 'inpatient', 'emergency'] as const;
export type EncounterKind = (typeof ENCOUNTER_TYPES)[number];

export const FEE_CATEGORIES = ['drug', 'exam', 'treatment', 'consumable', 'bed', 'service', 'other'] as const;
export type FeeCategory = (typeof FEE_CATEGORIES)[number];

/**
 * Where a line's coverage came from: a drug line takes its drug's coverage as the prescription
 * recorded it at issue (RX-07); any other line takes the coverage of its fee category.
 */
export const COVERAGE_SOURCES = ['prescription', 'category'] as const;
export type EncounterCoverageSource = (typeof COVERAGE_SOURCES)[number];

/** A line of an encounter, priced where the care was given (PT-02); all money in integer fen. */
export interface EncounterFeeLine {
  lineNo: number;
  item: string;
  unitPriceFen: number;
  quantity: number;
  /** Always unitPriceFen × quantity. */
  amountFen: number;
  category: FeeCategory;
  /** Drug lines only: the drug, one of the encounter's prescriptions lists it. */
  drugCode?: string;
  /** Drug lines only: the prescription whose item gave the coverage and whose remaining quantity the line took. */
  rxId?: string;
  /** Other lines: the item's code; always present on exam lines, so repeat examinations can be found (SR-03). */
  itemCode?: string;
  coverage: Coverage;
  coverageSource: EncounterCoverageSource;
}

/**
 * A visit as the hospital recorded it when it happened (RX-03, §3.2 item 9); key: encounterId.
 * An encounter claim must reference one of its own institution's, and is priced by its lines.
 */
export interface EncounterRecord {
  docType: 'encounter';
  encounterId: string;
  /** The recording institution, from the certificate, and its region (the treatment region). */
  institutionId: string;
  region: string;
  patientRef: string;
  type: EncounterKind;
  department: string;
  /** A practitioner registered at the institution (CR-02). */
  attendingDoctorId: string;
  diagnosisCodes: string[];
  /** Outpatient and emergency visits: the China date of care. */
  serviceDate?: string;
  /** Inpatient stays: admission and discharge China dates, admission ≤ discharge. */
  admissionDate?: string;
  dischargeDate?: string;
  /** Prescriptions issued in this visit: of this patient, at this institution. */
  rxIds: string[];
  feeLines: EncounterFeeLine[];
  totalFen: number;
  recorded: Stamp;
}
