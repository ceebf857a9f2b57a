import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { InstitutionApi as Api } from '../api/institution-api';
import { authorise, stampOf } from '../ledger/caller';
import { conflict, forbidden } from '../ledger/errors';
import { emit } from '../ledger/events';
import { insurerRegionOf } from '../ledger/parties';
import { txTimeMs } from '../ledger/time';
import { argsOf } from '../ledger/transaction-input';
import type { Page } from '../model/audit';
import type { InstitutionRecord } from '../model/institution';
import { chinaDateOf } from '../rules/dates';
import { changedFields, registeredInstitution, updatedInstitution } from '../rules/designation';
import { revokedInstitution, sanctionerRefusal, suspendedInstitution } from '../rules/sanctions';
import { institutions, institutionsOfRegion } from '../stores/institutions';

/** The insurer of the institution's region keeps its file; anyone enrolled reads it. */
function mustBeInsurerOf(region: string, insurerRegion: string, act: string): void {
  if (insurerRegion !== region) throw forbidden(`only the insurer of region ${region} ${act}; the caller is the insurer of ${insurerRegion}`);
}

@Info({ title: 'Institution', description: 'Designated institutions: registry, designation agreements and sanctions (XR-03, CR-04, CR-10)' })
export class InstitutionContract extends Contract {
  constructor() {
    super('Institution');
  }

  /** The insurer of a region designates a hospital, clinic or pharmacy there, with an ACTIVE agreement. */
  @Transaction()
  async Register(ctx: Context, args: string): Promise<InstitutionRecord> {
    const actor = await authorise(ctx, Api.Register);
    const input = argsOf(Api.Register, args);
    mustBeInsurerOf(input.region, insurerRegionOf(actor), 'designates its institutions');
    const record = registeredInstitution(input, chinaDateOf(txTimeMs(ctx)), stampOf(ctx, actor));
    if (await institutions.exists(ctx, input.institutionId)) throw conflict(`institution ${input.institutionId} is already registered`);
    await institutions.save(ctx, record);
    emit(ctx, 'InstitutionRegistered', { institutionId: record.institutionId, region: record.region, kind: record.kind, level: record.level });
    return record;
  }

  /** Renames, re-levels or re-grades an institution, or renews its agreement; a revoked one is final. */
  @Transaction()
  async Update(ctx: Context, args: string): Promise<InstitutionRecord> {
    const actor = await authorise(ctx, Api.Update);
    const { institutionId, ...changes } = argsOf(Api.Update, args);
    const record = await institutions.mustGet(ctx, institutionId);
    mustBeInsurerOf(record.region, insurerRegionOf(actor), 'changes its institutions');
    const next = updatedInstitution(record, changes, chinaDateOf(txTimeMs(ctx)), stampOf(ctx, actor));
    await institutions.save(ctx, next, record);
    emit(ctx, 'InstitutionUpdated', { institutionId, region: next.region, changed: changedFields(changes) });
    return next;
  }

  /** Suspends the agreement through a China date (CR-10): until then its staff cannot issue, dispense or claim. */
  @Transaction()
  async Suspend(ctx: Context, args: string): Promise<InstitutionRecord> {
    const actor = await authorise(ctx, Api.Suspend);
    const { institutionId, until, ...basis } = argsOf(Api.Suspend, args);
    const record = await institutions.mustGet(ctx, institutionId);
    const refusal = sanctionerRefusal(actor, record);
    if (refusal) throw refusal;
    const next = suspendedInstitution(record, until, basis, chinaDateOf(txTimeMs(ctx)), stampOf(ctx, actor));
    await institutions.save(ctx, next, record);
    emit(ctx, 'AgreementSuspended', { institutionId, region: next.region, ruleId: basis.ruleId, until });
    return next;
  }

  /** Revokes the agreement for good (CR-10: 吊销医保资质). */
  @Transaction()
  async Revoke(ctx: Context, args: string): Promise<InstitutionRecord> {
    const actor = await authorise(ctx, Api.Revoke);
    const { institutionId, ...basis } = argsOf(Api.Revoke, args);
    const record = await institutions.mustGet(ctx, institutionId);
    const refusal = sanctionerRefusal(actor, record);
    if (refusal) throw refusal;
    const next = revokedInstitution(record, basis, stampOf(ctx, actor));
    await institutions.save(ctx, next, record);
    emit(ctx, 'AgreementRevoked', { institutionId, region: next.region, ruleId: basis.ruleId });
    return next;
  }

  @Transaction(false)
  async Get(ctx: Context, args: string): Promise<InstitutionRecord> {
    await authorise(ctx, Api.Get);
    return institutions.mustGet(ctx, argsOf(Api.Get, args).institutionId);
  }

  /** A region's designated institutions, a page at a time, in id order. */
  @Transaction(false)
  async ListByRegion(ctx: Context, args: string): Promise<Page<InstitutionRecord>> {
    await authorise(ctx, Api.ListByRegion);
    const { region, pageSize, bookmark } = argsOf(Api.ListByRegion, args);
    return institutionsOfRegion(ctx, region, { pageSize, bookmark });
  }
}
