import { ArchiveApi, InsuredPersonApi } from '@rxchain/chaincode/dist/shared';
import { txRoute, type AnyRoute } from '../http/route';

/**
 * A region's history imported from its settlement system (issue 14), and the enrolment list in
 * parts. A batch of 200 visits is about 200 kB of JSON: raise RXCHAIN_BODY_LIMIT to post one.
 */
export function archiveRoutes(): AnyRoute[] {
  return [
    txRoute({
      method: 'post',
      path: '/archive/policies',
      operationId: 'importHistoricalPolicy',
      summary: 'Record the policy terms in force before the region’s first version on the chain (insurer), which imported claims are split by',
      tag: 'archive',
      tx: ArchiveApi.ImportPolicy,
      resultKey: 'policy',
      success: { status: 201, description: 'The policy version, marked as imported, tx id and block number' },
      errors: [422],
    }),
    txRoute({
      method: 'post',
      path: '/archive/batches',
      operationId: 'importVisits',
      summary: 'Import a batch of the region’s historical visits (insurer): prescription, dispense, claim and payment, each as the live act records it, marked as imported',
      description: 'All or nothing; a batch id is used once (409 on resubmission, nothing written). The claim split is computed from the policy in force on the visit date.',
      tag: 'archive',
      tx: ArchiveApi.ImportVisits,
      resultKey: 'batch',
      success: { status: 201, description: 'The batch record with the counts of records written, tx id and block number' },
      errors: [403, 404, 409, 422],
    }),
    txRoute({
      method: 'get',
      path: '/archive/batches/:batchId',
      operationId: 'getImportBatch',
      summary: 'An imported batch: region, period, records written, content hash and the transaction that imported it',
      tag: 'archive',
      tx: ArchiveApi.GetBatch,
      success: { status: 200, description: 'The batch record' },
      errors: [404],
    }),
    txRoute({
      method: 'post',
      path: '/insured-persons/batches',
      operationId: 'enrolInsuredPersons',
      summary: 'Enrol a list of patients, by pseudonym, as insured in the caller’s region (insurer): all of them or none',
      tag: 'insured-persons',
      tx: InsuredPersonApi.EnrolBatch,
      resultKey: 'enrolment',
      success: { status: 201, description: 'How many were enrolled, tx id and block number' },
      errors: [409],
    }),
  ];
}
