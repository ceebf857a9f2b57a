/**
 * RX-12 non-insurance goods on a pharmacy claim: a line for a drug outside the insurance
 * catalogue (coverage NONE), for a health supplement (保健品), or for a drug the catalogue
 * version of its prescription does not list at all. Hospital claims are not pharmacy sales.
 */
import type { CatalogueDrug } from '../model/catalogue';
import type { ClaimSourceLine, ReviewHit } from '../model/claim';
import type { PolicyRef, ReviewRules } from '../model/policy';

export interface PharmacyLine {
  line: Pick<ClaimSourceLine, 'item' | 'drugCode' | 'coverage'>;
  /** The drug's entry in its prescription's catalogue version, if that version lists it. */
  entry?: Pick<CatalogueDrug, 'healthSupplement'>;
}

/** Why a pharmacy line is not insurance goods, if it is not. */
export function nonInsuranceReason({ line, entry }: PharmacyLine): string | undefined {
  if (entry === undefined) return 'not in the catalogue';
  if (entry.healthSupplement === true) return 'a health supplement';
  if (line.coverage.class === 'NONE') return 'outside the insurance catalogue';
  return undefined;
}

export function nonInsuranceHits(refType: string, lines: readonly PharmacyLine[], rule: ReviewRules['RX-12'], policy: PolicyRef): ReviewHit[] {
  if (refType !== 'dispense') return [];
  const found = lines.flatMap((l, i) => {
    const reason = nonInsuranceReason(l);
    return reason === undefined ? [] : [`line ${i + 1} ${l.line.drugCode ?? l.line.item} is ${reason}`];
  });
  return found.length === 0 ? [] : [{ ruleId: 'RX-12', action: rule.action, detail: `non-insurance goods on a pharmacy claim: ${found.join('; ')}`, policy }];
}
