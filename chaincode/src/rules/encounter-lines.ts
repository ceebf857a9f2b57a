/**
 * An encounter's fee lines with the coverage each is claimed by. A drug line names a drug of
 * the visit's prescriptions and takes the coverage that prescription recorded at issue (RX-07),
 * never one the hospital states; its units cannot exceed what the prescriptions leave
 * undispensed. Every other line is covered by its category: services, examinations,
 * treatments, beds and consumables have no catalogue class and are eligible at their price
 * (class A-like; the chain holds no service price list yet), while 'other' names nothing the
 * fund recognises and is self-pay.
 */
import { ruleViolation } from '../ledger/errors';
import type { Coverage } from '../model/coverage';
import type { EncounterFeeLine, FeeCategory } from '../model/encounter';
import type { PrescriptionItem } from '../model/prescription';
import type { RecordArgs } from './encounter-record';

const ELIGIBLE: Coverage = { class: 'A', selfPayRatioBp: 0 };
const SELF_PAY: Coverage = { class: 'NONE', selfPayRatioBp: 10_000 };

export const CATEGORY_COVERAGE: Record<Exclude<FeeCategory, 'drug'>, Coverage> = {
  exam: ELIGIBLE,
  treatment: ELIGIBLE,
  consumable: ELIGIBLE,
  bed: ELIGIBLE,
  service: ELIGIBLE,
  other: SELF_PAY,
};

/** A prescription item as issue records it; prescriptions issued before the chain priced drugs carry no coverage. */
type Item = Pick<PrescriptionItem, 'drugCode' | 'remainingQuantity'> & { coverage?: Coverage };

export interface RxForLines {
  rxId: string;
  items: readonly Item[];
}

/** The items of the visit's prescriptions for one drug, in rxIds order. */
function itemsOf(rxs: readonly RxForLines[], drugCode: string): { rxId: string; item: Item }[] {
  return rxs.flatMap((rx) => rx.items.filter((item) => item.drugCode === drugCode).map((item) => ({ rxId: rx.rxId, item })));
}

export function encounterLines(lines: RecordArgs['feeLines'], rxs: readonly RxForLines[]): EncounterFeeLine[] {
  const billed = new Map<string, number>();
  return lines.map((line, i): EncounterFeeLine => {
    const { drugCode, category, ...priced } = line;
    if (category !== 'drug') return { lineNo: i + 1, ...priced, category, coverage: CATEGORY_COVERAGE[category], coverageSource: 'category' };
    if (drugCode === undefined) throw new Error(`encounterLines: drug line ${i} without a drugCode passed the argument checks`);
    const found = itemsOf(rxs, drugCode);
    if (found.length === 0) throw ruleViolation(`feeLines[${i}].drugCode: ${drugCode} is on none of the visit's prescriptions`);
    const [{ rxId, item }] = found;
    if (item.coverage === undefined) {
      throw ruleViolation(`feeLines[${i}].drugCode: prescription ${rxId} records no catalogue coverage for ${drugCode}; the chain cannot vouch for what the fund would pay`);
    }
    const units = (billed.get(drugCode) ?? 0) + line.quantity;
    const left = found.reduce((sum, f) => sum + f.item.remainingQuantity, 0);
    if (units > left) throw ruleViolation(`feeLines[${i}].quantity: ${units} units of ${drugCode} exceed the ${left} its prescriptions leave undispensed`);
    billed.set(drugCode, units);
    return { lineNo: i + 1, ...priced, category, drugCode, rxId, coverage: item.coverage, coverageSource: 'prescription' };
  });
}
