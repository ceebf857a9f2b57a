/**
 * The review rules a policy version applies at claim submission, with the defaults that hold
 * where a version says nothing (versions set before the rules existed, or a rule left out):
 * - SR-03 repeat examinations and off-indication use: reject (the documents: automatic
 *   rejection), repeat window 7 days;
 * - SR-04 duplicate prescribing: flag, window 30 days ("within 1 month");
 * - SR-08 diagnosis–item contradictions: flag, no contradictions listed (the region lists them);
 * - SR-18 split billing: flag;
 * - RX-12 non-insurance goods on a pharmacy claim: flag (an out-of-catalogue drug the patient
 *   agreed to pay for is lawful; the reviewer tells it from a supplement sold on the card).
 */
import type { PolicyTerms, ReviewRules, ReviewRulesInput } from '../model/policy';

export const DEFAULT_REVIEW_RULES: ReviewRules = {
  'SR-03': { action: 'reject', repeatExamDays: 7 },
  'SR-04': { action: 'flag', windowDays: 30 },
  'SR-08': { action: 'flag', contradictions: [] },
  'SR-18': { action: 'flag' },
  'RX-12': { action: 'flag' },
};

/** The rules in full: what the version sets, each field it leaves out at its default. */
export function reviewRulesOf(terms: Pick<PolicyTerms, 'reviewRules'> | undefined): ReviewRules {
  const given: ReviewRulesInput = terms?.reviewRules ?? {};
  return {
    'SR-03': { ...DEFAULT_REVIEW_RULES['SR-03'], ...given['SR-03'] },
    'SR-04': { ...DEFAULT_REVIEW_RULES['SR-04'], ...given['SR-04'] },
    'SR-08': { ...DEFAULT_REVIEW_RULES['SR-08'], ...given['SR-08'] },
    'SR-18': { ...DEFAULT_REVIEW_RULES['SR-18'], ...given['SR-18'] },
    'RX-12': { ...DEFAULT_REVIEW_RULES['RX-12'], ...given['RX-12'] },
  };
}
