import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { TraceApi } from '../api/trace-api';
import { authorise } from '../ledger/caller';
import { DEFAULT_PAGE_SIZE } from '../ledger/record-store';
import { argsOf } from '../ledger/transaction-input';
import type { FundFlow, FundsReceived, Timeline } from '../model/trace';
import { fundFlowOf } from '../rules/fund-flow';
import { checkPeriod, receiptsPage } from '../rules/funds-received';
import { checkTimelineId } from '../rules/timeline';
import { batches } from '../stores/batches';
import { claims } from '../stores/claims';
import { clearingReturnTrace } from '../stores/clearing-returns';
import { actorTimeline } from '../stores/timelines';
import { receiptsOf, transfers } from '../stores/transfers';

/** Investigators only (the access table); every query reads through the aggregates' stores. */
@Info({ title: 'Trace', description: 'Investigator queries: fund flow of a claim, money received by a party, actor timelines (FT-01)' })
export class TraceContract extends Contract {
  constructor() {
    super('Trace');
  }

  /**
   * Claim → payment transfers → payee → clearing batch → fund-to-fund transfer; once recovered,
   * institution → fund, and for a claim already cleared the return, its batch and its transfer.
   */
  @Transaction(false)
  async FundFlow(ctx: Context, args: string): Promise<FundFlow> {
    await authorise(ctx, TraceApi.FundFlow);
    const claim = await claims.mustGet(ctx, argsOf(TraceApi.FundFlow, args).claimId);
    const payments = await Promise.all(claim.transferIds.map((id) => transfers.mustGet(ctx, id)));
    const batch = claim.batchId === undefined ? undefined : await batches.mustGet(ctx, claim.batchId);
    const clearings = await Promise.all((batch?.transferIds ?? []).map((id) => transfers.mustGet(ctx, id)));
    const recovery = claim.recoveryTransferId === undefined ? undefined : await transfers.mustGet(ctx, claim.recoveryTransferId);
    const clearingReturn = recovery ? await clearingReturnTrace(ctx, claim.claimId) : undefined;
    return fundFlowOf(claim, { payments, batch, clearings, recovery, clearingReturn });
  }

  /**
   * Everything a party (institution or fund) received, from one fund or any, in a period of
   * China dates (inclusive, open where a bound is absent): the count and total of all of it,
   * and one page of the transfers, oldest first.
   */
  @Transaction(false)
  async FundsReceived(ctx: Context, args: string): Promise<FundsReceived> {
    await authorise(ctx, TraceApi.FundsReceived);
    const { party, fromFund, from, to, pageSize, bookmark } = argsOf(TraceApi.FundsReceived, args);
    const period = { from, to };
    checkPeriod(period);
    const page = receiptsPage(await receiptsOf(ctx, party, fromFund ?? ''), period, pageSize ?? DEFAULT_PAGE_SIZE, bookmark ?? '');
    const received = await Promise.all(page.pageIds.map((id) => transfers.mustGet(ctx, id)));
    const answer: FundsReceived = { party, count: page.count, totalFen: page.totalFen, transfers: received, bookmark: page.bookmark };
    // Echo the query as asked: an absent fund or bound stays absent.
    if (fromFund !== undefined) answer.fromFund = fromFund;
    if (from !== undefined) answer.fromDate = from;
    if (to !== undefined) answer.toDate = to;
    return answer;
  }

  /** What the ledger holds about one doctor, pharmacy, institution or patient, oldest first. */
  @Transaction(false)
  async Timeline(ctx: Context, args: string): Promise<Timeline> {
    await authorise(ctx, TraceApi.Timeline);
    const { actorType, id } = argsOf(TraceApi.Timeline, args);
    checkTimelineId(actorType, id);
    return { actorType, id, entries: await actorTimeline(ctx, actorType, id) };
  }
}
