import { expect } from 'chai';
import type { IndexPage, IndexRebuild } from '../../chaincode/src/api/maintenance-api';
import { refused } from '../support/refused';
import { appCall as call } from '../support/network';

/**
 * Index rebuilds on the real network: a page of record ids by a paginated read-only query, then
 * a rebuild transaction over exactly those ids (Fabric refuses writes after a paginated query).
 * On this ledger, written by the current chaincode, every entry is there already: nothing is written.
 */
describe('index rebuilds on the network (integration)', function () {
  this.timeout(180_000);

  it('pages an index’s records to the end and rebuilds each page, writing nothing an up-to-date ledger has', async () => {
    // The registry's institutions: the seed registers them before any suite runs.
    let bookmark = '';
    let records = 0;
    let pages = 0;
    do {
      const page = await call<IndexPage>('GET', `/admin/indexes/institution-by-region/records?pageSize=3${bookmark ? `&bookmark=${encodeURIComponent(bookmark)}` : ''}`, 'regulatoradmin');
      expect(page).to.include({ index: 'institution-by-region', docType: 'institution' });
      if (page.ids.length) {
        const rebuilt = await call<IndexRebuild & { txId: string }>('POST', '/admin/indexes/institution-by-region/rebuild', 'regulatoradmin', { ids: page.ids });
        expect(rebuilt).to.deep.include({ records: page.ids.length, written: 0, missing: [] });
        expect(rebuilt.txId).to.match(/^[0-9a-f]{64}$/);
      }
      records += page.ids.length;
      bookmark = page.bookmark;
      pages++;
    } while (bookmark && pages < 50);
    expect(records).to.be.greaterThan(0);
    await refused(call('POST', '/admin/indexes/rx-by-patient-date/rebuild', 'investigator1', { ids: ['RX-1'] }), 403);
    await refused(call('GET', '/admin/indexes/no-such-index/records', 'regulatoradmin'), 400);
  });
});
