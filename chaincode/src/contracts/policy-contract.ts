import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { callerOf, stampOf } from '../ledger/caller';
import { notFound, ruleViolation, validationError } from '../ledger/errors';
import { emit } from '../ledger/events';
import { txTimeMs } from '../ledger/time';
import { indexTails, mustRead, putIndex, writeRecord } from '../ledger/state';
import {
  BP_ONE,
  INSTITUTION_LEVELS,
  PERSONAL_ACCOUNT_USE,
  policyIdOf,
  type LevelTable,
  type PolicyRecord,
  type PolicyTerms,
} from '../model/policy';
import { chinaDateOf } from '../rules/dates';
import { inForceOn, policyRuleViolations } from '../rules/policy';
import { Fields, MAX_FEN, REGION_RE, REGION_RULE, arg, dateArg, requireInsurer } from './insurance-support';

/** Index [region, zero-padded version] → policy `${region}:${version}`; padding keeps versions in numeric order. */
export const POLICY_BY_REGION = 'policy-by-region';
const padVersion = (version: number): string => String(version).padStart(6, '0');

const TERM_FIELDS = [
  'effectiveFrom',
  'ratioBpByLevel',
  'deductibleFenByLevel',
  'annualCapFen',
  'crossRegionFiledRatioBp',
  'crossRegionUnfiledRatioBp',
  'reviewThresholds',
  'personalAccountUse',
] as const;

function levelTable(fields: Fields, name: string, max: number): LevelTable {
  const table = fields.obj(name, INSTITUTION_LEVELS);
  return { basic: table.int('basic', 0, max), secondary: table.int('secondary', 0, max), tertiary: table.int('tertiary', 0, max) };
}

export function parsePolicyTerms(json: string): PolicyTerms {
  const f = Fields.parse(json, 'policy', TERM_FIELDS);
  const thresholds = f.obj('reviewThresholds', ['stayWarnDays', 'manualReviewTotalFen', 'autoApproveMaxFen']);
  return {
    effectiveFrom: f.date('effectiveFrom'),
    ratioBpByLevel: levelTable(f, 'ratioBpByLevel', BP_ONE),
    deductibleFenByLevel: levelTable(f, 'deductibleFenByLevel', MAX_FEN),
    annualCapFen: f.int('annualCapFen', 1, MAX_FEN),
    crossRegionFiledRatioBp: f.int('crossRegionFiledRatioBp', 0, BP_ONE),
    crossRegionUnfiledRatioBp: f.int('crossRegionUnfiledRatioBp', 0, BP_ONE),
    reviewThresholds: {
      stayWarnDays: thresholds.int('stayWarnDays', 1, 3650),
      manualReviewTotalFen: thresholds.int('manualReviewTotalFen', 1, MAX_FEN),
      autoApproveMaxFen: thresholds.has('autoApproveMaxFen') ? thresholds.int('autoApproveMaxFen', 0, MAX_FEN) : 0,
    },
    personalAccountUse: f.oneOf('personalAccountUse', PERSONAL_ACCOUNT_USE),
  };
}

/** Every version of a region's policy, oldest first. */
export async function policyVersions(ctx: Context, region: string): Promise<PolicyRecord[]> {
  const tails = await indexTails(ctx, POLICY_BY_REGION, [region]);
  return Promise.all(tails.map(([padded]) => mustRead<PolicyRecord>(ctx, 'policy', policyIdOf(region, Number(padded)))));
}

/** The version of a region's policy in force on a date; RULE when there is none, since nothing can be computed without it. */
export async function policyInForce(ctx: Context, region: string, date: string): Promise<PolicyRecord> {
  const policy = inForceOn(await policyVersions(ctx, region), date);
  if (!policy) throw ruleViolation(`no policy of region ${region} is in force on ${date}`);
  return policy;
}

@Info({ title: 'Policy', description: 'Versioned regional reimbursement policy: ratios, deductibles, cap, review thresholds' })
export class PolicyContract extends Contract {
  constructor() {
    super('Policy');
  }

  /**
   * A new version of the caller's region's policy. Versions are append-only and never apply to
   * the past, so no claim already computed could have been computed differently.
   */
  @Transaction()
  async Set(ctx: Context, policyJson: string): Promise<PolicyRecord> {
    const { actor, region } = requireInsurer(ctx);
    const terms = parsePolicyTerms(policyJson);
    const breaches = policyRuleViolations(terms);
    if (breaches.length > 0) throw ruleViolation(breaches.join('; '));
    const today = chinaDateOf(txTimeMs(ctx));
    if (terms.effectiveFrom < today) throw ruleViolation(`effectiveFrom ${terms.effectiveFrom} is before today (${today}); policies are not retroactive`);
    const versions = await policyVersions(ctx, region);
    const latest = versions[versions.length - 1];
    if (latest && terms.effectiveFrom < latest.effectiveFrom) {
      throw ruleViolation(`effectiveFrom ${terms.effectiveFrom} is before version ${latest.version}'s ${latest.effectiveFrom}`);
    }
    const version = (latest?.version ?? 0) + 1;
    const record: PolicyRecord = {
      docType: 'policy',
      policyId: policyIdOf(region, version),
      region,
      version,
      ...terms,
      created: stampOf(ctx, actor),
    };
    await writeRecord(ctx, 'policy', record.policyId, record);
    await putIndex(ctx, POLICY_BY_REGION, [region, padVersion(version)]);
    emit(ctx, 'PolicySet', { policyId: record.policyId, region, version });
    return record;
  }

  @Transaction(false)
  async Get(ctx: Context, region: string, version: string): Promise<PolicyRecord> {
    callerOf(ctx);
    arg(region, 'region', REGION_RE, REGION_RULE);
    if (!/^[1-9]\d{0,5}$/.test(version)) throw validationError('version must be a positive integer');
    return mustRead<PolicyRecord>(ctx, 'policy', policyIdOf(region, Number(version)));
  }

  @Transaction(false)
  async InForce(ctx: Context, region: string, date: string): Promise<PolicyRecord> {
    callerOf(ctx);
    arg(region, 'region', REGION_RE, REGION_RULE);
    const policy = inForceOn(await policyVersions(ctx, region), dateArg(date, 'date'));
    if (!policy) throw notFound(`no policy of region ${region} is in force on ${date}`);
    return policy;
  }

  @Transaction(false)
  async List(ctx: Context, region: string): Promise<PolicyRecord[]> {
    callerOf(ctx);
    return policyVersions(ctx, arg(region, 'region', REGION_RE, REGION_RULE));
  }
}
