/**
 * What smart review looks at beyond the claim's own lines, as the claim store gathers it from
 * bounded reads (stores/review-facts.ts): the prescriptions the claim bills with the patient's
 * other prescriptions in their SR-04 window, the catalogue entries of the billed drugs in the
 * version each prescription was issued on, the patient's visits in the SR-03 repeat window,
 * and the claims that already bill the same visit date or the same prescriptions (SR-18).
 */
import type { CatalogueDrug } from '../model/catalogue';
import type { EncounterRecord } from '../model/encounter';
import type { PrescriptionRecord } from '../model/prescription';

export interface ReviewFacts {
  /** The prescriptions the claim's drug lines bill, by rxId. */
  billed: ReadonlyMap<string, PrescriptionRecord>;
  /** The patient's prescriptions issued from the earliest billed one's SR-04 window start to the latest one's issue date. */
  prescriptionsInWindow: readonly PrescriptionRecord[];
  /** Catalogue entries by `${versionId}:${drugCode}`, for each billed drug in its prescription's version; a version that does not list the drug has none. */
  drugs: ReadonlyMap<string, CatalogueDrug>;
  /** Encounter claims: the patient's visits that ended within the SR-03 repeat window before this one, or during it. */
  visitsInWindow: readonly EncounterRecord[];
  /** Earlier encounter claims of the patient at this institution on this service date. */
  sameDayClaimIds: readonly string[];
  /** Earlier claims billing any of the same prescriptions. */
  sameRxClaimIds: readonly string[];
}

/** The key of a billed drug's entry among the facts. */
export const drugFactKey = (versionId: string, drugCode: string): string => `${versionId}:${drugCode}`;

/** Whether a diagnosis code falls under an ICD-10 prefix ('E11' covers E11 and E11.9). */
export const underPrefix = (diagnosisCode: string, prefix: string): boolean => diagnosisCode.startsWith(prefix);
