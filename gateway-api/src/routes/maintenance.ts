import { MaintenanceApi } from '@rxchain/chaincode/dist/shared';
import { txRoute, type AnyRoute } from '../http/route';

/**
 * Index rebuilds for a ledger written by an earlier chaincode version (stop 17's date-keyed
 * indexes), a page at a time: the page's record ids by a read-only query, then one transaction
 * rebuilding exactly those (Fabric refuses writes after a paginated query). scripts/reindex.ts
 * runs both to the end.
 */
export function maintenanceRoutes(): AnyRoute[] {
  return [
    txRoute({
      method: 'get',
      path: '/admin/indexes/:index/records',
      operationId: 'indexRecordPage',
      summary: 'One page of the record ids of the store that keeps an index, in key order, to rebuild the index for (org admins)',
      tag: 'administration',
      tx: MaintenanceApi.IndexPage,
      success: { status: 200, description: '{index, docType, ids, bookmark} — bookmark is empty on the last page' },
    }),
    txRoute({
      method: 'post',
      path: '/admin/indexes/:index/rebuild',
      operationId: 'rebuildIndex',
      summary: 'Write the entries an index needs for these records where missing or different; idempotent: a second run writes nothing (org admins)',
      tag: 'administration',
      tx: MaintenanceApi.RebuildIndex,
      success: { status: 200, description: '{index, docType, records, written, missing, txId, blockNumber}' },
    }),
  ];
}
