import { expect } from 'chai';
import { ChaincodeError } from '../../chaincode/src/ledger/errors';
import { checkPeriod, inPeriod, receiptPosition, receiptsPage, type Receipt } from '../../chaincode/src/rules/funds-received';

const receipt = (transferId: string, at: string, amountFen: number): Receipt => ({ transferId, at, date: at.slice(0, 10), amountFen });

// Index order is by fund, then date, then id: not the time order the trace promises.
const receipts = [
  receipt('T-c', '2026-03-02T01:00:00.000Z', 300),
  receipt('T-a', '2026-03-01T09:00:00.000Z', 100),
  receipt('T-d', '2026-03-31T15:59:59.999Z', 401),
  receipt('T-b', '2026-03-01T09:00:00.000Z', 200),
  receipt('T-e', '2026-04-01T00:00:00.000Z', 5),
];

const MARCH = { from: '2026-03-01', to: '2026-03-31' };

describe('reverse trace arithmetic (receiptsPage)', () => {
  it('counts and sums every receipt in the period, both ends inclusive, whatever the page size', () => {
    for (const size of [1, 2, 50]) {
      const page = receiptsPage(receipts, MARCH, size, '');
      expect(page.count).to.equal(4);
      expect(page.totalFen).to.equal(1_001);
    }
    expect(receiptsPage(receipts, { from: '2026-03-02', to: '2026-03-02' }, 50, '')).to.include({ count: 1, totalFen: 300 });
    expect(receiptsPage(receipts, { from: '2026-05-01', to: '2026-05-31' }, 50, '')).to.deep.equal({ count: 0, totalFen: 0, pageIds: [], bookmark: '' });
  });

  it('pages through the period oldest first, ties broken by transfer id, each receipt exactly once', () => {
    const seen: string[] = [];
    let bookmark = '';
    let pages = 0;
    do {
      const page = receiptsPage(receipts, MARCH, 3, bookmark);
      seen.push(...page.pageIds);
      bookmark = page.bookmark;
      pages++;
    } while (bookmark !== '' && pages < 10);
    expect(seen).to.deep.equal(['T-a', 'T-b', 'T-c', 'T-d']);
    expect(pages).to.equal(2);
  });

  it('ends with an empty bookmark exactly when nothing is left', () => {
    const full = receiptsPage(receipts, MARCH, 4, '');
    expect(full.pageIds).to.have.length(4);
    expect(full.bookmark).to.equal('');
    const short = receiptsPage(receipts, MARCH, 3, '');
    expect(short.bookmark).to.equal(receiptPosition(receipts[0]));
  });

  it('does not repeat or skip a page when a later receipt arrives between calls', () => {
    const first = receiptsPage(receipts, MARCH, 2, '');
    const grown = [...receipts, receipt('T-f', '2026-03-20T00:00:00.000Z', 7)];
    const second = receiptsPage(grown, MARCH, 2, first.bookmark);
    expect(first.pageIds).to.deep.equal(['T-a', 'T-b']);
    expect(second.pageIds).to.deep.equal(['T-c', 'T-f']);
    expect(second.count).to.equal(5);
  });

  it('leaves the period open on a side whose bound is absent', () => {
    expect(receiptsPage(receipts, {}, 50, '')).to.include({ count: 5, totalFen: 1_006 });
    expect(receiptsPage(receipts, { from: '2026-03-31' }, 50, '').pageIds).to.deep.equal(['T-d', 'T-e']);
    expect(receiptsPage(receipts, { to: '2026-03-01' }, 50, '').pageIds).to.deep.equal(['T-a', 'T-b']);
  });
});

describe('trace periods', () => {
  it('includes both ends and nothing outside them', () => {
    expect(inPeriod('2026-03-01', MARCH)).to.equal(true);
    expect(inPeriod('2026-03-31', MARCH)).to.equal(true);
    expect(inPeriod('2026-02-28', MARCH)).to.equal(false);
    expect(inPeriod('2026-04-01', MARCH)).to.equal(false);
    expect(inPeriod('1970-01-01', { to: '2026-03-31' })).to.equal(true);
    expect(inPeriod('2999-12-31', { from: '2026-03-01' })).to.equal(true);
    expect(inPeriod('2026-03-01', {})).to.equal(true);
  });

  it('refuses a period that ends before it begins, and takes a one-day or open one', () => {
    expect(() => checkPeriod({ from: '2026-03-02', to: '2026-03-02' })).not.to.throw();
    expect(() => checkPeriod({ from: '2026-03-02' })).not.to.throw();
    expect(() => checkPeriod({ to: '2026-03-02' })).not.to.throw();
    let error: unknown;
    try {
      checkPeriod({ from: '2026-03-02', to: '2026-03-01' });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ChaincodeError);
    expect((error as ChaincodeError).details).to.deep.equal([{ field: 'to', message: 'must not be before from (2026-03-02)' }]);
  });
});
