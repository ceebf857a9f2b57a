/**
 * Duplicate prescribing (RX-01, SR-04): the patient already holds an active prescription for the
 * same drug or the same generic group, from any doctor at any institution, issued within the
 * window. Active means not revoked, not fully dispensed and not expired at the moment of the check.
 */
import { type ChaincodeError, ruleViolation } from '../ledger/errors';
import type { DuplicateHit, PrescriptionRecord } from '../model/prescription';
import { DAY_MS, validityAt } from './validity';

/** SR-04 speaks of "within 1 month"; a parameter, inclusive of the boundary instant. */
export const DUPLICATE_WINDOW_DAYS = 30;
export const DUPLICATE_WINDOW_MS = DUPLICATE_WINDOW_DAYS * DAY_MS;

export function isActiveAt(rx: PrescriptionRecord, atMs: number): boolean {
  if (rx.status !== 'ISSUED' && rx.status !== 'PARTIALLY_DISPENSED') return false;
  return validityAt(Date.parse(rx.issuedAt), Date.parse(rx.validUntil), atMs) === 'VALID';
}

export function findDuplicates(
  items: readonly { drugCode: string; genericGroup?: string }[],
  others: readonly PrescriptionRecord[],
  atMs: number,
  windowMs: number = DUPLICATE_WINDOW_MS,
): DuplicateHit[] {
  const hits: DuplicateHit[] = [];
  for (const rx of others) {
    if (atMs - Date.parse(rx.issuedAt) > windowMs || !isActiveAt(rx, atMs)) continue;
    for (const item of items) {
      for (const other of rx.items) {
        let matchedOn: DuplicateHit['matchedOn'] | undefined;
        if (other.drugCode === item.drugCode) matchedOn = 'drugCode';
        else if (item.genericGroup !== undefined && other.genericGroup === item.genericGroup) matchedOn = 'genericGroup';
        if (matchedOn) {
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
    `the patient holds active prescription(s) ${duplicateRxIdsOf(hits).join(', ')} for the same drug or generic group (SR-04); give duplicateOverrideReason to issue anyway`,
  );
}
