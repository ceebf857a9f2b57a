/**
 * The risk profiles' SQL over the projections (FT-03, SR-05, SR-09, SR-14, RX-14): institution
 * figures of a month against the same month a year earlier, patient figures, monthly figures of
 * a region. Scores come from risk-scoring.ts; this file only reads.
 */
import type { SqlExecutor } from './database';
import { RISK_PARAMETERS, scoreInstitution, share, type MonitoredDrugVolume, type PatientFigures, type Reason, type RegionMonthFigures } from './risk-scoring';

/**
 * Which drugs are key-monitored (RX-14): as the latest sealed catalogue version that lists the
 * drug flags it (CatalogueDrug.monitored, set when the catalogue is uploaded).
 */
const MONITORED_DRUGS = `SELECT DISTINCT ON (d.value->>'drugCode') d.value->>'drugCode' AS drug_code, (d.value->>'monitored')::boolean AS monitored
  FROM records d JOIN records v ON v.doc_type = 'catalogue' AND v.record_id = d.value->>'versionId'
  WHERE d.doc_type = 'catalogue-drug' AND NOT d.is_delete AND v.value->>'status' = 'SEALED'
  ORDER BY d.value->>'drugCode', v.value->>'effectiveFrom' DESC`;

/** The month twelve months before a YYYY-MM month. */
export const sameMonthLastYear = (month: string): string => `${String(Number(month.slice(0, 4)) - 1).padStart(4, '0')}${month.slice(4)}`;

interface MonthRow {
  institution_id: string;
  month: string;
  region: string;
  level: string;
  claims: number | string;
  rejected: number | string;
  with_hits: number | string;
  total_fen: number | string;
  fund_fen: number | string;
  consumable_fen: number | string;
  patients: number | string;
}

/** A month's claim figures (SR-05, SR-14), of one institution or summed over a region's. */
export interface ClaimFigures {
  month: string;
  claims: number;
  rejected: number;
  withHits: number;
  totalFen: number;
  fundFen: number;
  consumableFen: number;
  rejectionRate: number | null;
  hitShare: number | null;
  consumableShare: number | null;
  avgCostPerVisitFen: number | null;
}

type ClaimSums = Pick<MonthRow, 'month' | 'claims' | 'rejected' | 'with_hits' | 'total_fen' | 'fund_fen' | 'consumable_fen'>;

/** The figures of a row of claim sums, with the rates and the average derived from them. */
function claimFigures(r: ClaimSums): ClaimFigures {
  const claims = Number(r.claims);
  const totalFen = Number(r.total_fen);
  return {
    month: r.month,
    claims,
    rejected: Number(r.rejected),
    withHits: Number(r.with_hits),
    totalFen,
    fundFen: Number(r.fund_fen),
    consumableFen: Number(r.consumable_fen),
    rejectionRate: share(Number(r.rejected), claims),
    hitShare: share(Number(r.with_hits), claims),
    consumableShare: share(Number(r.consumable_fen), totalFen),
    avgCostPerVisitFen: claims > 0 ? Math.round(totalFen / claims) : null,
  };
}

export interface InstitutionMonth extends ClaimFigures {
  patients: number;
}

const monthFigures = (r: MonthRow): InstitutionMonth => ({ ...claimFigures(r), patients: Number(r.patients) });

export interface InstitutionRisk {
  institutionId: string;
  region: string;
  level: string;
  month: string;
  figures: InstitutionMonth;
  regionFigures: RegionMonthFigures;
  monitoredDrugs: (MonitoredDrugVolume & { growthPct: number | null; hit: boolean })[];
  score: number;
  highRisk: boolean;
  reasons: Reason[];
}

/** Every institution with claims in the month (in one region, or one institution), scored. */
export async function institutionRisks(db: SqlExecutor, month: string, filter: { region?: string; institutionId?: string } = {}): Promise<InstitutionRisk[]> {
  const lastYear = sameMonthLastYear(month);
  const [own, regions, drugs] = await Promise.all([
    db.query<MonthRow>(
      `SELECT * FROM institution_month WHERE month = $1 AND ($2::text IS NULL OR region = $2) AND ($3::text IS NULL OR institution_id = $3)`,
      [month, filter.region ?? null, filter.institutionId ?? null],
    ),
    db.query<{ region: string; claims: string | number; total_fen: string | number; consumable_fen: string | number }>(
      `SELECT region, sum(claims) AS claims, sum(total_fen) AS total_fen, sum(consumable_fen) AS consumable_fen
       FROM institution_month WHERE month = $1 AND ($2::text IS NULL OR region = $2) GROUP BY region`,
      [month, filter.region ?? null],
    ),
    db.query<{ institution_id: string; drug_code: string; quantity: string | number; last_year: string | number }>(
      `WITH monitored AS (${MONITORED_DRUGS})
       SELECT d.institution_id, d.drug_code,
              coalesce(sum(d.quantity) FILTER (WHERE d.month = $1), 0) AS quantity,
              coalesce(sum(d.quantity) FILTER (WHERE d.month = $2), 0) AS last_year
       FROM institution_drug_month d JOIN monitored m ON m.drug_code = d.drug_code AND m.monitored
       WHERE d.month IN ($1, $2) AND ($3::text IS NULL OR d.institution_id = $3)
       GROUP BY d.institution_id, d.drug_code
       ORDER BY d.institution_id, d.drug_code`,
      [month, lastYear, filter.institutionId ?? null],
    ),
  ]);
  const regionOf = new Map(regions.map((r) => [r.region, { claims: Number(r.claims), totalFen: Number(r.total_fen), consumableFen: Number(r.consumable_fen) }]));
  const drugsOf = new Map<string, MonitoredDrugVolume[]>();
  for (const d of drugs) {
    const list = drugsOf.get(d.institution_id) ?? [];
    list.push({ drugCode: d.drug_code, quantity: Number(d.quantity), lastYearQuantity: Number(d.last_year) });
    drugsOf.set(d.institution_id, list);
  }
  return own.map((row) => {
    const figures = monthFigures(row);
    const region = regionOf.get(row.region) ?? { claims: 0, totalFen: 0, consumableFen: 0 };
    const s = scoreInstitution(figures, region, (drugsOf.get(row.institution_id) ?? []).filter((d) => d.quantity > 0));
    return {
      institutionId: row.institution_id,
      region: row.region,
      level: row.level,
      month,
      figures,
      regionFigures: region,
      monitoredDrugs: s.drugs,
      score: s.score,
      highRisk: s.highRisk,
      reasons: s.reasons,
    };
  });
}

/** An institution's months, oldest first, from `from` to `to` (YYYY-MM, inclusive). */
export async function institutionMonths(db: SqlExecutor, institutionId: string, from: string, to: string): Promise<{ region: string | undefined; months: InstitutionMonth[] }> {
  const rows = await db.query<MonthRow>(`SELECT * FROM institution_month WHERE institution_id = $1 AND month BETWEEN $2 AND $3 ORDER BY month`, [institutionId, from, to]);
  return { region: rows[rows.length - 1]?.region, months: rows.map(monthFigures) };
}

/** The region an institution's claims were treated in; undefined when it has none in the read model. */
export async function institutionRegion(db: SqlExecutor, institutionId: string): Promise<string | undefined> {
  const [row] = await db.query<{ region: string }>(`SELECT region FROM institution_month WHERE institution_id = $1 ORDER BY month DESC LIMIT 1`, [institutionId]);
  return row?.region;
}

export interface PatientRisk extends PatientFigures {
  score: number;
  highRisk: boolean;
  reasons: Reason[];
}

interface PatientRow {
  patient_ref: string;
  insured_region: string | null;
  prescriptions: number;
  rx_institutions: number;
  max_rx_institutions_month: number;
  duplicate_hits: number;
  pharmacies: number;
  claims: number;
  total_fen: string | number;
  score: number;
  reasons: Reason[];
}

const patientRisk = (r: PatientRow): PatientRisk => ({
  patientRef: r.patient_ref,
  insuredRegion: r.insured_region,
  prescriptions: Number(r.prescriptions),
  rxInstitutions: Number(r.rx_institutions),
  maxRxInstitutionsInMonth: Number(r.max_rx_institutions_month),
  duplicateHits: Number(r.duplicate_hits),
  pharmacies: Number(r.pharmacies),
  claims: Number(r.claims),
  totalFen: Number(r.total_fen),
  score: Number(r.score),
  highRisk: Number(r.score) >= RISK_PARAMETERS.highRiskScore,
  reasons: r.reasons,
});

/** Where a page of the patient list ends: its last patient's score and pseudonym. */
export interface PatientBookmark {
  score: number;
  patientRef: string;
}

/**
 * Patients by score, highest first (ties by pseudonym, descending), a page after `after`: a
 * keyset seek on (score, patient_ref), so page 1 000 costs what page 1 does.
 */
export async function patientRisks(db: SqlExecutor, opts: { region?: string; minScore: number; limit: number; after?: PatientBookmark }): Promise<PatientRisk[]> {
  const params: unknown[] = [opts.minScore, opts.limit];
  let where = 'score >= $1';
  if (opts.region !== undefined) where += ` AND insured_region = $${params.push(opts.region)}`;
  if (opts.after) where += ` AND (score, patient_ref) < ($${params.push(opts.after.score)}, $${params.push(opts.after.patientRef)})`;
  const rows = await db.query<PatientRow>(`SELECT * FROM patient_risk WHERE ${where} ORDER BY score DESC, patient_ref DESC LIMIT $2`, params);
  return rows.map(patientRisk);
}

export async function patientRiskOf(db: SqlExecutor, patientRef: string): Promise<PatientRisk | undefined> {
  const [row] = await db.query<PatientRow>(`SELECT * FROM patient_risk WHERE patient_ref = $1`, [patientRef]);
  return row ? patientRisk(row) : undefined;
}

export interface PatientDetail {
  months: { month: string; prescriptions: number; institutions: string[] }[];
  pharmaciesVisited: { pharmacyId: string; dispenses: number }[];
  duplicatePrescriptions: { rxId: string; institutionId: string; duplicates: number }[];
  duplicateClaims: string[];
}

/** What a patient's score rests on, record by record. */
export async function patientDetail(db: SqlExecutor, patientRef: string): Promise<PatientDetail> {
  const [months, pharmacies, dupRx, dupClaims] = await Promise.all([
    db.query<{ month: string; n: string | number; institutions: string[] }>(
      `SELECT month, count(*) AS n, array_agg(DISTINCT institution_id ORDER BY institution_id) AS institutions
       FROM prescription_facts WHERE patient_ref = $1 GROUP BY month ORDER BY month`,
      [patientRef],
    ),
    db.query<{ pharmacy_id: string; n: string | number }>(
      `SELECT pharmacy_id, count(*) AS n FROM dispense_facts WHERE patient_ref = $1 GROUP BY pharmacy_id ORDER BY pharmacy_id`,
      [patientRef],
    ),
    db.query<{ rx_id: string; institution_id: string; duplicate_hits: number }>(
      `SELECT rx_id, institution_id, duplicate_hits FROM prescription_facts WHERE patient_ref = $1 AND duplicate_hits > 0 ORDER BY rx_id`,
      [patientRef],
    ),
    db.query<{ claim_id: string }>(`SELECT claim_id FROM claim_facts WHERE patient_ref = $1 AND 'SR-04' = ANY(hit_rule_ids) ORDER BY claim_id`, [patientRef]),
  ]);
  return {
    months: months.map((m) => ({ month: m.month, prescriptions: Number(m.n), institutions: m.institutions })),
    pharmaciesVisited: pharmacies.map((p) => ({ pharmacyId: p.pharmacy_id, dispenses: Number(p.n) })),
    duplicatePrescriptions: dupRx.map((r) => ({ rxId: r.rx_id, institutionId: r.institution_id, duplicates: Number(r.duplicate_hits) })),
    duplicateClaims: dupClaims.map((c) => c.claim_id),
  };
}

export interface RegionMonth extends ClaimFigures {
  institutions: number;
}

/** SR-14's monthly figures of the claims treated in a region, oldest month first. */
export async function regionMonths(db: SqlExecutor, region: string, from: string, to: string): Promise<RegionMonth[]> {
  const rows = await db.query<ClaimSums & { institutions: number | string }>(
    `SELECT month, count(*) AS institutions, sum(claims) AS claims, sum(rejected) AS rejected, sum(with_hits) AS with_hits,
            sum(total_fen) AS total_fen, sum(fund_fen) AS fund_fen, sum(consumable_fen) AS consumable_fen
     FROM institution_month WHERE region = $1 AND month BETWEEN $2 AND $3 GROUP BY month ORDER BY month`,
    [region, from, to],
  );
  return rows.map((r) => ({ ...claimFigures(r), institutions: Number(r.institutions) }));
}
