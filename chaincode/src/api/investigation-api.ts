/** Investigation: fraud cases with their subjects, evidence, findings, sanctions and recoveries, on a 15-working-day clock (FT-01, FT-02, FT-04). */
import { Type } from '@sinclair/typebox';
import {
  CASE_FRAUD_TYPES,
  CASE_OUTCOMES,
  CASE_SUBJECT_KINDS,
  EVIDENCE_KINDS,
  RECOVERY_KINDS,
  REMARK_KINDS,
  type CasePage,
  type CaseView,
  type ObserverCasePage,
  type ObserverCaseView,
  type OverdueCases,
} from '../model/investigation-case';
import { SANCTION_ACTIONS } from '../model/institution';
import { Closed, Distinct, Fen, Id, IsoDate, OneOf, Paging, Party, PaymentRef, Region, RuleId, Sha256Hex, Text } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

/** People and institutions one case names. */
export const MAX_CASE_SUBJECTS = 20;
/** Evidence items one call links. */
export const MAX_EVIDENCE_PER_CALL = 50;

/** An institution id, a doctor's licence id, or a patientRef (64 hex digits): never a name or an ID number. */
const Subject = Closed({ kind: OneOf(CASE_SUBJECT_KINDS), id: Id });
/** A ledger record by its id, or (kind tx) a transaction by its 64-hex tx id. */
const Evidence = Closed({ kind: OneOf(EVIDENCE_KINDS), id: Id, note: Text(500) });
/** A patient observer (FT-05) by the pseudonymous id the gateway gave out: never a name or an ID number. */
export const ObserverId = Type.String({ pattern: '^OBS-[0-9A-F]{16}$', description: 'a patient observer’s pseudonymous id (OBS- and 16 hex digits)' });

export const InvestigationApi = {
  /** Opens a case; it is due 15 working days later on the region's calendar as it stands now. */
  Open: submitTx('Investigation:Open', {
    args: Closed({
      caseId: Id,
      region: Region,
      fraudType: OneOf(CASE_FRAUD_TYPES),
      allegation: Text(1000),
      subjects: Type.Array(Subject, { minItems: 1, maxItems: MAX_CASE_SUBJECTS }),
    }),
    result: returns<CaseView>(),
  }),
  /** Links records on the ledger (each checked to exist) or transactions as evidence, each with a note. */
  LinkEvidence: submitTx('Investigation:LinkEvidence', {
    args: Closed({ caseId: Id, items: Type.Array(Evidence, { minItems: 1, maxItems: MAX_EVIDENCE_PER_CALL }) }),
    result: returns<CaseView>(),
  }),
  RecordFinding: submitTx('Investigation:RecordFinding', {
    args: Closed({ caseId: Id, summary: Text(2000), ruleIds: Type.Optional(Distinct(RuleId, 1, 10)), detailHash: Type.Optional(Sha256Hex) }),
    result: returns<CaseView>(),
  }),
  /** Suspends (through `until`, a China date) or revokes a subject institution's agreement in the registry (CR-10). */
  Sanction: submitTx('Investigation:Sanction', {
    args: Closed({ caseId: Id, institutionId: Id, action: OneOf(SANCTION_ACTIONS), until: Type.Optional(IsoDate), ruleId: RuleId, reason: Text(500) }),
    result: returns<CaseView>(),
  }),
  /**
   * fundRecovery: names a Settlement:Recover transfer (amount and payer are the transfer's);
   * fine or confiscation: amountFen, payer and paymentRef of money collected outside the fund.
   */
  RecordRecovery: submitTx('Investigation:RecordRecovery', {
    args: Closed({
      caseId: Id,
      kind: OneOf(RECOVERY_KINDS),
      transferId: Type.Optional(Id),
      amountFen: Type.Optional(Fen),
      payer: Type.Optional(Party),
      paymentRef: Type.Optional(PaymentRef),
    }),
    result: returns<CaseView>(),
  }),
  /** Closes once; with observer remarks unanswered only with `remarksReason` (FT-05). */
  Close: submitTx('Investigation:Close', {
    args: Closed({ caseId: Id, outcome: OneOf(CASE_OUTCOMES), summary: Text(2000), remarksReason: Type.Optional(Text(1000)) }),
    result: returns<CaseView>(),
  }),
  /** Names a patient observer (FT-05) on an open case: from then on it reads the case and files remarks. */
  AssignObserver: submitTx('Investigation:AssignObserver', {
    args: Closed({ caseId: Id, observerId: ObserverId }),
    result: returns<CaseView>(),
  }),
  /** The investigator's answer to an observer's remark, once. */
  AnswerRemark: submitTx('Investigation:AnswerRemark', {
    args: Closed({ caseId: Id, remarkNo: Type.Integer({ minimum: 1, maximum: 1000 }), answer: Text(2000) }),
    result: returns<CaseView>(),
  }),
  /**
   * An assigned observer's challenge or remark on an open case (FT-05), filed through the
   * gateway's observer service identity for `observerId`.
   */
  FileRemark: submitTx('Investigation:FileRemark', {
    args: Closed({ caseId: Id, observerId: ObserverId, kind: OneOf(REMARK_KINDS), text: Text(2000) }),
    result: returns<ObserverCaseView>(),
  }),
  /** A case as an assigned observer reads it: no patient identity. */
  ObserverView: evaluateTx('Investigation:ObserverView', { args: Closed({ caseId: Id, observerId: ObserverId }), result: returns<ObserverCaseView>() }),
  /** The cases an observer is assigned to, in case id order. */
  ListForObserver: evaluateTx('Investigation:ListForObserver', { args: Closed({ observerId: ObserverId, ...Paging }), result: returns<ObserverCasePage>() }),
  Get: evaluateTx('Investigation:Get', { args: Closed({ caseId: Id }), result: returns<CaseView>() }),
  ListByRegion: evaluateTx('Investigation:ListByRegion', { args: Closed({ region: Region, ...Paging }), result: returns<CasePage>() }),
  /** Open cases past their due date as of this query's transaction time, most overdue first. */
  ListOverdue: evaluateTx('Investigation:ListOverdue', { args: Closed({ region: Region, ...Paging }), result: returns<OverdueCases>() }),
} as const;
