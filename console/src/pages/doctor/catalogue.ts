/** The drug catalogue in force, every drug of it (the demo list has 59; pages of 200). */
import { answer, api } from '../../api/client';
import type { CatalogueDrug, CatalogueVersion, Page } from '../../api/model';

export async function catalogueInForce(): Promise<{ version: CatalogueVersion; drugs: CatalogueDrug[] }> {
  const version = await answer<CatalogueVersion>(api.GET('/catalogue'));
  const drugs: CatalogueDrug[] = [];
  let bookmark = '';
  do {
    const page = await answer<Page<CatalogueDrug>>(
      api.GET('/catalogue/versions/{id}/drugs', { params: { path: { id: version.versionId }, query: { pageSize: 200, ...(bookmark ? { bookmark } : {}) } } }),
    );
    drugs.push(...page.records);
    bookmark = page.records.length ? page.bookmark : '';
  } while (bookmark);
  return { version, drugs };
}
