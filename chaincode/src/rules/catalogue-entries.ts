/**
 * Cross-field checks of a batch of catalogue drugs, after the schema has checked each entry:
 * every drug once, no drug its own substitute, and coverage that makes sense for its class
 * (甲 A: no self-pay; 乙 B: a self-pay ratio strictly between 0 and 100 %; both with a payment
 * standard; 丙 C and 目录外 NONE: paid in full by the patient, a payment standard optional).
 * Whether each substitute names a drug of the version is known only once every batch is in,
 * so sealing checks that (rules/catalogue-upload.ts).
 */
import { invalidFields, type FieldError } from '../ledger/errors';
import type { CatalogueDrug } from '../model/catalogue';
import type { Coverage, CoverageClass } from '../model/coverage';

export const FULL_SELF_PAY_BP = 10_000;

/** A drug as uploaded: the self-pay ratio may be left out where the class fixes it; substitutes and monitored may be left out. */
export interface DrugInput {
  drugCode: string;
  name: string;
  genericGroup: string;
  coverage: { class: CoverageClass; selfPayRatioBp?: number; paymentStandardFen?: number };
  substitutes?: readonly string[];
  monitored?: boolean;
  indications?: readonly string[];
  healthSupplement?: boolean;
}

/** The self-pay ratio a class fixes, if it fixes one. */
const FIXED_RATIO: Partial<Record<CoverageClass, number>> = { A: 0, C: FULL_SELF_PAY_BP, NONE: FULL_SELF_PAY_BP };

function coverageErrors(coverage: DrugInput['coverage'], at: string): FieldError[] {
  const errors: FieldError[] = [];
  const fixed = FIXED_RATIO[coverage.class];
  const ratio = coverage.selfPayRatioBp;
  if (fixed !== undefined && ratio !== undefined && ratio !== fixed) {
    errors.push({ field: `${at}.selfPayRatioBp`, message: `must be ${fixed} (or left out) for class ${coverage.class}` });
  }
  if (coverage.class === 'B' && (ratio === undefined || ratio === 0 || ratio === FULL_SELF_PAY_BP)) {
    errors.push({ field: `${at}.selfPayRatioBp`, message: 'must be from 1 to 9999 basis points for class B' });
  }
  if ((coverage.class === 'A' || coverage.class === 'B') && coverage.paymentStandardFen === undefined) {
    errors.push({ field: `${at}.paymentStandardFen`, message: `is required for class ${coverage.class}` });
  }
  return errors;
}

function coverageOf(input: DrugInput['coverage']): Coverage {
  const coverage: Coverage = { class: input.class, selfPayRatioBp: FIXED_RATIO[input.class] ?? input.selfPayRatioBp ?? FULL_SELF_PAY_BP };
  if (input.paymentStandardFen !== undefined) coverage.paymentStandardFen = input.paymentStandardFen;
  return coverage;
}

/** The drug records of a batch for a version (no substitutes or indications, not monitored, no supplement, when left out), or every offending field. */
export function catalogueDrugsOf(versionId: string, drugs: readonly DrugInput[]): CatalogueDrug[] {
  const errors: FieldError[] = [];
  const firstIndex = new Map<string, number>();
  drugs.forEach((drug, i) => {
    const first = firstIndex.get(drug.drugCode);
    if (first === undefined) firstIndex.set(drug.drugCode, i);
    else errors.push({ field: `drugs[${i}].drugCode`, message: `repeats the drug of drugs[${first}]; list each drug once` });
    errors.push(...coverageErrors(drug.coverage, `drugs[${i}].coverage`));
    (drug.substitutes ?? []).forEach((code, j) => {
      if (code === drug.drugCode) errors.push({ field: `drugs[${i}].substitutes[${j}]`, message: 'must name another drug of this version' });
    });
  });
  if (errors.length > 0) throw invalidFields(errors);
  return drugs.map((drug) => ({
    docType: 'catalogue-drug',
    versionId,
    drugCode: drug.drugCode,
    name: drug.name,
    genericGroup: drug.genericGroup,
    coverage: coverageOf(drug.coverage),
    substitutes: [...(drug.substitutes ?? [])],
    monitored: drug.monitored ?? false,
    indications: [...(drug.indications ?? [])],
    healthSupplement: drug.healthSupplement ?? false,
  }));
}
