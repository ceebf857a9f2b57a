/**
 * What a doctor learns before prescribing (RX-04, RX-05, SR-04): for each drug, whether the
 * catalogue in force lists and covers it (class, self-pay ratio, payment standard) and its
 * substitutes, and any prescription of the patient at any institution for the same drug or
 * generic group in the SR-04 window whose supply still runs today.
 */
import type { CatalogueDrug } from '../model/catalogue';
import type { PreCheckItem, PrescriptionRecord } from '../model/prescription';
import { findDuplicates } from './duplicates';

/**
 * `entries` holds the catalogue entries of the asked drugs and of their substitutes, as far as
 * the version lists them; a substitute it does not hold is left out.
 */
export function preCheckItems(
  codes: readonly string[],
  entries: ReadonlyMap<string, CatalogueDrug>,
  others: readonly PrescriptionRecord[],
  today: string,
  windowDays: number,
): PreCheckItem[] {
  return codes.map((drugCode): PreCheckItem => {
    const drug = entries.get(drugCode);
    if (!drug) return { drugCode, known: false, substitutes: [], duplicates: findDuplicates([{ drugCode }], today, others, windowDays) };
    return {
      drugCode,
      known: true,
      name: drug.name,
      genericGroup: drug.genericGroup,
      coverage: drug.coverage,
      monitored: drug.monitored,
      substitutes: drug.substitutes.flatMap((code) => {
        const sub = entries.get(code);
        return sub ? [{ drugCode: sub.drugCode, name: sub.name, coverage: sub.coverage }] : [];
      }),
      duplicates: findDuplicates([drug], today, others, windowDays),
    };
  });
}
