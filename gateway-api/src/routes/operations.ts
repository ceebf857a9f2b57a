import { Type } from '@sinclair/typebox';
import { ROLES } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../deps';
import { plainRoute, type AnyRoute } from '../http/route';

const OperationId = Type.String({ pattern: '^[0-9a-f-]{36}$', description: 'an operation id (a UUID)' });

/** Status of an operation accepted with `Prefer: respond-async`. */
export function operationRoutes({ operations }: AppDeps): AnyRoute[] {
  return [
    plainRoute({
      method: 'get',
      path: '/operations/:id',
      operationId: 'operationStatus',
      summary: 'Status and result of an asynchronous operation (only its submitter sees it)',
      tag: 'operations',
      roles: ROLES,
      params: { id: OperationId },
      success: { status: 200, description: 'pending, succeeded (with result) or failed (with error)' },
      errors: [404],
      handler: async ({ user, params }) => ({ body: operations.get(params.id, user.name) }),
    }),
  ];
}
