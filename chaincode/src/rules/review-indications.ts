/**
 * SR-03 off-indication use: a billed drug whose catalogue entry lists indications (ICD-10
 * prefixes) none of the diagnoses it was prescribed or billed under falls under. A drug with no
 * indications listed is never a hit.
 */
import type { CatalogueDrug } from '../model/catalogue';
import type { ReviewHit } from '../model/claim';
import type { PolicyRef, ReviewRules } from '../model/policy';
import { underPrefix } from './review-facts';

export interface BilledDrug {
  drugCode: string;
  /** Its entry in the catalogue version of its prescription, if that version lists it. */
  entry?: Pick<CatalogueDrug, 'indications'>;
  /** The diagnoses of its prescription and of the visit that billed it. */
  diagnosisCodes: readonly string[];
}

export function isOffIndication(drug: BilledDrug): boolean {
  const indications = drug.entry?.indications ?? [];
  return indications.length > 0 && !drug.diagnosisCodes.some((code) => indications.some((prefix) => underPrefix(code, prefix)));
}

export function offIndicationHits(drugs: readonly BilledDrug[], rule: ReviewRules['SR-03'], policy: PolicyRef): ReviewHit[] {
  const seen = new Set<string>();
  return drugs.filter(isOffIndication).flatMap((drug): ReviewHit[] => {
    if (seen.has(drug.drugCode)) return [];
    seen.add(drug.drugCode);
    return [
      {
        ruleId: 'SR-03',
        action: rule.action,
        detail: `off-indication use of ${drug.drugCode}: indicated for ${(drug.entry?.indications ?? []).join(', ')}, billed under ${drug.diagnosisCodes.join(', ') || 'no diagnosis'}`,
        policy,
      },
    ];
  });
}
