/**
 * SR-18 split billing (分解收费): one visit billed as several claims. A hit when the patient
 * already has an encounter claim at the same institution for the same China service date, or
 * when another claim already bills one of the same prescriptions (what the hospital billed on
 * the visit and a pharmacy on a dispense; the units themselves can no longer be billed twice,
 * rules/encounter-lines.ts).
 */
import type { ReviewHit } from '../model/claim';
import type { PolicyRef, ReviewRules } from '../model/policy';

export function splitBillingHits(
  claim: { refType: string; institutionId: string; serviceDate: string; rxIds: readonly string[] },
  alongside: { sameDayClaimIds: readonly string[]; sameRxClaimIds: readonly string[] },
  rule: ReviewRules['SR-18'],
  policy: PolicyRef,
): ReviewHit[] {
  const hits: ReviewHit[] = [];
  if (claim.refType === 'encounter' && alongside.sameDayClaimIds.length > 0) {
    hits.push({
      ruleId: 'SR-18',
      action: rule.action,
      detail: `split billing: claim(s) ${alongside.sameDayClaimIds.join(', ')} already bill the patient's visit at ${claim.institutionId} on ${claim.serviceDate}`,
      policy,
    });
  }
  if (alongside.sameRxClaimIds.length > 0) {
    hits.push({
      ruleId: 'SR-18',
      action: rule.action,
      detail: `split billing: claim(s) ${alongside.sameRxClaimIds.join(', ')} already bill prescription(s) ${claim.rxIds.join(', ')}`,
      policy,
    });
  }
  return hits;
}
