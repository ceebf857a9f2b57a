import type { HistoryEntry } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../app';
import { ApiError } from '../http/api-error';
import type { AnyRoute } from '../http/route';
import { CHAIN_HISTORY_DOC_TYPES, RECORD_DOC_TYPES } from '../read-model/doc-types';
import { verifyRecord } from '../read-model/verify';
import { pageQuery } from './schemas';

const recordIdParam = { type: 'string', minLength: 1, maxLength: 128 };
const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

/** The oversight read model: its copy of a record checked against the chain, and every version it holds. */
export function readModelRoutes({ ledger, readModel }: AppDeps): AnyRoute[] {
  const running = () => {
    if (!readModel) throw new ApiError(503, 'READ_MODEL_UNAVAILABLE', 'the read model is off (RXCHAIN_READ_MODEL=off)');
    return readModel.running();
  };
  return [
    {
      method: 'get',
      path: '/oversight/verify/:docType/:id',
      operationId: 'verifyReadModelRecord',
      summary: 'Re-read a record on the chain and prove the read model’s copy matches it (investigators, insurers)',
      description:
        'Compares the latest version’s tx id and the SHA-256 of its canonical JSON, and the number of versions, between the ' +
        'chain (key history) and the read model, after giving the read model up to 5 s to reach the chain height.',
      tag: 'oversight',
      roles: ['investigator', 'insurer'],
      params: { docType: { type: 'string', enum: [...CHAIN_HISTORY_DOC_TYPES] }, id: recordIdParam },
      success: { status: 200, description: '{docType, id, matches, checkedAtHeight, chain: {txId, sha256, versions}, readModel: {txId, blockNumber, sha256, versions}}' },
      errors: [404, 503],
      handler: async ({ user, params }) => {
        const { store, follower } = running();
        const result = await verifyRecord(
          {
            chainHistory: async () => {
              try {
                return await ledger.evaluate<HistoryEntry<unknown>[]>(user, 'Audit:History', [params.docType, params.id]);
              } catch (err) {
                if (err instanceof ApiError && err.status === 404) return undefined;
                throw err;
              }
            },
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
    },
    {
      method: 'get',
      path: '/oversight/records/:docType/:id/versions',
      operationId: 'readModelRecordVersions',
      summary: 'Every version of a record in the read model, oldest first, with block number and tx id (investigators, insurers)',
      tag: 'oversight',
      roles: ['investigator', 'insurer'],
      params: { docType: { type: 'string', enum: [...RECORD_DOC_TYPES] }, id: recordIdParam },
      query: pageQuery,
      success: { status: 200, description: '{docType, id, versions: [{blockNumber, txIndex, txId, txTime, isDelete, sha256, value}], bookmark} — bookmark is empty on the last page' },
      errors: [503],
      handler: async ({ params, query }) => {
        const { store } = running();
        const pageSize = query.pageSize === undefined ? DEFAULT_PAGE : Number(query.pageSize);
        if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE) {
          throw new ApiError(400, 'VALIDATION', `pageSize must be an integer from 1 to ${MAX_PAGE}`, [{ field: 'query.pageSize', message: 'is out of range' }]);
        }
        const after = parseBookmark(query.bookmark);
        // One row more than the page tells whether another page exists.
        const rows = await store.versions(params.docType, params.id, pageSize + 1, after);
        const page = rows.slice(0, pageSize);
        const last = page[page.length - 1];
        const bookmark = rows.length > pageSize && last ? `${last.blockNumber}:${last.txIndex}` : '';
        return {
          body: {
            docType: params.docType,
            id: params.id,
            versions: page.map(({ blockNumber, txIndex, txId, txTime, isDelete, sha256, value }) => ({ blockNumber, txIndex, txId, txTime, isDelete, sha256, value })),
            bookmark,
          },
        };
      },
    },
  ];
}

/** A bookmark is the (block, tx) position of the last version on the previous page. */
function parseBookmark(bookmark: string | undefined): { blockNumber: bigint; txIndex: number } | undefined {
  if (bookmark === undefined || bookmark === '') return undefined;
  const match = /^([0-9]{1,15}):([0-9]{1,6})$/.exec(bookmark);
  if (!match) throw new ApiError(400, 'VALIDATION', 'bookmark is not one this route returned', [{ field: 'query.bookmark', message: 'is malformed' }]);
  return { blockNumber: BigInt(match[1]), txIndex: Number(match[2]) };
}
