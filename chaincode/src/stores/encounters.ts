/** Encounters: key encounterId, listed per patient. */
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, lastAttribute, pageOf, type Paging } from '../ledger/record-store';
import type { Page } from '../model/audit';
import type { EncounterRecord } from '../model/encounter';
import { periodOf } from '../rules/encounter-record';
import { tailsOnDates } from './date-window';

/** [patientRef, encounterId]: a patient's visits at every institution. */
export const ENCOUNTER_BY_PATIENT = 'encounter-by-patient';

/** [patientRef, last China date of the visit, encounterId]: a patient's visits over a window of dates (SR-03), read as one range. */
export const ENCOUNTER_BY_PATIENT_DATE = 'encounter-by-patient-date';

export const encounters = new RecordStore<EncounterRecord>('encounter', (e) => e.encounterId, [
  index(ENCOUNTER_BY_PATIENT, (e) => [[e.patientRef, e.encounterId]]),
  index(ENCOUNTER_BY_PATIENT_DATE, (e) => [[e.patientRef, periodOf(e).to, e.encounterId]]),
]);

/** A patient's visits at any institution that ended from one China date to another (inclusive). */
export async function encountersEndedBetween(ctx: Context, patientRef: string, from: string, to: string): Promise<EncounterRecord[]> {
  const tails = await tailsOnDates(ctx, ENCOUNTER_BY_PATIENT_DATE, [patientRef], from, to);
  return Promise.all(tails.map((tail) => encounters.mustGet(ctx, lastAttribute(tail))));
}

/** A page of a patient's encounters in encounterId order, leaving out those `visible` refuses (the page may come back short). */
export async function encountersOfPatient(ctx: Context, patientRef: string, paging: Paging, visible: (e: EncounterRecord) => boolean): Promise<Page<EncounterRecord>> {
  return pageOf(ctx, ENCOUNTER_BY_PATIENT, [patientRef], paging, async (attrs) => {
    const encounter = await encounters.mustGet(ctx, lastAttribute(attrs));
    return visible(encounter) ? encounter : undefined;
  });
}
