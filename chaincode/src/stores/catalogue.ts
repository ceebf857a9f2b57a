/** Catalogue versions: key versionId, and their start dates to find the one in force. */
import type { Context } from 'fabric-contract-api';
import { notFound } from '../ledger/errors';
import { RecordStore, index, indexTails } from '../ledger/record-store';
import type { CatalogueVersion } from '../model/catalogue';
import { versionInForce, type VersionStart } from '../rules/catalogue-version';

/** [effectiveFrom, versionId] */
export const CATALOGUE_BY_EFFECTIVE = 'catalogue-by-effective';

export const catalogueVersions = new RecordStore<CatalogueVersion>('catalogue', (v) => v.versionId, [
  index(CATALOGUE_BY_EFFECTIVE, (v) => [[v.effectiveFrom, v.versionId]]),
]);

export async function versionStarts(ctx: Context): Promise<VersionStart[]> {
  return (await indexTails(ctx, CATALOGUE_BY_EFFECTIVE, [])).map(([effectiveFrom, versionId]) => ({ effectiveFrom, versionId }));
}

/** The catalogue version in force at an instant (RX-07), if any. */
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
