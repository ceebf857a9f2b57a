import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { InvestigationApi as Api } from '../api/investigation-api';
import { authorise, stampOf } from '../ledger/caller';
import type { Caller } from '../model/membership';
import { conflict, forbidden, notFound } from '../ledger/errors';
import { emit } from '../ledger/events';
import { txTimeMs } from '../ledger/time';
import { argsOf } from '../ledger/transaction-input';
import type { CasePage, CaseView, InvestigationCaseRecord, ObserverCasePage, ObserverCaseView, OverdueCases } from '../model/investigation-case';
import { caseDueDate, caseView } from '../rules/case-clock';
import { canReadCase, caseReference, closedCase, mustBeOpen, openedCase, recoveryOf, sanctionTargetRefusal, sanctionedInstitution, withEvidence, withFinding, withRecovery, withSanction } from '../rules/case-records';
import { mustBeAssigned, observerView, remarksAtClosing, remarksOf, withAnswer, withObserver, withRemark } from '../rules/case-observers';
import { chinaDateOf } from '../rules/dates';
import { sanctionerRefusal } from '../rules/sanctions';
import { caseCountingTransfer, cases, casesOfObserver, casesOfRegion, evidenceExists, overdueCases, subjectExists } from '../stores/cases';
import { workCalendarOf } from '../stores/complaints';
import { institutions } from '../stores/institutions';
import { transfers } from '../stores/transfers';

const todayOf = (ctx: Context): string => chinaDateOf(txTimeMs(ctx));

function mustRead(actor: Caller, c: InvestigationCaseRecord): void {
  if (!canReadCase(actor, c)) throw forbidden(`case ${c.caseId} of region ${c.region} is visible to investigators and that region's insurer only`);
}

/**
 * The case an observer acts on, if assigned to it. An unknown case id answers as an unassigned
 * one (FORBIDDEN), so an observer cannot probe which case ids exist.
 */
async function observedCase(ctx: Context, caseId: string, observerId: string): Promise<InvestigationCaseRecord> {
  const record = await cases.get(ctx, caseId);
  if (!record) throw forbidden(`observer ${observerId} is not assigned to case ${caseId}`);
  mustBeAssigned(record, observerId);
  return record;
}

function mustReadRegion(actor: Caller, region: string): void {
  if (!canReadCase(actor, { region })) throw forbidden(`the cases of region ${region} are visible to investigators and that region's insurer only`);
}

@Info({ title: 'Investigation', description: 'Fraud investigation cases: subjects, evidence, findings, sanctions, recoveries, patient observers and their remarks, closed within 15 working days (FT-01, FT-02, FT-04, FT-05)' })
export class InvestigationContract extends Contract {
  constructor() {
    super('Investigation');
  }

  /**
   * An investigator opens a case naming its subjects, each of which must be on the ledger. It is
   * due 15 working days after the opening date on the region's calendar as it stands now; later
   * calendar changes do not move it.
   */
  @Transaction()
  async Open(ctx: Context, args: string): Promise<CaseView> {
    const actor = await authorise(ctx, Api.Open);
    const input = argsOf(Api.Open, args);
    const openedDate = todayOf(ctx);
    const record = openedCase(input, openedDate, caseDueDate(openedDate, await workCalendarOf(ctx, input.region)), stampOf(ctx, actor));
    if (await cases.exists(ctx, input.caseId)) throw conflict(`case ${input.caseId} already exists`);
    for (const subject of record.subjects) {
      if (!(await subjectExists(ctx, subject))) throw notFound(`${subject.kind} ${subject.id} is not on the ledger`);
    }
    await cases.save(ctx, record);
    emit(ctx, 'CaseOpened', { caseId: record.caseId, region: record.region, fraudType: record.fraudType, dueDate: record.dueDate });
    return caseView(record, openedDate);
  }

  /** Links ledger records (each must exist) and transactions as evidence. */
  @Transaction()
  async LinkEvidence(ctx: Context, args: string): Promise<CaseView> {
    const actor = await authorise(ctx, Api.LinkEvidence);
    const { caseId, items } = argsOf(Api.LinkEvidence, args);
    const record = await cases.mustGet(ctx, caseId);
    const next = withEvidence(record, items, stampOf(ctx, actor));
    for (const item of items) {
      if (!(await evidenceExists(ctx, item.kind, item.id))) throw notFound(`${item.kind} ${item.id} does not exist`);
    }
    await cases.save(ctx, next, record);
    emit(ctx, 'CaseEvidenceLinked', { caseId, evidence: items.map(({ kind, id }) => ({ kind, id })) });
    return caseView(next, todayOf(ctx));
  }

  @Transaction()
  async RecordFinding(ctx: Context, args: string): Promise<CaseView> {
    const actor = await authorise(ctx, Api.RecordFinding);
    const { caseId, ...finding } = argsOf(Api.RecordFinding, args);
    const record = await cases.mustGet(ctx, caseId);
    const next = withFinding(record, finding, stampOf(ctx, actor));
    await cases.save(ctx, next, record);
    emit(ctx, 'CaseFindingRecorded', { caseId, findingNo: next.findings.length, ruleIds: finding.ruleIds ?? [] });
    return caseView(next, todayOf(ctx));
  }

  /**
   * Suspends or revokes a subject institution's agreement in the registry (CR-10), with the case
   * as its evidence, in the same transaction that records it on the case: the registry and the
   * case cannot disagree. The registry's own rules decide (who may sanction, no sanction of a
   * revoked agreement, a suspension only extends).
   */
  @Transaction()
  async Sanction(ctx: Context, args: string): Promise<CaseView> {
    const actor = await authorise(ctx, Api.Sanction);
    const { caseId, institutionId, action, until, ruleId, reason } = argsOf(Api.Sanction, args);
    const record = await cases.mustGet(ctx, caseId);
    mustBeOpen(record);
    const institution = await institutions.mustGet(ctx, institutionId);
    const refusal = sanctionTargetRefusal(record, institutionId) ?? sanctionerRefusal(actor, institution);
    if (refusal) throw refusal;
    const stamp = stampOf(ctx, actor);
    const today = todayOf(ctx);
    const sanctioned = sanctionedInstitution(institution, action, until, { ruleId, reason, evidenceRef: caseReference(caseId) }, today, stamp);
    const next = withSanction(record, { institutionId, action, ruleId, reason, ...(until === undefined ? {} : { until }) }, stamp);
    await institutions.save(ctx, sanctioned, institution);
    await cases.save(ctx, next, record);
    emit(ctx, 'CaseSanctionApplied', { caseId, institutionId, region: institution.region, action, ruleId, ...(until === undefined ? {} : { until }) });
    return caseView(next, today);
  }

  /** Records money got back: a Settlement:Recover transfer counted once on the whole ledger, or a fine or confiscation. */
  @Transaction()
  async RecordRecovery(ctx: Context, args: string): Promise<CaseView> {
    const actor = await authorise(ctx, Api.RecordRecovery);
    const { caseId, ...input } = argsOf(Api.RecordRecovery, args);
    const record = await cases.mustGet(ctx, caseId);
    mustBeOpen(record);
    const transfer = input.transferId === undefined ? undefined : await transfers.get(ctx, input.transferId);
    if (input.kind === 'fundRecovery' && input.transferId !== undefined && !transfer) throw notFound(`transfer ${input.transferId} does not exist`);
    const stamp = stampOf(ctx, actor);
    const recovery = recoveryOf(record, input, transfer, stamp);
    if (recovery.transferId !== undefined) {
      const counted = await caseCountingTransfer(ctx, recovery.transferId);
      if (counted !== undefined && counted !== caseId) throw conflict(`recovery transfer ${recovery.transferId} is already counted in case ${counted}`);
    }
    const next = withRecovery(record, recovery, stamp);
    await cases.save(ctx, next, record);
    emit(ctx, 'CaseRecoveryRecorded', { caseId, kind: recovery.kind, amountFen: recovery.amountFen, ...(recovery.transferId ? { transferId: recovery.transferId } : {}) });
    return caseView(next, todayOf(ctx));
  }

  /**
   * Closes the case with its outcome, once; after the due date it is marked late. Observer
   * remarks must be answered first, or the investigator gives remarksReason (FT-05).
   */
  @Transaction()
  async Close(ctx: Context, args: string): Promise<CaseView> {
    const actor = await authorise(ctx, Api.Close);
    const { caseId, outcome, summary, remarksReason } = argsOf(Api.Close, args);
    const record = await cases.mustGet(ctx, caseId);
    const today = todayOf(ctx);
    const next = { ...closedCase(record, outcome, summary, today, stampOf(ctx, actor)), ...remarksAtClosing(record, remarksReason) };
    await cases.save(ctx, next, record);
    emit(ctx, 'CaseClosed', { caseId, region: next.region, outcome, closedDate: today, late: next.closedLate });
    return caseView(next, today);
  }

  /** Names a patient observer (FT-05) on an open case, by the pseudonymous id the gateway gave out. */
  @Transaction()
  async AssignObserver(ctx: Context, args: string): Promise<CaseView> {
    const actor = await authorise(ctx, Api.AssignObserver);
    const { caseId, observerId } = argsOf(Api.AssignObserver, args);
    const record = await cases.mustGet(ctx, caseId);
    const next = withObserver(record, observerId, stampOf(ctx, actor));
    await cases.save(ctx, next, record);
    emit(ctx, 'CaseObserverAssigned', { caseId, observerId });
    return caseView(next, todayOf(ctx));
  }

  /** An assigned observer's challenge or remark (FT-05); the investigator must answer it before closing. */
  @Transaction()
  async FileRemark(ctx: Context, args: string): Promise<ObserverCaseView> {
    const actor = await authorise(ctx, Api.FileRemark);
    const { caseId, observerId, kind, text } = argsOf(Api.FileRemark, args);
    const record = await observedCase(ctx, caseId, observerId);
    const next = withRemark(record, observerId, kind, text, stampOf(ctx, actor));
    await cases.save(ctx, next, record);
    emit(ctx, 'CaseRemarkFiled', { caseId, region: next.region, remarkNo: remarksOf(next).length, kind });
    return observerView(next, todayOf(ctx));
  }

  @Transaction()
  async AnswerRemark(ctx: Context, args: string): Promise<CaseView> {
    const actor = await authorise(ctx, Api.AnswerRemark);
    const { caseId, remarkNo, answer } = argsOf(Api.AnswerRemark, args);
    const record = await cases.mustGet(ctx, caseId);
    const next = withAnswer(record, remarkNo, answer, stampOf(ctx, actor));
    await cases.save(ctx, next, record);
    emit(ctx, 'CaseRemarkAnswered', { caseId, remarkNo });
    return caseView(next, todayOf(ctx));
  }

  /** A case as an assigned observer reads it: subjects, evidence list, findings, sanctions, recoveries, remarks; no patient identity. */
  @Transaction(false)
  async ObserverView(ctx: Context, args: string): Promise<ObserverCaseView> {
    await authorise(ctx, Api.ObserverView);
    const { caseId, observerId } = argsOf(Api.ObserverView, args);
    return observerView(await observedCase(ctx, caseId, observerId), todayOf(ctx));
  }

  /** The cases an observer is assigned to, a page at a time, in case id order. */
  @Transaction(false)
  async ListForObserver(ctx: Context, args: string): Promise<ObserverCasePage> {
    await authorise(ctx, Api.ListForObserver);
    const { observerId, pageSize, bookmark } = argsOf(Api.ListForObserver, args);
    const today = todayOf(ctx);
    const page = await casesOfObserver(ctx, observerId, { pageSize, bookmark });
    return { observerId, cases: page.records.map((c) => observerView(c, today)), bookmark: page.bookmark };
  }

  @Transaction(false)
  async Get(ctx: Context, args: string): Promise<CaseView> {
    const actor = await authorise(ctx, Api.Get);
    const record = await cases.mustGet(ctx, argsOf(Api.Get, args).caseId);
    mustRead(actor, record);
    return caseView(record, todayOf(ctx));
  }

  /** A region's cases, a page at a time, in case id order. */
  @Transaction(false)
  async ListByRegion(ctx: Context, args: string): Promise<CasePage> {
    const actor = await authorise(ctx, Api.ListByRegion);
    const { region, pageSize, bookmark } = argsOf(Api.ListByRegion, args);
    mustReadRegion(actor, region);
    const today = todayOf(ctx);
    const page = await casesOfRegion(ctx, region, { pageSize, bookmark });
    return { ...page, records: page.records.map((c) => caseView(c, today)) };
  }

  /** Open cases past their due date as of this query's transaction time, most overdue first. */
  @Transaction(false)
  async ListOverdue(ctx: Context, args: string): Promise<OverdueCases> {
    const actor = await authorise(ctx, Api.ListOverdue);
    const { region, pageSize, bookmark } = argsOf(Api.ListOverdue, args);
    mustReadRegion(actor, region);
    const today = todayOf(ctx);
    const page = await overdueCases(ctx, region, today, { pageSize, bookmark });
    return { region, asOf: today, cases: page.records.map((c) => caseView(c, today)), bookmark: page.bookmark };
  }
}
