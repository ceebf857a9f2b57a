/**
 * SR-08 diagnosis–item contradictions, from the reviewing policy's table: a line is a hit when
 * every diagnosis of the claim contradicts it (a common cold alone does not explain a coronary
 * stent; a cold with coronary disease does). Lines are matched by item or drug code and by fee
 * category.
 */
import type { ClaimSourceLine, ReviewHit } from '../model/claim';
import type { Contradiction, PolicyRef, ReviewRules } from '../model/policy';
import { underPrefix } from './review-facts';

type Line = Pick<ClaimSourceLine, 'item' | 'category' | 'drugCode' | 'itemCode'>;

const contradicts = (c: Contradiction, diagnosisCode: string, line: Line): boolean => {
  const code = line.itemCode ?? line.drugCode;
  return underPrefix(diagnosisCode, c.diagnosisPrefix) && ((code !== undefined && c.itemCodes.includes(code)) || c.categories.includes(line.category));
};

export function contradictionHits(lines: readonly Line[], diagnosisCodes: readonly string[], rule: ReviewRules['SR-08'], policy: PolicyRef): ReviewHit[] {
  if (diagnosisCodes.length === 0 || rule.contradictions.length === 0) return [];
  return lines.flatMap((line, i): ReviewHit[] =>
    diagnosisCodes.every((code) => rule.contradictions.some((c) => contradicts(c, code, line)))
      ? [
          {
            ruleId: 'SR-08',
            action: rule.action,
            detail: `line ${i + 1} (${line.itemCode ?? line.drugCode ?? line.category}: ${line.item}) contradicts diagnosis ${diagnosisCodes.join(', ')}`,
            policy,
          },
        ]
      : [],
  );
}
