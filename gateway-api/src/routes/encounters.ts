import { EncounterApi } from '@rxchain/chaincode/dist/shared';
import { txRoute, type AnyRoute } from '../http/route';

/** Encounters (RX-03): the hospital records the visit when it happens; encounter claims are priced by it. */
export function encounterRoutes(): AnyRoute[] {
  return [
    txRoute({
      method: 'post',
      path: '/encounters',
      operationId: 'recordEncounter',
      summary: 'Record a visit of the caller’s hospital: outpatient, emergency or inpatient stay, with its attending doctor, prescriptions and fee lines',
      description:
        'Outpatient and emergency visits send serviceDate, inpatient stays admissionDate and dischargeDate. A drug fee line names its drugCode, ' +
        'a drug of one of rxIds, and is covered as that prescription recorded at issue; other lines are covered by their category. ' +
        'Without encounterId, the id is derived from the Idempotency-Key.',
      tag: 'encounters',
      tx: EncounterApi.Record,
      derivedIds: [{ field: 'encounterId', prefix: 'ENC' }],
      resultKey: 'encounter',
      success: { status: 201, description: 'The encounter record, tx id and block number' },
      errors: [404, 409, 422],
    }),
    txRoute({
      method: 'get',
      path: '/encounters/:id',
      operationId: 'getEncounter',
      summary: 'An encounter with its priced fee lines (its institution’s staff, insurers, investigators)',
      tag: 'encounters',
      tx: EncounterApi.Get,
      pathArgs: { id: 'encounterId' },
      success: { status: 200, description: 'The encounter' },
      errors: [404],
    }),
    txRoute({
      method: 'get',
      path: '/patients/:patientRef/encounters',
      operationId: 'listPatientEncounters',
      summary: 'A patient’s encounters, by pseudonym: all of them for insurers and investigators, their own institution’s for hospital staff',
      tag: 'encounters',
      tx: EncounterApi.ListByPatient,
      success: { status: 200, description: '{records, bookmark, fetchedCount}' },
    }),
  ];
}
