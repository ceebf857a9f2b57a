/**
 * Duplicate prescribing (RX-01, SR-04): another prescription of the patient for the same drug or
 * the same generic group, from any doctor at any institution, issued in the window of days up
 * to this one's issue, whose days' supply overlaps this one's. Filled or not, expired or not:
 * a prescription filled in full yesterday at another hospital still supplies the patient today.
 * Only a revoked one no longer counts. A supply runs from the China date of issue for its
 * days (a 7-day supply issued on the 1st covers the 1st to the 7th): sharing one day is an
 * overlap, starting the day after the other ends is not.
 */
import { type ChaincodeError, ruleViolation } from '../ledger/errors';
import type { DuplicateHit, PrescriptionRecord } from '../model/prescription';
import { addDays, chinaDateOf, dayNumber } from './dates';

/** The items of the prescription being checked; PreCheck knows no days yet and asks about a supply from today. */
export interface ItemToCheck {
  drugCode: string;
  genericGroup?: string;
  /** Days' supply; 1 when unknown (PreCheck): then any supply still running on the date overlaps. */
  days?: number;
}

export type RxToCompare = Pick<PrescriptionRecord, 'rxId' | 'status' | 'issuedAt' | 'items'> & { prescriber: Pick<PrescriptionRecord['prescriber'], 'institutionId'> };

export const issueDateOf = (rx: Pick<PrescriptionRecord, 'issuedAt'>): string => chinaDateOf(Date.parse(rx.issuedAt));

/** The first date of the window that ends on `date`: windowDays before it. */
export const windowStartOf = (date: string, windowDays: number): string => addDays(date, -windowDays);

/** Whether two supplies share at least one day: each runs from its start date for its days. */
export function suppliesOverlap(aStart: string, aDays: number, bStart: string, bDays: number): boolean {
  const a = dayNumber(aStart);
  const b = dayNumber(bStart);
  return a <= b + bDays - 1 && b <= a + aDays - 1;
}

/**
 * The duplicates of `items`, to be issued (or issued) on `date`, among `others`: the patient's
 * prescriptions read for the window; the prescription itself (`selfRxId`) is left out.
 */
export function findDuplicates(
  items: readonly ItemToCheck[],
  date: string,
  others: readonly RxToCompare[],
  windowDays: number,
  selfRxId?: string,
): DuplicateHit[] {
  const from = windowStartOf(date, windowDays);
  const hits: DuplicateHit[] = [];
  for (const rx of others) {
    const issued = issueDateOf(rx);
    if (rx.rxId === selfRxId || rx.status === 'REVOKED' || issued < from || issued > date) continue;
    for (const item of items) {
      for (const other of rx.items) {
        let matchedOn: DuplicateHit['matchedOn'] | undefined;
        if (other.drugCode === item.drugCode) matchedOn = 'drugCode';
        else if (item.genericGroup !== undefined && other.genericGroup === item.genericGroup) matchedOn = 'genericGroup';
        if (matchedOn && suppliesOverlap(issued, other.days, date, item.days ?? 1)) {
          hits.push({ rxId: rx.rxId, institutionId: rx.prescriber.institutionId, drugCode: item.drugCode, otherDrugCode: other.drugCode, matchedOn });
        }
      }
    }
  }
  return hits;
}

/** The prescriptions the hits are on, each once. */
export const duplicateRxIdsOf = (hits: readonly DuplicateHit[]): string[] => [...new Set(hits.map((hit) => hit.rxId))];

/** A duplicate is issued only with a reason for overriding it (SR-04). */
export function duplicateRefusal(hits: readonly DuplicateHit[], overrideReason: string | undefined): ChaincodeError | undefined {
  if (hits.length === 0 || overrideReason !== undefined) return undefined;
  return ruleViolation(
    `the patient holds prescription(s) ${duplicateRxIdsOf(hits).join(', ')} for the same drug or generic group whose supply overlaps (SR-04); give duplicateOverrideReason to issue anyway`,
  );
}
