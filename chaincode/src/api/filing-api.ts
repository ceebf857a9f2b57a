/** Filing: the transactions of the Filing contract, each with its argument schema. */
import { Type } from '@sinclair/typebox';
import type { FilingRecord } from '../model/filing';
import { Closed, Id, IsoDate, PatientRef, Region } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

/** A filing of care in another region (XR-05); the regions differ and the period runs forwards (rules/filing.ts). */
const CreateArgs = Closed({
  filingId: Id,
  patientRef: PatientRef,
  insuredRegion: Region,
  treatmentRegion: Region,
  /** Inclusive China dates of care covered. */
  period: Closed({ from: IsoDate, to: IsoDate }),
  /** Filed after emergency care began: only such a filing may start in the past (XR-06). */
  emergencyPostFiled: Type.Boolean(),
});

export const FilingApi = {
  Create: submitTx('Filing:Create', { args: CreateArgs, result: returns<FilingRecord>() }),
  Get: evaluateTx('Filing:Get', { args: Closed({ filingId: Id }), result: returns<FilingRecord>() }),
  ListByPatient: evaluateTx('Filing:ListByPatient', { args: Closed({ patientRef: PatientRef }), result: returns<FilingRecord[]>() }),
} as const;
