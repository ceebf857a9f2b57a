import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { CatalogueApi as Api } from '../api/catalogue-api';
import { authorise, stampOf } from '../ledger/caller';
import { conflict, notFound } from '../ledger/errors';
import { emit } from '../ledger/events';
import { txTimeMs } from '../ledger/time';
import { argsOf } from '../ledger/transaction-input';
import type { CatalogueVersion, DrugLookup } from '../model/catalogue';
import { catalogueEntriesOf } from '../rules/catalogue-entries';
import { newVersionRefusal } from '../rules/catalogue-version';
import { catalogueVersions, mustGetCatalogueInForce, versionStarts } from '../stores/catalogue';

@Info({ title: 'Catalogue', description: 'Versioned insurance drug catalogue with self-pay ratios and days-supply limits (RX-04, RX-07)' })
export class CatalogueContract extends Contract {
  constructor() {
    super('Catalogue');
  }

  /** An insurer publishes a new version; it takes effect at 00:00 China time on effectiveFrom. */
  @Transaction()
  async PublishVersion(ctx: Context, args: string): Promise<CatalogueVersion> {
    const actor = authorise(ctx, Api.PublishVersion);
    const input = argsOf(Api.PublishVersion, args);
    const drugs = catalogueEntriesOf(input.drugs);
    if (await catalogueVersions.exists(ctx, input.versionId)) throw conflict(`catalogue version ${input.versionId} already exists`);
    const refusal = newVersionRefusal(await versionStarts(ctx), input.effectiveFrom, txTimeMs(ctx));
    if (refusal) throw refusal;
    const record: CatalogueVersion = { docType: 'catalogue', versionId: input.versionId, effectiveFrom: input.effectiveFrom, drugs, limits: input.limits, published: stampOf(ctx, actor) };
    await catalogueVersions.save(ctx, record);
    emit(ctx, 'CatalogueVersionPublished', { versionId: input.versionId, effectiveFrom: input.effectiveFrom, drugCount: drugs.length });
    return record;
  }

  @Transaction(false)
  async GetVersionInForce(ctx: Context, args: string): Promise<CatalogueVersion> {
    authorise(ctx, Api.GetVersionInForce);
    argsOf(Api.GetVersionInForce, args);
    return mustGetCatalogueInForce(ctx, txTimeMs(ctx));
  }

  @Transaction(false)
  async GetVersion(ctx: Context, args: string): Promise<CatalogueVersion> {
    authorise(ctx, Api.GetVersion);
    return catalogueVersions.mustGet(ctx, argsOf(Api.GetVersion, args).versionId);
  }

  /** One drug as the version in force lists it. */
  @Transaction(false)
  async GetDrug(ctx: Context, args: string): Promise<DrugLookup> {
    authorise(ctx, Api.GetDrug);
    const { drugCode } = argsOf(Api.GetDrug, args);
    const version = await mustGetCatalogueInForce(ctx, txTimeMs(ctx));
    const drug = version.drugs.find((d) => d.drugCode === drugCode);
    if (!drug) throw notFound(`drug ${drugCode} is not listed in catalogue version ${version.versionId}`);
    return { catalogueVersion: version.versionId, effectiveFrom: version.effectiveFrom, drug };
  }
}
