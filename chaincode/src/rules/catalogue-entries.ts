/**
 * Cross-field checks of a catalogue version's drug list, after the schema has checked each
 * entry: every drug listed once, and substitutes naming other drugs of the same version.
 */
import { invalidFields, type FieldError } from '../ledger/errors';
import type { DrugEntry } from '../model/catalogue';

/** A drug entry as published: substitutes and monitored may be left out. */
export type DrugEntryInput = Omit<DrugEntry, 'substitutes' | 'monitored'> & { substitutes?: readonly string[]; monitored?: boolean };

/** The entries as the version records them (no substitutes, not monitored, when left out), or every offending field. */
export function catalogueEntriesOf(drugs: readonly DrugEntryInput[]): DrugEntry[] {
  const errors: FieldError[] = [];
  const firstIndex = new Map<string, number>();
  drugs.forEach((drug, i) => {
    const first = firstIndex.get(drug.drugCode);
    if (first === undefined) firstIndex.set(drug.drugCode, i);
    else errors.push({ field: `drugs[${i}].drugCode`, message: `repeats the drug of drugs[${first}]; list each drug once` });
  });
  drugs.forEach((drug, i) => {
    (drug.substitutes ?? []).forEach((code, j) => {
      if (code === drug.drugCode || !firstIndex.has(code)) errors.push({ field: `drugs[${i}].substitutes[${j}]`, message: 'must name another drug of this version' });
    });
  });
  if (errors.length > 0) throw invalidFields(errors);
  return drugs.map((drug) => ({ ...drug, substitutes: [...(drug.substitutes ?? [])], monitored: drug.monitored ?? false }));
}
