import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { requireRole, stampOf } from '../ledger/caller';
import { validationError } from '../ledger/errors';
import { emit } from '../ledger/events';
import { mustRead, writeRecord } from '../ledger/state';
import type { Stamp } from '../model/audit';

/**
 * A minimal record for checking the network end to end (and the benchmark's baseline blind
 * write): any enrolled admin writes a note and anyone enrolled reads it back.
 */
export interface ProbeRecord {
  docType: 'probe';
  id: string;
  note: string;
  written: Stamp;
}

@Info({ title: 'Probe', description: 'Network self-check and baseline write' })
export class ProbeContract extends Contract {
  constructor() {
    super('Probe');
  }

  @Transaction()
  async Write(ctx: Context, id: string, note: string): Promise<ProbeRecord> {
    const actor = requireRole(ctx, 'admin');
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) throw validationError('id must be 1-64 letters, digits, dot, dash or underscore');
    if (note.length > 256) throw validationError('note must be at most 256 characters');
    const record: ProbeRecord = { docType: 'probe', id, note, written: stampOf(ctx, actor) };
    await writeRecord(ctx, 'probe', id, record);
    emit(ctx, 'ProbeWritten', { id });
    return record;
  }

  @Transaction(false)
  async Read(ctx: Context, id: string): Promise<ProbeRecord> {
    requireRole(ctx, 'admin', 'doctor', 'pharmacist', 'insurer', 'investigator');
    return mustRead<ProbeRecord>(ctx, 'probe', id);
  }
}
