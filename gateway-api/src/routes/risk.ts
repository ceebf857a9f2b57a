import { Type } from '@sinclair/typebox';
import { Id, PageSize, PatientRef, Region, chinaDateOf } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../deps';
import type { AuthenticatedUser } from '../fabric/identities';
import { ApiError, invalidRequest } from '../http/api-error';
import { plainRoute, type AnyRoute } from '../http/route';
import { scoredInstitution, scoredInstitutions } from '../read-model/institution-scores';
import { institutionMonths, institutionRegion, patientDetail, patientRiskOf, patientRisks, regionMonths, sameMonthLastYear, type InstitutionRisk } from '../read-model/risk-queries';
import { RISK_PARAMETERS } from '../read-model/risk-scoring';

const DEFAULT_PAGE = 50;
const OVERSIGHT = ['investigator', 'insurer'] as const;
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'a calendar month YYYY-MM (China time)' });
const HighRiskOnly = Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'only those on the high-risk list (default true)' });
const InstitutionBookmark = Type.String({ pattern: '^(|[0-9]{1,6}:[A-Za-z0-9._:-]{1,64})$', description: 'the bookmark of the previous page' });
const PatientBookmark = Type.String({ pattern: '^(|[0-9]{1,6}:[0-9a-f]{64})$', description: 'the bookmark of the previous page' });

const currentMonth = (): string => chinaDateOf(Date.now()).slice(0, 7);

/** The month `n` months before a YYYY-MM month. */
function monthsBefore(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * An insurer (and a patient observer, on the region's monthly aggregates: FT-05) sees its own
 * region only: a region it names must be its own, and it is the region when it names none.
 * Investigators see every region.
 */
function scopeRegion(user: AuthenticatedUser, asked: string | undefined): string | undefined {
  const role = user.attrs.role;
  if (role !== 'insurer' && role !== 'observer') return asked;
  const own = user.attrs.region;
  if (!own) throw new ApiError(403, 'FORBIDDEN', `an ${role} without a region sees no risk figures`);
  if (asked !== undefined && asked !== own) throw new ApiError(403, 'FORBIDDEN', `an ${role} of ${own} sees its own region only, not ${asked}`);
  return own;
}

const institutionOut = (r: InstitutionRisk) => ({
  institutionId: r.institutionId,
  region: r.region,
  level: r.level,
  month: r.month,
  score: r.score,
  highRisk: r.highRisk,
  reasons: r.reasons,
  figures: r.figures,
  regionFigures: r.regionFigures,
  monitoredDrugs: r.monitoredDrugs,
});

/**
 * Risk profiles and high-risk lists (FT-03) from the read model: institutions scored on one
 * month's claims against their region and on monitored-drug volume against the same month a
 * year earlier (SR-05, SR-09, SR-14, RX-14), patients on prescriptions across institutions,
 * duplicate hits and pharmacies (SR-04), and a region's monthly figures (SR-14).
 */
export function riskRoutes({ readModel }: AppDeps): AnyRoute[] {
  const db = () => {
    if (!readModel) throw new ApiError(503, 'READ_MODEL_UNAVAILABLE', 'the read model is off (RXCHAIN_READ_MODEL=off)');
    return readModel.running().store.db;
  };
  const pageSizeOf = (q: Record<string, string>) => (q.pageSize === undefined ? DEFAULT_PAGE : Number(q.pageSize));
  return [
    plainRoute({
      method: 'get',
      path: '/oversight/risk/institutions',
      operationId: 'riskInstitutions',
      summary: 'Institutions by risk score for a month, highest first: the high-risk list by default (investigators; insurers: their region)',
      description:
        `Each institution with claims in the month, scored with its reasons: a monitored drug's volume +${RISK_PARAMETERS.monitoredGrowthPct} % or more on the same month a year earlier (SR-09, RX-14), ` +
        `consumables' share of billing ≥ ${RISK_PARAMETERS.consumableShareFactor}× the region's (SR-05), average cost per visit ≥ ${RISK_PARAMETERS.costPerVisitFactor}× the region's (SR-14), ` +
        `rejection rate ≥ ${RISK_PARAMETERS.rejectionRate * 100} %, claims with review hits ≥ ${RISK_PARAMETERS.hitShare * 100} %. High risk from score ${RISK_PARAMETERS.highRiskScore}.`,
      tag: 'risk',
      roles: OVERSIGHT,
      query: { month: Type.Optional(Month), region: Type.Optional(Region), highRiskOnly: Type.Optional(HighRiskOnly), pageSize: Type.Optional(PageSize), bookmark: Type.Optional(InstitutionBookmark) },
      success: { status: 200, description: '{month, count, institutions: [{institutionId, region, score, highRisk, reasons, figures, regionFigures, monitoredDrugs}], bookmark} — bookmark is empty on the last page' },
      errors: [403, 503],
      handler: async ({ user, query }) => {
        const month = query.month ?? currentMonth();
        const region = scopeRegion(user, query.region);
        const pageSize = pageSizeOf(query);
        const [score, institutionId] = (query.bookmark ?? '').split(/:(.*)/s);
        const { count, institutions } = await scoredInstitutions(db(), {
          month,
          ...(region === undefined ? {} : { region }),
          minScore: query.highRiskOnly === 'false' ? 0 : RISK_PARAMETERS.highRiskScore,
          limit: pageSize + 1,
          ...(query.bookmark ? { after: { score: Number(score), institutionId } } : {}),
        });
        const page = institutions.slice(0, pageSize);
        const last = page[page.length - 1];
        return {
          body: {
            month,
            ...(region === undefined ? {} : { region }),
            count,
            institutions: page.map(institutionOut),
            bookmark: institutions.length > pageSize && last ? `${last.score}:${last.institutionId}` : '',
          },
        };
      },
    }),
    plainRoute({
      method: 'get',
      path: '/oversight/risk/institutions/:id',
      operationId: 'riskInstitution',
      summary: 'One institution’s risk profile: the month scored with its reasons, its monitored drugs year on year, and its last 13 months (investigators; insurers: their region)',
      tag: 'risk',
      roles: OVERSIGHT,
      params: { id: Id },
      query: { month: Type.Optional(Month) },
      success: { status: 200, description: '{institutionId, region, month, score, highRisk, reasons, figures, monitoredDrugs, months}' },
      errors: [403, 404, 503],
      handler: async ({ user, params, query }) => {
        const month = query.month ?? currentMonth();
        const region = await institutionRegion(db(), params.id);
        if (region === undefined) throw new ApiError(404, 'NOT_FOUND', `the read model holds no claims of institution ${params.id}`);
        scopeRegion(user, region);
        const scored = await scoredInstitution(db(), month, params.id);
        const { months } = await institutionMonths(db(), params.id, sameMonthLastYear(month), month);
        return {
          body: {
            ...(scored ? institutionOut(scored) : { institutionId: params.id, region, month, score: 0, highRisk: false, reasons: [], figures: null, monitoredDrugs: [] }),
            months,
          },
        };
      },
    }),
    plainRoute({
      method: 'get',
      path: '/oversight/risk/patients',
      operationId: 'riskPatients',
      summary: 'Patients by risk score, highest first: the high-risk list by default (investigators; insurers: patients insured in their region)',
      description:
        `Scored on everything the read model holds of the patient: prescriptions from ${RISK_PARAMETERS.rxInstitutionsInMonth} or more institutions in one month and duplicate-prescription hits (SR-04), ` +
        `${RISK_PARAMETERS.pharmacies} or more pharmacies. Paged by a keyset on (score, patientRef). High risk from score ${RISK_PARAMETERS.highRiskScore}.`,
      tag: 'risk',
      roles: OVERSIGHT,
      query: { region: Type.Optional(Region), highRiskOnly: Type.Optional(HighRiskOnly), pageSize: Type.Optional(PageSize), bookmark: Type.Optional(PatientBookmark) },
      success: { status: 200, description: '{patients: [{patientRef, insuredRegion, score, highRisk, reasons, prescriptions, rxInstitutions, maxRxInstitutionsInMonth, duplicateHits, pharmacies, claims, totalFen}], bookmark}' },
      errors: [403, 503],
      handler: async ({ user, query }) => {
        const region = scopeRegion(user, query.region);
        const pageSize = pageSizeOf(query);
        const [score, patientRef] = (query.bookmark ?? '').split(':');
        const rows = await patientRisks(db(), {
          ...(region === undefined ? {} : { region }),
          minScore: query.highRiskOnly === 'false' ? 0 : RISK_PARAMETERS.highRiskScore,
          limit: pageSize + 1,
          ...(query.bookmark ? { after: { score: Number(score), patientRef } } : {}),
        });
        const page = rows.slice(0, pageSize);
        const last = page[page.length - 1];
        return { body: { ...(region === undefined ? {} : { region }), patients: page, bookmark: rows.length > pageSize && last ? `${last.score}:${last.patientRef}` : '' } };
      },
    }),
    plainRoute({
      method: 'get',
      path: '/oversight/risk/patients/:patientRef',
      operationId: 'riskPatient',
      summary: 'One patient’s risk profile: score and reasons, prescriptions per month and institution, pharmacies, duplicate hits (investigators; insurers: their region’s insured)',
      tag: 'risk',
      roles: OVERSIGHT,
      params: { patientRef: PatientRef },
      success: { status: 200, description: '{patientRef, insuredRegion, score, highRisk, reasons, …figures, months, pharmaciesVisited, duplicatePrescriptions, duplicateClaims}' },
      errors: [403, 404, 503],
      handler: async ({ user, params }) => {
        const risk = await patientRiskOf(db(), params.patientRef);
        if (!risk) throw new ApiError(404, 'NOT_FOUND', 'the read model holds nothing about this patient');
        if (user.attrs.role === 'insurer' && risk.insuredRegion !== user.attrs.region) {
          throw new ApiError(403, 'FORBIDDEN', `an insurer of ${user.attrs.region ?? 'no region'} sees its own region’s insured only`);
        }
        return { body: { ...risk, ...(await patientDetail(db(), params.patientRef)) } };
      },
    }),
    plainRoute({
      method: 'get',
      path: '/oversight/regions/:region/monthly',
      operationId: 'regionMonthly',
      summary: 'A region’s monthly figures of the claims treated there: claims, rejections, review hits, amounts, consumable share, cost per visit (SR-14; investigators; insurers and patient observers: their region)',
      tag: 'risk',
      roles: [...OVERSIGHT, 'observer'],
      params: { region: Region },
      query: { from: Type.Optional(Month), to: Type.Optional(Month) },
      success: { status: 200, description: '{region, from, to, months: [{month, institutions, claims, rejected, withHits, totalFen, fundFen, consumableFen, rejectionRate, hitShare, consumableShare, avgCostPerVisitFen}]}' },
      errors: [403, 503],
      handler: async ({ user, params, query }) => {
        scopeRegion(user, params.region);
        const to = query.to ?? currentMonth();
        const from = query.from ?? monthsBefore(to, 12);
        if (from > to) throw invalidRequest([{ field: 'from', message: `must not be after to (${to})` }]);
        return { body: { region: params.region, from, to, months: await regionMonths(db(), params.region, from, to) } };
      },
    }),
  ];
}
