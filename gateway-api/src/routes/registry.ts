import crypto from 'node:crypto';
import type { AppDeps } from '../app';
import type { AnyRoute } from '../http/route';
import { objectSchema } from '../http/validation';
import { id, isoDate, ratioBp, shortText } from './schemas';

const drugCode = { type: 'string', pattern: '^[A-Za-z0-9._-]{1,40}$' };
const days = { type: 'integer', minimum: 1, maximum: 365 };

/** Practitioner registry (CR-01/02), drug catalogue (RX-07) and the one-time patient salt. */
export function registryRoutes({ ledger }: AppDeps): AnyRoute[] {
  return [
    {
      method: 'post',
      path: '/practitioners',
      operationId: 'registerPractitioner',
      summary: 'Register a doctor for insurance prescribing (hospital admin); 100 points to start',
      tag: 'practitioners',
      roles: ['admin'],
      body: objectSchema({ doctorId: id, institutionId: id, scope: { type: 'array', minItems: 1, maxItems: 20, items: shortText(64) } }, ['doctorId', 'institutionId', 'scope']),
      success: { status: 201, description: 'The practitioner record' },
      errors: [409],
      handler: async ({ user, body }) => {
        const b = body as { doctorId: string; institutionId: string; scope: string[] };
        const { result, txId, blockNumber } = await ledger.submit(user, 'Practitioner:Register', [b.doctorId, b.institutionId, JSON.stringify(b.scope)]);
        return { status: 201, body: { practitioner: result, txId, blockNumber } };
      },
    },
    {
      method: 'post',
      path: '/practitioners/:id/violations',
      operationId: 'recordViolation',
      summary: 'Deduct points for a violation (insurer or regulator admin); at 60 points or fewer prescribing is suspended',
      tag: 'practitioners',
      roles: ['insurer', 'admin'],
      params: { id },
      body: objectSchema(
        { ruleId: { type: 'string', pattern: '^[A-Z]{2,4}-[0-9]{2}[a-z]?$' }, points: { type: 'integer', minimum: 1, maximum: 100 }, reason: shortText(500), evidenceRef: shortText(128) },
        ['ruleId', 'points', 'reason', 'evidenceRef'],
      ),
      success: { status: 200, description: 'The practitioner record after the deduction' },
      errors: [404],
      handler: async ({ user, params, body }) => {
        const b = body as { ruleId: string; points: number; reason: string; evidenceRef: string };
        const { result, txId, blockNumber } = await ledger.submit(user, 'Practitioner:RecordViolation', [params.id, b.ruleId, String(b.points), b.reason, b.evidenceRef]);
        return { body: { practitioner: result, txId, blockNumber } };
      },
    },
    {
      method: 'post',
      path: '/practitioners/:id/restoration',
      operationId: 'restorePractitioner',
      summary: 'Restore a suspended doctor’s prescribing right by a recorded decision (insurer or regulator admin)',
      tag: 'practitioners',
      roles: ['insurer', 'admin'],
      params: { id },
      body: objectSchema({ decisionRef: shortText(128), reason: shortText(500) }, ['decisionRef', 'reason']),
      success: { status: 200, description: 'The restored practitioner record' },
      errors: [404, 409],
      handler: async ({ user, params, body }) => {
        const b = body as { decisionRef: string; reason: string };
        const { result, txId, blockNumber } = await ledger.submit(user, 'Practitioner:Restore', [params.id, b.decisionRef, b.reason]);
        return { body: { practitioner: result, txId, blockNumber } };
      },
    },
    {
      method: 'get',
      path: '/practitioners/:id',
      operationId: 'getPractitioner',
      summary: 'A doctor’s registration, points and prescribing right',
      tag: 'practitioners',
      roles: ['admin', 'doctor', 'pharmacist', 'insurer', 'investigator'],
      params: { id },
      success: { status: 200, description: 'The practitioner record' },
      errors: [404],
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Practitioner:Get', [params.id]) }),
    },
    {
      method: 'post',
      path: '/catalogue/versions',
      operationId: 'publishCatalogue',
      summary: 'Publish a drug catalogue version effective from a date (insurer)',
      tag: 'catalogue',
      roles: ['insurer'],
      body: objectSchema(
        {
          versionId: id,
          effectiveFrom: isoDate,
          drugs: {
            type: 'array',
            minItems: 1,
            maxItems: 2000,
            items: objectSchema(
              { drugCode, name: shortText(64), genericGroup: drugCode, inCatalogue: { type: 'boolean' }, selfPayRatioBp: ratioBp, substitutes: { type: 'array', maxItems: 20, items: drugCode }, monitored: { type: 'boolean' } },
              ['drugCode', 'name', 'genericGroup', 'inCatalogue', 'selfPayRatioBp'],
            ),
          },
          limits: objectSchema({ ordinaryMaxDays: days, emergencyMaxDays: days, longMaxDays: days }, ['ordinaryMaxDays', 'emergencyMaxDays', 'longMaxDays']),
        },
        ['versionId', 'effectiveFrom', 'drugs', 'limits'],
      ),
      success: { status: 201, description: 'The catalogue version' },
      errors: [409, 422],
      handler: async ({ user, body }) => {
        const { result, txId, blockNumber } = await ledger.submit(user, 'Catalogue:PublishVersion', [JSON.stringify(body)]);
        return { status: 201, body: { catalogue: result, txId, blockNumber } };
      },
    },
    {
      method: 'get',
      path: '/catalogue',
      operationId: 'catalogueInForce',
      summary: 'The catalogue version in force now',
      tag: 'catalogue',
      roles: ['admin', 'doctor', 'pharmacist', 'insurer', 'investigator'],
      success: { status: 200, description: 'The catalogue version' },
      errors: [404],
      handler: async ({ user }) => ({ body: await ledger.evaluate(user, 'Catalogue:GetVersionInForce', []) }),
    },
    {
      method: 'get',
      path: '/catalogue/drugs/:code',
      operationId: 'catalogueDrug',
      summary: 'One drug in the catalogue version in force',
      tag: 'catalogue',
      roles: ['admin', 'doctor', 'pharmacist', 'insurer', 'investigator'],
      params: { code: drugCode },
      success: { status: 200, description: '{catalogueVersion, effectiveFrom, drug}' },
      errors: [404],
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Catalogue:GetDrug', [params.code]) }),
    },
    {
      method: 'post',
      path: '/admin/patient-salt',
      operationId: 'initPatientSalt',
      summary: 'Create the secret salt behind patient pseudonyms, once per network (admin of a collection member org)',
      description: 'The gateway generates 32 random bytes and sends them in the transient field to the patientIdentity collection; they never appear in a block.',
      tag: 'administration',
      roles: ['admin'],
      success: { status: 201, description: 'Initialised' },
      errors: [409],
      handler: async ({ user }) => {
        const salt = crypto.randomBytes(32).toString('hex');
        const { result, txId, blockNumber } = await ledger.submit(user, 'Prescription:InitPatientSalt', [], { transient: { salt } });
        return { status: 201, body: { ...(result as object), txId, blockNumber } };
      },
    },
  ];
}
