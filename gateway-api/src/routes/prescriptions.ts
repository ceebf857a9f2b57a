import type { AppDeps } from '../app';
import type { AnyRoute, Schema } from '../http/route';
import { objectSchema } from '../http/validation';
import { feeLine, id, pageArgs, pageQuery, patientRef, recordId, shortText } from './schemas';

const drugCode: Schema = { type: 'string', pattern: '^[A-Za-z0-9._-]{1,40}$' };
const diagnosis: Schema = { type: 'string', pattern: '^[A-Z][0-9A-Za-z.]{1,15}$' };
const quantity: Schema = { type: 'integer', minimum: 1, maximum: 100_000 };

/**
 * The patient's identity. It travels to the chaincode only in the transient field, which is
 * never written to a block; the ledger keeps a salted pseudonym (patientRef).
 */
export const patientSchema = objectSchema(
  {
    idType: { type: 'string', enum: ['ID_CARD', 'PASSPORT', 'HMT_PERMIT', 'FOREIGN_PR'] },
    idNumber: { type: 'string', minLength: 4, maxLength: 32 },
    name: { type: 'string', minLength: 1, maxLength: 64 },
  },
  ['idType', 'idNumber', 'name'],
);

const patientTransient = (patient: unknown) => ({ transient: { patient: JSON.stringify(patient) } });
const anyRole = ['admin', 'doctor', 'pharmacist', 'insurer', 'investigator'] as const;

/** Prescriptions: pre-check, issue, verify, dispense, revoke, history and lists. */
export function prescriptionRoutes({ ledger }: AppDeps): AnyRoute[] {
  return [
    {
      method: 'post',
      path: '/prescriptions/precheck',
      operationId: 'precheckPrescription',
      summary: 'Before signing: catalogue status, self-pay ratio and substitutes per drug, and the patient’s active prescriptions of the same drug or group anywhere (RX-04, SR-04)',
      tag: 'prescriptions',
      roles: ['doctor'],
      body: objectSchema(
        { patient: patientSchema, items: { type: 'array', minItems: 1, maxItems: 5, items: objectSchema({ drugCode }, ['drugCode']) } },
        ['patient', 'items'],
      ),
      success: { status: 200, description: 'Per-item catalogue facts and duplicate hits' },
      errors: [422],
      handler: async ({ user, body }) => {
        const b = body as { patient: unknown; items: unknown[] };
        return { body: await ledger.evaluate(user, 'Prescription:PreCheck', [JSON.stringify({ items: b.items })], patientTransient(b.patient)) };
      },
    },
    {
      method: 'post',
      path: '/prescriptions',
      operationId: 'issuePrescription',
      summary: 'Issue an e-prescription (doctor); the patient is identified in the transient field only',
      tag: 'prescriptions',
      roles: ['doctor'],
      body: objectSchema(
        {
          rxId: id,
          patient: patientSchema,
          kind: { type: 'string', enum: ['ORDINARY', 'EMERGENCY', 'LONG'] },
          items: {
            type: 'array',
            minItems: 1,
            maxItems: 5,
            items: objectSchema({ drugCode, quantity, dose: shortText(64), days: { type: 'integer', minimum: 1, maximum: 365 } }, ['drugCode', 'quantity', 'dose', 'days']),
          },
          diagnosisCodes: { type: 'array', minItems: 1, maxItems: 10, items: diagnosis },
          chronicDisease: diagnosis,
          selfPayConfirmed: { type: 'array', maxItems: 5, uniqueItems: true, items: drugCode },
          duplicateOverrideReason: shortText(500),
        },
        ['patient', 'kind', 'items', 'diagnosisCodes'],
      ),
      success: { status: 201, description: 'The prescription, tx id and block number' },
      errors: [409, 422],
      handler: async ({ user, body, idempotencyKey }) => {
        const { patient, rxId, ...rest } = body as { patient: unknown; rxId?: string };
        const rx = { ...rest, rxId: recordId('RX', rxId, user.name, 'issuePrescription', idempotencyKey) };
        const { result, txId, blockNumber } = await ledger.submit(user, 'Prescription:Issue', [JSON.stringify(rx)], patientTransient(patient));
        return { status: 201, body: { prescription: result, txId, blockNumber } };
      },
    },
    {
      method: 'get',
      path: '/prescriptions/:id/verification',
      operationId: 'verifyPrescription',
      summary: 'One answer for the pharmacist: VALID, NOT_YET_VALID, EXPIRED, REVOKED, FULLY_DISPENSED or PRESCRIBER_SUSPENDED, with remaining quantities and dispense history',
      tag: 'prescriptions',
      roles: ['pharmacist', 'insurer', 'investigator'],
      params: { id },
      success: { status: 200, description: 'The verification' },
      errors: [404],
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Prescription:Verify', [params.id]) }),
    },
    {
      method: 'post',
      path: '/prescriptions/:id/dispensations',
      operationId: 'dispensePrescription',
      summary: 'Dispense all or part of a prescription (pharmacist); never beyond what remains, even when pharmacies race',
      tag: 'prescriptions',
      roles: ['pharmacist'],
      params: { id },
      body: objectSchema(
        {
          dispenseId: id,
          items: { type: 'array', minItems: 1, maxItems: 5, items: objectSchema({ drugCode, quantity }, ['drugCode', 'quantity']) },
          feeLines: { type: 'array', minItems: 1, maxItems: 50, items: feeLine },
        },
        ['items', 'feeLines'],
      ),
      success: { status: 201, description: 'The dispense record' },
      errors: [404, 409, 422],
      handler: async ({ user, params, body, idempotencyKey }) => {
        const b = body as { dispenseId?: string };
        const dispense = { ...b, dispenseId: recordId('DSP', b.dispenseId, user.name, `dispense:${params.id}`, idempotencyKey) };
        const { result, txId, blockNumber } = await ledger.submit(user, 'Prescription:Dispense', [params.id, JSON.stringify(dispense)]);
        return { status: 201, body: { dispense: result, txId, blockNumber } };
      },
    },
    {
      method: 'post',
      path: '/prescriptions/:id/revocation',
      operationId: 'revokePrescription',
      summary: 'Revoke a prescription nothing has been dispensed from (issuing doctor or their hospital)',
      tag: 'prescriptions',
      roles: ['doctor', 'admin'],
      params: { id },
      body: objectSchema({ reason: shortText(500) }, ['reason']),
      success: { status: 200, description: 'The revoked prescription' },
      errors: [404, 409],
      handler: async ({ user, params, body }) => {
        const { result, txId, blockNumber } = await ledger.submit(user, 'Prescription:Revoke', [params.id, (body as { reason: string }).reason]);
        return { body: { prescription: result, txId, blockNumber } };
      },
    },
    {
      method: 'get',
      path: '/prescriptions/:id',
      operationId: 'getPrescription',
      summary: 'A prescription',
      tag: 'prescriptions',
      roles: [...anyRole],
      params: { id },
      success: { status: 200, description: 'The prescription' },
      errors: [404],
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Prescription:Get', [params.id]) }),
    },
    {
      method: 'get',
      path: '/prescriptions/:id/history',
      operationId: 'prescriptionHistory',
      summary: 'Every committed version of a prescription with tx id, time and the writer’s identity',
      tag: 'prescriptions',
      roles: [...anyRole],
      params: { id },
      success: { status: 200, description: 'Versions, newest first' },
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Prescription:History', [params.id]) }),
    },
    {
      method: 'get',
      path: '/dispenses/:id',
      operationId: 'getDispense',
      summary: 'A dispense record',
      tag: 'prescriptions',
      roles: [...anyRole],
      params: { id },
      success: { status: 200, description: 'The dispense' },
      errors: [404],
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Prescription:GetDispense', [params.id]) }),
    },
    {
      method: 'get',
      path: '/prescriptions',
      operationId: 'listPrescriptions',
      summary: 'Prescriptions by patientRef, prescriber or status, or the flagged duplicates (insurers); paginated',
      tag: 'prescriptions',
      roles: [...anyRole],
      query: {
        patientRef,
        prescriber: id,
        status: { type: 'string', enum: ['ISSUED', 'PARTIALLY_DISPENSED', 'DISPENSED', 'REVOKED'] },
        flagged: { type: 'string', enum: ['true'] },
        ...pageQuery,
      },
      success: { status: 200, description: '{records, bookmark, fetchedCount}' },
      handler: async ({ user, query }) => {
        const page = pageArgs(query);
        if (query.patientRef) return { body: await ledger.evaluate(user, 'Prescription:ByPatient', [query.patientRef, ...page]) };
        if (query.prescriber) return { body: await ledger.evaluate(user, 'Prescription:ByPrescriber', [query.prescriber, ...page]) };
        if (query.status) return { body: await ledger.evaluate(user, 'Prescription:ByStatus', [query.status, ...page]) };
        if (query.flagged) return { body: await ledger.evaluate(user, 'Prescription:Flagged', page) };
        return { body: await ledger.evaluate(user, 'Prescription:ByStatus', ['ISSUED', ...page]) };
      },
    },
    {
      method: 'get',
      path: '/pharmacies/:id/dispenses',
      operationId: 'listPharmacyDispenses',
      summary: 'Dispenses made by a pharmacy; paginated',
      tag: 'prescriptions',
      roles: [...anyRole],
      params: { id },
      query: pageQuery,
      success: { status: 200, description: '{records, bookmark, fetchedCount}' },
      handler: async ({ user, params, query }) => ({ body: await ledger.evaluate(user, 'Prescription:ByPharmacy', [params.id, ...pageArgs(query)]) }),
    },
    {
      method: 'post',
      path: '/patients/ref',
      operationId: 'patientRef',
      summary: 'The pseudonym (patientRef) the ledger uses for a patient; the identity is sent in the transient field only',
      tag: 'prescriptions',
      roles: ['doctor', 'pharmacist', 'insurer', 'admin'],
      body: objectSchema({ patient: patientSchema }, ['patient']),
      success: { status: 200, description: '{patientRef}' },
      handler: async ({ user, body }) => ({ body: await ledger.evaluate(user, 'Prescription:PatientRef', [], patientTransient((body as { patient: unknown }).patient)) }),
    },
  ];
}
