import { InsuredPersonApi } from '@rxchain/chaincode/dist/shared';
import { txRoute, type AnyRoute } from '../http/route';

/** Insured persons (XR-01, XR-05): the insured region's insurer enrols them, sets their status and credits their personal account. */
export function insuredPersonRoutes(): AnyRoute[] {
  return [
    txRoute({
      method: 'post',
      path: '/insured-persons',
      operationId: 'enrolInsuredPerson',
      summary: 'Enrol a patient, by pseudonym, as insured in the caller’s region (insurer)',
      description: 'The insured region is the calling insurer’s; personalAccountFen is the opening balance of the personal account (0 when absent).',
      tag: 'insured-persons',
      tx: InsuredPersonApi.Enrol,
      resultKey: 'insuredPerson',
      success: { status: 201, description: 'The insured-person record, tx id and block number' },
      errors: [409],
    }),
    txRoute({
      method: 'get',
      path: '/insured-persons/:patientRef',
      operationId: 'getInsuredPerson',
      summary: 'A patient’s insured region, scheme, status and personal-account balance',
      tag: 'insured-persons',
      tx: InsuredPersonApi.Get,
      success: { status: 200, description: 'The insured-person record' },
      errors: [404],
    }),
    txRoute({
      method: 'post',
      path: '/insured-persons/:patientRef/status',
      operationId: 'setInsuredStatus',
      summary: 'Suspend, restore or end a patient’s insurance, with a reason (insured region’s insurer); only ACTIVE insurance pays claims',
      tag: 'insured-persons',
      tx: InsuredPersonApi.SetStatus,
      resultKey: 'insuredPerson',
      success: { status: 200, description: 'The insured-person record, tx id and block number' },
      errors: [404, 409],
    }),
    txRoute({
      method: 'post',
      path: '/insured-persons/:patientRef/account-credits',
      operationId: 'creditPersonalAccount',
      summary: 'Credit the personal account, e.g. the yearly allocation (insured region’s insurer); each reference is used once',
      tag: 'insured-persons',
      tx: InsuredPersonApi.CreditAccount,
      resultKey: 'insuredPerson',
      success: { status: 201, description: 'The insured-person record with the credit, tx id and block number' },
      errors: [404, 409, 422],
    }),
  ];
}
