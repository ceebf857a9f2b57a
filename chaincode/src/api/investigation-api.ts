/** Investigation: fraud cases with their subjects, evidence, findings, sanctions and recoveries, on a 15-working-day clock (FT-01, FT-02, FT-04). */
import { Type } from '@sinclair/typebox';
import {
  CASE_FRAUD_TYPES,
  CASE_OUTCOMES,
  CASE_SUBJECT_KINDS,
  EVIDENCE_KINDS,
  RECOVERY_KINDS,
  type CasePage,
  type CaseView,
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
  Close: submitTx('Investigation:Close', {
    args: Closed({ caseId: Id, outcome: OneOf(CASE_OUTCOMES), summary: Text(2000) }),
    result: returns<CaseView>(),
  }),
  Get: evaluateTx('Investigation:Get', { args: Closed({ caseId: Id }), result: returns<CaseView>() }),
  ListByRegion: evaluateTx('Investigation:ListByRegion', { args: Closed({ region: Region, ...Paging }), result: returns<CasePage>() }),
  /** Open cases past their due date as of this query's transaction time, most overdue first. */
  ListOverdue: evaluateTx('Investigation:ListOverdue', { args: Closed({ region: Region, ...Paging }), result: returns<OverdueCases>() }),
} as const;
