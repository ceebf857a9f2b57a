import type { DecodedBlock, RecordWrite } from './block-decoder';
import type { SqlDatabase, SqlExecutor } from './database';
import { CATALOGUE_DOC_TYPES, rescoreInstitutions } from './institution-scores';
import { PROJECTED_DOC_TYPES, projectRecords } from './projections';
import { migrate } from './schema';

/** Where the read model stands: the next block it will apply, and the hash of the last one. */
export interface StoredCheckpoint {
  nextBlock: bigint;
  lastBlockHash?: string;
}

/** One version of a record as the read model holds it. */
export interface RecordVersion {
  docType: string;
  recordId: string;
  blockNumber: string;
  txIndex: number;
  txId: string;
  txTime: string;
  isDelete: boolean;
  value: unknown;
  sha256: string | null;
}

/** The chain and the read model disagree about what came before a block: never applied. */
export class ChainMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainMismatchError';
  }
}

// Each version row binds 11 parameters; PostgreSQL allows 65 535 per statement.
const ROWS_PER_INSERT = 500;

/**
 * PGlite runs no autovacuum, and the figure tables are replaced row by row on every batch that
 * touches them (a region-month's scores on every claim there): without a VACUUM their dead rows
 * pile up until an indexed read of one page visits thousands of them (measured: 255 live rows
 * behind 3 927 index entries, the high-risk list 15× slower). Vacuumed every this many batches.
 */
const VACUUM_EVERY_BATCHES = 20;
const CHURNED_TABLES = 'institution_month, institution_risk, patient_risk';

/**
 * JSON text that jsonb refuses: the escape of a NUL character, or of a lone surrogate (JSON.stringify
 * escapes only those two kinds as \u0000…, \ud800…; an escaped backslash before "u0000" also
 * matches, which only costs that value its jsonb form). One such value must not stop the follower.
 */
const JSONB_UNSAFE = /\\u(0000|d[89a-f][0-9a-f]{2})/i;

/** The value for the jsonb column and for value_raw: exactly one of them is set for a write. */
function valueColumns(w: RecordWrite): [string | null, string | null] {
  if (w.valueText === undefined) return [null, null];
  return JSONB_UNSAFE.test(w.valueText) ? [null, w.valueText] : [w.valueText, null];
}

/**
 * Writes decoded blocks into PostgreSQL. Blocks' rows and the checkpoint move together in
 * one transaction, so after any crash the database holds exactly the blocks before the
 * checkpoint: a restart resumes at `nextBlock` with nothing skipped and nothing twice.
 */
export class ReadModelStore {
  constructor(
    readonly db: SqlDatabase,
    private readonly channel: string,
  ) {}

  /** Creates the tables and the checkpoint row; refuses a database that follows another channel. */
  async init(): Promise<void> {
    await migrate(this.db);
    await this.db.query(`INSERT INTO checkpoint (id, channel, next_block) VALUES (1, $1, 0) ON CONFLICT (id) DO NOTHING`, [this.channel]);
    const [row] = await this.db.query<{ channel: string }>(`SELECT channel FROM checkpoint WHERE id = 1`);
    if (row.channel !== this.channel) {
      throw new ChainMismatchError(`the read-model database follows channel ${row.channel}, not ${this.channel}`);
    }
  }

  async checkpoint(): Promise<StoredCheckpoint> {
    return readCheckpoint(this.db, false);
  }

  /** applyBlocks of one block: true when it was applied, false when it already was. */
  async applyBlock(block: DecodedBlock): Promise<boolean> {
    return (await this.applyBlocks([block])) === 1;
  }

  /**
   * Applies consecutive blocks: their record versions, the latest version per key and the
   * checkpoint after the last of them, all or nothing. Blocks already applied (re-delivered after
   * a reconnect, or applied by a second follower on the same database) are skipped; a gap, or a
   * block that does not chain onto the one before it, refuses the whole batch. A follower that is
   * behind applies what it has received in one transaction, so catching up costs one commit per
   * batch rather than per block. Answers how many blocks were applied.
   */
  async applyBlocks(blocks: DecodedBlock[]): Promise<number> {
    const applied = await this.applyInTransaction(blocks);
    if (applied > 0 && this.db.kind === 'pglite' && ++this.batchesSinceVacuum >= VACUUM_EVERY_BATCHES) {
      this.batchesSinceVacuum = 0;
      await this.db.query(`VACUUM ${CHURNED_TABLES}`);
    }
    return applied;
  }

  private batchesSinceVacuum = 0;

  private async applyInTransaction(blocks: DecodedBlock[]): Promise<number> {
    return this.db.transaction(async (tx) => {
      const checkpoint = await readCheckpoint(tx, true);
      let next = checkpoint.nextBlock;
      let lastHash = checkpoint.lastBlockHash;
      const fresh: DecodedBlock[] = [];
      for (const block of blocks) {
        if (block.number < next) continue;
        if (block.number > next) {
          throw new Error(`block ${block.number} arrived while block ${next} is next: refusing to leave a gap`);
        }
        if (lastHash !== undefined && block.previousHash !== lastHash) {
          throw new ChainMismatchError(
            `block ${block.number} does not chain onto the block ${next - 1n} the read model holds ` +
              `(previous hash ${block.previousHash.slice(0, 16)}…, stored ${lastHash.slice(0, 16)}…): ` +
              'the database belongs to another chain; drop it to rebuild',
          );
        }
        fresh.push(block);
        next = block.number + 1n;
        lastHash = block.hash;
      }
      if (!fresh.length) return 0;
      const writes = fresh.flatMap((block) => block.writes.map((write) => ({ block: block.number, write })));
      await insertVersions(tx, writes);
      await upsertLatest(tx, writes);
      await rescoreInstitutions(
        tx,
        await projectRecords(tx, projected(writes)),
        writes.some((bw) => CATALOGUE_DOC_TYPES.has(bw.write.docType)),
      );
      await tx.query(`UPDATE checkpoint SET next_block = $1, last_block_hash = $2, updated_at = now() WHERE id = 1`, [next.toString(), lastHash]);
      return fresh.length;
    });
  }

  /** The latest version of a record, deletes included; undefined when the key was never written. */
  async latest(docType: string, recordId: string): Promise<RecordVersion | undefined> {
    const rows = await this.db.query<VersionRow>(`SELECT ${COLUMNS} FROM records WHERE doc_type = $1 AND record_id = $2`, [docType, recordId]);
    return rows.length ? toVersion(rows[0]) : undefined;
  }

  /** Versions of a record oldest first, after a (block, tx) position when paging. */
  async versions(docType: string, recordId: string, limit: number, after?: { blockNumber: bigint; txIndex: number }): Promise<RecordVersion[]> {
    const params: unknown[] = [docType, recordId, limit];
    let where = 'doc_type = $1 AND record_id = $2';
    if (after) {
      params.push(after.blockNumber.toString(), after.txIndex);
      where += ' AND (block_number, tx_index) > ($4, $5)';
    }
    const rows = await this.db.query<VersionRow>(
      `SELECT ${COLUMNS} FROM record_versions WHERE ${where} ORDER BY block_number, tx_index LIMIT $3`,
      params,
    );
    return rows.map(toVersion);
  }

  async versionCount(docType: string, recordId: string): Promise<number> {
    const [row] = await this.db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM record_versions WHERE doc_type = $1 AND record_id = $2`,
      [docType, recordId],
    );
    return Number(row.n);
  }
}

async function readCheckpoint(db: SqlExecutor, lock: boolean): Promise<StoredCheckpoint> {
  const rows = await db.query<{ next_block: string | number; last_block_hash: string | null }>(
    `SELECT next_block, last_block_hash FROM checkpoint WHERE id = 1${lock ? ' FOR UPDATE' : ''}`,
  );
  if (!rows.length) throw new Error('the read-model database has no checkpoint row: init() was not run');
  const { next_block, last_block_hash } = rows[0];
  return { nextBlock: BigInt(next_block), ...(last_block_hash ? { lastBlockHash: last_block_hash } : {}) };
}

/** A record write with the block it is in. */
interface BlockWrite {
  block: bigint;
  write: RecordWrite;
}

async function insertVersions(tx: SqlExecutor, writes: BlockWrite[]): Promise<void> {
  for (let i = 0; i < writes.length; i += ROWS_PER_INSERT) {
    const chunk = writes.slice(i, i + ROWS_PER_INSERT);
    const params: unknown[] = [];
    const tuples = chunk.map(({ block, write: w }) => {
      const base = params.push(w.docType, w.recordId, block.toString(), w.txIndex, w.txId, w.txTime, w.creatorMsp, w.isDelete, ...valueColumns(w), w.sha256 ?? null) - 11;
      return `(${placeholders(base, 11, 8)})`;
    });
    // DO NOTHING: a version is identified by its key, block and tx, so one already there is this one.
    await tx.query(
      `INSERT INTO record_versions (doc_type, record_id, block_number, tx_index, tx_id, tx_time, creator_msp, is_delete, value, value_raw, value_sha256)
       VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`,
      params,
    );
  }
}

async function upsertLatest(tx: SqlExecutor, writes: BlockWrite[]): Promise<void> {
  // One row per key: two valid transactions may both write it (blind writes, or several blocks
  // of a batch), and one INSERT … ON CONFLICT may not touch a row twice. Writes are in chain
  // order, so the last wins.
  const latest = new Map<string, BlockWrite>();
  for (const bw of writes) latest.set(`${bw.write.docType}\u0000${bw.write.recordId}`, bw);
  const rows = [...latest.values()];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const params: unknown[] = [];
    const tuples = chunk.map(({ block, write: w }) => {
      const base = params.push(w.docType, w.recordId, block.toString(), w.txIndex, w.txId, w.txTime, w.isDelete, ...valueColumns(w), w.sha256 ?? null) - 10;
      return `(${placeholders(base, 10, 7)})`;
    });
    await tx.query(
      `INSERT INTO records (doc_type, record_id, block_number, tx_index, tx_id, tx_time, is_delete, value, value_raw, value_sha256)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (doc_type, record_id) DO UPDATE SET
         block_number = EXCLUDED.block_number, tx_index = EXCLUDED.tx_index, tx_id = EXCLUDED.tx_id, tx_time = EXCLUDED.tx_time,
         is_delete = EXCLUDED.is_delete, value = EXCLUDED.value, value_raw = EXCLUDED.value_raw, value_sha256 = EXCLUDED.value_sha256
       WHERE (records.block_number, records.tx_index) < (EXCLUDED.block_number, EXCLUDED.tx_index)`,
      params,
    );
  }
}

/** The latest write of each key the projections read, its value parsed (undefined for a delete). */
function projected(writes: BlockWrite[]) {
  const latest = new Map<string, BlockWrite>();
  for (const bw of writes) if (PROJECTED_DOC_TYPES.has(bw.write.docType)) latest.set(`${bw.write.docType}\u0000${bw.write.recordId}`, bw);
  return [...latest.values()].map(({ block, write: w }) => ({
    docType: w.docType,
    recordId: w.recordId,
    blockNumber: block.toString(),
    txId: w.txId,
    value: w.isDelete || w.valueText === undefined ? undefined : (JSON.parse(w.valueText) as unknown),
  }));
}

/** `$base+1, …, $base+count`, the parameter at `jsonAt` (0-based) cast to jsonb. */
function placeholders(base: number, count: number, jsonAt: number): string {
  return Array.from({ length: count }, (_, k) => `$${base + k + 1}${k === jsonAt ? '::jsonb' : ''}`).join(', ');
}

/** The columns toVersion reads, in a SELECT of records or record_versions. */
export const COLUMNS = 'doc_type, record_id, block_number, tx_index, tx_id, tx_time, is_delete, value, value_raw, value_sha256';

export interface VersionRow {
  doc_type: string;
  record_id: string;
  block_number: string | number;
  tx_index: number;
  tx_id: string;
  tx_time: Date | string;
  is_delete: boolean;
  value: unknown;
  value_raw: string | null;
  value_sha256: string | null;
}

export function toVersion(row: VersionRow): RecordVersion {
  return {
    docType: row.doc_type,
    recordId: row.record_id,
    blockNumber: String(row.block_number),
    txIndex: Number(row.tx_index),
    txId: row.tx_id,
    txTime: new Date(row.tx_time).toISOString(),
    isDelete: row.is_delete,
    value: row.value_raw !== null ? (JSON.parse(row.value_raw) as unknown) : row.value,
    sha256: row.value_sha256,
  };
}
