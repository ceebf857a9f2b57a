import { AuditApi } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../deps';
import { txRoute, type AnyRoute } from '../http/route';

/** Key history of any record: every committed version with tx id, time and writer. */
export function auditRoutes(_deps: AppDeps): AnyRoute[] {
  return [
    txRoute({
      method: 'get',
      path: '/records/:docType/:id/history',
      operationId: 'recordHistory',
      summary: 'Full history of a record (investigators, insurers, admins)',
      tag: 'audit',
      tx: AuditApi.History,
      success: { status: 200, description: 'Versions, newest first' },
      errors: [404],
    }),
  ];
}
