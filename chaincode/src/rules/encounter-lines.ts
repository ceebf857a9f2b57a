/**
 * An encounter's fee lines with the coverage each is claimed by. A drug line names a drug of
 * the visit's prescriptions and takes the coverage that prescription recorded at issue (RX-07),
 * never one the hospital states; its units cannot exceed what the prescription leaves
 * undispensed. Every other line is covered by its category: services, examinations,
 * treatments, beds and consumables have no catalogue class and are eligible at their price
 * (class A-like; the chain holds no service price list yet), while 'other' names nothing the
 * fund recognises and is self-pay. The units a drug line bills are taken off its prescription,
 * as a dispense takes them, so neither a pharmacy nor another visit can bill them again.
 */
import { ruleViolation } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { Coverage } from '../model/coverage';
import type { EncounterFeeLine, FeeCategory } from '../model/encounter';
import type { PrescriptionItem, PrescriptionRecord } from '../model/prescription';
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

export interface BilledLines {
  lines: EncounterFeeLine[];
  /** Units the drug lines took, per prescription and drug: the hospital dispensed them, so no pharmacy or later visit can bill them again. */
  taken: Map<string, Map<string, number>>;
}

/**
 * The lines as recorded, and what their drug lines take from the visit's prescriptions. A drug
 * line is billed on the first prescription (in rxIds order) that lists its drug and still leaves
 * enough undispensed after the lines before it; it takes that prescription's coverage.
 */
export function encounterLines(lines: RecordArgs['feeLines'], rxs: readonly RxForLines[]): BilledLines {
  const taken = new Map<string, Map<string, number>>();
  const takenOf = (rxId: string, drugCode: string): number => taken.get(rxId)?.get(drugCode) ?? 0;
  const billed = lines.map((line, i): EncounterFeeLine => {
    const { drugCode, category, itemCode, ...priced } = line;
    if (category !== 'drug') {
      const coded = itemCode === undefined ? {} : { itemCode };
      return { lineNo: i + 1, ...priced, category, ...coded, coverage: CATEGORY_COVERAGE[category], coverageSource: 'category' };
    }
    if (drugCode === undefined) throw new Error(`encounterLines: drug line ${i} without a drugCode passed the argument checks`);
    const found = rxs.flatMap((rx) => rx.items.filter((item) => item.drugCode === drugCode).map((item) => ({ rxId: rx.rxId, item })));
    if (found.length === 0) throw ruleViolation(`feeLines[${i}].drugCode: ${drugCode} is on none of the visit's prescriptions`);
    const left = found.map(({ rxId, item }) => item.remainingQuantity - takenOf(rxId, drugCode));
    const at = left.findIndex((units) => units >= line.quantity);
    if (at < 0) {
      throw ruleViolation(`feeLines[${i}].quantity: ${line.quantity} units of ${drugCode} exceed the ${Math.max(...left)} any of its prescriptions leaves undispensed`);
    }
    const { rxId, item } = found[at];
    if (item.coverage === undefined) {
      throw ruleViolation(`feeLines[${i}].drugCode: prescription ${rxId} records no catalogue coverage for ${drugCode}; the chain cannot vouch for what the fund would pay`);
    }
    const perDrug = taken.get(rxId) ?? new Map<string, number>();
    perDrug.set(drugCode, takenOf(rxId, drugCode) + line.quantity);
    taken.set(rxId, perDrug);
    return { lineNo: i + 1, ...priced, category, drugCode, rxId, coverage: item.coverage, coverageSource: 'prescription' };
  });
  return { lines: billed, taken };
}

/**
 * A prescription after an encounter's drug lines took units from it: what remains, and the
 * status a dispense of the same units would leave (RX-01: no unit is billed twice).
 */
export function billedPrescription(rx: PrescriptionRecord, taken: ReadonlyMap<string, number>, encounterId: string, stamp: Stamp): PrescriptionRecord {
  const items = rx.items.map((item) => ({ ...item, remainingQuantity: item.remainingQuantity - (taken.get(item.drugCode) ?? 0) }));
  const status = items.every((item) => item.remainingQuantity === 0) ? 'DISPENSED' : 'PARTIALLY_DISPENSED';
  return { ...rx, items, status, encounterIds: [...(rx.encounterIds ?? []), encounterId], updated: stamp };
}
