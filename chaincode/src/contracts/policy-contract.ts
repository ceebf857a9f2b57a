import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { PolicyApi } from '../api/policy-api';
import { authorise, stampOf } from '../ledger/caller';
import { notFound } from '../ledger/errors';
import { emit } from '../ledger/events';
import { insurerRegionOf } from '../ledger/parties';
import { txTimeMs } from '../ledger/time';
import { argsOf } from '../ledger/transaction-input';
import { policyIdOf, type PolicyRecord } from '../model/policy';
import { chinaDateOf } from '../rules/dates';
import { inForceOn, nextPolicyVersion } from '../rules/policy';
import { policies, policyVersions } from '../stores/policies';

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
  async Set(ctx: Context, args: string): Promise<PolicyRecord> {
    const actor = await authorise(ctx, PolicyApi.Set);
    const region = insurerRegionOf(actor);
    const terms = argsOf(PolicyApi.Set, args);
    const today = chinaDateOf(txTimeMs(ctx));
    const record = nextPolicyVersion(terms, await policyVersions(ctx, region), region, today, stampOf(ctx, actor));
    await policies.save(ctx, record);
    emit(ctx, 'PolicySet', { policyId: record.policyId, region, version: record.version });
    return record;
  }

  @Transaction(false)
  async Get(ctx: Context, args: string): Promise<PolicyRecord> {
    await authorise(ctx, PolicyApi.Get);
    const { region, version } = argsOf(PolicyApi.Get, args);
    return policies.mustGet(ctx, policyIdOf(region, version));
  }

  /** The version in force on a date; without one, on the transaction's date in China, the date claims are priced by. */
  @Transaction(false)
  async InForce(ctx: Context, args: string): Promise<PolicyRecord> {
    await authorise(ctx, PolicyApi.InForce);
    const { region, date = chinaDateOf(txTimeMs(ctx)) } = argsOf(PolicyApi.InForce, args);
    const policy = inForceOn(await policyVersions(ctx, region), date);
    if (!policy) throw notFound(`no policy of region ${region} is in force on ${date}`);
    return policy;
  }

  @Transaction(false)
  async List(ctx: Context, args: string): Promise<PolicyRecord[]> {
    await authorise(ctx, PolicyApi.List);
    return policyVersions(ctx, argsOf(PolicyApi.List, args).region);
  }
}
