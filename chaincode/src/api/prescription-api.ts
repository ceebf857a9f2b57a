/** Prescription: the transactions of the Prescription contract, each with its argument schema. */
import { Type } from '@sinclair/typebox';
import type { HistoryEntry, Page } from '../model/audit';
import type { DispenseRecord } from '../model/dispense';
import {
  PATIENT_ID_TYPES,
  PRESCRIPTION_KINDS,
  PRESCRIPTION_STATUSES,
  type PreCheckResult,
  type PrescriptionRecord,
  type VerifyResult,
} from '../model/prescription';
import { DaysSupply } from './catalogue-api';
import { LineQuantity } from './fee-lines';
import { Closed, Code, Diagnosis, Distinct, Fen, Id, NoArgs, OneOf, Paging, PatientRef, Text } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

/** 处方管理办法 art. 6: at most five drugs on one Western or patent-medicine prescription. */
export const MAX_ITEMS = 5;
/** Units of one item: the same bound as a fee line's, so no dispensed line exceeds it. */
const Quantity = LineQuantity;

/**
 * The patient as an identity document names them. It travels in the transient map only, never
 * in a block; the ledger keeps the salted pseudonym. Letters in the number are upper-cased
 * before use, and an identity card number's check character is checked (rules/patient-ref.ts).
 */
export const PatientIdentity = Closed({
  idType: OneOf(PATIENT_ID_TYPES),
  idNumber: Type.String({ pattern: '^[A-Za-z0-9-]{4,32}$', description: '4-32 letters, digits or dashes' }),
  name: Text(64),
});

const PatientTransient = Closed({ patient: PatientIdentity });

/** 32 to 64 random bytes, hex encoded: the secret behind every patientRef. */
const SaltTransient = Closed({
  salt: Type.String({ pattern: '^(?:[0-9a-f]{2}){32,64}$', description: '64 to 128 lowercase hex digits (32-64 random bytes)' }),
});

export const RxItem = Closed({ drugCode: Code, quantity: Quantity, dose: Text(64), days: DaysSupply });
const DispenseItem = Closed({ drugCode: Code, quantity: Quantity });
/**
 * The price of one dispensed item: the same drug and quantity as that item, a unit price at or
 * below the payment standard recorded on the prescription. No free-text item: the line is
 * labelled with the drug's catalogue name, and anything but a dispensed drug is refused (RX-12).
 */
export const DispenseFeeLine = Closed({ drugCode: Code, unitPriceFen: Fen, quantity: Quantity, amountFen: Fen });

const RxRef = Closed({ rxId: Id });

export const PrescriptionApi = {
  InitPatientSalt: submitTx('Prescription:InitPatientSalt', {
    args: NoArgs,
    transient: SaltTransient,
    result: returns<{ collection: string; initialisedAt: string }>(),
  }),
  PatientRef: evaluateTx('Prescription:PatientRef', { args: NoArgs, transient: PatientTransient, result: returns<{ patientRef: string }>() }),
  PreCheck: evaluateTx('Prescription:PreCheck', {
    args: Closed({ items: Type.Array(Closed({ drugCode: Code }), { minItems: 1, maxItems: MAX_ITEMS, uniqueItems: true }) }),
    transient: PatientTransient,
    result: returns<PreCheckResult>(),
  }),
  Issue: submitTx('Prescription:Issue', {
    args: Closed({
      rxId: Id,
      kind: OneOf(PRESCRIPTION_KINDS),
      items: Type.Array(RxItem, { minItems: 1, maxItems: MAX_ITEMS }),
      diagnosisCodes: Distinct(Diagnosis, 1, 10),
      /** Required for a LONG prescription (RX-09). */
      chronicDisease: Type.Optional(Diagnosis),
      /** Drugs of this prescription the fund does not cover (class C, out of catalogue) that the patient agreed to pay in full (RX-04). */
      selfPayConfirmed: Type.Optional(Distinct(Code, 0, MAX_ITEMS)),
      /** Issues despite a duplicate (SR-04); the prescription is flagged for insurers. */
      duplicateOverrideReason: Type.Optional(Text(500)),
    }),
    transient: PatientTransient,
    result: returns<PrescriptionRecord>(),
  }),
  Verify: evaluateTx('Prescription:Verify', { args: RxRef, result: returns<VerifyResult>() }),
  Dispense: submitTx('Prescription:Dispense', {
    args: Closed({
      rxId: Id,
      dispenseId: Id,
      items: Type.Array(DispenseItem, { minItems: 1, maxItems: MAX_ITEMS }),
      /** Exactly one line per item (rules/prescription-request.ts, rules/dispense-pricing.ts). */
      feeLines: Type.Array(DispenseFeeLine, { minItems: 1, maxItems: MAX_ITEMS }),
    }),
    result: returns<DispenseRecord>(),
  }),
  Revoke: submitTx('Prescription:Revoke', { args: Closed({ rxId: Id, reason: Text(500) }), result: returns<PrescriptionRecord>() }),
  Get: evaluateTx('Prescription:Get', { args: RxRef, result: returns<PrescriptionRecord>() }),
  History: evaluateTx('Prescription:History', { args: RxRef, result: returns<HistoryEntry<PrescriptionRecord>[]>() }),
  GetDispense: evaluateTx('Prescription:GetDispense', { args: Closed({ dispenseId: Id }), result: returns<DispenseRecord>() }),
  /**
   * One filter at most: a patient, a prescriber, a recorded status, or the prescriptions flagged
   * as duplicates (insurers and investigators); without one, the ISSUED prescriptions.
   */
  List: evaluateTx('Prescription:List', {
    args: Closed({
      patientRef: Type.Optional(PatientRef),
      prescriber: Type.Optional(Id),
      status: Type.Optional(OneOf(PRESCRIPTION_STATUSES)),
      /** true: the flagged duplicates; false is the same as leaving it out. */
      flagged: Type.Optional(Type.Boolean()),
      ...Paging,
    }),
    result: returns<Page<PrescriptionRecord>>(),
  }),
  ByPharmacy: evaluateTx('Prescription:ByPharmacy', { args: Closed({ pharmacyId: Id, ...Paging }), result: returns<Page<DispenseRecord>>() }),
} as const;
