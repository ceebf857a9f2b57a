/**
 * Risk scores for institutions and patients (FT-03): pure functions of the figures the read model
 * computes, each point with the reason and rule it comes from. The documents give the +200 %
 * year-on-year threshold (SR-09) and name the other signals without numbers (SR-05, SR-14,
 * SR-04's risk score); those are the parameters below, configurable like every rule the
 * documents leave unnumbered.
 */

export const RISK_PARAMETERS = {
  /** SR-09, RX-14: a monitored drug's volume up by this much or more on the same month a year earlier. */
  monitoredGrowthPct: 200,
  /** SR-05: consumables' share of an institution's billing at least this many times its region's share. */
  consumableShareFactor: 2,
  /** SR-14: average cost per visit at least this many times the region's. */
  costPerVisitFactor: 1.5,
  /** Share of claims rejected, and share of claims with a review hit, that count as a signal. */
  rejectionRate: 0.1,
  hitShare: 0.2,
  /** Rates and shares of fewer claims than this are not scored: one rejected claim is not a 100 % rate. */
  minClaimsForRates: 5,
  /** SR-04: prescriptions at this many institutions in one calendar month or more. */
  rxInstitutionsInMonth: 2,
  /** Pharmacies a patient has filled prescriptions at, from this many. */
  pharmacies: 3,
  /** On the high-risk list from this score. */
  highRiskScore: 40,
  points: { monitoredDrug: 40, consumableShare: 20, costPerVisit: 15, rejectionRate: 15, hitShare: 15, rxInstitutions: 20, duplicateHit: 30, pharmacies: 10 },
  /** Duplicate hits counted at most this many times. */
  maxDuplicateHitsScored: 3,
} as const;

export interface Reason {
  /** The rule the signal comes from, or a code for a plain rate. */
  code: string;
  points: number;
  detail: string;
}

export interface Scored {
  score: number;
  reasons: Reason[];
  highRisk: boolean;
}

const scored = (reasons: Reason[]): Scored => {
  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  return { score, reasons, highRisk: score >= RISK_PARAMETERS.highRiskScore };
};

export interface YearOnYear {
  /** Percentage change, rounded to 0.1; null when there was no volume a year earlier. */
  growthPct: number | null;
  /** At or above the +200 % threshold. Never with no volume a year earlier: growth is undefined. */
  hit: boolean;
}

/**
 * SR-09 on integer volumes: +200 % or more means this year ≥ 3 × last year, compared exactly
 * (100 × current ≥ (100 + threshold) × last), without a rounded percentage deciding.
 */
export function yearOnYear(current: number, lastYear: number): YearOnYear {
  if (lastYear <= 0) return { growthPct: null, hit: false };
  const growthPct = Math.round(((current - lastYear) / lastYear) * 1000) / 10;
  return { growthPct, hit: 100 * current >= (100 + RISK_PARAMETERS.monitoredGrowthPct) * lastYear };
}

/** One monitored drug at one institution: the month's quantity and the same month's a year earlier. */
export interface MonitoredDrugVolume {
  drugCode: string;
  quantity: number;
  lastYearQuantity: number;
}

/** An institution's claims of one month. */
export interface InstitutionMonthFigures {
  claims: number;
  rejected: number;
  withHits: number;
  totalFen: number;
  consumableFen: number;
}

/** Its region's claims of the same month, institutions together. */
export type RegionMonthFigures = Pick<InstitutionMonthFigures, 'claims' | 'totalFen' | 'consumableFen'>;

export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)} %`;
const yuan = (fen: number) => `${(fen / 100).toFixed(2)} CNY`;

export function scoreInstitution(own: InstitutionMonthFigures, region: RegionMonthFigures, drugs: readonly MonitoredDrugVolume[]): Scored & { drugs: (MonitoredDrugVolume & YearOnYear)[] } {
  const p = RISK_PARAMETERS;
  const reasons: Reason[] = [];
  const withGrowth = drugs.map((d) => ({ ...d, ...yearOnYear(d.quantity, d.lastYearQuantity) }));
  for (const d of withGrowth) {
    if (d.hit) reasons.push({ code: 'SR-09', points: p.points.monitoredDrug, detail: `monitored drug ${d.drugCode}: ${d.quantity} against ${d.lastYearQuantity} a year earlier (+${d.growthPct} %)` });
  }
  if (own.claims >= p.minClaimsForRates) {
    const consumables = share(own.consumableFen, own.totalFen);
    const regionConsumables = share(region.consumableFen, region.totalFen);
    if (consumables !== null && regionConsumables !== null && consumables > 0 && consumables >= p.consumableShareFactor * regionConsumables) {
      reasons.push({ code: 'SR-05', points: p.points.consumableShare, detail: `consumables ${pct(consumables)} of billing against ${pct(regionConsumables)} in the region` });
    }
    const cost = own.totalFen / own.claims;
    const regionCost = region.claims > 0 ? region.totalFen / region.claims : 0;
    if (regionCost > 0 && cost >= p.costPerVisitFactor * regionCost) {
      reasons.push({ code: 'SR-14', points: p.points.costPerVisit, detail: `average cost per visit ${yuan(cost)} against ${yuan(regionCost)} in the region` });
    }
    const rejection = own.rejected / own.claims;
    if (rejection >= p.rejectionRate) reasons.push({ code: 'REJECTION_RATE', points: p.points.rejectionRate, detail: `${own.rejected} of ${own.claims} claims rejected (${pct(rejection)})` });
    const hits = own.withHits / own.claims;
    if (hits >= p.hitShare) reasons.push({ code: 'HIT_SHARE', points: p.points.hitShare, detail: `${own.withHits} of ${own.claims} claims with a review hit (${pct(hits)})` });
  }
  return { ...scored(reasons), drugs: withGrowth };
}

/** A patient's figures over everything the read model holds about them. */
export interface PatientFigures {
  patientRef: string;
  insuredRegion: string | null;
  prescriptions: number;
  /** Institutions whose doctors prescribed for the patient. */
  rxInstitutions: number;
  /** The most institutions that prescribed for the patient in one calendar month. */
  maxRxInstitutionsInMonth: number;
  /** Prescriptions issued over a duplicate warning (each duplicate named) and claims with an SR-04 hit. */
  duplicateHits: number;
  pharmacies: number;
  claims: number;
  totalFen: number;
}

export function scorePatient(f: PatientFigures): Scored {
  const p = RISK_PARAMETERS;
  const reasons: Reason[] = [];
  if (f.maxRxInstitutionsInMonth >= p.rxInstitutionsInMonth) {
    reasons.push({
      code: 'SR-04',
      points: p.points.rxInstitutions * (f.maxRxInstitutionsInMonth - p.rxInstitutionsInMonth + 1),
      detail: `prescriptions from ${f.maxRxInstitutionsInMonth} institutions in one month`,
    });
  }
  if (f.duplicateHits > 0) {
    reasons.push({ code: 'SR-04', points: p.points.duplicateHit * Math.min(f.duplicateHits, p.maxDuplicateHitsScored), detail: `${f.duplicateHits} duplicate-prescription hits` });
  }
  if (f.pharmacies >= p.pharmacies) reasons.push({ code: 'PHARMACIES', points: p.points.pharmacies, detail: `filled prescriptions at ${f.pharmacies} pharmacies` });
  return scored(reasons);
}
