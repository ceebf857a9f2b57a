import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { MaintenanceApi as Api, type IndexPage, type IndexRebuild } from '../api/maintenance-api';
import { authorise } from '../ledger/caller';
import { emit } from '../ledger/events';
import { argsOf } from '../ledger/transaction-input';
import { storeOfIndex, type IndexedStore } from '../stores/doc-types';

/** The store keeping an index the schema admitted. */
function storeKeeping(index: string): IndexedStore {
  const store = storeOfIndex(index);
  if (!store) throw new Error(`no record store keeps index ${index}`);
  return store;
}

@Info({ title: 'Maintenance', description: 'Index rebuilds for ledgers written by an earlier chaincode version' })
export class MaintenanceContract extends Contract {
  constructor() {
    super('Maintenance');
  }

  @Transaction(false)
  async IndexPage(ctx: Context, args: string): Promise<IndexPage> {
    await authorise(ctx, Api.IndexPage);
    const { index, pageSize, bookmark } = argsOf(Api.IndexPage, args);
    const store = storeKeeping(index);
    return { index, docType: store.docType, ...(await store.idPage(ctx, { pageSize, bookmark })) };
  }

  @Transaction()
  async RebuildIndex(ctx: Context, args: string): Promise<IndexRebuild> {
    await authorise(ctx, Api.RebuildIndex);
    const { index, ids } = argsOf(Api.RebuildIndex, args);
    const store = storeKeeping(index);
    const { written, missing } = await store.rebuildIndex(ctx, index, ids);
    emit(ctx, 'IndexRebuilt', { index, records: ids.length, written });
    return { index, docType: store.docType, records: ids.length, written, missing };
  }
}
