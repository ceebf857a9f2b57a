import type { Stamp } from './audit';

/**
 * A cross-region filing (异地备案, XR-05): the insured region's insurer records that its insured
 * patient may be treated in another region during a period. Without one, care in another region
 * is reimbursed at the lower unfiled ratio. Emergencies may be filed after treatment (XR-06).
 */
export interface FilingRecord {
  docType: 'filing';
  filingId: string;
  patientRef: string;
  insuredRegion: string;
  treatmentRegion: string;
  /** Inclusive China dates of care the filing covers. */
  period: { from: string; to: string };
  /** Filed after emergency treatment had begun; only such filings may start before their filing date. */
  emergencyPostFiled: boolean;
  created: Stamp;
}
