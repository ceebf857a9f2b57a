import type { AppDeps } from '../app';
import type { AnyRoute } from '../http/route';

const DOC_TYPES = ['prescription', 'dispense', 'practitioner', 'catalogue', 'claim', 'transfer', 'batch', 'filing', 'complaint', 'policy', 'probe'];

/** Key history of any record: every committed version with tx id, time and writer. */
export function auditRoutes({ ledger }: AppDeps): AnyRoute[] {
  return [
    {
      method: 'get',
      path: '/records/:docType/:id/history',
      operationId: 'recordHistory',
      summary: 'Full history of a record (investigators, insurers, admins)',
      tag: 'audit',
      roles: ['investigator', 'insurer', 'admin'],
      params: { docType: { type: 'string', enum: DOC_TYPES }, id: { type: 'string', minLength: 1, maxLength: 128 } },
      success: { status: 200, description: 'Versions, newest first' },
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Audit:History', [params.docType, params.id]) }),
    },
  ];
}
