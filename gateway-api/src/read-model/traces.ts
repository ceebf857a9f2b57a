/**
 * The investigators' traces (FT-01) answered from the read model: an actor's timeline and the
 * reverse trace a page at a time, and a claim's fund flow, each naming the block and tx of every
 * record it shows, so each can be proven against the chain (verify.ts). The timeline entries and
 * the fund flow are made by the chaincode's own rules (projection-rows.ts, fundFlowOf), the
 * receipts are in the chain's order, so the answers are the chain's Trace answers plus paging.
 */
import {
  fundFlowOf,
  type BatchRecord,
  type ClaimRecord,
  type ClearingReturnRecord,
  type FundFlow,
  type TimelineActorType,
  type TimelineEntry,
  type TransferRecord,
} from '@rxchain/chaincode/dist/shared';
import type { SqlExecutor } from './database';

/** A record a trace shows, and the version of it the read model read. */
export interface Provenance {
  docType: string;
  id: string;
  blockNumber: string;
  txId: string;
}

/** Where a timeline page ends: the last entry's position in the timeline's order. */
export interface TimelineBookmark {
  at: string;
  rank: number;
  sourceType: string;
  sourceId: string;
  seq: number;
}

export const TIMELINE_BOOKMARK_PATTERN = '^(|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{8,12}Z\\|[0-9]\\|[a-z-]{1,20}\\|[A-Za-z0-9._:-]{1,64}\\|[0-9]{1,4})$';

export const timelineBookmark = (b: TimelineBookmark): string => [b.at, b.rank, b.sourceType, b.sourceId, b.seq].join('|');

export function parseTimelineBookmark(text: string): TimelineBookmark | undefined {
  if (text === '') return undefined;
  const [at, rank, sourceType, sourceId, seq] = text.split('|');
  return { at, rank: Number(rank), sourceType, sourceId, seq: Number(seq) };
}

export type ReadModelTimelineEntry = TimelineEntry & { blockNumber: string | null };

/** A pharmacy is also an institution: its dispenses, and its claims, receipts and recoveries (as the chain's timeline). */
const ACTOR_TYPES: Record<TimelineActorType, string[]> = {
  doctor: ['doctor'],
  pharmacy: ['pharmacy', 'institution'],
  institution: ['institution'],
  patientRef: ['patientRef'],
};

/** One page of an actor's timeline, oldest first, in the chain timeline's order; `bookmark` '' on the last page. */
export async function timelinePage(
  db: SqlExecutor,
  actorType: TimelineActorType,
  id: string,
  pageSize: number,
  after?: TimelineBookmark,
): Promise<{ entries: ReadModelTimelineEntry[]; bookmark: string }> {
  const params: unknown[] = [ACTOR_TYPES[actorType], id, pageSize + 1];
  let where = 'actor_type = ANY($1) AND actor_id = $2';
  if (after) {
    where += ` AND (at, rank, source_id, source_type, seq) > ($4, $5, $6, $7, $8)`;
    params.push(after.at, after.rank, after.sourceId, after.sourceType, after.seq);
  }
  const rows = await db.query<{
    at: string;
    rank: number;
    source_type: string;
    source_id: string;
    seq: number;
    kind: TimelineEntry['kind'];
    record_id: string;
    action: string;
    amount_fen: string | number | null;
    tx_id: string;
    block_number: string | number | null;
  }>(
    `SELECT at, rank, source_type, source_id, seq, kind, record_id, action, amount_fen, tx_id, block_number FROM timeline_entries
     WHERE ${where} ORDER BY at, rank, source_id, source_type, seq LIMIT $3`,
    params,
  );
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    entries: page.map((r) => ({
      at: r.at,
      txId: r.tx_id,
      kind: r.kind,
      id: r.record_id,
      action: r.action,
      ...(r.amount_fen === null ? {} : { amountFen: Number(r.amount_fen) }),
      blockNumber: r.block_number === null ? null : String(r.block_number),
    })),
    bookmark: rows.length > pageSize && last ? timelineBookmark({ at: last.at, rank: Number(last.rank), sourceType: last.source_type, sourceId: last.source_id, seq: Number(last.seq) }) : '',
  };
}

export interface FundsReceivedQuery {
  party: string;
  fromFund?: string;
  from?: string;
  to?: string;
  pageSize: number;
  /** The chain's receipt bookmark: `<executed at>|<transferId>` of the previous page's last. */
  bookmark: string;
}

/** The reverse trace: count and total of every matching receipt, one page of them in the chain's order. */
export async function fundsReceivedPage(
  db: SqlExecutor,
  q: FundsReceivedQuery,
): Promise<{ count: number; totalFen: number; transfers: TransferRecord[]; provenance: Provenance[]; bookmark: string }> {
  const filter = `to_party = $1 AND ($2::text IS NULL OR from_party = $2) AND ($3::text IS NULL OR transfer_date >= $3) AND ($4::text IS NULL OR transfer_date <= $4)`;
  const base = [q.party, q.fromFund ?? null, q.from ?? null, q.to ?? null];
  const [[totals], rows] = await Promise.all([
    db.query<{ n: string | number; fen: string | number }>(`SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen FROM transfer_facts WHERE ${filter}`, base),
    db.query<{ position: string; value: TransferRecord; block_number: string | number; tx_id: string; transfer_id: string }>(
      `SELECT t.position, t.transfer_id, r.value, r.block_number, r.tx_id FROM transfer_facts t
       JOIN records r ON r.doc_type = 'transfer' AND r.record_id = t.transfer_id
       WHERE ${filter.replace(/\b(to_party|from_party|transfer_date)\b/g, 't.$1')} AND t.position > $5 ORDER BY t.position LIMIT $6`,
      [...base, q.bookmark, q.pageSize + 1],
    ),
  ]);
  const page = rows.slice(0, q.pageSize);
  return {
    count: Number(totals.n),
    totalFen: Number(totals.fen),
    transfers: page.map((r) => r.value),
    provenance: page.map((r) => ({ docType: 'transfer', id: r.transfer_id, blockNumber: String(r.block_number), txId: r.tx_id })),
    bookmark: rows.length > q.pageSize ? page[page.length - 1].position : '',
  };
}

/** Latest versions of records by key, for one docType. */
async function latestOf<T>(db: SqlExecutor, docType: string, ids: readonly string[]): Promise<Map<string, { value: T; provenance: Provenance }>> {
  if (!ids.length) return new Map();
  const rows = await db.query<{ record_id: string; value: T; value_raw: string | null; block_number: string | number; tx_id: string }>(
    `SELECT record_id, value, value_raw, block_number, tx_id FROM records WHERE doc_type = $1 AND record_id = ANY($2) AND NOT is_delete`,
    [docType, [...new Set(ids)]],
  );
  return new Map(
    rows.map((r) => [
      r.record_id,
      { value: r.value_raw !== null ? (JSON.parse(r.value_raw) as T) : r.value, provenance: { docType, id: r.record_id, blockNumber: String(r.block_number), txId: r.tx_id } },
    ]),
  );
}

/** A record the flow names that the read model does not hold (yet): the copy is behind or broken. */
export class MissingRecordError extends Error {
  constructor(readonly docType: string, readonly id: string) {
    super(`the read model holds no ${docType} ${id}`);
  }
}

/**
 * Where a claim's money went, as Trace:FundFlow answers it, from the read model's copies of the
 * same records; undefined when the read model holds no such claim.
 */
export async function fundFlowFromReadModel(db: SqlExecutor, claimId: string): Promise<{ flow: FundFlow; provenance: Provenance[] } | undefined> {
  const claim = (await latestOf<ClaimRecord>(db, 'claim', [claimId])).get(claimId);
  if (!claim) return undefined;
  const provenance: Provenance[] = [claim.provenance];
  const need = <T>(map: Map<string, { value: T; provenance: Provenance }>, docType: string, id: string): T => {
    const found = map.get(id);
    if (!found) throw new MissingRecordError(docType, id);
    provenance.push(found.provenance);
    return found.value;
  };
  const c = claim.value;
  const returns = await latestOf<ClearingReturnRecord>(db, 'clearing-return', c.recoveryTransferId === undefined ? [] : [c.claimId]);
  const clearingReturn = returns.get(c.claimId);
  const batchIds = [c.batchId, clearingReturn?.value.batchId].filter((id): id is string => id !== undefined);
  const batches = await latestOf<BatchRecord>(db, 'batch', batchIds);
  const batch = c.batchId === undefined ? undefined : need(batches, 'batch', c.batchId);
  const returnBatch = clearingReturn?.value.batchId === undefined ? undefined : need(batches, 'batch', clearingReturn.value.batchId);
  const transferIds = [...c.transferIds, c.recoveryTransferId, ...(batch?.transferIds ?? []), ...(returnBatch?.transferIds ?? [])].filter((id): id is string => id !== undefined);
  const transfers = await latestOf<TransferRecord>(db, 'transfer', transferIds);
  const payments = c.transferIds.map((id) => need(transfers, 'transfer', id));
  const clearings = batch?.transferIds?.map((id) => need(transfers, 'transfer', id));
  const recovery = c.recoveryTransferId === undefined ? undefined : need(transfers, 'transfer', c.recoveryTransferId);
  let clearingTrace: FundFlow['clearingReturn'];
  if (clearingReturn) {
    provenance.push(clearingReturn.provenance);
    const returnClearings = returnBatch?.transferIds?.map((id) => need(transfers, 'transfer', id));
    clearingTrace = { record: clearingReturn.value, ...(returnBatch ? { batch: returnBatch } : {}), ...(returnClearings && returnClearings.length > 0 ? { clearings: returnClearings } : {}) };
  }
  const flow = fundFlowOf(c, { payments, batch, clearings, recovery, clearingReturn: clearingTrace });
  // One row per record, though a flow may show a record twice (a batch that clears and nets).
  const seen = new Set<string>();
  return { flow, provenance: provenance.filter((p) => !seen.has(`${p.docType}/${p.id}`) && seen.add(`${p.docType}/${p.id}`)) };
}
