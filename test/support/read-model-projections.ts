import type { SqlExecutor } from '../../gateway-api/src/read-model/database';

/** The read model's projection tables, each with the columns that order its rows totally. */
export const PROJECTION_TABLES: Readonly<Record<string, string>> = {
  claim_facts: 'claim_id',
  claim_drug_facts: 'claim_id, drug_code',
  prescription_facts: 'rx_id',
  dispense_facts: 'dispense_id',
  transfer_facts: 'transfer_id',
  timeline_entries: 'source_type, source_id, actor_type, actor_id, seq',
  institution_month: 'institution_id, month',
  institution_drug_month: 'institution_id, month, drug_code',
  patient_risk: 'patient_ref',
  institution_risk: 'institution_id, month',
};

/** Every projection table's rows, in a form two databases can be compared by. */
export async function dumpProjections(db: SqlExecutor): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(PROJECTION_TABLES)) out[table] = await db.query(`SELECT * FROM ${table} ORDER BY ${order}`);
  return out;
}
