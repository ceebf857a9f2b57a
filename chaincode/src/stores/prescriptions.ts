/** Prescriptions: key rxId, and the indexes every query over them runs on. */
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, indexTails, lastAttribute, pageOf, type Paging } from '../ledger/record-store';
import type { Page } from '../model/audit';
import type { PrescriptionRecord } from '../model/prescription';
import type { RxFilter } from '../rules/prescription-list';

/** [patientRef, rxId]: a patient's prescriptions at every institution (SR-04, patient timelines). */
export const RX_BY_PATIENT = 'rx-by-patient';
/** [doctorId, rxId] */
export const RX_BY_PRESCRIBER = 'rx-by-prescriber';
/** [status, rxId]: moves with every status change. */
export const RX_BY_STATUS = 'rx-by-status';
/** [rxId]: issued despite a duplicate warning, for insurers to review. */
export const RX_FLAGGED = 'rx-flagged';

export const prescriptions = new RecordStore<PrescriptionRecord>('prescription', (rx) => rx.rxId, [
  index(RX_BY_PATIENT, (rx) => [[rx.patientRef, rx.rxId]]),
  index(RX_BY_PRESCRIBER, (rx) => [[rx.prescriber.doctorId, rx.rxId]]),
  index(RX_BY_STATUS, (rx) => [[rx.status, rx.rxId]]),
  index(RX_FLAGGED, (rx) => (rx.flagged ? [[rx.rxId]] : [])),
]);

/** Every prescription of one patient, at any institution. */
export async function prescriptionsOfPatient(ctx: Context, patientRef: string): Promise<PrescriptionRecord[]> {
  const tails = await indexTails(ctx, RX_BY_PATIENT, [patientRef]);
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
