/**
 * SR-04 at claim submission: each prescription the claim bills, checked as Issue checks it
 * (rules/duplicates.ts) against the patient's prescriptions in the window up to its issue date,
 * at any institution, filled or not. One hit per billed prescription that has duplicates.
 */
import type { ReviewHit } from '../model/claim';
import type { PolicyRef, ReviewRules } from '../model/policy';
import type { PrescriptionRecord } from '../model/prescription';
import { duplicateRxIdsOf, findDuplicates, issueDateOf } from './duplicates';

export function duplicatePrescribingHits(
  billed: Iterable<PrescriptionRecord>,
  others: readonly PrescriptionRecord[],
  rule: ReviewRules['SR-04'],
  policy: PolicyRef,
): ReviewHit[] {
  const hits: ReviewHit[] = [];
  for (const rx of billed) {
    const issued = issueDateOf(rx);
    const duplicates = findDuplicates(rx.items, issued, others, rule.windowDays, rx.rxId);
    if (duplicates.length === 0) continue;
    const drugs = [...new Set(duplicates.map((d) => d.drugCode))].join(', ');
    const where = [...new Set(duplicates.map((d) => d.institutionId))].join(', ');
    hits.push({
      ruleId: 'SR-04',
      action: rule.action,
      detail: `prescription ${rx.rxId} (issued ${issued}) repeats ${drugs} of prescription(s) ${duplicateRxIdsOf(duplicates).join(', ')} at ${where} within ${rule.windowDays} days with overlapping supply`,
      policy,
    });
  }
  return hits;
}
