import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { requireRole, stampOf } from '../ledger/caller';
import { conflict, notFound, validationError } from '../ledger/errors';
import { emit } from '../ledger/events';
import { indexTails, mustRead, putIndex, recordExists, writeRecord } from '../ledger/state';
import { txTimeMs } from '../ledger/time';
import type { CatalogueLimits, CatalogueVersion, DrugEntry, DrugLookup } from '../model/catalogue';
import { newVersionRefusal, versionInForce, type VersionStart } from '../rules/catalogue-version';
import { CODE, ID, Obj, idArg } from '../validation/args';

export const CATALOGUE = 'catalogue';
/** [effectiveFrom, versionId]: every version by start date, to find the one in force. */
export const CATALOGUE_BY_EFFECTIVE = 'catalogue-by-effective';

const MAX_DRUGS = 5000;
const MAX_LIMIT_DAYS = 365;
const MAX_SUBSTITUTES = 20;

const VERSION_FIELDS = ['versionId', 'effectiveFrom', 'drugs', 'limits'] as const;
const DRUG_FIELDS = ['drugCode', 'name', 'genericGroup', 'inCatalogue', 'selfPayRatioBp', 'substitutes', 'monitored'] as const;
const LIMIT_FIELDS = ['ordinaryMaxDays', 'emergencyMaxDays', 'longMaxDays'] as const;

function parseDrug(f: Obj): DrugEntry {
  return {
    drugCode: f.str('drugCode', CODE),
    name: f.text('name', 128),
    genericGroup: f.str('genericGroup', CODE),
    inCatalogue: f.bool('inCatalogue'),
    selfPayRatioBp: f.int('selfPayRatioBp', 0, 10_000),
    substitutes: f.optional('substitutes', (n) => f.strings(n, 0, MAX_SUBSTITUTES, CODE)) ?? [],
    monitored: f.optional('monitored', (n) => f.bool(n)) ?? false,
  };
}

/** A catalogue version from its JSON; substitutes must name other drugs of the same version. */
export function parseCatalogueVersion(json: string): Omit<CatalogueVersion, 'docType' | 'published'> {
  const f = Obj.parse(json, 'catalogue', VERSION_FIELDS);
  const versionId = f.str('versionId', ID);
  const effectiveFrom = f.date('effectiveFrom');
  const drugs = f.objects('drugs', 1, MAX_DRUGS, DRUG_FIELDS).map(parseDrug);
  const codes = new Set<string>();
  drugs.forEach((drug, i) => {
    if (codes.has(drug.drugCode)) throw validationError(`catalogue.drugs[${i}].drugCode ${drug.drugCode} is listed twice`);
    codes.add(drug.drugCode);
  });
  drugs.forEach((drug, i) => {
    for (const sub of drug.substitutes) {
      if (sub === drug.drugCode || !codes.has(sub)) {
        throw validationError(`catalogue.drugs[${i}].substitutes names ${sub}, which is not another drug of this version`);
      }
    }
  });
  const l = f.obj('limits', LIMIT_FIELDS);
  const limits: CatalogueLimits = {
    ordinaryMaxDays: l.int('ordinaryMaxDays', 1, MAX_LIMIT_DAYS),
    emergencyMaxDays: l.int('emergencyMaxDays', 1, MAX_LIMIT_DAYS),
    longMaxDays: l.int('longMaxDays', 1, MAX_LIMIT_DAYS),
  };
  return { versionId, effectiveFrom, drugs, limits };
}

async function versionStarts(ctx: Context): Promise<VersionStart[]> {
  return (await indexTails(ctx, CATALOGUE_BY_EFFECTIVE, [])).map(([effectiveFrom, versionId]) => ({ effectiveFrom, versionId }));
}

/** The catalogue version in force at an instant (RX-07), if any. */
export async function catalogueInForce(ctx: Context, atMs: number): Promise<CatalogueVersion | undefined> {
  const start = versionInForce(await versionStarts(ctx), atMs);
  return start ? mustRead<CatalogueVersion>(ctx, CATALOGUE, start.versionId) : undefined;
}

async function mustHaveCatalogueNow(ctx: Context): Promise<CatalogueVersion> {
  const version = await catalogueInForce(ctx, txTimeMs(ctx));
  if (!version) throw notFound('no drug catalogue version is in force');
  return version;
}

@Info({ title: 'Catalogue', description: 'Versioned insurance drug catalogue with self-pay ratios and days-supply limits (RX-04, RX-07)' })
export class CatalogueContract extends Contract {
  constructor() {
    super('Catalogue');
  }

  /** An insurer publishes a new version; it takes effect at 00:00 China time on effectiveFrom. */
  @Transaction()
  async PublishVersion(ctx: Context, versionJson: string): Promise<CatalogueVersion> {
    const actor = requireRole(ctx, 'insurer');
    const input = parseCatalogueVersion(versionJson);
    if (await recordExists(ctx, CATALOGUE, input.versionId)) throw conflict(`catalogue version ${input.versionId} already exists`);
    const refusal = newVersionRefusal(await versionStarts(ctx), input.effectiveFrom, txTimeMs(ctx));
    if (refusal) throw refusal;
    const record: CatalogueVersion = { docType: 'catalogue', ...input, published: stampOf(ctx, actor) };
    await writeRecord(ctx, CATALOGUE, input.versionId, record);
    await putIndex(ctx, CATALOGUE_BY_EFFECTIVE, [input.effectiveFrom, input.versionId]);
    emit(ctx, 'CatalogueVersionPublished', { versionId: input.versionId, effectiveFrom: input.effectiveFrom, drugCount: input.drugs.length });
    return record;
  }

  @Transaction(false)
  async GetVersionInForce(ctx: Context): Promise<CatalogueVersion> {
    requireRole(ctx, 'doctor', 'pharmacist', 'insurer', 'investigator', 'admin');
    return mustHaveCatalogueNow(ctx);
  }

  @Transaction(false)
  async GetVersion(ctx: Context, versionId: string): Promise<CatalogueVersion> {
    requireRole(ctx, 'doctor', 'pharmacist', 'insurer', 'investigator', 'admin');
    idArg(versionId, 'versionId');
    return mustRead<CatalogueVersion>(ctx, CATALOGUE, versionId);
  }

  /** One drug as the version in force lists it. */
  @Transaction(false)
  async GetDrug(ctx: Context, drugCode: string): Promise<DrugLookup> {
    requireRole(ctx, 'doctor', 'pharmacist', 'insurer', 'investigator', 'admin');
    idArg(drugCode, 'drugCode', CODE);
    const version = await mustHaveCatalogueNow(ctx);
    const drug = version.drugs.find((d) => d.drugCode === drugCode);
    if (!drug) throw notFound(`drug ${drugCode} is not listed in catalogue version ${version.versionId}`);
    return { catalogueVersion: version.versionId, effectiveFrom: version.effectiveFrom, drug };
  }
}
