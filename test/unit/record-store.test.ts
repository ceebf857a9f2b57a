import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, indexEntries, indexTails, pageOf } from '../../chaincode/src/ledger/record-store';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import { memberLedger } from '../support/membership-fixtures';

interface Item {
  id: string;
  owner: string;
  status: 'OPEN' | 'CLOSED';
  tags: string[];
  amountFen: number;
}

const items = new RecordStore<Item>('item', (i) => i.id, [
  index('item-by-owner', (i) => [[i.owner, i.id]]),
  index('item-open', (i) => (i.status === 'OPEN' ? [[i.id]] : [])),
  index('item-by-tag', (i) => i.tags.map((t) => [t, i.id])),
  index('item-amount', (i) => [[i.owner, i.id]], (i) => ({ amountFen: i.amountFen })),
]);

const someone: FakeIdentity = { mspId: 'HospitalMSP', attrs: { role: 'admin' }, cn: 'admin' };
const tx = <T>(ledger: FakeLedger, fn: (ctx: Context) => Promise<T>) => ledger.tx(someone, fn);

describe('record store: one aggregate, its key and its indexes', () => {
  let ledger: FakeLedger;
  beforeEach(async () => {
    ledger = await memberLedger();
  });

  it('writes the indexes a new record needs, and only those', async () => {
    await tx(ledger, (ctx) => items.save(ctx, { id: 'A', owner: 'o1', status: 'OPEN', tags: ['x', 'y'], amountFen: 5 }));
    await tx(ledger, async (ctx) => {
      expect(await indexTails(ctx, 'item-by-owner', ['o1'])).to.deep.equal([['A']]);
      expect(await indexTails(ctx, 'item-open', [])).to.deep.equal([['A']]);
      expect(await indexTails(ctx, 'item-by-tag', ['y'])).to.deep.equal([['A']]);
      expect(await indexEntries(ctx, 'item-amount', ['o1'])).to.deep.equal([{ tail: ['A'], summary: { amountFen: 5 } }]);
    });
  });

  it('moves, drops and refreshes entries when a new version is saved over the previous one', async () => {
    const first: Item = { id: 'A', owner: 'o1', status: 'OPEN', tags: ['x', 'y'], amountFen: 5 };
    await tx(ledger, (ctx) => items.save(ctx, first));
    await tx(ledger, (ctx) => items.save(ctx, { ...first, owner: 'o2', status: 'CLOSED', tags: ['y', 'z'], amountFen: 7 }, first));
    await tx(ledger, async (ctx) => {
      expect(await indexTails(ctx, 'item-by-owner', ['o1'])).to.deep.equal([]);
      expect(await indexTails(ctx, 'item-by-owner', ['o2'])).to.deep.equal([['A']]);
      expect(await indexTails(ctx, 'item-open', [])).to.deep.equal([]);
      expect(await indexTails(ctx, 'item-by-tag', ['x'])).to.deep.equal([]);
      expect((await indexTails(ctx, 'item-by-tag', [])).map((t) => t.join('/')).sort()).to.deep.equal(['y/A', 'z/A']);
      expect(await indexEntries(ctx, 'item-amount', ['o2'])).to.deep.equal([{ tail: ['A'], summary: { amountFen: 7 } }]);
      expect((await items.mustGet(ctx, 'A')).owner).to.equal('o2');
    });
  });

  it('answers NOT_FOUND for a missing record and an empty page for an empty range', async () => {
    await tx(ledger, async (ctx) => {
      await items.mustGet(ctx, 'nope').then(
        () => expect.fail('found'),
        (err: Error) => expect(err.message).to.equal('[NOT_FOUND] item nope does not exist'),
      );
      expect(await items.exists(ctx, 'nope')).to.equal(false);
      const page = await pageOf(ctx, 'item-by-owner', ['nobody'], {}, async () => undefined);
      expect(page).to.deep.equal({ records: [], bookmark: '', fetchedCount: 0 });
    });
  });

  it('pages an index, loading each record it points at', async () => {
    for (const id of ['A', 'B', 'C']) await tx(ledger, (ctx) => items.save(ctx, { id, owner: 'o1', status: 'OPEN', tags: [], amountFen: 1 }));
    await tx(ledger, async (ctx) => {
      const first = await pageOf(ctx, 'item-by-owner', ['o1'], { pageSize: 2 }, (attrs) => items.get(ctx, attrs[attrs.length - 1]));
      expect(first.records.map((r) => r.id)).to.deep.equal(['A', 'B']);
      const second = await pageOf(ctx, 'item-by-owner', ['o1'], { pageSize: 2, bookmark: first.bookmark }, (attrs) => items.get(ctx, attrs[attrs.length - 1]));
      expect(second.records.map((r) => r.id)).to.deep.equal(['C']);
    });
  });
});
