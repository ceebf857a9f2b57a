/** Encounter: visits recorded by the hospital when they happen (RX-03), each transaction with its argument schema. */
import { Type } from '@sinclair/typebox';
import type { Page } from '../model/audit';
import { ENCOUNTER_TYPES, type EncounterRecord } from '../model/encounter';
import { EncounterFeeLine, FeeLines } from './fee-lines';
import { Closed, Diagnosis, Distinct, Id, IsoDate, OneOf, Paging, PatientRef, Text } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

/** Prescriptions one visit may list; a long stay issues many. */
export const MAX_ENCOUNTER_RX = 50;

/**
 * A visit: an outpatient or emergency visit has a serviceDate, an inpatient stay admissionDate
 * and dischargeDate (rules/encounter-record.ts). The institution is the caller's, from the
 * certificate.
 */
const RecordArgs = Closed({
  encounterId: Id,
  patientRef: PatientRef,
  type: OneOf(ENCOUNTER_TYPES),
  department: Text(64),
  attendingDoctorId: Id,
  diagnosisCodes: Distinct(Diagnosis, 1, 20),
  serviceDate: Type.Optional(IsoDate),
  admissionDate: Type.Optional(IsoDate),
  dischargeDate: Type.Optional(IsoDate),
  rxIds: Type.Optional(Distinct(Id, 1, MAX_ENCOUNTER_RX)),
  feeLines: FeeLines(EncounterFeeLine),
});

export const EncounterApi = {
  Record: submitTx('Encounter:Record', { args: RecordArgs, result: returns<EncounterRecord>() }),
  Get: evaluateTx('Encounter:Get', { args: Closed({ encounterId: Id }), result: returns<EncounterRecord>() }),
  ListByPatient: evaluateTx('Encounter:ListByPatient', { args: Closed({ patientRef: PatientRef, ...Paging }), result: returns<Page<EncounterRecord>>() }),
} as const;
