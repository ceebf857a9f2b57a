import { AuditApi, type HistoryEntry } from '@rxchain/chaincode/dist/shared';
import type { AuthenticatedUser } from '../fabric/identities';
import { LedgerError, type LedgerPort } from '../fabric/ledger-port';
import type { BlockFollower } from './follower';
import type { ReadModelStore } from './store';
import { verifyRecord } from './verify';

/** A record's key history on the chain as `user` reads it (Audit:History); undefined when it was never written. */
export const chainHistoryOf =
  (ledger: LedgerPort, user: AuthenticatedUser) =>
  async (docType: string, id: string): Promise<HistoryEntry<unknown>[] | undefined> => {
    try {
      return await ledger.evaluate(user, AuditApi.History, { docType, id });
    } catch (err) {
      if (err instanceof LedgerError && err.failure.kind === 'rejected' && err.failure.code === 'NOT_FOUND') return undefined;
      throw err;
    }
  };

export interface ListedItem {
  docType: string;
  id: string;
  /** The transaction the item shows; it must be one of the chain's versions of the record. */
  txId: string;
}

/** What `?verify=true` says of one listed item. */
export interface ItemVerification {
  /** The read model's copy of the record is the chain's (verifyRecord), and the item's tx is one of its versions there. */
  matches: boolean;
  recordMatches: boolean;
  txOnChain: boolean;
  checkedAtHeight: string;
}

export interface ListedVerifyDeps {
  history: (docType: string, id: string) => Promise<HistoryEntry<unknown>[] | undefined>;
  chainHeight: () => Promise<bigint>;
  store: ReadModelStore;
  follower: BlockFollower;
}

/**
 * Re-reads on the chain every record a page lists (each once, however many items name it) and
 * says per item whether the read model's copy matches, through verifyRecord.
 */
export async function verifyListed(deps: ListedVerifyDeps, items: readonly ListedItem[]): Promise<ItemVerification[]> {
  const byRecord = new Map<string, Promise<{ recordMatches: boolean; chainTxIds: Set<string>; checkedAtHeight: string }>>();
  const check = (docType: string, id: string) => {
    const key = `${docType}\u0000${id}`;
    let pending = byRecord.get(key);
    if (!pending) {
      pending = (async () => {
        let chainTxIds = new Set<string>();
        const result = await verifyRecord(
          {
            chainHistory: async () => {
              const history = await deps.history(docType, id);
              chainTxIds = new Set((history ?? []).map((h) => h.txId));
              return history;
            },
            chainHeight: deps.chainHeight,
            store: deps.store,
            follower: deps.follower,
            catchUpMs: 5_000,
          },
          docType,
          id,
        );
        return { recordMatches: result.matches, chainTxIds, checkedAtHeight: result.checkedAtHeight };
      })();
      byRecord.set(key, pending);
    }
    return pending;
  };
  const out: ItemVerification[] = [];
  // One record at a time: a page is at most 100 items, and the peers serve other requests too.
  for (const item of items) {
    const r = await check(item.docType, item.id);
    const txOnChain = r.chainTxIds.has(item.txId);
    out.push({ matches: r.recordMatches && txOnChain, recordMatches: r.recordMatches, txOnChain, checkedAtHeight: r.checkedAtHeight });
  }
  return out;
}
