import type { AppDeps } from '../app';
import type { AnyRoute } from '../http/route';
import { objectSchema } from '../http/validation';
import { feeLine, fen, id, isoDate, pageArgs, pageQuery, patientRef, ratioBp, recordId, region, sha256Hex, shortText } from './schemas';

const levels = ['basic', 'secondary', 'tertiary'];
const byLevel = (value: Record<string, unknown>) => objectSchema({ basic: value, secondary: value, tertiary: value }, levels);

/** Regional policy, cross-region filing, claims and their review (insurers, hospitals, pharmacies). */
export function claimRoutes({ ledger }: AppDeps): AnyRoute[] {
  return [
    {
      method: 'post',
      path: '/policies',
      operationId: 'setPolicy',
      summary: 'Publish a new version of the caller’s region’s reimbursement policy (insurer)',
      tag: 'policy',
      roles: ['insurer'],
      body: objectSchema(
        {
          effectiveFrom: isoDate,
          ratioBpByLevel: byLevel(ratioBp),
          deductibleFenByLevel: byLevel(fen),
          annualCapFen: fen,
          crossRegionFiledRatioBp: ratioBp,
          crossRegionUnfiledRatioBp: ratioBp,
          reviewThresholds: objectSchema({ stayWarnDays: { type: 'integer', minimum: 1, maximum: 3650 }, manualReviewTotalFen: fen, autoApproveMaxFen: fen }, ['stayWarnDays', 'manualReviewTotalFen']),
          personalAccountUse: { type: 'string', enum: ['none', 'local', 'all'] },
        },
        ['effectiveFrom', 'ratioBpByLevel', 'deductibleFenByLevel', 'annualCapFen', 'crossRegionFiledRatioBp', 'crossRegionUnfiledRatioBp', 'reviewThresholds', 'personalAccountUse'],
      ),
      success: { status: 201, description: 'The policy version, tx id and block' },
      errors: [422],
      handler: async ({ user, body }) => {
        const { result, txId, blockNumber } = await ledger.submit(user, 'Policy:Set', [JSON.stringify(body)]);
        return { status: 201, body: { policy: result, txId, blockNumber } };
      },
    },
    {
      method: 'get',
      path: '/policies/:region',
      operationId: 'listPolicies',
      summary: 'Every policy version of a region',
      tag: 'policy',
      roles: ['admin', 'doctor', 'pharmacist', 'insurer', 'investigator'],
      params: { region },
      success: { status: 200, description: 'Policy versions' },
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Policy:List', [params.region]) }),
    },
    {
      method: 'get',
      path: '/policies/:region/in-force',
      operationId: 'policyInForce',
      summary: 'The policy version in force in a region on a date',
      tag: 'policy',
      roles: ['admin', 'doctor', 'pharmacist', 'insurer', 'investigator'],
      params: { region },
      query: { date: isoDate },
      success: { status: 200, description: 'The policy' },
      errors: [404],
      handler: async ({ user, params, query }) => ({
        body: await ledger.evaluate(user, 'Policy:InForce', [params.region, query.date ?? new Date().toISOString().slice(0, 10)]),
      }),
    },
    {
      method: 'post',
      path: '/filings',
      operationId: 'createFiling',
      summary: 'Record a cross-region filing (异地备案) for an insured patient (insured region’s insurer)',
      tag: 'claims',
      roles: ['insurer'],
      body: objectSchema(
        {
          filingId: id,
          patientRef,
          insuredRegion: region,
          treatmentRegion: region,
          period: objectSchema({ from: isoDate, to: isoDate }, ['from', 'to']),
          emergencyPostFiled: { type: 'boolean' },
        },
        ['patientRef', 'insuredRegion', 'treatmentRegion', 'period', 'emergencyPostFiled'],
      ),
      success: { status: 201, description: 'The filing' },
      errors: [409, 422],
      handler: async ({ user, body, idempotencyKey }) => {
        const b = body as { filingId?: string };
        const filing = { ...b, filingId: recordId('FIL', b.filingId, user.name, 'createFiling', idempotencyKey) };
        const { result, txId, blockNumber } = await ledger.submit(user, 'Filing:Create', [JSON.stringify(filing)]);
        return { status: 201, body: { filing: result, txId, blockNumber } };
      },
    },
    {
      method: 'get',
      path: '/filings/:id',
      operationId: 'getFiling',
      summary: 'A cross-region filing',
      tag: 'claims',
      roles: ['admin', 'doctor', 'pharmacist', 'insurer', 'investigator'],
      params: { id },
      success: { status: 200, description: 'The filing' },
      errors: [404],
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Filing:Get', [params.id]) }),
    },
    {
      method: 'post',
      path: '/claims',
      operationId: 'submitClaim',
      summary: 'Submit a claim for an encounter or a dispense; the chaincode computes the split and runs smart review',
      description:
        'Dispense claims (pharmacies) take their fee lines from the dispense record; encounter claims (hospitals) send fee lines. ' +
        'All amounts are integer fen. A dispense or encounter can be claimed once, in any region, and an invoice hash used once.',
      tag: 'claims',
      roles: ['admin', 'doctor', 'pharmacist'],
      body: objectSchema(
        {
          claimId: id,
          refType: { type: 'string', enum: ['encounter', 'dispense'] },
          refId: id,
          invoiceHash: sha256Hex,
          patientRef,
          insuredRegion: region,
          institutionLevel: { type: 'string', enum: levels },
          serviceDate: isoDate,
          personalAccountRequestFen: fen,
          encounterType: { type: 'string', enum: ['outpatient', 'inpatient', 'emergency'] },
          feeLines: { type: 'array', minItems: 1, maxItems: 200, items: feeLine },
          admissionDate: isoDate,
        },
        ['refType', 'refId', 'invoiceHash', 'patientRef', 'insuredRegion', 'institutionLevel', 'serviceDate'],
      ),
      success: { status: 201, description: 'The claim with its computed amounts, review hits and status' },
      errors: [404, 409, 422],
      handler: async ({ user, body, idempotencyKey }) => {
        const b = body as { claimId?: string };
        const claim = { ...b, claimId: recordId('CLM', b.claimId, user.name, 'submitClaim', idempotencyKey) };
        const { result, txId, blockNumber } = await ledger.submit(user, 'Claim:Submit', [JSON.stringify(claim)]);
        return { status: 201, body: { claim: result, txId, blockNumber } };
      },
    },
    {
      method: 'get',
      path: '/claims/:id',
      operationId: 'getClaim',
      summary: 'A claim with fee lines (insurer and self amounts), split and progress nodes',
      tag: 'claims',
      roles: ['admin', 'doctor', 'pharmacist', 'insurer', 'investigator'],
      params: { id },
      success: { status: 200, description: 'The claim' },
      errors: [404],
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Claim:Get', [params.id]) }),
    },
    {
      method: 'post',
      path: '/claims/:id/review',
      operationId: 'reviewClaim',
      summary: 'Approve or reject a claim (treatment region’s insurer)',
      tag: 'claims',
      roles: ['insurer'],
      params: { id },
      body: objectSchema({ decision: { type: 'string', enum: ['APPROVED', 'REJECTED'] }, reason: shortText(500) }, ['decision']),
      success: { status: 200, description: 'The reviewed claim' },
      errors: [404, 409, 422],
      handler: async ({ user, params, body }) => {
        const b = body as { decision: string; reason?: string };
        const { result, txId, blockNumber } = await ledger.submit(user, 'Claim:Review', [params.id, b.decision, b.reason ?? '']);
        return { body: { claim: result, txId, blockNumber } };
      },
    },
    {
      method: 'get',
      path: '/regions/:region/claims',
      operationId: 'listClaims',
      summary: 'Claims of a region: by status (treatment side) or all of one side',
      tag: 'claims',
      roles: ['insurer', 'investigator'],
      params: { region },
      query: {
        status: { type: 'string', enum: ['SUBMITTED', 'UNDER_REVIEW', 'MANUAL_REVIEW', 'APPROVED', 'REJECTED', 'REMITTED'] },
        side: { type: 'string', enum: ['treatment', 'insured'] },
        ...pageQuery,
      },
      success: { status: 200, description: '{records, bookmark, fetchedCount}' },
      handler: async ({ user, params, query }) => ({
        body: query.status
          ? await ledger.evaluate(user, 'Claim:ListByStatus', [params.region, query.status, ...pageArgs(query)])
          : await ledger.evaluate(user, 'Claim:ListByRegion', [query.side ?? 'treatment', params.region, ...pageArgs(query)]),
      }),
    },
    {
      method: 'get',
      path: '/institutions/:id/claims',
      operationId: 'listInstitutionClaims',
      summary: 'Claims submitted by an institution',
      tag: 'claims',
      roles: ['admin', 'doctor', 'pharmacist', 'insurer', 'investigator'],
      params: { id },
      query: pageQuery,
      success: { status: 200, description: '{records, bookmark, fetchedCount}' },
      handler: async ({ user, params, query }) => ({ body: await ledger.evaluate(user, 'Claim:ListByInstitution', [params.id, ...pageArgs(query)]) }),
    },
  ];
}
