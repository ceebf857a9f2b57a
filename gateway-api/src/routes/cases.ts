import { InvestigationApi } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../deps';
import { txRoute, type AnyRoute } from '../http/route';

/** Investigation cases on chain (FT-01, FT-02, FT-04): opened, evidenced, sanctioned, recovered and closed by the regulator's investigators. */
export function caseRoutes(_deps: AppDeps): AnyRoute[] {
  const write = (path: string, operationId: string, summary: string, tx: Parameters<typeof txRoute>[0]['tx'], errors: number[]) =>
    txRoute({
      method: 'post',
      path,
      operationId,
      summary,
      tag: 'investigation',
      tx,
      pathArgs: { id: 'caseId' },
      resultKey: 'case',
      success: { status: 200, description: 'The case as it now stands, tx id and block number' },
      errors,
    });
  return [
    txRoute({
      method: 'post',
      path: '/cases',
      operationId: 'openCase',
      summary: 'Open an investigation case naming its subjects (institutions, doctors by licence id, patients by patientRef); due 15 working days later on the region’s calendar (investigator)',
      tag: 'investigation',
      tx: InvestigationApi.Open,
      derivedIds: [{ field: 'caseId', prefix: 'CASE' }],
      resultKey: 'case',
      success: { status: 201, description: 'The case with its due date, tx id and block number' },
      errors: [404, 409],
    }),
    write('/cases/:id/evidence', 'linkCaseEvidence', 'Link claims, transfers, batches, prescriptions, dispenses (each must exist) or tx ids as evidence, each with a note (investigator)', InvestigationApi.LinkEvidence, [404, 409, 422]),
    write('/cases/:id/findings', 'recordCaseFinding', 'Record a finding, with the rules it says were broken (investigator)', InvestigationApi.RecordFinding, [404, 409, 422]),
    write('/cases/:id/sanctions', 'sanctionCaseSubject', 'Suspend or revoke a subject institution’s agreement in the registry, with the case as evidence (investigator; CR-10)', InvestigationApi.Sanction, [404, 409, 422]),
    write('/cases/:id/recoveries', 'recordCaseRecovery', 'Record a Settlement:Recover transfer (counted once) or a fine or confiscation (investigator)', InvestigationApi.RecordRecovery, [404, 409, 422]),
    write('/cases/:id/closure', 'closeCase', 'Close a case with its outcome, once; after its due date it is marked late (investigator)', InvestigationApi.Close, [404, 409, 422]),
    txRoute({
      method: 'get',
      path: '/cases/:id',
      operationId: 'getCase',
      summary: 'An investigation case, with whether it is overdue (investigators; the insurer of its region)',
      tag: 'investigation',
      tx: InvestigationApi.Get,
      pathArgs: { id: 'caseId' },
      success: { status: 200, description: 'The case' },
      errors: [404],
    }),
    txRoute({
      method: 'get',
      path: '/regions/:region/cases',
      operationId: 'listCases',
      summary: 'A region’s investigation cases, in case id order (investigators; the region’s insurer)',
      tag: 'investigation',
      tx: InvestigationApi.ListByRegion,
      success: { status: 200, description: '{records, bookmark, fetchedCount}' },
    }),
    txRoute({
      method: 'get',
      path: '/regions/:region/cases/overdue',
      operationId: 'overdueCases',
      summary: 'Open cases past their 15-working-day due date, most overdue first (investigators; the region’s insurer)',
      tag: 'investigation',
      tx: InvestigationApi.ListOverdue,
      success: { status: 200, description: '{region, asOf, cases, bookmark}' },
    }),
  ];
}
