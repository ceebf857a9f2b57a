import type { SqlExecutor } from './database';

/**
 * The read model's tables. Creating them is idempotent, so every start runs it; a change to a
 * table needs a new numbered step here, never an edit of an old one.
 *
 * - record_versions: every version of every record, one row per (key, block, tx), with the tx id,
 *   its time and signer, and the value exactly as the chain holds it (jsonb, or its JSON text in
 *   value_raw when jsonb cannot represent it) with the SHA-256 of the bytes written.
 * - records: the latest version per key, for queries that want current state only.
 * - checkpoint: one row: the next block to apply and the hash of the last one applied, updated
 *   in the same transaction as that block's rows.
 */
const STEPS: string[] = [
  `CREATE TABLE IF NOT EXISTS record_versions (
     doc_type      text        NOT NULL,
     record_id     text        NOT NULL,
     block_number  bigint      NOT NULL,
     tx_index      integer     NOT NULL,
     tx_id         text        NOT NULL,
     tx_time       timestamptz NOT NULL,
     creator_msp   text        NOT NULL,
     is_delete     boolean     NOT NULL,
     value         jsonb,
     value_sha256  text,
     PRIMARY KEY (doc_type, record_id, block_number, tx_index)
   )`,
  `CREATE INDEX IF NOT EXISTS record_versions_by_tx ON record_versions (tx_id)`,
  `CREATE INDEX IF NOT EXISTS record_versions_by_block ON record_versions (block_number, tx_index)`,
  `CREATE TABLE IF NOT EXISTS records (
     doc_type      text        NOT NULL,
     record_id     text        NOT NULL,
     block_number  bigint      NOT NULL,
     tx_index      integer     NOT NULL,
     tx_id         text        NOT NULL,
     tx_time       timestamptz NOT NULL,
     is_delete     boolean     NOT NULL,
     value         jsonb,
     value_sha256  text,
     PRIMARY KEY (doc_type, record_id)
   )`,
  `CREATE TABLE IF NOT EXISTS checkpoint (
     id               smallint    PRIMARY KEY CHECK (id = 1),
     channel          text        NOT NULL,
     next_block       bigint      NOT NULL,
     last_block_hash  text,
     updated_at       timestamptz NOT NULL DEFAULT now()
   )`,
  // jsonb cannot hold a NUL character or a lone surrogate, which a record's free text may carry
  // (a probe note, a reason): such a value is kept as its JSON text instead, value left NULL.
  `ALTER TABLE record_versions ADD COLUMN IF NOT EXISTS value_raw text`,
  `ALTER TABLE records ADD COLUMN IF NOT EXISTS value_raw text`,
];

export async function migrate(db: SqlExecutor): Promise<void> {
  for (const step of STEPS) await db.query(step);
}
