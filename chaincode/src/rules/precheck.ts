/**
 * What a doctor learns before prescribing (RX-04, RX-05, SR-04): for each drug, whether the
 * catalogue in force lists and covers it, its self-pay ratio and substitutes, and any active
 * prescription the patient holds for the same drug or generic group at any institution.
 */
import type { CatalogueVersion } from '../model/catalogue';
import type { PreCheckItem, PrescriptionRecord } from '../model/prescription';
import { findDuplicates } from './duplicates';

export function preCheckItems(codes: readonly string[], catalogue: Pick<CatalogueVersion, 'drugs'>, others: readonly PrescriptionRecord[], atMs: number): PreCheckItem[] {
  const drugOf = (code: string) => catalogue.drugs.find((d) => d.drugCode === code);
  return codes.map((drugCode): PreCheckItem => {
    const drug = drugOf(drugCode);
    if (!drug) return { drugCode, known: false, substitutes: [], duplicates: findDuplicates([{ drugCode }], others, atMs) };
    return {
      drugCode,
      known: true,
      name: drug.name,
      genericGroup: drug.genericGroup,
      inCatalogue: drug.inCatalogue,
      selfPayRatioBp: drug.selfPayRatioBp,
      monitored: drug.monitored,
      substitutes: drug.substitutes.flatMap((code) => {
        const sub = drugOf(code);
        return sub ? [{ drugCode: sub.drugCode, name: sub.name, inCatalogue: sub.inCatalogue, selfPayRatioBp: sub.selfPayRatioBp }] : [];
      }),
      duplicates: findDuplicates([drug], others, atMs),
    };
  });
}
