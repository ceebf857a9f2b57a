import { canonicalJson, type HistoryEntry } from '@rxchain/chaincode/dist/shared';
import crypto from 'node:crypto';
import { ApiError } from '../http/api-error';
import type { BlockFollower } from './follower';
import type { ReadModelStore } from './store';

export interface VerifyResult {
  docType: string;
  id: string;
  /** Latest tx id, latest value's hash, delete flag and number of versions all agree. */
  matches: boolean;
  /** Chain height after the chain was read; the read model was given until it got there. */
  checkedAtHeight: string;
  chain: { txId: string; sha256: string | null; isDelete: boolean; versions: number } | null;
  readModel: { txId: string; blockNumber: string; sha256: string | null; isDelete: boolean; versions: number; processedHeight: string } | null;
}

export interface VerifyDeps {
  /** Every version of the record on the chain, newest first; undefined when it was never written. */
  chainHistory: () => Promise<HistoryEntry<unknown>[] | undefined>;
  /** Height of the peer that answered chainHistory, read after it. */
  chainHeight: () => Promise<bigint>;
  store: ReadModelStore;
  follower: BlockFollower;
  /** How long to give a lagging read model to reach the chain height. */
  catchUpMs: number;
}

const sha256Of = (value: unknown): string => crypto.createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');

/**
 * Proves (or disproves) that the read model's copy of a record is the chain's: the chain is read
 * first, then the read model once it holds every block the chain had by then, so lag alone
 * cannot fail a check. The read model's hash is recomputed from the stored value, never taken
 * from its own sha256 column, so an edited row shows.
 */
export async function verifyRecord(deps: VerifyDeps, docType: string, id: string): Promise<VerifyResult> {
  const history = await deps.chainHistory();
  const height = await deps.chainHeight();
  await deps.follower.waitForHeight(height, deps.catchUpMs);
  const [latest, versions] = await Promise.all([deps.store.latest(docType, id), deps.store.versionCount(docType, id)]);
  if (!history?.length && !latest) throw new ApiError(404, 'NOT_FOUND', `${docType} ${id} is neither on the chain nor in the read model`);

  // Fabric returns key history newest first.
  const head = history?.[0];
  const chain = head ? { txId: head.txId, sha256: head.isDelete ? null : sha256Of(head.value), isDelete: head.isDelete, versions: history.length } : null;
  const readModel = latest
    ? {
        txId: latest.txId,
        blockNumber: latest.blockNumber,
        sha256: latest.isDelete ? null : sha256Of(latest.value),
        isDelete: latest.isDelete,
        versions,
        processedHeight: deps.follower.status().processedHeight,
      }
    : null;
  const matches =
    !!chain && !!readModel && chain.txId === readModel.txId && chain.sha256 === readModel.sha256 && chain.isDelete === readModel.isDelete && chain.versions === readModel.versions;
  return { docType, id, matches, checkedAtHeight: height.toString(), chain, readModel };
}
