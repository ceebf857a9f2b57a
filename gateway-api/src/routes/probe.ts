import { ProbeApi } from '@rxchain/chaincode/dist/shared';
import { txRoute, type AnyRoute } from '../http/route';

/** A minimal write and read through the chaincode: the network's end-to-end check. */
export function probeRoutes(): AnyRoute[] {
  return [
    txRoute({
      method: 'post',
      path: '/probes',
      operationId: 'writeProbe',
      summary: 'Write a probe record (org admins)',
      tag: 'system',
      tx: ProbeApi.Write,
      resultKey: 'record',
      success: { status: 201, description: 'Committed; returns the record, tx id and block number' },
    }),
    txRoute({
      method: 'get',
      path: '/probes/:id',
      operationId: 'readProbe',
      summary: 'Read a probe record',
      tag: 'system',
      tx: ProbeApi.Read,
      success: { status: 200, description: 'The record' },
      errors: [404],
    }),
  ];
}
