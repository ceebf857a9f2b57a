/**
 * Cross-field rules of a recorded encounter (RX-03): the dates its type needs, the attending
 * doctor, and the prescriptions it lists. Field paths are argument paths.
 */
import type { ArgsOf } from '../api/transaction';
import type { EncounterApi } from '../api/encounter-api';
import { MAX_FEN } from '../api/kit';
import { forbidden, invalidFields, ruleViolation, type FieldError } from '../ledger/errors';
import type { EncounterRecord } from '../model/encounter';
import type { PractitionerRecord } from '../model/practitioner';
import type { PrescriptionRecord } from '../model/prescription';
import { amountErrors, totalFenOf } from './claim-lines';
import { chinaDateOf } from './dates';

export type RecordArgs = ArgsOf<typeof EncounterApi.Record>;

type Dates = Pick<RecordArgs, 'type' | 'serviceDate' | 'admissionDate' | 'dischargeDate'>;

/** The dates an encounter's type needs, in order and not after today (China date). */
function dateErrors(args: Dates, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: keyof Dates, value: string | undefined, why: string) => {
    if (value === undefined) errors.push({ field, message: `is required ${why}` });
  };
  const omit = (field: keyof Dates, value: string | undefined, why: string) => {
    if (value !== undefined) errors.push({ field, message: `applies ${why} only` });
  };
  if (args.type === 'inpatient') {
    omit('serviceDate', args.serviceDate, 'to outpatient and emergency visits');
    need('admissionDate', args.admissionDate, 'for an inpatient stay');
    need('dischargeDate', args.dischargeDate, 'for an inpatient stay');
    if (args.admissionDate && args.dischargeDate && args.admissionDate > args.dischargeDate) {
      errors.push({ field: 'admissionDate', message: 'must not be after dischargeDate' });
    }
  } else {
    need('serviceDate', args.serviceDate, `for an ${args.type} visit`);
    omit('admissionDate', args.admissionDate, 'to inpatient stays');
    omit('dischargeDate', args.dischargeDate, 'to inpatient stays');
  }
  for (const field of ['serviceDate', 'dischargeDate'] as const) {
    const value = args[field];
    if (value !== undefined && value > today) errors.push({ field, message: `must not be after today (${today}): ${value} is` });
  }
  return errors;
}

/** Drug lines name their drug, other lines do not; exam lines name their item code; each amount is exact; the total is within MAX_FEN. */
function lineErrors(args: Pick<RecordArgs, 'feeLines' | 'rxIds'>): FieldError[] {
  const errors = amountErrors(args.feeLines);
  args.feeLines.forEach((line, i) => {
    if (line.category === 'drug' && line.drugCode === undefined) {
      errors.push({ field: `feeLines[${i}].drugCode`, message: 'is required on a drug line: it names a drug of one of rxIds' });
    }
    if (line.category !== 'drug' && line.drugCode !== undefined) errors.push({ field: `feeLines[${i}].drugCode`, message: 'applies to drug lines only' });
    if (line.category === 'drug' && line.itemCode !== undefined) errors.push({ field: `feeLines[${i}].itemCode`, message: 'applies to other lines than drugs: a drug line names its drugCode' });
    if (line.category === 'exam' && line.itemCode === undefined) {
      errors.push({ field: `feeLines[${i}].itemCode`, message: 'is required on an exam line: the exam item’s code, by which repeat examinations are found (SR-03)' });
    }
  });
  if (args.feeLines.some((l) => l.category === 'drug') && (args.rxIds ?? []).length === 0) {
    errors.push({ field: 'rxIds', message: 'is required when a fee line is a drug: the prescriptions its drugs were issued on' });
  }
  if (totalFenOf(args.feeLines) > MAX_FEN) errors.push({ field: 'feeLines', message: `must not total more than ${MAX_FEN} fen` });
  return errors;
}

export function checkEncounterArgs(args: RecordArgs, today: string): void {
  const errors = [...dateErrors(args, today), ...lineErrors(args)];
  if (errors.length > 0) throw invalidFields(errors);
}

/** The first and last China date of the visit. */
export function periodOf(e: Pick<EncounterRecord, 'serviceDate' | 'admissionDate' | 'dischargeDate'>): { from: string; to: string } {
  const from = e.serviceDate ?? e.admissionDate;
  const to = e.serviceDate ?? e.dischargeDate;
  if (from === undefined || to === undefined) throw new Error('periodOf: an encounter without dates');
  return { from, to };
}

/** The attending doctor must be registered (CR-02) at the recording institution. */
export function attendingRefusal(doctor: PractitionerRecord | undefined, doctorId: string, institutionId: string): string | undefined {
  if (!doctor) return `CR-02: attending doctor ${doctorId} is not a registered practitioner`;
  if (doctor.institutionId !== institutionId) return `CR-02: attending doctor ${doctorId} is registered at ${doctor.institutionId}, not at ${institutionId}`;
  return undefined;
}

/**
 * The prescriptions of the visit: of this patient, issued at this institution during the visit
 * (China dates), and not revoked. Another institution's prescription is FORBIDDEN; the rest RULE.
 */
export function checkPrescriptions(
  rxs: readonly Pick<PrescriptionRecord, 'rxId' | 'patientRef' | 'prescriber' | 'issuedAt' | 'status'>[],
  encounter: Pick<EncounterRecord, 'patientRef' | 'institutionId' | 'serviceDate' | 'admissionDate' | 'dischargeDate'>,
): void {
  const { from, to } = periodOf(encounter);
  rxs.forEach((rx, i) => {
    const field = `rxIds[${i}]`;
    if (rx.prescriber.institutionId !== encounter.institutionId) {
      throw forbidden(`${field}: prescription ${rx.rxId} was issued at ${rx.prescriber.institutionId}, not ${encounter.institutionId}`);
    }
    if (rx.patientRef !== encounter.patientRef) throw ruleViolation(`${field}: prescription ${rx.rxId} is not for patient ${encounter.patientRef}`);
    if (rx.status === 'REVOKED') throw ruleViolation(`${field}: prescription ${rx.rxId} is revoked`);
    const issued = chinaDateOf(Date.parse(rx.issuedAt));
    if (issued < from || issued > to) throw ruleViolation(`${field}: prescription ${rx.rxId} was issued on ${issued}, outside the visit (${from} to ${to})`);
  });
}
