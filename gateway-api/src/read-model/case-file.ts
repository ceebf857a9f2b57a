/**
 * An investigation case's file, from the read model (FT-01): the case as the read model last saw
 * it, each piece of evidence with the block and tx that wrote it, the fund-flow graph of the money
 * the evidence touches (claims → transfers → batches → funds and institutions), and the timeline
 * of every version of the case and of its evidence, a page at a time. Only PostgreSQL is read;
 * /oversight/verify proves any record of it against the chain.
 */
import type { BatchRecord, ClaimRecord, EvidenceKind, InvestigationCaseRecord, TransferKind, TransferRecord } from '@rxchain/chaincode/dist/shared';
import type { SqlExecutor } from './database';
import { COLUMNS, toVersion, type RecordVersion, type VersionRow } from './store';

const CASE_DOC_TYPE = 'investigation-case';
type RecordKind = Exclude<EvidenceKind, 'tx'>;
/** The docType of the record each evidence kind names. */
const EVIDENCE_DOC_TYPE: Record<RecordKind, string> = { claim: 'claim', transfer: 'transfer', batch: 'batch', prescription: 'prescription', dispense: 'dispense' };

/** Where a version sits on the chain. */
export interface ChainPosition {
  blockNumber: string;
  txIndex: number;
  txId: string;
  txTime: string;
}

const positionOf = (v: RecordVersion): ChainPosition => ({ blockNumber: v.blockNumber, txIndex: v.txIndex, txId: v.txId, txTime: v.txTime });

/** One write of an evidence transaction. */
export interface TxWrite {
  docType: string;
  recordId: string;
  blockNumber: string;
  txIndex: number;
}

export interface EvidenceEntry {
  kind: EvidenceKind;
  id: string;
  note: string;
  /** Whether the read model holds it: the record, or (kind tx) a transaction that wrote records. */
  found: boolean;
  /** A record's latest version: where it was written, and its value. */
  latest?: ChainPosition & { value: unknown };
  /** kind tx: the records the transaction wrote. */
  writes?: TxWrite[];
}

export type FlowNode =
  | { id: string; kind: 'claim'; claimId: string; status: string; fundFen: number; institutionId: string; treatmentRegion: string; insuredRegion: string; position: ChainPosition }
  | { id: string; kind: 'transfer'; transferId: string; transferKind: TransferKind; amountFen: number; date: string; position: ChainPosition }
  | { id: string; kind: 'batch'; batchId: string; status: string; claimCount: number; position: ChainPosition }
  | { id: string; kind: 'fund' | 'institution'; party: string };

export interface FlowEdge {
  from: string;
  to: string;
  kind: 'paidBy' | 'recoveredBy' | 'clearedIn' | 'settledBy' | 'pays' | 'receives';
  amountFen?: number;
}

export interface TimelineEntry extends ChainPosition {
  docType: string;
  recordId: string;
  isDelete: boolean;
  value: unknown;
}

export interface CaseFile {
  case: InvestigationCaseRecord;
  casePosition: ChainPosition;
  evidence: EvidenceEntry[];
  fundFlow: { nodes: FlowNode[]; edges: FlowEdge[] };
  timeline: { entries: TimelineEntry[]; bookmark: string };
}

/** After which (block, tx, docType, recordId) the timeline page starts; from the previous page's bookmark. */
export interface TimelineCursor {
  blockNumber: string;
  txIndex: number;
  docType: string;
  recordId: string;
}

/** Bookmark `block:tx:docType/recordId`: docTypes and record ids hold no slash. */
export const TIMELINE_BOOKMARK = /^([0-9]{1,15}):([0-9]{1,6}):([a-z-]{1,40})\/([A-Za-z0-9._:-]{1,128})$/;

export function parseTimelineBookmark(bookmark: string): TimelineCursor | undefined {
  const match = TIMELINE_BOOKMARK.exec(bookmark);
  return match ? { blockNumber: match[1], txIndex: Number(match[2]), docType: match[3], recordId: match[4] } : undefined;
}

const bookmarkOf = (e: TimelineEntry): string => `${e.blockNumber}:${e.txIndex}:${e.docType}/${e.recordId}`;

/** Latest non-deleted versions of records of one docType, by id. */
async function latestOf(db: SqlExecutor, docType: string, ids: readonly string[]): Promise<Map<string, RecordVersion>> {
  if (!ids.length) return new Map();
  const rows = await db.query<VersionRow>(`SELECT ${COLUMNS} FROM records WHERE doc_type = $1 AND record_id = ANY($2::text[]) AND NOT is_delete`, [docType, [...new Set(ids)]]);
  return new Map(rows.map((row) => [row.record_id, toVersion(row)]));
}

/** The records each transaction wrote (record_versions_by_tx). */
async function writesOf(db: SqlExecutor, txIds: readonly string[]): Promise<Map<string, TxWrite[]>> {
  const byTx = new Map<string, TxWrite[]>();
  if (!txIds.length) return byTx;
  const rows = await db.query<{ tx_id: string; doc_type: string; record_id: string; block_number: string | number; tx_index: number }>(
    `SELECT tx_id, doc_type, record_id, block_number, tx_index FROM record_versions WHERE tx_id = ANY($1::text[]) ORDER BY block_number, tx_index, doc_type, record_id`,
    [[...new Set(txIds)]],
  );
  for (const r of rows) {
    const list = byTx.get(r.tx_id) ?? [];
    list.push({ docType: r.doc_type, recordId: r.record_id, blockNumber: String(r.block_number), txIndex: Number(r.tx_index) });
    byTx.set(r.tx_id, list);
  }
  return byTx;
}

/** Loads ids not loaded yet into `into`. */
async function loadMissing(db: SqlExecutor, docType: string, ids: Iterable<string>, into: Map<string, RecordVersion>): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !into.has(id));
  for (const [id, v] of await latestOf(db, docType, missing)) into.set(id, v);
}

/**
 * The money the evidence touches. From the linked claims, transfers and batches: the claims of
 * linked payments and recoveries, then the batches of all those claims and transfers, then the
 * payment and recovery transfers of the claims and the clearing transfers of the batches. A
 * batch's other claims and a clearing transfer's claims are other people's: the batch shows
 * their count only, so the graph stays as small as the evidence.
 */
export async function fundFlowOf(db: SqlExecutor, evidence: readonly { kind: EvidenceKind; id: string }[]): Promise<{ nodes: FlowNode[]; edges: FlowEdge[] }> {
  const ids = (kind: EvidenceKind) => evidence.filter((e) => e.kind === kind).map((e) => e.id);
  const claimRows = await latestOf(db, 'claim', ids('claim'));
  const transferRows = await latestOf(db, 'transfer', ids('transfer'));
  const batchRows = await latestOf(db, 'batch', ids('batch'));
  const values = <T>(rows: Map<string, RecordVersion>): T[] => [...rows.values()].map((v) => v.value as T);
  await loadMissing(db, 'claim', values<TransferRecord>(transferRows).filter((t) => t.kind !== 'clearing').flatMap((t) => t.claimIds), claimRows);
  await loadMissing(db, 'batch', [...values<ClaimRecord>(claimRows), ...values<TransferRecord>(transferRows)].flatMap((r) => (r.batchId ? [r.batchId] : [])), batchRows);
  await loadMissing(
    db,
    'transfer',
    [
      ...values<ClaimRecord>(claimRows).flatMap((c) => [...c.transferIds, ...(c.recoveryTransferId ? [c.recoveryTransferId] : [])]),
      ...values<BatchRecord>(batchRows).flatMap((b) => b.transferIds ?? []),
    ],
    transferRows,
  );
  const nodes = new Map<string, FlowNode>();
  const edges: FlowEdge[] = [];
  const party = (p: string): string => {
    const id = `party:${p}`;
    if (!nodes.has(id)) nodes.set(id, { id, kind: p.startsWith('fund:') ? 'fund' : 'institution', party: p });
    return id;
  };
  for (const [claimId, v] of claimRows) {
    const c = v.value as ClaimRecord;
    nodes.set(`claim:${claimId}`, { id: `claim:${claimId}`, kind: 'claim', claimId, status: c.status, fundFen: c.amounts.fundFen, institutionId: c.institutionId, treatmentRegion: c.treatmentRegion, insuredRegion: c.insuredRegion, position: positionOf(v) });
  }
  for (const [batchId, v] of batchRows) {
    const b = v.value as BatchRecord;
    nodes.set(`batch:${batchId}`, { id: `batch:${batchId}`, kind: 'batch', batchId, status: b.status, claimCount: b.claimIds.length, position: positionOf(v) });
  }
  for (const [transferId, v] of transferRows) {
    const t = v.value as TransferRecord;
    const id = `transfer:${transferId}`;
    nodes.set(id, { id, kind: 'transfer', transferId, transferKind: t.kind, amountFen: t.amountFen, date: t.date, position: positionOf(v) });
    edges.push({ from: party(t.fromParty), to: id, kind: 'pays', amountFen: t.amountFen }, { from: id, to: party(t.toParty), kind: 'receives', amountFen: t.amountFen });
    if (t.kind === 'clearing') {
      if (t.batchId && nodes.has(`batch:${t.batchId}`)) edges.push({ from: `batch:${t.batchId}`, to: id, kind: 'settledBy', amountFen: t.amountFen });
    } else {
      for (const claimId of t.claimIds) {
        if (nodes.has(`claim:${claimId}`)) edges.push({ from: `claim:${claimId}`, to: id, kind: t.kind === 'recovery' ? 'recoveredBy' : 'paidBy', amountFen: t.amountFen });
      }
    }
  }
  for (const [claimId, v] of claimRows) {
    const { batchId } = v.value as ClaimRecord;
    if (batchId && nodes.has(`batch:${batchId}`)) edges.push({ from: `claim:${claimId}`, to: `batch:${batchId}`, kind: 'clearedIn' });
  }
  return { nodes: [...nodes.values()], edges };
}

/** Every version of the given records, in chain order, after the cursor; `limit` rows at most. */
async function versionsOf(db: SqlExecutor, keys: readonly [string, string][], limit: number, after?: TimelineCursor): Promise<TimelineEntry[]> {
  const params: unknown[] = [keys.map(([d]) => d), keys.map(([, r]) => r), limit];
  let where = '(doc_type, record_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))';
  if (after) {
    params.push(after.blockNumber, after.txIndex, after.docType, after.recordId);
    where += ' AND (block_number, tx_index, doc_type, record_id) > ($4::bigint, $5::integer, $6::text, $7::text)';
  }
  const rows = await db.query<VersionRow>(`SELECT ${COLUMNS} FROM record_versions WHERE ${where} ORDER BY block_number, tx_index, doc_type, record_id LIMIT $3`, params);
  return rows.map(toVersion).map((v) => ({ docType: v.docType, recordId: v.recordId, ...positionOf(v), isDelete: v.isDelete, value: v.value }));
}

/** The case file, or undefined when the read model holds no such case (never written, or not followed yet). */
export async function readCaseFile(db: SqlExecutor, caseId: string, page: { pageSize: number; after?: TimelineCursor }): Promise<CaseFile | undefined> {
  const caseRow = (await latestOf(db, CASE_DOC_TYPE, [caseId])).get(caseId);
  if (!caseRow) return undefined;
  const record = caseRow.value as InvestigationCaseRecord;
  const recordEvidence = record.evidence.filter((e): e is typeof e & { kind: RecordKind } => e.kind !== 'tx');
  const latest = new Map<string, Map<string, RecordVersion>>();
  for (const kind of Object.keys(EVIDENCE_DOC_TYPE) as RecordKind[]) {
    latest.set(kind, await latestOf(db, EVIDENCE_DOC_TYPE[kind], recordEvidence.filter((e) => e.kind === kind).map((e) => e.id)));
  }
  const writes = await writesOf(db, record.evidence.filter((e) => e.kind === 'tx').map((e) => e.id));
  const evidence: EvidenceEntry[] = record.evidence.map(({ kind, id, note }) => {
    if (kind === 'tx') {
      const w = writes.get(id);
      return w ? { kind, id, note, found: true, writes: w } : { kind, id, note, found: false };
    }
    const v = latest.get(kind)?.get(id);
    return v ? { kind, id, note, found: true, latest: { ...positionOf(v), value: v.value } } : { kind, id, note, found: false };
  });
  const keys: [string, string][] = [[CASE_DOC_TYPE, caseId], ...recordEvidence.map((e): [string, string] => [EVIDENCE_DOC_TYPE[e.kind], e.id])];
  // One row more than the page tells whether another page exists.
  const rows = await versionsOf(db, keys, page.pageSize + 1, page.after);
  const entries = rows.slice(0, page.pageSize);
  const last = entries[entries.length - 1];
  return {
    case: record,
    casePosition: positionOf(caseRow),
    evidence,
    fundFlow: await fundFlowOf(db, record.evidence),
    timeline: { entries, bookmark: rows.length > page.pageSize && last ? bookmarkOf(last) : '' },
  };
}
