import type { AppDeps } from '../app';
import type { AnyRoute } from '../http/route';
import { objectSchema } from '../http/validation';
import { id, isoDate, pageArgs, pageQuery, patientRef, recordId, region, sha256Hex } from './schemas';

/** Complaints (PT-06) and the investigators' fund-flow and timeline traces (FT-01). */
export function oversightRoutes({ ledger }: AppDeps): AnyRoute[] {
  return [
    {
      method: 'post',
      path: '/complaints',
      operationId: 'fileComplaint',
      summary: 'File a patient complaint or report; due 7 working days later on the region’s calendar',
      tag: 'complaints',
      roles: ['admin', 'doctor', 'pharmacist'],
      body: objectSchema(
        {
          complaintId: id,
          patientRef,
          targetType: { type: 'string', enum: ['claim', 'prescription', 'dispense', 'doctor', 'institution'] },
          targetId: id,
          category: { type: 'string', enum: ['offIndication', 'repeatExam', 'fundSiphoning', 'abnormalFee', 'service'] },
          feeLineRef: objectSchema({ claimId: id, lineNo: { type: 'integer', minimum: 1, maximum: 200 } }, ['claimId', 'lineNo']),
          detailHash: sha256Hex,
        },
        ['patientRef', 'targetType', 'targetId', 'category'],
      ),
      success: { status: 201, description: 'The complaint with its due date' },
      errors: [404, 409, 422],
      handler: async ({ user, body, idempotencyKey }) => {
        const b = body as { complaintId?: string };
        const complaint = { ...b, complaintId: recordId('CMP', b.complaintId, user.name, 'fileComplaint', idempotencyKey) };
        const { result, txId, blockNumber } = await ledger.submit(user, 'Complaint:File', [JSON.stringify(complaint)]);
        return { status: 201, body: { complaint: result, txId, blockNumber } };
      },
    },
    {
      method: 'post',
      path: '/complaints/:id/response',
      operationId: 'respondComplaint',
      summary: 'Answer a complaint (the region’s insurer)',
      tag: 'complaints',
      roles: ['insurer'],
      params: { id },
      body: objectSchema({ outcome: { type: 'string', enum: ['upheld', 'notUpheld', 'referred'] }, responseHash: sha256Hex }, ['outcome', 'responseHash']),
      success: { status: 200, description: 'The answered complaint' },
      errors: [404, 409],
      handler: async ({ user, params, body }) => {
        const b = body as { outcome: string; responseHash: string };
        const { result, txId, blockNumber } = await ledger.submit(user, 'Complaint:Respond', [params.id, b.outcome, b.responseHash]);
        return { body: { complaint: result, txId, blockNumber } };
      },
    },
    {
      method: 'get',
      path: '/complaints/:id',
      operationId: 'getComplaint',
      summary: 'A complaint, with whether it is overdue',
      tag: 'complaints',
      roles: ['admin', 'doctor', 'pharmacist', 'insurer', 'investigator'],
      params: { id },
      success: { status: 200, description: 'The complaint' },
      errors: [404],
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Complaint:Get', [params.id]) }),
    },
    {
      method: 'get',
      path: '/regions/:region/complaints/overdue',
      operationId: 'overdueComplaints',
      summary: 'Open complaints past their due date',
      tag: 'complaints',
      roles: ['insurer', 'investigator'],
      params: { region },
      success: { status: 200, description: '{region, asOf, complaints}' },
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Complaint:ListOverdue', [params.region]) }),
    },
    {
      method: 'post',
      path: '/calendars',
      operationId: 'setCalendar',
      summary: 'Set the caller’s region’s holidays and extra working days (insurer)',
      tag: 'complaints',
      roles: ['insurer'],
      body: objectSchema(
        {
          holidays: { type: 'array', maxItems: 400, uniqueItems: true, items: isoDate },
          extraWorkdays: { type: 'array', maxItems: 100, uniqueItems: true, items: isoDate },
        },
        ['holidays', 'extraWorkdays'],
      ),
      success: { status: 201, description: 'The calendar' },
      handler: async ({ user, body }) => {
        const { result, txId, blockNumber } = await ledger.submit(user, 'Complaint:SetCalendar', [JSON.stringify(body)]);
        return { status: 201, body: { calendar: result, txId, blockNumber } };
      },
    },
    {
      method: 'get',
      path: '/trace/claims/:id/fund-flow',
      operationId: 'fundFlow',
      summary: 'Where a claim’s money went: claim → transfers → payee → clearing batch (investigators)',
      tag: 'investigation',
      roles: ['investigator'],
      params: { id },
      success: { status: 200, description: 'The fund flow' },
      errors: [404],
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Trace:FundFlow', [params.id]) }),
    },
    {
      method: 'get',
      path: '/trace/parties/:party/funds-received',
      operationId: 'fundsReceived',
      summary: 'All money a party received, optionally from one fund, in a date range (investigators)',
      tag: 'investigation',
      roles: ['investigator'],
      params: { party: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,80}$' } },
      query: { fromFund: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,80}$' }, from: isoDate, to: isoDate, ...pageQuery },
      success: { status: 200, description: '{count, totalFen} of all matching transfers, one page of `transfers` oldest first, and the `bookmark` of the next page' },
      handler: async ({ user, params, query }) => ({
        body: await ledger.evaluate(user, 'Trace:FundsReceived', [params.party, query.fromFund ?? '', query.from ?? '2000-01-01', query.to ?? '2099-12-31', ...pageArgs(query)]),
      }),
    },
    {
      method: 'get',
      path: '/trace/timeline/:actorType/:id',
      operationId: 'actorTimeline',
      summary: 'Everything an actor did across prescriptions, dispenses, claims and transfers (investigators)',
      tag: 'investigation',
      roles: ['investigator'],
      params: { actorType: { type: 'string', enum: ['doctor', 'pharmacy', 'institution', 'patientRef'] }, id: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,80}$' } },
      success: { status: 200, description: 'Entries, oldest first' },
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Trace:Timeline', [params.actorType, params.id]) }),
    },
  ];
}
