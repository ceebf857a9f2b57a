/** Regional policy versions: key `${region}:${version}`, listed per region in version order. */
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, indexTails } from '../ledger/record-store';
import { ruleViolation } from '../ledger/errors';
import { policyIdOf, type PolicyRecord, type ReviewRules } from '../model/policy';
import { inForceOn } from '../rules/policy';
import { reviewRulesOf } from '../rules/review-rules';

/** [region, zero-padded version]: padding keeps versions in numeric order. */
export const POLICY_BY_REGION = 'policy-by-region';
const padVersion = (version: number): string => String(version).padStart(6, '0');

export const policies = new RecordStore<PolicyRecord>('policy', (p) => p.policyId, [
  index(POLICY_BY_REGION, (p) => [[p.region, padVersion(p.version)]]),
]);

/** Every version of a region's policy, oldest first. */
export async function policyVersions(ctx: Context, region: string): Promise<PolicyRecord[]> {
  const tails = await indexTails(ctx, POLICY_BY_REGION, [region]);
  return Promise.all(tails.map(([padded]) => policies.mustGet(ctx, policyIdOf(region, Number(padded)))));
}

/** The version of a region's policy in force on a date; RULE when there is none, since nothing can be computed without it. */
export async function policyInForce(ctx: Context, region: string, date: string): Promise<PolicyRecord> {
  const policy = inForceOn(await policyVersions(ctx, region), date);
  if (!policy) throw ruleViolation(`no policy of region ${region} is in force on ${date}`);
  return policy;
}

/** The review rules of a region's policy in force on a date; the defaults where the region has none in force. */
export async function reviewRulesInForce(ctx: Context, region: string, date: string): Promise<ReviewRules> {
  return reviewRulesOf(inForceOn(await policyVersions(ctx, region), date));
}
