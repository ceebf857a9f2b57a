import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { AuditApi as Api } from '../api/audit-api';
import { authorise } from '../ledger/caller';
import { argsOf } from '../ledger/transaction-input';
import type { HistoryEntry } from '../model/audit';
import { storeOf } from '../stores/doc-types';

@Info({ title: 'Audit', description: 'Key history of any record for investigators' })
export class AuditContract extends Contract {
  constructor() {
    super('Audit');
  }

  /** Every committed version of a record with tx id and time; the record's stamp names the writer. */
  @Transaction(false)
  async History(ctx: Context, args: string): Promise<HistoryEntry<unknown>[]> {
    await authorise(ctx, Api.History);
    const { docType, id } = argsOf(Api.History, args);
    return storeOf(docType).history(ctx, id);
  }
}
