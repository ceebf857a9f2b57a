/**
 * The drug catalogue: version headers under versionId, and one record per drug and version under
 * `${versionId}:${drugCode}` (drug codes hold no colon, so the key is unambiguous). Finding the
 * version in force reads the index of sealed versions and one header; a prescription then reads
 * the entries of the drugs it names, one key each, whatever the size of the list.
 */
import type { Context } from 'fabric-contract-api';
import { notFound } from '../ledger/errors';
import { RecordStore, index, indexEntries, indexTails, lastAttribute, pageOf, type Paging } from '../ledger/record-store';
import type { Page } from '../model/audit';
import type { CatalogueDrug, CatalogueVersion } from '../model/catalogue';
import type { ListedDrug } from '../rules/catalogue-upload';
import { versionInForce, type VersionStart } from '../rules/catalogue-version';

/** [effectiveFrom, versionId] of SEALED versions only: an open version is never in force. */
export const CATALOGUE_BY_EFFECTIVE = 'catalogue-by-effective';
/** [versionId, drugCode] → {substitutes}: lists a version's drugs, and lets sealing check substitutes without reading each drug. */
export const CATALOGUE_DRUGS = 'catalogue-drugs';

export const catalogueVersions = new RecordStore<CatalogueVersion>('catalogue', (v) => v.versionId, [
  index(CATALOGUE_BY_EFFECTIVE, (v) => (v.status === 'SEALED' ? [[v.effectiveFrom, v.versionId]] : [])),
]);

export const drugKeyOf = (versionId: string, drugCode: string): string => `${versionId}:${drugCode}`;

export const catalogueDrugs = new RecordStore<CatalogueDrug>('catalogue-drug', (d) => drugKeyOf(d.versionId, d.drugCode), [
  index(CATALOGUE_DRUGS, (d) => [[d.versionId, d.drugCode]], (d) => ({ substitutes: d.substitutes })),
]);

/** The start dates of the sealed versions. */
export async function versionStarts(ctx: Context): Promise<VersionStart[]> {
  return (await indexTails(ctx, CATALOGUE_BY_EFFECTIVE, [])).map(([effectiveFrom, versionId]) => ({ effectiveFrom, versionId }));
}

/** The header of the catalogue version in force at an instant (RX-07), if any; no drug is read. */
export async function catalogueInForce(ctx: Context, atMs: number): Promise<CatalogueVersion | undefined> {
  const start = versionInForce(await versionStarts(ctx), atMs);
  return start ? catalogueVersions.mustGet(ctx, start.versionId) : undefined;
}

/** The catalogue version in force at an instant, for reads that have nothing to answer without one. */
export async function mustGetCatalogueInForce(ctx: Context, atMs: number): Promise<CatalogueVersion> {
  const version = await catalogueInForce(ctx, atMs);
  if (!version) throw notFound('no drug catalogue version is in force');
  return version;
}

export const drugOf = (ctx: Context, versionId: string, drugCode: string): Promise<CatalogueDrug | undefined> =>
  catalogueDrugs.get(ctx, drugKeyOf(versionId, drugCode));

/** The entries a version lists among the given codes, each code read once (one getState per distinct code). */
export async function drugsOf(ctx: Context, versionId: string, codes: readonly string[]): Promise<Map<string, CatalogueDrug>> {
  const found = new Map<string, CatalogueDrug>();
  for (const code of new Set(codes)) {
    const drug = await drugOf(ctx, versionId, code);
    if (drug) found.set(code, drug);
  }
  return found;
}

/** The entries of the given drugs and of the substitutes they name (what PreCheck shows), one read per distinct code. */
export async function drugsWithSubstitutes(ctx: Context, versionId: string, codes: readonly string[]): Promise<Map<string, CatalogueDrug>> {
  const entries = await drugsOf(ctx, versionId, codes);
  const substitutes = [...entries.values()].flatMap((drug) => drug.substitutes).filter((code) => !entries.has(code));
  for (const [code, drug] of await drugsOf(ctx, versionId, substitutes)) entries.set(code, drug);
  return entries;
}

/** Every drug of a version with its substitutes, from the index alone: what sealing checks. */
export async function listedDrugs(ctx: Context, versionId: string): Promise<ListedDrug[]> {
  const entries = await indexEntries<{ substitutes: string[] }>(ctx, CATALOGUE_DRUGS, [versionId]);
  return entries.map((entry) => ({ drugCode: lastAttribute(entry.tail), substitutes: entry.summary?.substitutes ?? [] }));
}

/** One page of a version's drugs, in drug-code order. */
export async function drugPage(ctx: Context, versionId: string, paging: Paging): Promise<Page<CatalogueDrug>> {
  return pageOf(ctx, CATALOGUE_DRUGS, [versionId], paging, (attrs) => drugOf(ctx, versionId, lastAttribute(attrs)));
}
