/**
 * SR-03 repeat examinations: an exam item the patient already had, at any institution, in a
 * visit that ended within repeatExamDays before this visit began, or during it. Exam lines are
 * compared by their item code (every exam line has one, rules/encounter-record.ts).
 */
import type { ClaimSourceLine, ReviewHit } from '../model/claim';
import type { EncounterRecord } from '../model/encounter';
import type { PolicyRef, ReviewRules } from '../model/policy';
import { addDays } from './dates';
import { periodOf } from './encounter-record';

const examCodesOf = (lines: readonly Pick<ClaimSourceLine, 'category' | 'itemCode'>[]): Set<string> =>
  new Set(lines.flatMap((line) => (line.category === 'exam' && line.itemCode !== undefined ? [line.itemCode] : [])));

/** The first date a visit that ended then still counts as a repeat for a visit beginning on `from`. */
export const repeatWindowStart = (from: string, rule: ReviewRules['SR-03']): string => addDays(from, -rule.repeatExamDays);

export function repeatExamHits(
  visit: { encounterId: string; period: { from: string; to: string }; lines: readonly Pick<ClaimSourceLine, 'category' | 'itemCode'>[] },
  others: readonly EncounterRecord[],
  rule: ReviewRules['SR-03'],
  policy: PolicyRef,
): ReviewHit[] {
  const codes = examCodesOf(visit.lines);
  const start = repeatWindowStart(visit.period.from, rule);
  const hits: ReviewHit[] = [];
  for (const other of others) {
    const ended = periodOf(other).to;
    if (other.encounterId === visit.encounterId || ended < start || ended > visit.period.to) continue;
    for (const code of examCodesOf(other.feeLines)) {
      if (!codes.has(code)) continue;
      hits.push({
        ruleId: 'SR-03',
        action: rule.action,
        detail: `repeat examination ${code}: already in encounter ${other.encounterId} at ${other.institutionId} ending ${ended}, within ${rule.repeatExamDays} days`,
        policy,
      });
    }
  }
  return hits;
}
