/** Prescriptions: key rxId, and the indexes every query over them runs on. */
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, indexTails, lastAttribute, pageOf, type Paging } from '../ledger/record-store';
import type { Page } from '../model/audit';
import type { PrescriptionRecord } from '../model/prescription';
import { chinaDateOf } from '../rules/dates';
import type { RxFilter } from '../rules/prescription-list';
import { tailsOnDates } from './date-window';

/** [patientRef, rxId]: a patient's prescriptions at every institution (SR-04, patient timelines). */
export const RX_BY_PATIENT = 'rx-by-patient';
/** [patientRef, China date of issue, rxId]: a patient's prescriptions over a window of dates (SR-04), read as one range. */
export const RX_BY_PATIENT_DATE = 'rx-by-patient-date';
/** [doctorId, rxId] */
export const RX_BY_PRESCRIBER = 'rx-by-prescriber';
/** [status, rxId]: moves with every status change. */
export const RX_BY_STATUS = 'rx-by-status';
/** [rxId]: issued despite a duplicate warning, for insurers to review. */
export const RX_FLAGGED = 'rx-flagged';

export const prescriptions = new RecordStore<PrescriptionRecord>('prescription', (rx) => rx.rxId, [
  index(RX_BY_PATIENT, (rx) => [[rx.patientRef, rx.rxId]]),
  index(RX_BY_PATIENT_DATE, (rx) => [[rx.patientRef, chinaDateOf(Date.parse(rx.issuedAt)), rx.rxId]]),
  index(RX_BY_PRESCRIBER, (rx) => [[rx.prescriber.doctorId, rx.rxId]]),
  index(RX_BY_STATUS, (rx) => [[rx.status, rx.rxId]]),
  index(RX_FLAGGED, (rx) => (rx.flagged ? [[rx.rxId]] : [])),
]);

/** Every prescription of one patient, at any institution. */
export async function prescriptionsOfPatient(ctx: Context, patientRef: string): Promise<PrescriptionRecord[]> {
  const tails = await indexTails(ctx, RX_BY_PATIENT, [patientRef]);
  return Promise.all(tails.map((tail) => prescriptions.mustGet(ctx, lastAttribute(tail))));
}

/** A patient's prescriptions issued at any institution from one China date to another (inclusive), whatever their status. */
export async function prescriptionsIssuedBetween(ctx: Context, patientRef: string, from: string, to: string): Promise<PrescriptionRecord[]> {
  const tails = await tailsOnDates(ctx, RX_BY_PATIENT_DATE, [patientRef], from, to);
  return Promise.all(tails.map((tail) => prescriptions.mustGet(ctx, lastAttribute(tail))));
}

function indexOf(filter: RxFilter): [string, string[]] {
  switch (filter.by) {
    case 'patient':
      return [RX_BY_PATIENT, [filter.patientRef]];
    case 'prescriber':
      return [RX_BY_PRESCRIBER, [filter.doctorId]];
    case 'status':
      return [RX_BY_STATUS, [filter.status]];
    case 'flagged':
      return [RX_FLAGGED, []];
  }
}

/** One page of the prescriptions a filter selects, in rxId order. */
export async function prescriptionPage(ctx: Context, filter: RxFilter, paging: Paging): Promise<Page<PrescriptionRecord>> {
  const [name, prefix] = indexOf(filter);
  return pageOf(ctx, name, prefix, paging, (attrs) => prescriptions.get(ctx, lastAttribute(attrs)));
}
