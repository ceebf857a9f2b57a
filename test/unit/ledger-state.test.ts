import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import { pageFromIndex } from '../../chaincode/src/ledger/state';

describe('pageFromIndex', () => {
  it('returns an empty page when the peer sends no pagination metadata for an empty range', async () => {
    // What fabric-shim hands back for a range with no keys: an exhausted iterator, no metadata.
    const ctx = {
      stub: {
        getStateByPartialCompositeKeyWithPagination: async () => ({
          iterator: { next: async () => ({ done: true, value: undefined }), close: async () => undefined },
          metadata: undefined,
        }),
      },
    } as unknown as Context;
    const page = await pageFromIndex(ctx, 'dispense-by-pharmacy', ['nobody'], 50, '', async () => 'never');
    expect(page).to.deep.equal({ records: [], bookmark: '', fetchedCount: 0 });
  });
});
