/** Cross-region filings: key filingId, found per patient and treatment region. */
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, indexTails } from '../ledger/record-store';
import type { FilingRecord } from '../model/filing';

/** [patientRef, treatmentRegion, filingId]: a claim finds its patient's filings for its region in one scan. */
export const FILING_BY_PATIENT = 'filing-by-patient';

export const filings = new RecordStore<FilingRecord>('filing', (f) => f.filingId, [
  index(FILING_BY_PATIENT, (f) => [[f.patientRef, f.treatmentRegion, f.filingId]]),
]);

/** A patient's filings, for one treatment region or all. */
export async function filingsOfPatient(ctx: Context, patientRef: string, treatmentRegion?: string): Promise<FilingRecord[]> {
  const tails = await indexTails(ctx, FILING_BY_PATIENT, treatmentRegion ? [patientRef, treatmentRegion] : [patientRef]);
  return Promise.all(tails.map((tail) => filings.mustGet(ctx, tail[tail.length - 1])));
}

/** The filing covering care on `date` in `treatmentRegion` for a patient insured in `insuredRegion`, if any (XR-05). */
export async function coveringFiling(ctx: Context, patientRef: string, insuredRegion: string, treatmentRegion: string, date: string): Promise<FilingRecord | undefined> {
  return (await filingsOfPatient(ctx, patientRef, treatmentRegion)).find(
    (f) => f.insuredRegion === insuredRegion && f.period.from <= date && date <= f.period.to,
  );
}
