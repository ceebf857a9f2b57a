/**
 * The reads smart review needs for one claim, each bounded by the patient's own records in a
 * window of dates or by the claim's own prescriptions, never by the size of the ledger: the
 * billed prescriptions (one key each), the patient's prescriptions issued in their SR-04
 * window and visits ended in the SR-03 repeat window (one range query per window,
 * stores/date-window.ts), one catalogue entry per billed drug, and the claims under the
 * patient's institution and date and under each billed prescription (one prefix query each).
 */
import type { Context } from 'fabric-contract-api';
import type { CatalogueDrug } from '../model/catalogue';
import type { EncounterRecord } from '../model/encounter';
import type { ReviewRules } from '../model/policy';
import type { PrescriptionRecord } from '../model/prescription';
import type { ClaimSource } from '../rules/claim-source';
import { issueDateOf, windowStartOf } from '../rules/duplicates';
import { drugFactKey, type ReviewFacts } from '../rules/review-facts';
import { repeatWindowStart } from '../rules/review-repeat-exams';
import { drugOf } from './catalogue';
import { claimIdsAlongside } from './claims';
import { encountersEndedBetween } from './encounters';
import { prescriptions, prescriptionsIssuedBetween } from './prescriptions';

export async function reviewFactsOf(ctx: Context, source: ClaimSource, institutionId: string, rules: ReviewRules): Promise<ReviewFacts> {
  const billed = new Map<string, PrescriptionRecord>();
  for (const rxId of source.rxIds) billed.set(rxId, await prescriptions.mustGet(ctx, rxId));

  const issued = [...billed.values()].map(issueDateOf).sort();
  const prescriptionsInWindow =
    issued.length === 0 ? [] : await prescriptionsIssuedBetween(ctx, source.patientRef, windowStartOf(issued[0], rules['SR-04'].windowDays), issued[issued.length - 1]);

  const drugs = new Map<string, CatalogueDrug>();
  for (const line of source.lines) {
    const rx = line.rxId === undefined ? undefined : billed.get(line.rxId);
    if (rx === undefined || line.drugCode === undefined) continue;
    const key = drugFactKey(rx.catalogueVersion, line.drugCode);
    if (drugs.has(key)) continue;
    const entry = await drugOf(ctx, rx.catalogueVersion, line.drugCode);
    if (entry) drugs.set(key, entry);
  }

  const visitsInWindow: EncounterRecord[] =
    source.refType === 'encounter' ? await encountersEndedBetween(ctx, source.patientRef, repeatWindowStart(source.period.from, rules['SR-03']), source.period.to) : [];

  const { sameDay, sameRx } = await claimIdsAlongside(ctx, { patientRef: source.patientRef, institutionId, serviceDate: source.serviceDate }, source.rxIds);
  return { billed, prescriptionsInWindow, drugs, visitsInWindow, sameDayClaimIds: sameDay, sameRxClaimIds: sameRx };
}
