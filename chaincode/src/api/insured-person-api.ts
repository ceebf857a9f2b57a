/** InsuredPerson: the insured region's record of a patient (XR-01, XR-05), each transaction with its argument schema. */
import { Type } from '@sinclair/typebox';
import { MAX_ENROL_BATCH } from '../model/archive';
import { INSURANCE_SCHEMES, INSURED_STATUSES, type InsuredPersonRecord } from '../model/insured-person';
import { Closed, Fen, MAX_FEN, OneOf, PatientRef, PaymentRef, Text } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

const Person = Closed({ patientRef: PatientRef });
const Enrolment = Closed({ patientRef: PatientRef, scheme: OneOf(INSURANCE_SCHEMES), personalAccountFen: Type.Optional(Fen) });

export const InsuredPersonApi = {
  /** The calling insurer enrols a patient in its own region; personalAccountFen is the opening balance (0 when absent). */
  Enrol: submitTx('InsuredPerson:Enrol', {
    args: Enrolment,
    result: returns<InsuredPersonRecord>(),
  }),
  /** An enrolment list uploaded in parts: each person as Enrol would enrol them, all or none; a person already insured anywhere is a CONFLICT. */
  EnrolBatch: submitTx('InsuredPerson:EnrolBatch', {
    args: Closed({ persons: Type.Array(Enrolment, { minItems: 1, maxItems: MAX_ENROL_BATCH }) }),
    result: returns<{ insuredRegion: string; enrolled: number }>(),
  }),
  SetStatus: submitTx('InsuredPerson:SetStatus', {
    args: Closed({ patientRef: PatientRef, status: OneOf(INSURED_STATUSES), reason: Text(500) }),
    result: returns<InsuredPersonRecord>(),
  }),
  /** Money into the personal account (the yearly allocation); reference names the allocation and is used once per person. */
  CreditAccount: submitTx('InsuredPerson:CreditAccount', {
    args: Closed({ patientRef: PatientRef, amountFen: Type.Integer({ minimum: 1, maximum: MAX_FEN }), reference: PaymentRef }),
    result: returns<InsuredPersonRecord>(),
  }),
  Get: evaluateTx('InsuredPerson:Get', { args: Person, result: returns<InsuredPersonRecord>() }),
} as const;
