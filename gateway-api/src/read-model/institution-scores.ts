/**
 * The institutions' risk scores as a projection (FT-03): one row per institution and month in
 * `institution_risk`, holding exactly what institutionRisks computes from the projections (score,
 * reasons, the month's figures, its region's, monitored drugs year on year), indexed by
 * (month, score, institution) and (month, region, score, institution). The high-risk list is then
 * a keyset read of one page instead of scoring every institution of the month on each request.
 *
 * A score rests on its institution's month, on every other institution of the same region and
 * month (the region's figures), on the institution's month a year earlier (monitored-drug growth)
 * and on the catalogue's monitored flags. The follower rescores, in the transaction of each batch,
 * every region-month a batch touched, the month a year after each touched institution month, and
 * everything when the catalogue changed; so the rows are exact at every checkpoint, and a
 * backfill (once per scoring version) writes the same rows.
 */
import crypto from 'node:crypto';
import type { SqlDatabase, SqlExecutor } from './database';
import { PROJECTIONS_VERSION, insertRows, type Columns, type ScoreInputs } from './projections';
import { institutionRisks, type InstitutionMonth, type InstitutionRisk } from './risk-queries';
import { RISK_PARAMETERS, type Reason, type RegionMonthFigures } from './risk-scoring';

/** Records whose change moves scores without being projected: which drugs are monitored (RX-14). */
export const CATALOGUE_DOC_TYPES: ReadonlySet<string> = new Set(['catalogue', 'catalogue-drug']);

/**
 * The scores' backfill mark: rebuilt at the next start whenever the scoring parameters or the
 * projections they read change (both are part of the name), so stored scores never lag behind them.
 */
export const SCORES_VERSION = `institution-risk-v1:${PROJECTIONS_VERSION}:${crypto.createHash('sha256').update(JSON.stringify(RISK_PARAMETERS)).digest('hex').slice(0, 16)}`;

const COLUMNS: Columns = [
  ['institution_id', 'text'], ['month', 'text'], ['region', 'text'], ['level', 'text'], ['score', 'integer'], ['high_risk', 'boolean'],
  ['reasons', 'jsonb'], ['figures', 'jsonb'], ['region_figures', 'jsonb'], ['monitored_drugs', 'jsonb'],
];

/** The same month a year later (YYYY-MM). */
const sameMonthNextYear = (month: string): string => `${String(Number(month.slice(0, 4)) + 1).padStart(4, '0')}${month.slice(4)}`;

/** Scores every institution of the given regions in `month` again (all regions when `regions` is undefined). */
async function rescoreMonth(tx: SqlExecutor, month: string, regions: ReadonlySet<string> | undefined): Promise<void> {
  const only = regions?.size === 1 ? { region: [...regions][0] } : {};
  const risks = (await institutionRisks(tx, month, only)).filter((r) => !regions || regions.has(r.region));
  if (regions) await tx.query(`DELETE FROM institution_risk WHERE month = $1 AND region = ANY($2)`, [month, [...regions]]);
  else await tx.query(`DELETE FROM institution_risk WHERE month = $1`, [month]);
  await insertRows(
    tx,
    'institution_risk',
    COLUMNS,
    risks.map((r) => ({
      institution_id: r.institutionId,
      month: r.month,
      region: r.region,
      level: r.level,
      score: r.score,
      high_risk: r.highRisk,
      reasons: r.reasons,
      figures: r.figures,
      region_figures: r.regionFigures,
      monitored_drugs: r.monitoredDrugs,
    })),
  );
}

/** Rescores what a batch's changes reach: see the file's comment. */
export async function rescoreInstitutions(tx: SqlExecutor, changed: ScoreInputs, catalogueChanged: boolean): Promise<void> {
  if (catalogueChanged) {
    for (const { month } of await tx.query<{ month: string }>(`SELECT DISTINCT month FROM institution_month ORDER BY month`)) await rescoreMonth(tx, month, undefined);
    return;
  }
  const yearLater = changed.institutionMonths.map((k) => ({ institution_id: k.institution_id, month: sameMonthNextYear(k.month) }));
  const later = yearLater.length
    ? await tx.query<{ region: string; month: string }>(
        `SELECT DISTINCT m.region, m.month FROM institution_month m JOIN jsonb_to_recordset($1::jsonb) AS k(institution_id text, month text)
         ON m.institution_id = k.institution_id AND m.month = k.month`,
        [JSON.stringify(yearLater)],
      )
    : [];
  const regionsOf = new Map<string, Set<string>>();
  for (const { region, month } of [...changed.regionMonths, ...later]) regionsOf.set(month, (regionsOf.get(month) ?? new Set()).add(region));
  for (const month of [...regionsOf.keys()].sort()) await rescoreMonth(tx, month, regionsOf.get(month));
}

/**
 * Scores every institution month, in one transaction with its mark in projection_state, once per
 * SCORES_VERSION: a database whose projections predate this table, or whose scoring changed.
 */
export async function backfillInstitutionScores(db: SqlDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    const marked = await tx.query(`INSERT INTO projection_state (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING name`, [SCORES_VERSION]);
    if (!marked.length) return;
    await tx.query(`DELETE FROM institution_risk`);
    await rescoreInstitutions(tx, { institutionMonths: [], regionMonths: [] }, true);
  });
}

interface RiskRow {
  institution_id: string;
  month: string;
  region: string;
  level: string;
  score: number;
  high_risk: boolean;
  reasons: Reason[];
  figures: InstitutionMonth;
  region_figures: RegionMonthFigures;
  monitored_drugs: InstitutionRisk['monitoredDrugs'];
}

const riskOf = (r: RiskRow): InstitutionRisk => ({
  institutionId: r.institution_id,
  region: r.region,
  level: r.level,
  month: r.month,
  figures: r.figures,
  regionFigures: r.region_figures,
  monitoredDrugs: r.monitored_drugs,
  score: Number(r.score),
  highRisk: r.high_risk,
  reasons: r.reasons,
});

/** Where a page of the institution list ends: its last institution's score and id. */
export interface InstitutionBookmark {
  score: number;
  institutionId: string;
}

/**
 * A month's institutions by stored score, highest first, ties by institution id: a keyset seek
 * on (score, institution_id) after `after`, with how many there are in all.
 */
export async function scoredInstitutions(
  db: SqlExecutor,
  opts: { month: string; region?: string; minScore: number; limit: number; after?: InstitutionBookmark },
): Promise<{ count: number; institutions: InstitutionRisk[] }> {
  const params: unknown[] = [opts.month, opts.minScore];
  let where = 'month = $1 AND score >= $2';
  if (opts.region !== undefined) where += ` AND region = $${params.push(opts.region)}`;
  const countParams = [...params];
  const countWhere = where;
  if (opts.after) {
    const s = params.push(opts.after.score);
    const id = params.push(opts.after.institutionId);
    where += ` AND (score < $${s} OR (score = $${s} AND institution_id > $${id}))`;
  }
  const [rows, [{ n }]] = await Promise.all([
    db.query<RiskRow>(`SELECT * FROM institution_risk WHERE ${where} ORDER BY score DESC, institution_id LIMIT $${params.push(opts.limit)}`, params),
    db.query<{ n: string | number }>(`SELECT count(*) AS n FROM institution_risk WHERE ${countWhere}`, countParams),
  ]);
  return { count: Number(n), institutions: rows.map(riskOf) };
}

/** One institution's stored score of a month; undefined when it had no claims that month. */
export async function scoredInstitution(db: SqlExecutor, month: string, institutionId: string): Promise<InstitutionRisk | undefined> {
  const [row] = await db.query<RiskRow>(`SELECT * FROM institution_risk WHERE institution_id = $1 AND month = $2`, [institutionId, month]);
  return row ? riskOf(row) : undefined;
}
