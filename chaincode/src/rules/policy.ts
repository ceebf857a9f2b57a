import { ruleViolation } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import { BP_ONE, INSTITUTION_LEVELS, policyIdOf, type PolicyRecord, type PolicyTerms } from '../model/policy';
import { reviewRulesOf } from './review-rules';

/** PM-28: for basic-institution outpatient care the fund pays at least half. */
export const MIN_BASIC_RATIO_BP = BP_ONE / 2;

/** Domain rules a region's policy must satisfy; each breach is reported with its rule id. */
export function policyRuleViolations(terms: PolicyTerms): string[] {
  const breaches: string[] = [];
  if (terms.ratioBpByLevel.basic < MIN_BASIC_RATIO_BP) {
    breaches.push(`PM-28: the basic-level ratio must be at least ${MIN_BASIC_RATIO_BP} bp`);
  }
  for (let i = 1; i < INSTITUTION_LEVELS.length; i++) {
    const lower = INSTITUTION_LEVELS[i - 1];
    const higher = INSTITUTION_LEVELS[i];
    if (terms.ratioBpByLevel[higher] > terms.ratioBpByLevel[lower]) {
      breaches.push(`PM-31: the ${higher} ratio may not exceed the ${lower} ratio`);
    }
    if (terms.deductibleFenByLevel[higher] < terms.deductibleFenByLevel[lower]) {
      breaches.push(`PM-31: the ${higher} deductible may not be below the ${lower} deductible`);
    }
  }
  if (terms.crossRegionUnfiledRatioBp >= terms.crossRegionFiledRatioBp) {
    breaches.push('XR-05: the unfiled cross-region ratio must be lower than the filed one');
  }
  return breaches;
}

/**
 * The version in force on a date: the greatest effectiveFrom on or before it, and among versions
 * with that effectiveFrom the latest, since a later version supersedes one not yet in force.
 */
export function inForceOn<T extends { effectiveFrom: string; version: number }>(versions: readonly T[], date: string): T | undefined {
  let best: T | undefined;
  for (const v of versions) {
    if (v.effectiveFrom > date) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) {
      best = v;
    }
  }
  return best;
}

/**
 * The next version of a region's policy. Versions are append-only and never apply to the past,
 * so no claim already computed could have been computed differently; a version may not take
 * effect before the latest one does. `versions` are the region's, oldest first.
 */
export function nextPolicyVersion(terms: PolicyTerms, versions: readonly PolicyRecord[], region: string, today: string, stamp: Stamp): PolicyRecord {
  checkPolicyRules(terms);
  if (terms.effectiveFrom < today) throw ruleViolation(`effectiveFrom ${terms.effectiveFrom} is before today (${today}); policies are not retroactive`);
  // The version taking effect last; by number too, unless a historical version was imported after it (Archive:ImportPolicy).
  const latest = versions.reduce<PolicyRecord | undefined>((max, v) => (!max || v.effectiveFrom >= max.effectiveFrom ? v : max), undefined);
  if (latest && terms.effectiveFrom < latest.effectiveFrom) {
    throw ruleViolation(`effectiveFrom ${terms.effectiveFrom} is before version ${latest.version}'s ${latest.effectiveFrom}`);
  }
  return policyVersion(terms, versions, region, stamp);
}

/**
 * A version that was in force before the chain's records begin (Archive:ImportPolicy): the
 * terms an imported history is split by. It must have taken effect before today and before
 * every version the region has, so no claim the chain computed could have come out differently;
 * the later versions supersede it from their effectiveFrom on (inForceOn).
 */
export function historicalPolicyVersion(terms: PolicyTerms, versions: readonly PolicyRecord[], region: string, today: string, stamp: Stamp): PolicyRecord {
  checkPolicyRules(terms);
  if (terms.effectiveFrom >= today) throw ruleViolation(`effectiveFrom ${terms.effectiveFrom} is not before today (${today}); a historical policy took effect in the past`);
  const earliest = versions.reduce<PolicyRecord | undefined>((min, v) => (!min || v.effectiveFrom < min.effectiveFrom ? v : min), undefined);
  if (earliest && terms.effectiveFrom >= earliest.effectiveFrom) {
    throw ruleViolation(`effectiveFrom ${terms.effectiveFrom} is not before version ${earliest.version}'s ${earliest.effectiveFrom}; history precedes the region's versions on the chain`);
  }
  return policyVersion(terms, versions, region, stamp);
}

function checkPolicyRules(terms: PolicyTerms): void {
  const breaches = policyRuleViolations(terms);
  if (breaches.length > 0) throw ruleViolation(breaches.join('; '));
}

/** The region's next version number with these terms. */
function policyVersion(terms: PolicyTerms, versions: readonly PolicyRecord[], region: string, stamp: Stamp): PolicyRecord {
  const version = (versions[versions.length - 1]?.version ?? 0) + 1;
  return {
    docType: 'policy',
    policyId: policyIdOf(region, version),
    region,
    version,
    ...terms,
    // Recorded explicitly, so a reader never has to know that an absent limit means none.
    reviewThresholds: { ...terms.reviewThresholds, autoApproveMaxFen: terms.reviewThresholds.autoApproveMaxFen ?? 0 },
    reviewRules: reviewRulesOf(terms),
    created: stamp,
  };
}
