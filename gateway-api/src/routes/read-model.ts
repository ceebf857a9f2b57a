import { Type } from '@sinclair/typebox';
import { AuditApi, PageSize } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../deps';
import { ApiError } from '../http/api-error';
import { plainRoute, type AnyRoute } from '../http/route';
import { verifyRecord } from '../read-model/verify';
import { chainHistoryOf } from '../read-model/verify-listed';

const DEFAULT_PAGE = 50;
const OVERSIGHT = ['investigator', 'insurer'] as const;
/** A record as the audit trail names it: the same docType and id schemas Audit:History takes. */
const RecordParams = { docType: AuditApi.History.args.properties.docType, id: AuditApi.History.args.properties.id };
/** The (block, tx) position of the last version on the previous page. */
const VersionBookmark = Type.String({ pattern: '^([0-9]{1,15}:[0-9]{1,6})?$', description: 'the bookmark of the previous page' });

/**
 * The oversight read model: its copy of a record checked against the chain, and every version it
 * holds. The gateway's own routes: they answer from its PostgreSQL copy, reading the chain only
 * to prove that copy.
 */
export function readModelRoutes({ ledger, readModel }: AppDeps): AnyRoute[] {
  const running = () => {
    if (!readModel) throw new ApiError(503, 'READ_MODEL_UNAVAILABLE', 'the read model is off (RXCHAIN_READ_MODEL=off)');
    return readModel.running();
  };
  return [
    plainRoute({
      method: 'get',
      path: '/oversight/verify/:docType/:id',
      operationId: 'verifyReadModelRecord',
      summary: 'Re-read a record on the chain and prove the read model’s copy matches it (investigators, insurers)',
      description:
        'Compares the latest version’s tx id and the SHA-256 of its canonical JSON, and the number of versions, between the ' +
        'chain (key history) and the read model, after giving the read model up to 5 s to reach the chain height.',
      tag: 'oversight',
      roles: OVERSIGHT,
      params: RecordParams,
      success: { status: 200, description: '{docType, id, matches, checkedAtHeight, chain: {txId, sha256, versions}, readModel: {txId, blockNumber, sha256, versions}}' },
      errors: [404, 503],
      handler: async ({ user, params }) => {
        const { store, follower } = running();
        const result = await verifyRecord(
          {
            chainHistory: () => chainHistoryOf(ledger, user)(params.docType, params.id),
            chainHeight: async () => BigInt((await ledger.chainHeight(user)).height),
            store,
            follower,
            catchUpMs: 5_000,
          },
          params.docType,
          params.id,
        );
        return { body: result };
      },
    }),
    plainRoute({
      method: 'get',
      path: '/oversight/records/:docType/:id/versions',
      operationId: 'readModelRecordVersions',
      summary: 'Every version of a record in the read model, oldest first, with block number and tx id (investigators, insurers)',
      tag: 'oversight',
      roles: OVERSIGHT,
      params: RecordParams,
      query: { pageSize: Type.Optional(PageSize), bookmark: Type.Optional(VersionBookmark) },
      success: { status: 200, description: '{docType, id, versions: [{blockNumber, txIndex, txId, txTime, isDelete, sha256, value}], bookmark} — bookmark is empty on the last page' },
      errors: [503],
      handler: async ({ params, query }) => {
        const { store } = running();
        const pageSize = query.pageSize === undefined ? DEFAULT_PAGE : Number(query.pageSize);
        const [block, tx] = (query.bookmark ?? '').split(':');
        const after = block ? { blockNumber: BigInt(block), txIndex: Number(tx) } : undefined;
        // One row more than the page tells whether another page exists.
        const rows = await store.versions(params.docType, params.id, pageSize + 1, after);
        const page = rows.slice(0, pageSize);
        const last = page[page.length - 1];
        return {
          body: {
            docType: params.docType,
            id: params.id,
            versions: page.map(({ blockNumber, txIndex, txId, txTime, isDelete, sha256, value }) => ({ blockNumber, txIndex, txId, txTime, isDelete, sha256, value })),
            bookmark: rows.length > pageSize && last ? `${last.blockNumber}:${last.txIndex}` : '',
          },
        };
      },
    }),
  ];
}
