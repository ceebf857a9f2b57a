import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { ProbeApi } from '../api/probe-api';
import { authorise, stampOf } from '../ledger/caller';
import { emit } from '../ledger/events';
import { argsOf } from '../ledger/transaction-input';
import type { ProbeRecord } from '../model/probe';
import { probes } from '../stores/probes';

/** Any enrolled admin writes a note and anyone enrolled reads it back. */
@Info({ title: 'Probe', description: 'Network self-check and baseline write' })
export class ProbeContract extends Contract {
  constructor() {
    super('Probe');
  }

  @Transaction()
  async Write(ctx: Context, args: string): Promise<ProbeRecord> {
    const actor = await authorise(ctx, ProbeApi.Write);
    const { id, note } = argsOf(ProbeApi.Write, args);
    const record: ProbeRecord = { docType: 'probe', id, note, written: stampOf(ctx, actor) };
    await probes.save(ctx, record);
    emit(ctx, 'ProbeWritten', { id });
    return record;
  }

  @Transaction(false)
  async Read(ctx: Context, args: string): Promise<ProbeRecord> {
    await authorise(ctx, ProbeApi.Read);
    return probes.mustGet(ctx, argsOf(ProbeApi.Read, args).id);
  }
}
