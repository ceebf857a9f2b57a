import type { SqlDatabase } from './database';
import { backfillInstitutionScores } from './institution-scores';
import { backfillProjections } from './projections';

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
 * - projections (projections.ts): facts of claims, their drugs, prescriptions, dispenses and
 *   transfers; actor timeline entries; per institution and month, per institution, month and
 *   drug, and per patient figures for the risk profiles. Written in the same transaction as the
 *   record versions they come from; a database that had records before they existed is
 *   backfilled once from its records (the latest of record_versions), in one transaction.
 *
 * - institution_risk (institution-scores.ts): each institution's score of a month with its reasons
 *   and figures, kept by the follower in the same transaction, backfilled once per scoring version.
 *
 * A step is SQL, or a function for what SQL alone cannot do (the backfill).
 */
const STEPS: (string | ((db: SqlDatabase) => Promise<void>))[] = [
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
  `CREATE TABLE IF NOT EXISTS claim_facts (
     claim_id          text    PRIMARY KEY,
     institution_id    text    NOT NULL,
     institution_level text    NOT NULL,
     treatment_region  text    NOT NULL,
     insured_region    text    NOT NULL,
     patient_ref       text    NOT NULL,
     encounter_type    text    NOT NULL,
     service_date      text    NOT NULL,
     month             text    NOT NULL,
     total_fen         bigint  NOT NULL,
     fund_fen          bigint  NOT NULL,
     consumable_fen    bigint  NOT NULL,
     status            text    NOT NULL,
     hit_rule_ids      text[]  NOT NULL,
     block_number      bigint  NOT NULL,
     tx_id             text    NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS claim_facts_by_institution ON claim_facts (institution_id, month)`,
  `CREATE INDEX IF NOT EXISTS claim_facts_by_patient ON claim_facts (patient_ref)`,
  `CREATE TABLE IF NOT EXISTS claim_drug_facts (
     claim_id        text    NOT NULL,
     drug_code       text    NOT NULL,
     institution_id  text    NOT NULL,
     month           text    NOT NULL,
     quantity        bigint  NOT NULL,
     amount_fen      bigint  NOT NULL,
     PRIMARY KEY (claim_id, drug_code)
   )`,
  `CREATE INDEX IF NOT EXISTS claim_drug_facts_by_institution ON claim_drug_facts (institution_id, month)`,
  `CREATE TABLE IF NOT EXISTS prescription_facts (
     rx_id           text    PRIMARY KEY,
     patient_ref     text    NOT NULL,
     doctor_id       text    NOT NULL,
     institution_id  text    NOT NULL,
     region          text    NOT NULL,
     issued_date     text    NOT NULL,
     month           text    NOT NULL,
     status          text    NOT NULL,
     duplicate_hits  integer NOT NULL,
     block_number    bigint  NOT NULL,
     tx_id           text    NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS prescription_facts_by_patient ON prescription_facts (patient_ref)`,
  `CREATE TABLE IF NOT EXISTS dispense_facts (
     dispense_id     text    PRIMARY KEY,
     rx_id           text    NOT NULL,
     patient_ref     text    NOT NULL,
     pharmacy_id     text    NOT NULL,
     total_fen       bigint  NOT NULL,
     dispensed_date  text    NOT NULL,
     block_number    bigint  NOT NULL,
     tx_id           text    NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS dispense_facts_by_patient ON dispense_facts (patient_ref)`,
  `CREATE TABLE IF NOT EXISTS transfer_facts (
     transfer_id     text    PRIMARY KEY,
     kind            text    NOT NULL,
     from_party      text    NOT NULL,
     to_party        text    NOT NULL,
     amount_fen      bigint  NOT NULL,
     transfer_date   text    NOT NULL,
     position        text    NOT NULL,
     claim_ids       text[]  NOT NULL,
     block_number    bigint  NOT NULL,
     tx_id           text    NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS transfer_facts_by_payee ON transfer_facts (to_party, position)`,
  `CREATE TABLE IF NOT EXISTS timeline_entries (
     actor_type    text     NOT NULL,
     actor_id      text     NOT NULL,
     source_type   text     NOT NULL,
     source_id     text     NOT NULL,
     seq           integer  NOT NULL,
     at            text     NOT NULL,
     rank          smallint NOT NULL,
     kind          text     NOT NULL,
     record_id     text     NOT NULL,
     action        text     NOT NULL,
     amount_fen    bigint,
     tx_id         text     NOT NULL,
     block_number  bigint,
     PRIMARY KEY (source_type, source_id, actor_type, actor_id, seq)
   )`,
  `CREATE INDEX IF NOT EXISTS timeline_entries_in_order ON timeline_entries (actor_type, actor_id, at, rank, source_id, source_type, seq)`,
  `CREATE TABLE IF NOT EXISTS institution_month (
     institution_id  text    NOT NULL,
     month           text    NOT NULL,
     region          text    NOT NULL,
     level           text    NOT NULL,
     claims          integer NOT NULL,
     rejected        integer NOT NULL,
     with_hits       integer NOT NULL,
     total_fen       bigint  NOT NULL,
     fund_fen        bigint  NOT NULL,
     consumable_fen  bigint  NOT NULL,
     patients        integer NOT NULL,
     PRIMARY KEY (institution_id, month)
   )`,
  `CREATE INDEX IF NOT EXISTS institution_month_by_region ON institution_month (month, region)`,
  `CREATE TABLE IF NOT EXISTS institution_drug_month (
     institution_id  text    NOT NULL,
     month           text    NOT NULL,
     drug_code       text    NOT NULL,
     quantity        bigint  NOT NULL,
     amount_fen      bigint  NOT NULL,
     PRIMARY KEY (institution_id, month, drug_code)
   )`,
  `CREATE INDEX IF NOT EXISTS institution_drug_month_by_month ON institution_drug_month (month)`,
  `CREATE TABLE IF NOT EXISTS patient_risk (
     patient_ref                text    PRIMARY KEY,
     insured_region             text,
     prescriptions              integer NOT NULL,
     rx_institutions            integer NOT NULL,
     max_rx_institutions_month  integer NOT NULL,
     duplicate_hits             integer NOT NULL,
     pharmacies                 integer NOT NULL,
     claims                     integer NOT NULL,
     total_fen                  bigint  NOT NULL,
     score                      integer NOT NULL,
     reasons                    jsonb   NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS patient_risk_by_score ON patient_risk (score, patient_ref)`,
  `CREATE INDEX IF NOT EXISTS patient_risk_by_region_score ON patient_risk (insured_region, score, patient_ref)`,
  `CREATE TABLE IF NOT EXISTS projection_state (
     name      text        PRIMARY KEY,
     built_at  timestamptz NOT NULL DEFAULT now()
   )`,
  (db) => backfillProjections(db),
  // institution-scores.ts: each institution's stored score of a month, for the high-risk list's keyset reads.
  `CREATE TABLE IF NOT EXISTS institution_risk (
     institution_id   text    NOT NULL,
     month            text    NOT NULL,
     region           text    NOT NULL,
     level            text    NOT NULL,
     score            integer NOT NULL,
     high_risk        boolean NOT NULL,
     reasons          jsonb   NOT NULL,
     figures          jsonb   NOT NULL,
     region_figures   jsonb   NOT NULL,
     monitored_drugs  jsonb   NOT NULL,
     PRIMARY KEY (institution_id, month)
   )`,
  `CREATE INDEX IF NOT EXISTS institution_risk_by_score ON institution_risk (month, score DESC, institution_id)`,
  `CREATE INDEX IF NOT EXISTS institution_risk_by_region_score ON institution_risk (month, region, score DESC, institution_id)`,
  (db) => backfillInstitutionScores(db),
];

export async function migrate(db: SqlDatabase): Promise<void> {
  for (const step of STEPS) {
    if (typeof step === 'string') await db.query(step);
    else await step(db);
  }
}
