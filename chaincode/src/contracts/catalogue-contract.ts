import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { CatalogueApi as Api } from '../api/catalogue-api';
import { authorise, stampOf } from '../ledger/caller';
import { conflict, notFound } from '../ledger/errors';
import { emit } from '../ledger/events';
import { txTimeMs } from '../ledger/time';
import { argsOf } from '../ledger/transaction-input';
import type { Page } from '../model/audit';
import type { CatalogueDrug, CatalogueVersion, DrugLookup } from '../model/catalogue';
import { catalogueDrugsOf } from '../rules/catalogue-entries';
import { alreadyListedRefusal, capacityRefusal, openedVersion, sealedVersion, sealRefusal, uploadRefusal, withDrugs } from '../rules/catalogue-upload';
import { newVersionRefusal } from '../rules/catalogue-version';
import {
  catalogueDrugs,
  catalogueVersions,
  drugKeyOf,
  drugOf,
  drugPage,
  listedDrugs,
  mustGetCatalogueInForce,
  versionStarts,
} from '../stores/catalogue';

@Info({ title: 'Catalogue', description: 'Versioned insurance drug catalogue, one key per drug and version: class, self-pay ratio, payment standard, substitutes (RX-04, RX-07, PM-14)' })
export class CatalogueContract extends Contract {
  constructor() {
    super('Catalogue');
  }

  /** An insurer opens a version effective from a date, to be filled batch by batch and then sealed. */
  @Transaction()
  async OpenVersion(ctx: Context, args: string): Promise<CatalogueVersion> {
    const actor = await authorise(ctx, Api.OpenVersion);
    const input = argsOf(Api.OpenVersion, args);
    if (await catalogueVersions.exists(ctx, input.versionId)) throw conflict(`catalogue version ${input.versionId} already exists`);
    const refusal = newVersionRefusal(await versionStarts(ctx), input.effectiveFrom, txTimeMs(ctx));
    if (refusal) throw refusal;
    const record = openedVersion(input, stampOf(ctx, actor));
    await catalogueVersions.save(ctx, record);
    emit(ctx, 'CatalogueVersionOpened', { versionId: record.versionId, effectiveFrom: record.effectiveFrom, drugCount: record.drugCount });
    return record;
  }

  /**
   * Up to MAX_BATCH drugs of an open version, each under its own key. A batch naming a drug the
   * version already lists is refused whole (CONFLICT), so replaying a committed batch is harmless.
   */
  @Transaction()
  async AddDrugs(ctx: Context, args: string): Promise<CatalogueVersion> {
    const actor = await authorise(ctx, Api.AddDrugs);
    const input = argsOf(Api.AddDrugs, args);
    const drugs = catalogueDrugsOf(input.versionId, input.drugs);
    const version = await catalogueVersions.mustGet(ctx, input.versionId);
    const refusal = uploadRefusal(version, actor) ?? capacityRefusal(version, drugs.length);
    if (refusal) throw refusal;
    const listed: string[] = [];
    for (const drug of drugs) if (await catalogueDrugs.exists(ctx, drugKeyOf(drug.versionId, drug.drugCode))) listed.push(drug.drugCode);
    const taken = alreadyListedRefusal(version.versionId, listed);
    if (taken) throw taken;
    const next = withDrugs(version, drugs, stampOf(ctx, actor));
    for (const drug of drugs) await catalogueDrugs.save(ctx, drug);
    await catalogueVersions.save(ctx, next, version);
    emit(ctx, 'CatalogueDrugsAdded', { versionId: next.versionId, added: drugs.length, drugsAdded: next.drugsAdded, drugCount: next.drugCount });
    return next;
  }

  /** Seals a complete version: from then on it cannot change, and it is in force from its effectiveFrom. */
  @Transaction()
  async SealVersion(ctx: Context, args: string): Promise<CatalogueVersion> {
    const actor = await authorise(ctx, Api.SealVersion);
    const { versionId } = argsOf(Api.SealVersion, args);
    const version = await catalogueVersions.mustGet(ctx, versionId);
    const refusal =
      uploadRefusal(version, actor) ??
      sealRefusal(version, await listedDrugs(ctx, versionId)) ??
      newVersionRefusal(await versionStarts(ctx), version.effectiveFrom, txTimeMs(ctx));
    if (refusal) throw refusal;
    const next = sealedVersion(version, stampOf(ctx, actor));
    await catalogueVersions.save(ctx, next, version);
    emit(ctx, 'CatalogueVersionSealed', { versionId, effectiveFrom: next.effectiveFrom, drugCount: next.drugCount });
    return next;
  }

  /** The header of the version in force, with its counts; its drugs are read one by one (GetDrug, ListDrugs). */
  @Transaction(false)
  async GetVersionInForce(ctx: Context, args: string): Promise<CatalogueVersion> {
    await authorise(ctx, Api.GetVersionInForce);
    argsOf(Api.GetVersionInForce, args);
    return mustGetCatalogueInForce(ctx, txTimeMs(ctx));
  }

  @Transaction(false)
  async GetVersion(ctx: Context, args: string): Promise<CatalogueVersion> {
    await authorise(ctx, Api.GetVersion);
    return catalogueVersions.mustGet(ctx, argsOf(Api.GetVersion, args).versionId);
  }

  /** One drug as a version lists it: the given one, or the one in force. */
  @Transaction(false)
  async GetDrug(ctx: Context, args: string): Promise<DrugLookup> {
    await authorise(ctx, Api.GetDrug);
    const input = argsOf(Api.GetDrug, args);
    const version =
      input.versionId === undefined ? await mustGetCatalogueInForce(ctx, txTimeMs(ctx)) : await catalogueVersions.mustGet(ctx, input.versionId);
    const drug = await drugOf(ctx, version.versionId, input.drugCode);
    if (!drug) throw notFound(`drug ${input.drugCode} is not listed in catalogue version ${version.versionId}`);
    return { catalogueVersion: version.versionId, effectiveFrom: version.effectiveFrom, drug };
  }

  /** A version's drugs a page at a time, in drug-code order. */
  @Transaction(false)
  async ListDrugs(ctx: Context, args: string): Promise<Page<CatalogueDrug>> {
    await authorise(ctx, Api.ListDrugs);
    const { versionId, ...paging } = argsOf(Api.ListDrugs, args);
    await catalogueVersions.mustGet(ctx, versionId);
    return drugPage(ctx, versionId, paging);
  }
}
