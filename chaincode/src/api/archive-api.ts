/** Archive: a region's history imported in batches (issue 14: a region joining with years of settled claims). */
import { Type } from '@sinclair/typebox';
import { HISTORY_OUTCOMES, MAX_IMPORT_VISITS, type ImportBatchRecord } from '../model/archive';
import type { PolicyRecord } from '../model/policy';
import { PRESCRIPTION_KINDS } from '../model/prescription';
import { Closed, Code, Diagnosis, Distinct, Id, IsoDate, OneOf, PatientRef, PaymentRef, Sha256Hex } from './kit';
import { SetArgs } from './policy-api';
import { DispenseFeeLine, MAX_ITEMS, RxItem } from './prescription-api';
import { evaluateTx, returns, submitTx } from './transaction';

/** A visit id is the stem of its records' ids (`<visitId>`, `<visitId>-D`, `-C`, `-T`), so it leaves room for the suffix. */
export const VisitId = Type.String({ pattern: '^[A-Za-z0-9._:-]{1,60}$', description: '1-60 letters, digits, dot, colon, dash or underscore' });

/**
 * One historical visit as the settlement system holds it: the prescription a doctor of a
 * hospital of the region wrote on `date`, its dispense in full by a pharmacy of the region on the
 * same day, the pharmacy's claim for it and how that claim ended. The split of the claim is not
 * taken from the archive: the chain computes it from the policy in force on the date, as it
 * does for a live claim.
 */
export const HistoricalVisit = Closed({
  visitId: VisitId,
  /** China date of the visit, before today. */
  date: IsoDate,
  hospitalId: Id,
  doctorId: Id,
  patientRef: PatientRef,
  kind: OneOf(PRESCRIPTION_KINDS),
  diagnosisCodes: Distinct(Diagnosis, 1, 10),
  chronicDisease: Type.Optional(Diagnosis),
  items: Type.Array(RxItem, { minItems: 1, maxItems: MAX_ITEMS }),
  selfPayConfirmed: Type.Optional(Distinct(Code, 0, MAX_ITEMS)),
  /** Dispensed in full on the visit date; absent: never filled. */
  dispense: Type.Optional(
    Closed({
      pharmacyId: Id,
      pharmacistId: Id,
      feeLines: Type.Array(DispenseFeeLine, { minItems: 1, maxItems: MAX_ITEMS }),
      /** The pharmacy's claim for the dispense; absent: never claimed. */
      claim: Type.Optional(
        Closed({
          invoiceHash: Sha256Hex,
          outcome: OneOf(HISTORY_OUTCOMES),
          /** REMITTED only: the bank reference and China date of the payment (on or after the visit, before today). */
          payment: Type.Optional(Closed({ paymentRef: PaymentRef, date: IsoDate })),
        }),
      ),
    }),
  ),
});

export const ArchiveApi = {
  /**
   * The region's insurer records a policy version that was in force before the chain's first
   * one: the terms the archive's claims are split by. Not retroactive: it must take effect
   * before today and before every version the region has on the chain.
   */
  ImportPolicy: submitTx('Archive:ImportPolicy', { args: SetArgs, result: returns<PolicyRecord>() }),
  /** The region's insurer imports one batch of its history; a batch id is used once. */
  ImportVisits: submitTx('Archive:ImportVisits', {
    args: Closed({ batchId: Id, visits: Type.Array(HistoricalVisit, { minItems: 1, maxItems: MAX_IMPORT_VISITS }) }),
    result: returns<ImportBatchRecord>(),
  }),
  GetBatch: evaluateTx('Archive:GetBatch', { args: Closed({ batchId: Id }), result: returns<ImportBatchRecord>() }),
} as const;
