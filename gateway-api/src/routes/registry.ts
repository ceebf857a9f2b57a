import crypto from 'node:crypto';
import { CatalogueApi, PractitionerApi, PrescriptionApi } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../deps';
import { txRoute, type AnyRoute } from '../http/route';

/** Practitioner registry (CR-01/02), drug catalogue (RX-07) and the one-time patient salt. */
export function registryRoutes(deps: AppDeps): AnyRoute[] {
  return [
    txRoute({
      method: 'post',
      path: '/practitioners',
      operationId: 'registerPractitioner',
      summary: 'Register a doctor for insurance prescribing (hospital admin); 100 points to start',
      tag: 'practitioners',
      tx: PractitionerApi.Register,
      resultKey: 'practitioner',
      success: { status: 201, description: 'The practitioner record, tx id and block number' },
      errors: [409],
    }),
    txRoute({
      method: 'post',
      path: '/practitioners/:id/violations',
      operationId: 'recordViolation',
      summary: 'Deduct points for a violation (insurer or regulator admin); at 60 points or fewer prescribing is suspended',
      tag: 'practitioners',
      tx: PractitionerApi.RecordViolation,
      pathArgs: { id: 'doctorId' },
      resultKey: 'practitioner',
      success: { status: 200, description: 'The practitioner record after the deduction, tx id and block number' },
      errors: [404],
    }),
    txRoute({
      method: 'post',
      path: '/practitioners/:id/restoration',
      operationId: 'restorePractitioner',
      summary: 'Restore a suspended doctor’s prescribing right by a recorded decision (insurer or regulator admin)',
      tag: 'practitioners',
      tx: PractitionerApi.Restore,
      pathArgs: { id: 'doctorId' },
      resultKey: 'practitioner',
      success: { status: 200, description: 'The restored practitioner record, tx id and block number' },
      errors: [404, 409],
    }),
    txRoute({
      method: 'get',
      path: '/practitioners/:id',
      operationId: 'getPractitioner',
      summary: 'A doctor’s registration, points and prescribing right',
      tag: 'practitioners',
      tx: PractitionerApi.Get,
      pathArgs: { id: 'doctorId' },
      success: { status: 200, description: 'The practitioner record' },
      errors: [404],
    }),
    txRoute({
      method: 'post',
      path: '/catalogue/versions',
      operationId: 'publishCatalogue',
      summary: 'Publish a drug catalogue version effective from a date (insurer)',
      tag: 'catalogue',
      tx: CatalogueApi.PublishVersion,
      resultKey: 'catalogue',
      success: { status: 201, description: 'The catalogue version, tx id and block number' },
      errors: [409, 422],
    }),
    txRoute({
      method: 'get',
      path: '/catalogue',
      operationId: 'catalogueInForce',
      summary: 'The catalogue version in force now',
      tag: 'catalogue',
      tx: CatalogueApi.GetVersionInForce,
      success: { status: 200, description: 'The catalogue version' },
      errors: [404],
    }),
    txRoute({
      method: 'get',
      path: '/catalogue/versions/:id',
      operationId: 'catalogueVersion',
      summary: 'A catalogue version by id, in force or not',
      tag: 'catalogue',
      tx: CatalogueApi.GetVersion,
      pathArgs: { id: 'versionId' },
      success: { status: 200, description: 'The catalogue version' },
      errors: [404],
    }),
    txRoute({
      method: 'get',
      path: '/catalogue/drugs/:code',
      operationId: 'catalogueDrug',
      summary: 'One drug in the catalogue version in force',
      tag: 'catalogue',
      tx: CatalogueApi.GetDrug,
      pathArgs: { code: 'drugCode' },
      success: { status: 200, description: '{catalogueVersion, effectiveFrom, drug}' },
      errors: [404],
    }),
    txRoute({
      method: 'post',
      path: '/admin/patient-salt',
      operationId: 'initPatientSalt',
      summary: 'Create the secret salt behind patient pseudonyms, once per network (admin of a collection member org)',
      description: 'The gateway generates 32 random bytes and sends them in the transient field to the patientIdentity collection; they never appear in a block.',
      tag: 'administration',
      tx: PrescriptionApi.InitPatientSalt,
      gatewayTransient: ['salt'],
      success: { status: 201, description: '{collection, initialisedAt, txId, blockNumber}' },
      errors: [409],
      handler: async ({ user, args }) => {
        const salt = crypto.randomBytes(32).toString('hex');
        const { result, txId, blockNumber } = await deps.ledger.submit(user, PrescriptionApi.InitPatientSalt, args, { transient: { salt } });
        return { status: 201, body: { ...result, txId, blockNumber } };
      },
    }),
  ];
}
