import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import type { HistoryEntry } from '../model/audit';
import { requireRole } from '../ledger/caller';
import { validationError } from '../ledger/errors';
import { historyOf } from '../ledger/state';

const TRACEABLE = new Set(['prescription', 'dispense', 'practitioner', 'catalogue', 'claim', 'transfer', 'batch', 'filing', 'complaint', 'policy', 'probe']);

@Info({ title: 'Audit', description: 'Key history of any record for investigators' })
export class AuditContract extends Contract {
  constructor() {
    super('Audit');
  }

  /** Every committed version of a record with tx id and time; the record's stamp names the writer. */
  @Transaction(false)
  async History(ctx: Context, docType: string, id: string): Promise<HistoryEntry<unknown>[]> {
    requireRole(ctx, 'investigator', 'insurer', 'admin');
    if (!TRACEABLE.has(docType)) throw validationError(`docType must be one of ${[...TRACEABLE].join(', ')}`);
    return historyOf(ctx, docType, id);
  }
}
