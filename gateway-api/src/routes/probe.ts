import type { AppDeps } from '../app';
import type { AnyRoute } from '../http/route';
import { objectSchema } from '../http/validation';

const idSchema = { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' };

/** A minimal write and read through the chaincode: the network's end-to-end check. */
export function probeRoutes({ ledger }: AppDeps): AnyRoute[] {
  return [
    {
      method: 'post',
      path: '/probes',
      operationId: 'writeProbe',
      summary: 'Write a probe record (org admins)',
      tag: 'system',
      roles: ['admin'],
      body: objectSchema({ id: idSchema, note: { type: 'string', maxLength: 256 } }, ['id', 'note']),
      success: { status: 201, description: 'Committed; returns the record, tx id and block number' },
      handler: async ({ user, body }: { user: Parameters<typeof ledger.submit>[0]; body: { id: string; note: string } }) => {
        const { result, txId, blockNumber } = await ledger.submit(user, 'Probe:Write', [body.id, body.note]);
        return { status: 201, body: { record: result, txId, blockNumber } };
      },
    },
    {
      method: 'get',
      path: '/probes/:id',
      operationId: 'readProbe',
      summary: 'Read a probe record',
      tag: 'system',
      roles: ['admin', 'doctor', 'pharmacist', 'insurer', 'investigator'],
      params: { id: idSchema },
      success: { status: 200, description: 'The record' },
      errors: [404],
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Probe:Read', [params.id]) }),
    },
  ];
}
