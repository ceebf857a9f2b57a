/** Encounters: key encounterId, listed per patient. */
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, lastAttribute, pageOf, type Paging } from '../ledger/record-store';
import type { Page } from '../model/audit';
import type { EncounterRecord } from '../model/encounter';

/** [patientRef, encounterId]: a patient's visits at every institution. */
export const ENCOUNTER_BY_PATIENT = 'encounter-by-patient';

export const encounters = new RecordStore<EncounterRecord>('encounter', (e) => e.encounterId, [
  index(ENCOUNTER_BY_PATIENT, (e) => [[e.patientRef, e.encounterId]]),
]);

/** A page of a patient's encounters in encounterId order, leaving out those `visible` refuses (the page may come back short). */
export async function encountersOfPatient(ctx: Context, patientRef: string, paging: Paging, visible: (e: EncounterRecord) => boolean): Promise<Page<EncounterRecord>> {
  return pageOf(ctx, ENCOUNTER_BY_PATIENT, [patientRef], paging, async (attrs) => {
    const encounter = await encounters.mustGet(ctx, lastAttribute(attrs));
    return visible(encounter) ? encounter : undefined;
  });
}
