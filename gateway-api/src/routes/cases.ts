import { Type } from '@sinclair/typebox';
import { InvestigationApi, PageSize } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../deps';
import { ApiError } from '../http/api-error';
import { plainRoute, txRoute, type AnyRoute } from '../http/route';
import { TIMELINE_BOOKMARK, parseTimelineBookmark, readCaseFile } from '../read-model/case-file';

const DEFAULT_TIMELINE_PAGE = 50;
const TimelineBookmark = Type.String({ pattern: TIMELINE_BOOKMARK.source, description: 'the bookmark of the previous timeline page' });

/** Investigation cases on chain (FT-01, FT-02, FT-04): opened, evidenced, sanctioned, recovered and closed by the regulator's investigators. */
export function caseRoutes({ readModel }: AppDeps): AnyRoute[] {
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
    write('/cases/:id/closure', 'closeCase', 'Close a case with its outcome, once; after its due date it is marked late; observer remarks answered first, or remarksReason (investigator; FT-05)', InvestigationApi.Close, [404, 409, 422]),
    write('/cases/:id/observers', 'assignCaseObserver', 'Assign a patient observer (POST /observers) to an open case by its observer id: it reads the case and files remarks (investigator; FT-05)', InvestigationApi.AssignObserver, [404, 409, 422]),
    txRoute({
      method: 'post',
      path: '/cases/:id/remarks/:remarkNo/answer',
      operationId: 'answerCaseRemark',
      summary: 'Answer a patient observer’s challenge or remark, once (investigator; FT-05)',
      tag: 'investigation',
      tx: InvestigationApi.AnswerRemark,
      pathArgs: { id: 'caseId', remarkNo: 'remarkNo' },
      resultKey: 'case',
      success: { status: 200, description: 'The case as it now stands, tx id and block number' },
      errors: [404, 409],
    }),
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
      plainRoute({
      method: 'get',
      path: '/oversight/cases/:id/file',
      operationId: 'caseFile',
      summary: 'A case’s file from the read model: its evidence with block and tx, the fund-flow graph of the linked money, and the timeline of every version (investigators; the insurer of its region)',
      description:
        'Answers from the PostgreSQL read model only, as far as it has followed the chain; /oversight/verify/:docType/:id proves any record of it ' +
        'against the chain. The timeline is paged in chain order (block, tx); its bookmark is empty on the last page.',
      tag: 'investigation',
      roles: ['investigator', 'insurer'],
      params: { id: InvestigationApi.Get.args.properties.caseId },
      query: { pageSize: Type.Optional(PageSize), bookmark: Type.Optional(TimelineBookmark) },
      success: { status: 200, description: '{case, casePosition, evidence: [{kind, id, note, found, latest?|writes?}], fundFlow: {nodes, edges}, timeline: {entries, bookmark}}' },
      errors: [404, 503],
      handler: async ({ user, params, query }) => {
        if (!readModel) throw new ApiError(503, 'READ_MODEL_UNAVAILABLE', 'the read model is off (RXCHAIN_READ_MODEL=off)');
        const { store } = readModel.running();
        const pageSize = query.pageSize === undefined ? DEFAULT_TIMELINE_PAGE : Number(query.pageSize);
        const file = await readCaseFile(store.db, params.id, { pageSize, after: query.bookmark ? parseTimelineBookmark(query.bookmark) : undefined });
        if (!file) throw new ApiError(404, 'NOT_FOUND', `case ${params.id} is not in the read model: never opened, or not followed yet`);
        // The same party check as Investigation:Get: an insurer reads its own region's cases.
        if (user.attrs.role === 'insurer' && user.attrs.region !== file.case.region) {
          throw new ApiError(403, 'FORBIDDEN', `case ${params.id} of region ${file.case.region} is visible to investigators and that region's insurer only`);
        }
        return { body: file };
      },
    }),
  ];
}
