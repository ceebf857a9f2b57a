import type { AppDeps } from '../app';
import type { AnyRoute } from '../http/route';

/** Status of an operation accepted with `Prefer: respond-async`. */
export function operationRoutes({ operations }: AppDeps): AnyRoute[] {
  return [
    {
      method: 'get',
      path: '/operations/:id',
      operationId: 'operationStatus',
      summary: 'Status and result of an asynchronous operation (only its submitter sees it)',
      tag: 'operations',
      roles: ['admin', 'doctor', 'pharmacist', 'insurer', 'investigator'],
      params: { id: { type: 'string', pattern: '^[0-9a-f-]{36}$' } },
      success: { status: 200, description: 'pending, succeeded (with result) or failed (with error)' },
      errors: [404],
      handler: async ({ user, params }) => ({ body: operations.get(params.id, user.name) }),
    },
  ];
}
