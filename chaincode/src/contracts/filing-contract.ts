import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { callerOf, stampOf } from '../ledger/caller';
import { conflict, forbidden, ruleViolation, validationError } from '../ledger/errors';
import { emit } from '../ledger/events';
import { indexTails, mustRead, putIndex, recordExists, writeRecord } from '../ledger/state';
import { txTimeMs } from '../ledger/time';
import type { FilingRecord } from '../model/filing';
import { chinaDateOf } from '../rules/dates';
import { Fields, ID_RE, ID_RULE, PATIENT_REF_RE, PATIENT_REF_RULE, REGION_RE, REGION_RULE, arg, requireInsurer } from './insurance-support';

/** Index [patientRef, treatmentRegion, filingId]: a claim finds its patient's filings for its region in one scan. */
export const FILING_BY_PATIENT = 'filing-by-patient';

/** The filing covering care on `date` in `treatmentRegion` for a patient insured in `insuredRegion`, if any. */
export async function coveringFiling(
  ctx: Context,
  patientRef: string,
  insuredRegion: string,
  treatmentRegion: string,
  date: string,
): Promise<FilingRecord | undefined> {
  for (const [filingId] of await indexTails(ctx, FILING_BY_PATIENT, [patientRef, treatmentRegion])) {
    const filing = await mustRead<FilingRecord>(ctx, 'filing', filingId);
    if (filing.insuredRegion === insuredRegion && filing.period.from <= date && date <= filing.period.to) return filing;
  }
  return undefined;
}

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
  async Create(ctx: Context, filingJson: string): Promise<FilingRecord> {
    const { actor, region } = requireInsurer(ctx);
    const f = Fields.parse(filingJson, 'filing', ['filingId', 'patientRef', 'insuredRegion', 'treatmentRegion', 'period', 'emergencyPostFiled']);
    const filingId = f.str('filingId', ID_RE, ID_RULE);
    const patientRef = f.str('patientRef', PATIENT_REF_RE, PATIENT_REF_RULE);
    const insuredRegion = f.str('insuredRegion', REGION_RE, REGION_RULE);
    const treatmentRegion = f.str('treatmentRegion', REGION_RE, REGION_RULE);
    const period = f.obj('period', ['from', 'to']);
    const from = period.date('from');
    const to = period.date('to');
    const emergencyPostFiled = f.bool('emergencyPostFiled');
    if (treatmentRegion === insuredRegion) throw validationError('filing.treatmentRegion must differ from filing.insuredRegion');
    if (from > to) throw validationError('filing.period.from must not be after filing.period.to');
    if (insuredRegion !== region) throw forbidden(`only the insurer of region ${insuredRegion} may file for its insured`);
    const today = chinaDateOf(txTimeMs(ctx));
    if (from < today && !emergencyPostFiled) {
      throw ruleViolation(`XR-06: period starts ${from}, before today (${today}); only emergency care may be filed afterwards`);
    }
    if (await recordExists(ctx, 'filing', filingId)) throw conflict(`filing ${filingId} already exists`);
    const record: FilingRecord = {
      docType: 'filing',
      filingId,
      patientRef,
      insuredRegion,
      treatmentRegion,
      period: { from, to },
      emergencyPostFiled,
      created: stampOf(ctx, actor),
    };
    await writeRecord(ctx, 'filing', filingId, record);
    await putIndex(ctx, FILING_BY_PATIENT, [patientRef, treatmentRegion, filingId]);
    emit(ctx, 'FilingCreated', { filingId, insuredRegion, treatmentRegion });
    return record;
  }

  /** Filing status is needed by doctors, pharmacies and both insurers (§3.4), so any enrolled role may read it. */
  @Transaction(false)
  async Get(ctx: Context, filingId: string): Promise<FilingRecord> {
    callerOf(ctx);
    return mustRead<FilingRecord>(ctx, 'filing', arg(filingId, 'filingId', ID_RE, ID_RULE));
  }

  @Transaction(false)
  async ListByPatient(ctx: Context, patientRef: string): Promise<FilingRecord[]> {
    callerOf(ctx);
    const tails = await indexTails(ctx, FILING_BY_PATIENT, [arg(patientRef, 'patientRef', PATIENT_REF_RE, PATIENT_REF_RULE)]);
    return Promise.all(tails.map(([, filingId]) => mustRead<FilingRecord>(ctx, 'filing', filingId)));
  }
}
