import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { FilingApi } from '../api/filing-api';
import { authorise, stampOf } from '../ledger/caller';
import { conflict } from '../ledger/errors';
import { emit } from '../ledger/events';
import { insurerRegionOf } from '../ledger/parties';
import { txTimeMs } from '../ledger/time';
import { argsOf } from '../ledger/transaction-input';
import type { FilingRecord } from '../model/filing';
import { chinaDateOf } from '../rules/dates';
import { checkFiling } from '../rules/filing';
import { filings, filingsOfPatient } from '../stores/filings';

@Info({ title: 'Filing', description: 'Cross-region care filings (XR-05, XR-06)' })
export class FilingContract extends Contract {
  constructor() {
    super('Filing');
  }

  /**
   * Files a patient's care in another region; only the insured region's insurer may. A filing may
   * cover days already past only when it is an emergency post-filing (XR-06).
   */
  @Transaction()
  async Create(ctx: Context, args: string): Promise<FilingRecord> {
    const actor = await authorise(ctx, FilingApi.Create);
    const region = insurerRegionOf(actor);
    const filing = argsOf(FilingApi.Create, args);
    checkFiling(filing, region, chinaDateOf(txTimeMs(ctx)));
    if (await filings.exists(ctx, filing.filingId)) throw conflict(`filing ${filing.filingId} already exists`);
    const record: FilingRecord = { docType: 'filing', ...filing, created: stampOf(ctx, actor) };
    await filings.save(ctx, record);
    emit(ctx, 'FilingCreated', { filingId: record.filingId, insuredRegion: record.insuredRegion, treatmentRegion: record.treatmentRegion });
    return record;
  }

  /** Filing status is needed by doctors, pharmacies and both insurers (§3.4), so any enrolled role may read it. */
  @Transaction(false)
  async Get(ctx: Context, args: string): Promise<FilingRecord> {
    await authorise(ctx, FilingApi.Get);
    return filings.mustGet(ctx, argsOf(FilingApi.Get, args).filingId);
  }

  @Transaction(false)
  async ListByPatient(ctx: Context, args: string): Promise<FilingRecord[]> {
    await authorise(ctx, FilingApi.ListByPatient);
    return filingsOfPatient(ctx, argsOf(FilingApi.ListByPatient, args).patientRef);
  }
}
