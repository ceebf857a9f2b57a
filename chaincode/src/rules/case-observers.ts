/**
 * Patient observers on a case (FT-05: patient observers examine records and bills and challenge
 * over-treatment and fund siphoning): who may be assigned, what an assigned observer reads, the
 * remarks they file and the investigator's answers, and closing over unanswered remarks. Pure.
 */
import { conflict, forbidden, notFound, ruleViolation, validationError } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { CaseRemark, InvestigationCaseRecord, ObserverCaseView, RemarkKind } from '../model/investigation-case';
import { isOverdue } from './case-clock';
import { checkNoIdentity, mustBeOpen } from './case-records';

/** Observers one case may name. */
export const MAX_CASE_OBSERVERS = 10;
/** Remarks one case may hold: its record stays well inside a transaction's write set. */
export const MAX_CASE_REMARKS = 100;

export const observersOf = (c: InvestigationCaseRecord) => c.observers ?? [];
export const remarksOf = (c: InvestigationCaseRecord): CaseRemark[] => c.remarks ?? [];
const isAssigned = (c: InvestigationCaseRecord, observerId: string): boolean => observersOf(c).some((o) => o.observerId === observerId);

/** An observer not assigned to the case reads and files nothing on it (FORBIDDEN, the same for an unknown case id's existence). */
export function mustBeAssigned(c: InvestigationCaseRecord, observerId: string): void {
  if (!isAssigned(c, observerId)) throw forbidden(`observer ${observerId} is not assigned to case ${c.caseId}`);
}

/** An open case gets an observer once (again → CONFLICT), up to MAX_CASE_OBSERVERS. */
export function withObserver(c: InvestigationCaseRecord, observerId: string, stamp: Stamp): InvestigationCaseRecord {
  mustBeOpen(c);
  if (isAssigned(c, observerId)) throw conflict(`observer ${observerId} is already assigned to case ${c.caseId}`);
  if (observersOf(c).length >= MAX_CASE_OBSERVERS) throw ruleViolation(`case ${c.caseId} already has ${MAX_CASE_OBSERVERS} observers`);
  return { ...c, observers: [...observersOf(c), { observerId, assigned: stamp }], updated: stamp };
}

/** An assigned observer's challenge or remark on an open case; the text is on the ledger for good, so no resident ID number. */
export function withRemark(c: InvestigationCaseRecord, observerId: string, kind: RemarkKind, text: string, stamp: Stamp): InvestigationCaseRecord {
  mustBeAssigned(c, observerId);
  mustBeOpen(c);
  checkNoIdentity('text', text);
  const remarks = remarksOf(c);
  if (remarks.length >= MAX_CASE_REMARKS) throw ruleViolation(`case ${c.caseId} already holds ${MAX_CASE_REMARKS} remarks`);
  return { ...c, remarks: [...remarks, { remarkNo: remarks.length + 1, observerId, kind, text, filed: stamp }], updated: stamp };
}

/** The investigator answers a remark once, while the case is open. */
export function withAnswer(c: InvestigationCaseRecord, remarkNo: number, text: string, stamp: Stamp): InvestigationCaseRecord {
  mustBeOpen(c);
  checkNoIdentity('answer', text);
  const remarks = remarksOf(c);
  const remark = remarks.find((r) => r.remarkNo === remarkNo);
  if (!remark) throw notFound(`case ${c.caseId} has no remark ${remarkNo}`);
  if (remark.answer) throw conflict(`remark ${remarkNo} of case ${c.caseId} was answered on ${remark.answer.answered.at}`);
  return { ...c, remarks: remarks.map((r) => (r.remarkNo === remarkNo ? { ...r, answer: { text, answered: stamp } } : r)), updated: stamp };
}

/**
 * FT-05 before closing: every remark answered, or the investigator decides otherwise and says
 * why (`reason`), which the closed case keeps with the remarks it covers. A reason with nothing
 * unanswered is refused: it would explain nothing.
 */
export function remarksAtClosing(c: InvestigationCaseRecord, reason: string | undefined): Pick<InvestigationCaseRecord, 'remarksOverride'> {
  const open = remarksOf(c).filter((r) => !r.answer).map((r) => r.remarkNo);
  if (!open.length) {
    if (reason !== undefined) throw validationError('remarksReason', 'must be left out: every remark is answered');
    return {};
  }
  if (reason === undefined) {
    throw ruleViolation(`case ${c.caseId} has unanswered observer remarks ${open.join(', ')} (FT-05): answer them, or close with remarksReason`);
  }
  checkNoIdentity('remarksReason', reason);
  return { remarksOverride: { reason, remarkNos: open } };
}

/** What an assigned observer reads: see ObserverCaseView. */
export function observerView(c: InvestigationCaseRecord, today: string): ObserverCaseView {
  const view: ObserverCaseView = {
    caseId: c.caseId,
    region: c.region,
    fraudType: c.fraudType,
    allegation: c.allegation,
    status: c.status,
    openedDate: c.openedDate,
    dueDate: c.dueDate,
    overdue: isOverdue(c, today),
    subjects: c.subjects.filter((s) => s.kind !== 'patient'),
    patientSubjects: c.subjects.filter((s) => s.kind === 'patient').length,
    evidence: c.evidence.map((e) => ({ kind: e.kind, id: e.id, note: e.note, linkedAt: e.linked.at })),
    findings: c.findings.map((f) => ({ findingNo: f.findingNo, summary: f.summary, ruleIds: f.ruleIds, recordedAt: f.recorded.at })),
    sanctions: c.sanctions.map((s) => ({
      institutionId: s.institutionId,
      action: s.action,
      ruleId: s.ruleId,
      reason: s.reason,
      ...(s.until === undefined ? {} : { until: s.until }),
      recordedAt: s.recorded.at,
    })),
    recoveries: c.recoveries.map((r) => ({ kind: r.kind, amountFen: r.amountFen, payer: r.payer, ...(r.transferId === undefined ? {} : { transferId: r.transferId }), recordedAt: r.recorded.at })),
    recoveredFen: c.recoveredFen,
    penaltiesFen: c.penaltiesFen,
    remarks: remarksOf(c).map((r) => ({
      remarkNo: r.remarkNo,
      observerId: r.observerId,
      kind: r.kind,
      text: r.text,
      filedAt: r.filed.at,
      ...(r.answer ? { answer: { text: r.answer.text, answeredAt: r.answer.answered.at } } : {}),
    })),
  };
  if (c.closedDate !== undefined) view.closedDate = c.closedDate;
  if (c.outcome !== undefined) view.outcome = c.outcome;
  if (c.closingSummary !== undefined) view.closingSummary = c.closingSummary;
  if (c.remarksOverride !== undefined) view.remarksOverride = c.remarksOverride;
  return view;
}
