/**
 * The projections' SQL: given the latest versions of the records a batch of blocks wrote, it
 * replaces those records' fact rows and timeline entries and recomputes the figures they feed
 * (per institution and month, per institution, month and drug, per patient). The follower runs
 * it in the transaction that writes the versions and moves the checkpoint, so the projections
 * are always exactly the records' (nothing to replay, and replaying would change nothing: every
 * write replaces rows by key). The backfill runs the same code over every record once.
 */
import type { ClaimRecord, ComplaintRecord, DispenseRecord, FilingRecord, PrescriptionRecord, TransferRecord } from '@rxchain/chaincode/dist/shared';
import type { SqlDatabase, SqlExecutor } from './database';
import { readModelUnprojected } from './metrics';
import {
  claimDrugFacts,
  claimFact,
  claimTimeline,
  claimTransferIds,
  complaintTimeline,
  dispenseFact,
  dispenseTimeline,
  filingTimeline,
  monthOf,
  prescriptionFact,
  prescriptionTimeline,
  transferFact,
  transferTimeline,
  type ProjectedRecord,
  type TimelineRow,
} from './projection-rows';
import { scorePatient, type PatientFigures } from './risk-scoring';

/** The docTypes the projections read; every other record is left to record_versions and records. */
export const PROJECTED_DOC_TYPES: ReadonlySet<string> = new Set(['claim', 'prescription', 'dispense', 'transfer', 'filing', 'complaint', 'insured-person']);

/**
 * Whether a value has the fields a projection reads. The chaincode writes every record in its
 * model's shape; a value that is not (a record of an older or foreign chaincode on the channel)
 * is left out of the projections and counted, rather than stopping the follower on every retry.
 */
const SHAPED: Record<string, (v: Record<string, unknown>) => boolean> = {
  claim: (v) => typeof v.claimId === 'string' && typeof v.serviceDate === 'string' && Array.isArray(v.feeLines) && Array.isArray(v.statusHistory) && Array.isArray(v.reviewHits) && Array.isArray(v.transferIds) && typeof v.amounts === 'object',
  prescription: (v) => typeof v.rxId === 'string' && typeof v.prescriber === 'object' && typeof v.issuedAt === 'string' && typeof v.issued === 'object',
  dispense: (v) => typeof v.dispenseId === 'string' && typeof v.pharmacyId === 'string' && typeof v.dispensed === 'object',
  transfer: (v) => typeof v.transferId === 'string' && Array.isArray(v.claimIds) && typeof v.executed === 'object',
  filing: (v) => typeof v.filingId === 'string' && typeof v.created === 'object',
  complaint: (v) => typeof v.complaintId === 'string' && typeof v.filed === 'object',
  'insured-person': () => true,
};

const shaped = (r: ProjectedRecord): boolean => r.value === undefined || (typeof r.value === 'object' && r.value !== null && (SHAPED[r.docType]?.(r.value as Record<string, unknown>) ?? false));

/**
 * The backfill's mark in projection_state: a database has these projections once it is there. A new
 * name rebuilds them at the next start (a projection or a patient scoring parameter changed): every
 * record is projected again, which replaces its rows.
 */
export const PROJECTIONS_VERSION = 'risk-and-timelines-v1';
const BACKFILL_CHUNK = 5_000;

export type Columns = readonly (readonly [string, string])[];

const CLAIM_COLUMNS: Columns = [
  ['claim_id', 'text'], ['institution_id', 'text'], ['institution_level', 'text'], ['treatment_region', 'text'], ['insured_region', 'text'],
  ['patient_ref', 'text'], ['encounter_type', 'text'], ['service_date', 'text'], ['month', 'text'], ['total_fen', 'bigint'], ['fund_fen', 'bigint'],
  ['consumable_fen', 'bigint'], ['status', 'text'], ['hit_rule_ids', 'text[]'], ['block_number', 'bigint'], ['tx_id', 'text'],
];
const CLAIM_DRUG_COLUMNS: Columns = [['claim_id', 'text'], ['drug_code', 'text'], ['institution_id', 'text'], ['month', 'text'], ['quantity', 'bigint'], ['amount_fen', 'bigint']];
const PRESCRIPTION_COLUMNS: Columns = [
  ['rx_id', 'text'], ['patient_ref', 'text'], ['doctor_id', 'text'], ['institution_id', 'text'], ['region', 'text'], ['issued_date', 'text'],
  ['month', 'text'], ['status', 'text'], ['duplicate_hits', 'integer'], ['block_number', 'bigint'], ['tx_id', 'text'],
];
const DISPENSE_COLUMNS: Columns = [
  ['dispense_id', 'text'], ['rx_id', 'text'], ['patient_ref', 'text'], ['pharmacy_id', 'text'], ['total_fen', 'bigint'], ['dispensed_date', 'text'],
  ['block_number', 'bigint'], ['tx_id', 'text'],
];
const TRANSFER_COLUMNS: Columns = [
  ['transfer_id', 'text'], ['kind', 'text'], ['from_party', 'text'], ['to_party', 'text'], ['amount_fen', 'bigint'], ['transfer_date', 'text'],
  ['position', 'text'], ['claim_ids', 'text[]'], ['block_number', 'bigint'], ['tx_id', 'text'],
];
const TIMELINE_COLUMNS: Columns = [
  ['actor_type', 'text'], ['actor_id', 'text'], ['source_type', 'text'], ['source_id', 'text'], ['seq', 'integer'], ['at', 'text'], ['rank', 'smallint'],
  ['kind', 'text'], ['record_id', 'text'], ['action', 'text'], ['amount_fen', 'bigint'], ['tx_id', 'text'],
];

/** Rows as one jsonb parameter: any number of rows in one statement, each column typed once. */
export async function insertRows(tx: SqlExecutor, table: string, columns: Columns, rows: readonly object[]): Promise<void> {
  if (!rows.length) return;
  const names = columns.map(([name]) => name).join(', ');
  await tx.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${columns.map(([n, t]) => `${n} ${t}`).join(', ')})`, [JSON.stringify(rows)]);
}

/** Keys touched by a batch whose figures are recomputed. */
interface Touched {
  institutionMonths: Map<string, { institution_id: string; month: string }>;
  patients: Set<string>;
}

const touchMonth = (t: Touched, institutionId: string, month: string) => t.institutionMonths.set(`${institutionId}\u0000${month}`, { institution_id: institutionId, month });

/**
 * What a batch changed that institutions' scores rest on (institution-scores.ts): the institution
 * months whose figures were recomputed, and their regions before and after.
 */
export interface ScoreInputs {
  institutionMonths: { institution_id: string; month: string }[];
  regionMonths: { region: string; month: string }[];
}

/**
 * Projects the latest versions of records written together (one batch of blocks, or one chunk
 * of the backfill). A record's previous rows are deleted and its new ones inserted, so what the
 * tables hold never depends on how often or in which batches a record was projected. Answers
 * what the institutions' scores rest on that changed.
 */
export async function projectRecords(tx: SqlExecutor, all: readonly ProjectedRecord[]): Promise<ScoreInputs> {
  const records = all.filter(shaped);
  if (records.length < all.length) readModelUnprojected.inc(all.length - records.length);
  const of = (docType: string) => records.filter((r) => r.docType === docType);
  const live = <T>(docType: string) => of(docType).flatMap((r) => (r.value === undefined ? [] : [{ record: r, value: r.value as T }]));
  const touched: Touched = { institutionMonths: new Map(), patients: new Set() };
  const timeline: TimelineRow[] = [];

  // Claims: facts, drug quantities, and their entries (which name the claim's transfers).
  const claimIds = of('claim').map((r) => r.recordId);
  if (claimIds.length) {
    for (const old of await tx.query<{ institution_id: string; month: string; patient_ref: string }>(
      `DELETE FROM claim_facts WHERE claim_id = ANY($1) RETURNING institution_id, month, patient_ref`,
      [claimIds],
    )) {
      touchMonth(touched, old.institution_id, old.month);
      touched.patients.add(old.patient_ref);
    }
    await tx.query(`DELETE FROM claim_drug_facts WHERE claim_id = ANY($1)`, [claimIds]);
    const claims = live<ClaimRecord>('claim');
    const transfers = await transfersNamed(tx, claims.flatMap((c) => claimTransferIds(c.value)));
    await insertRows(tx, 'claim_facts', CLAIM_COLUMNS, claims.map((c) => claimFact(c.value, c.record)));
    await insertRows(
      tx,
      'claim_drug_facts',
      CLAIM_DRUG_COLUMNS,
      claims.flatMap((c) => claimDrugFacts(c.value).map((d) => ({ ...d, institution_id: c.value.institutionId, month: c.value.serviceDate.slice(0, 7) }))),
    );
    for (const c of claims) {
      touchMonth(touched, c.value.institutionId, monthOf(c.value.serviceDate));
      touched.patients.add(c.value.patientRef);
      timeline.push(...claimTimeline(c.value, transfers));
    }
  }

  const rxIds = of('prescription').map((r) => r.recordId);
  if (rxIds.length) {
    for (const old of await tx.query<{ patient_ref: string }>(`DELETE FROM prescription_facts WHERE rx_id = ANY($1) RETURNING patient_ref`, [rxIds])) touched.patients.add(old.patient_ref);
    const rxs = live<PrescriptionRecord>('prescription');
    await insertRows(tx, 'prescription_facts', PRESCRIPTION_COLUMNS, rxs.map((r) => prescriptionFact(r.value, r.record)));
    for (const r of rxs) {
      touched.patients.add(r.value.patientRef);
      timeline.push(...prescriptionTimeline(r.value));
    }
  }

  const dispenseIds = of('dispense').map((r) => r.recordId);
  if (dispenseIds.length) {
    for (const old of await tx.query<{ patient_ref: string }>(`DELETE FROM dispense_facts WHERE dispense_id = ANY($1) RETURNING patient_ref`, [dispenseIds])) touched.patients.add(old.patient_ref);
    const ds = live<DispenseRecord>('dispense');
    await insertRows(tx, 'dispense_facts', DISPENSE_COLUMNS, ds.map((d) => dispenseFact(d.value, d.record)));
    for (const d of ds) {
      touched.patients.add(d.value.patientRef);
      timeline.push(...dispenseTimeline(d.value));
    }
  }

  const transferIds = of('transfer').map((r) => r.recordId);
  if (transferIds.length) {
    await tx.query(`DELETE FROM transfer_facts WHERE transfer_id = ANY($1)`, [transferIds]);
    const ts = live<TransferRecord>('transfer');
    await insertRows(tx, 'transfer_facts', TRANSFER_COLUMNS, ts.map((t) => transferFact(t.value, t.record)));
    for (const t of ts) timeline.push(...transferTimeline(t.value));
  }

  for (const f of live<FilingRecord>('filing')) timeline.push(...filingTimeline(f.value));
  for (const c of live<ComplaintRecord>('complaint')) timeline.push(...complaintTimeline(c.value));
  for (const p of of('insured-person')) touched.patients.add(p.recordId);

  await replaceTimeline(
    tx,
    records.filter((r) => ['claim', 'prescription', 'dispense', 'transfer', 'filing', 'complaint'].includes(r.docType)),
    timeline,
  );
  const institutionMonths = [...touched.institutionMonths.values()];
  const regionMonths = await recomputeInstitutionMonths(tx, institutionMonths);
  await recomputePatients(tx, [...touched.patients]);
  return { institutionMonths, regionMonths };
}

/** The transfers among `ids` the read model holds, by id (a claim's are written with it or before it). */
async function transfersNamed(tx: SqlExecutor, ids: string[]): Promise<Map<string, TransferRecord>> {
  if (!ids.length) return new Map();
  const rows = await tx.query<{ record_id: string; value: TransferRecord }>(
    `SELECT record_id, value FROM records WHERE doc_type = 'transfer' AND record_id = ANY($1) AND NOT is_delete`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.record_id, r.value]));
}

/**
 * Replaces the entries the given records made. Each entry gets the block of its transaction: the
 * version of the entry's own record that transaction wrote.
 */
async function replaceTimeline(tx: SqlExecutor, sources: readonly ProjectedRecord[], entries: readonly TimelineRow[]): Promise<void> {
  // A transaction's block: known for the versions being projected and for entries projected
  // before; looked up in record_versions only for the rest (a backfill, a record written twice in a batch).
  const blockOfTx = new Map(sources.map((s) => [s.txId, s.blockNumber]));
  if (sources.length) {
    const old = await tx.query<{ tx_id: string; block_number: string | number | null }>(
      `DELETE FROM timeline_entries t USING jsonb_to_recordset($1::jsonb) AS s(source_type text, source_id text)
       WHERE t.source_type = s.source_type AND t.source_id = s.source_id RETURNING t.tx_id, t.block_number`,
      [JSON.stringify(sources.map((s) => ({ source_type: s.docType, source_id: s.recordId })))],
    );
    for (const o of old) if (o.block_number !== null && !blockOfTx.has(o.tx_id)) blockOfTx.set(o.tx_id, String(o.block_number));
  }
  if (!entries.length) return;
  const columns: Columns = [...TIMELINE_COLUMNS, ['block_number', 'bigint']];
  const names = TIMELINE_COLUMNS.map(([name]) => name).join(', ');
  await tx.query(
    `INSERT INTO timeline_entries (${names}, block_number)
     SELECT ${names.split(', ').map((n) => `x.${n}`).join(', ')},
            coalesce(x.block_number, (SELECT rv.block_number FROM record_versions rv WHERE rv.doc_type = x.kind AND rv.record_id = x.record_id AND rv.tx_id = x.tx_id LIMIT 1))
     FROM jsonb_to_recordset($1::jsonb) AS x(${columns.map(([n, t]) => `${n} ${t}`).join(', ')})`,
    [JSON.stringify(entries.map((e) => ({ ...e, block_number: blockOfTx.get(e.tx_id) ?? null })))],
  );
}

/**
 * Claim counts and sums, and drug quantities, of each touched institution and month, from the
 * facts. Answers the regions and months of the rows replaced and of the rows written.
 */
async function recomputeInstitutionMonths(tx: SqlExecutor, keys: { institution_id: string; month: string }[]): Promise<{ region: string; month: string }[]> {
  if (!keys.length) return [];
  const param = [JSON.stringify(keys)];
  const KEYS = `jsonb_to_recordset($1::jsonb) AS k(institution_id text, month text)`;
  const before = await tx.query<{ region: string; month: string }>(
    `DELETE FROM institution_month m USING ${KEYS} WHERE m.institution_id = k.institution_id AND m.month = k.month RETURNING m.region, m.month`,
    param,
  );
  await tx.query(`DELETE FROM institution_drug_month m USING ${KEYS} WHERE m.institution_id = k.institution_id AND m.month = k.month`, param);
  const after = await tx.query<{ region: string; month: string }>(
    `INSERT INTO institution_month (institution_id, month, region, level, claims, rejected, with_hits, total_fen, fund_fen, consumable_fen, patients)
     SELECT c.institution_id, c.month, max(c.treatment_region), max(c.institution_level), count(*),
            count(*) FILTER (WHERE c.status = 'REJECTED'), count(*) FILTER (WHERE cardinality(c.hit_rule_ids) > 0),
            sum(c.total_fen), sum(c.fund_fen), sum(c.consumable_fen), count(DISTINCT c.patient_ref)
     FROM claim_facts c JOIN (SELECT DISTINCT * FROM ${KEYS}) k ON c.institution_id = k.institution_id AND c.month = k.month
     GROUP BY c.institution_id, c.month
     RETURNING region, month`,
    param,
  );
  await tx.query(
    `INSERT INTO institution_drug_month (institution_id, month, drug_code, quantity, amount_fen)
     SELECT d.institution_id, d.month, d.drug_code, sum(d.quantity), sum(d.amount_fen)
     FROM claim_drug_facts d JOIN (SELECT DISTINCT * FROM ${KEYS}) k ON d.institution_id = k.institution_id AND d.month = k.month
     GROUP BY d.institution_id, d.month, d.drug_code`,
    param,
  );
  return [...before, ...after];
}

/** The figures a patient's risk is scored on, for the given patients, from the facts. */
export async function patientFigures(db: SqlExecutor, patients: string[]): Promise<PatientFigures[]> {
  if (!patients.length) return [];
  const rows = await db.query<Record<string, string | number | null>>(
    `WITH p AS (SELECT DISTINCT unnest($1::text[]) AS patient_ref),
     rx AS (SELECT patient_ref, count(*) AS n, count(DISTINCT institution_id) AS inst, sum(duplicate_hits) AS dup
            FROM prescription_facts WHERE patient_ref = ANY($1) GROUP BY patient_ref),
     rxm AS (SELECT patient_ref, max(n) AS m FROM
               (SELECT patient_ref, month, count(DISTINCT institution_id) AS n FROM prescription_facts WHERE patient_ref = ANY($1) GROUP BY patient_ref, month) t
             GROUP BY patient_ref),
     ds AS (SELECT patient_ref, count(DISTINCT pharmacy_id) AS ph FROM dispense_facts WHERE patient_ref = ANY($1) GROUP BY patient_ref),
     cl AS (SELECT patient_ref, count(*) AS n, sum(total_fen) AS fen, count(*) FILTER (WHERE 'SR-04' = ANY(hit_rule_ids)) AS dup, max(insured_region) AS region
            FROM claim_facts WHERE patient_ref = ANY($1) GROUP BY patient_ref),
     ip AS (SELECT record_id AS patient_ref, value->>'insuredRegion' AS region FROM records
            WHERE doc_type = 'insured-person' AND record_id = ANY($1) AND NOT is_delete)
     SELECT p.patient_ref, coalesce(ip.region, cl.region) AS insured_region,
            coalesce(rx.n, 0) AS prescriptions, coalesce(rx.inst, 0) AS rx_institutions, coalesce(rxm.m, 0) AS max_rx_institutions_month,
            coalesce(rx.dup, 0) AS rx_duplicate_hits, coalesce(cl.dup, 0) AS claim_duplicate_hits, coalesce(ds.ph, 0) AS pharmacies,
            coalesce(cl.n, 0) AS claims, coalesce(cl.fen, 0) AS total_fen
     FROM p LEFT JOIN rx USING (patient_ref) LEFT JOIN rxm USING (patient_ref) LEFT JOIN ds USING (patient_ref)
            LEFT JOIN cl USING (patient_ref) LEFT JOIN ip USING (patient_ref)`,
    [patients],
  );
  return rows.map((r) => ({
    patientRef: String(r.patient_ref),
    insuredRegion: r.insured_region === null ? null : String(r.insured_region),
    prescriptions: Number(r.prescriptions),
    rxInstitutions: Number(r.rx_institutions),
    maxRxInstitutionsInMonth: Number(r.max_rx_institutions_month),
    duplicateHits: Number(r.rx_duplicate_hits) + Number(r.claim_duplicate_hits),
    pharmacies: Number(r.pharmacies),
    claims: Number(r.claims),
    totalFen: Number(r.total_fen),
  }));
}

/** Scores the touched patients again; a patient with no prescription, dispense or claim left has no row. */
async function recomputePatients(tx: SqlExecutor, patients: string[]): Promise<void> {
  if (!patients.length) return;
  await tx.query(`DELETE FROM patient_risk WHERE patient_ref = ANY($1)`, [patients]);
  const rows = (await patientFigures(tx, patients))
    .filter((f) => f.prescriptions + f.pharmacies + f.claims > 0)
    .map((f) => {
      const { score, reasons } = scorePatient(f);
      return {
        patient_ref: f.patientRef,
        insured_region: f.insuredRegion,
        prescriptions: f.prescriptions,
        rx_institutions: f.rxInstitutions,
        max_rx_institutions_month: f.maxRxInstitutionsInMonth,
        duplicate_hits: f.duplicateHits,
        pharmacies: f.pharmacies,
        claims: f.claims,
        total_fen: f.totalFen,
        score,
        reasons,
      };
    });
  await insertRows(
    tx,
    'patient_risk',
    [
      ['patient_ref', 'text'], ['insured_region', 'text'], ['prescriptions', 'integer'], ['rx_institutions', 'integer'], ['max_rx_institutions_month', 'integer'],
      ['duplicate_hits', 'integer'], ['pharmacies', 'integer'], ['claims', 'integer'], ['total_fen', 'bigint'], ['score', 'integer'], ['reasons', 'jsonb'],
    ],
    rows,
  );
}

/**
 * Builds the projections of a database that holds records from before they existed: every
 * projected record's latest version, a chunk at a time, in one transaction with the mark that
 * it was done (so it runs once, and a crash part-way leaves nothing half-built).
 */
export async function backfillProjections(db: SqlDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    const marked = await tx.query(`INSERT INTO projection_state (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING name`, [PROJECTIONS_VERSION]);
    if (!marked.length) return;
    // Transfers first: a claim's timeline names its transfers, read from records either way.
    for (const docType of ['transfer', 'claim', 'prescription', 'dispense', 'filing', 'complaint', 'insured-person']) {
      let after = '';
      for (;;) {
        const rows = await tx.query<{ record_id: string; block_number: string | number; tx_id: string; is_delete: boolean; value: unknown; value_raw: string | null }>(
          `SELECT record_id, block_number, tx_id, is_delete, value, value_raw FROM records WHERE doc_type = $1 AND record_id > $2 ORDER BY record_id LIMIT $3`,
          [docType, after, BACKFILL_CHUNK],
        );
        if (!rows.length) break;
        await projectRecords(
          tx,
          rows.map((r) => ({
            docType,
            recordId: r.record_id,
            blockNumber: String(r.block_number),
            txId: r.tx_id,
            value: r.is_delete ? undefined : r.value_raw !== null ? (JSON.parse(r.value_raw) as unknown) : r.value,
          })),
        );
        after = rows[rows.length - 1].record_id;
      }
    }
  });
}
