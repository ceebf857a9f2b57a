import { Type } from '@sinclair/typebox';
import { PageSize, PatientRef, TraceApi, fieldErrors, rolesOf, type TimelineActorType } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../deps';
import type { AuthenticatedUser } from '../fabric/identities';
import { ApiError, invalidRequest } from '../http/api-error';
import { plainRoute, type AnyRoute } from '../http/route';
import { fundFlowFromReadModel, fundsReceivedPage, MissingRecordError, parseTimelineBookmark, TIMELINE_BOOKMARK_PATTERN, timelinePage, type Provenance } from '../read-model/traces';
import { chainHistoryOf, verifyListed, type ListedItem } from '../read-model/verify-listed';

const DEFAULT_PAGE = 50;
/** Verifying re-reads each listed record on the chain: a verified page is at most this long. */
const MAX_VERIFIED_PAGE = 100;
const Verify = Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'true: re-read every listed record on the chain and say per item whether the copy matches' });
const TimelineArgs = TraceApi.Timeline.args.properties;
const ReceivedArgs = TraceApi.FundsReceived.args.properties;

/** The docType of the record a timeline entry is about: its kind. */
const TIMELINE_KIND_DOC_TYPES = { prescription: 'prescription', dispense: 'dispense', claim: 'claim', transfer: 'transfer', filing: 'filing', complaint: 'complaint' } as const;

/**
 * The investigators' traces (FT-01) from the read model, paged, each item with the block and tx
 * of the record version it shows; `?verify=true` re-reads those records on the chain. The chain's
 * own /trace/... routes stay as they are: one behaviour per path, and the chain's answer to check
 * these against.
 */
export function readModelTraceRoutes({ ledger, readModel }: AppDeps): AnyRoute[] {
  const running = () => {
    if (!readModel) throw new ApiError(503, 'READ_MODEL_UNAVAILABLE', 'the read model is off (RXCHAIN_READ_MODEL=off)');
    return readModel.running();
  };
  const pageSizeOf = (q: Record<string, string>) => {
    const size = q.pageSize === undefined ? DEFAULT_PAGE : Number(q.pageSize);
    if (q.verify === 'true' && size > MAX_VERIFIED_PAGE) throw invalidRequest([{ field: 'pageSize', message: `must be at most ${MAX_VERIFIED_PAGE} with verify=true` }]);
    return size;
  };
  const verified = async (user: AuthenticatedUser, items: ListedItem[]) => {
    const { store, follower } = running();
    return verifyListed({ history: chainHistoryOf(ledger, user), chainHeight: async () => BigInt((await ledger.chainHeight(user)).height), store, follower }, items);
  };
  const withVerification = async <T extends object>(user: AuthenticatedUser, verify: string | undefined, items: T[], listed: (item: T) => ListedItem) =>
    verify === 'true' ? (await verified(user, items.map(listed))).map((v, i) => ({ ...items[i], verification: v })) : items;

  return [
    plainRoute({
      method: 'get',
      path: '/oversight/trace/timeline/:actorType/:id',
      operationId: 'readModelTimeline',
      summary: 'An actor’s timeline from the read model, a page at a time, oldest first, each entry with block number and tx id (investigators)',
      description: 'The entries Trace:Timeline (GET /trace/timeline/…) gives, in its order, paged. verify=true re-reads each entry’s record on the chain.',
      tag: 'investigation',
      roles: rolesOf('Trace:Timeline'),
      params: { actorType: TimelineArgs.actorType, id: TimelineArgs.id },
      query: { pageSize: Type.Optional(PageSize), bookmark: Type.Optional(Type.String({ pattern: TIMELINE_BOOKMARK_PATTERN, description: 'the bookmark of the previous page' })), verify: Type.Optional(Verify) },
      success: { status: 200, description: '{actorType, id, entries: [{at, txId, kind, id, action, amountFen?, blockNumber, verification?}], bookmark} — bookmark is empty on the last page' },
      errors: [503],
      handler: async ({ user, params, query }) => {
        // The path schema admits the timeline's actor types only.
        const actorType = params.actorType as TimelineActorType;
        if (actorType === 'patientRef') {
          const errors = fieldErrors(PatientRef, params.id, 'id');
          if (errors.length) throw invalidRequest(errors);
        }
        const after = parseTimelineBookmark(query.bookmark ?? '');
        const page = await timelinePage(running().store.db, actorType, params.id, pageSizeOf(query), after);
        const entries = await withVerification(user, query.verify, page.entries, (e) => ({ docType: TIMELINE_KIND_DOC_TYPES[e.kind], id: e.id, txId: e.txId }));
        return { body: { actorType, id: params.id, entries, bookmark: page.bookmark } };
      },
    }),
    plainRoute({
      method: 'get',
      path: '/oversight/trace/claims/:id/fund-flow',
      operationId: 'readModelFundFlow',
      summary: 'Where a claim’s money went, from the read model, with the block number and tx id of every record it shows (investigators)',
      description: 'The answer Trace:FundFlow (GET /trace/claims/:id/fund-flow) gives, plus `records`. verify=true re-reads each of those records on the chain.',
      tag: 'investigation',
      roles: rolesOf('Trace:FundFlow'),
      params: { id: TraceApi.FundFlow.args.properties.claimId },
      query: { verify: Type.Optional(Verify) },
      success: { status: 200, description: 'The fund flow, and `records`: [{docType, id, blockNumber, txId, verification?}]' },
      errors: [404, 503],
      handler: async ({ user, params, query }) => {
        let found: Awaited<ReturnType<typeof fundFlowFromReadModel>>;
        try {
          found = await fundFlowFromReadModel(running().store.db, params.id);
        } catch (err) {
          if (err instanceof MissingRecordError) throw new ApiError(503, 'READ_MODEL_INCOMPLETE', err.message, [], { 'Retry-After': '5' });
          throw err;
        }
        if (!found) throw new ApiError(404, 'NOT_FOUND', `the read model holds no claim ${params.id}`);
        const records = await withVerification(user, query.verify, found.provenance, (p: Provenance) => ({ docType: p.docType, id: p.id, txId: p.txId }));
        return { body: { ...found.flow, records } };
      },
    }),
    plainRoute({
      method: 'get',
      path: '/oversight/trace/parties/:party/funds-received',
      operationId: 'readModelFundsReceived',
      summary: 'All money a party received, optionally from one fund, in a date range, from the read model: count and total, and a page of transfers with block number and tx id (investigators)',
      description: 'The answer Trace:FundsReceived (GET /trace/parties/:party/funds-received) gives, in its order and with its bookmark, plus `records`. verify=true re-reads each listed transfer on the chain.',
      tag: 'investigation',
      roles: rolesOf('Trace:FundsReceived'),
      params: { party: ReceivedArgs.party },
      query: {
        fromFund: Type.Optional(ReceivedArgs.fromFund),
        from: Type.Optional(ReceivedArgs.from),
        to: Type.Optional(ReceivedArgs.to),
        pageSize: Type.Optional(PageSize),
        bookmark: Type.Optional(ReceivedArgs.bookmark),
        verify: Type.Optional(Verify),
      },
      success: { status: 200, description: '{party, fromFund?, fromDate?, toDate?, count, totalFen, transfers, records: [{docType, id, blockNumber, txId, verification?}], bookmark}' },
      errors: [503],
      handler: async ({ user, params, query }) => {
        if (query.from !== undefined && query.to !== undefined && query.to < query.from) throw invalidRequest([{ field: 'to', message: `must not be before from (${query.from})` }]);
        const page = await fundsReceivedPage(running().store.db, {
          party: params.party,
          ...(query.fromFund === undefined ? {} : { fromFund: query.fromFund }),
          ...(query.from === undefined ? {} : { from: query.from }),
          ...(query.to === undefined ? {} : { to: query.to }),
          pageSize: pageSizeOf(query),
          bookmark: query.bookmark ?? '',
        });
        const records = await withVerification(user, query.verify, page.provenance, (p: Provenance) => ({ docType: p.docType, id: p.id, txId: p.txId }));
        return {
          body: {
            party: params.party,
            ...(query.fromFund === undefined ? {} : { fromFund: query.fromFund }),
            ...(query.from === undefined ? {} : { fromDate: query.from }),
            ...(query.to === undefined ? {} : { toDate: query.to }),
            count: page.count,
            totalFen: page.totalFen,
            transfers: page.transfers,
            records,
            bookmark: page.bookmark,
          },
        };
      },
    }),
  ];
}
