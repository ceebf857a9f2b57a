/**
 * An investigation case's own rules: what it may name and link, who may read it, and the
 * versions opening, linking, finding, sanctioning, recovering and closing write. Pure; the
 * Investigation contract reads the ledger and saves.
 */
import { ChaincodeError, conflict, invalidFields, ruleViolation, validationError, type FieldError } from '../ledger/errors';
import { isInsurerOf } from '../ledger/parties';
import type { Stamp } from '../model/audit';
import type { Caller } from '../model/membership';
import type {
  CaseEvidence,
  CaseFraudType,
  CaseOutcome,
  CaseRecovery,
  CaseSanction,
  CaseSubject,
  EvidenceKind,
  InvestigationCaseRecord,
  RecoveryKind,
} from '../model/investigation-case';
import type { InstitutionRecord, SanctionAction } from '../model/institution';
import type { TransferRecord } from '../model/transfer';
import { closedLate } from './case-clock';
import { revokedInstitution, suspendedInstitution, type SanctionBasis } from './sanctions';

/** Evidence one case may hold in all: its record stays well inside a transaction's write set. */
export const MAX_CASE_EVIDENCE = 500;
/** Findings, sanctions and recoveries one case may hold, each. */
export const MAX_CASE_ENTRIES = 100;

const PATIENT_REF = /^[0-9a-f]{64}$/;
const TX_ID = /^[0-9a-f]{64}$/;
/** A mainland resident ID number (GB 11643): 6-digit region, birth date, sequence, check digit. */
const RESIDENT_ID = /(?<![0-9])[1-9][0-9]{5}(18|19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])/;

/**
 * Free text on a case is on the ledger for good: patients are named by patientRef only, so a
 * text carrying a resident ID number is refused (the one identity a machine can recognise).
 */
export function checkNoIdentity(field: string, text: string): void {
  if (RESIDENT_ID.test(text)) throw validationError(field, 'must not contain a resident ID number: name patients by patientRef');
}

export interface CaseOpening {
  caseId: string;
  region: string;
  fraudType: CaseFraudType;
  allegation: string;
  subjects: CaseSubject[];
}

/** Subjects named once each; a patient only by patientRef. */
export function checkSubjects(subjects: readonly CaseSubject[]): void {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  subjects.forEach((s, i) => {
    if (s.kind === 'patient' && !PATIENT_REF.test(s.id)) errors.push({ field: `subjects[${i}].id`, message: 'must be 64 lowercase hex digits (a patientRef): patients are never named in plaintext' });
    const key = `${s.kind}\u0000${s.id}`;
    if (seen.has(key)) errors.push({ field: `subjects[${i}]`, message: `names ${s.kind} ${s.id} a second time` });
    seen.add(key);
  });
  if (errors.length) throw invalidFields(errors);
}

/** A newly opened case, due on `dueDate`. */
export function openedCase(input: CaseOpening, openedDate: string, dueDate: string, stamp: Stamp): InvestigationCaseRecord {
  checkNoIdentity('allegation', input.allegation);
  checkSubjects(input.subjects);
  return {
    docType: 'investigation-case',
    caseId: input.caseId,
    region: input.region,
    fraudType: input.fraudType,
    allegation: input.allegation,
    subjects: input.subjects.map(({ kind, id }) => ({ kind, id })),
    evidence: [],
    findings: [],
    sanctions: [],
    recoveries: [],
    recoveredFen: 0,
    penaltiesFen: 0,
    openedDate,
    dueDate,
    status: 'OPEN',
    opened: stamp,
    updated: stamp,
  };
}

/** Only an open case changes; a closed one is final (CONFLICT). */
export function mustBeOpen(c: InvestigationCaseRecord): void {
  if (c.status !== 'OPEN') throw conflict(`case ${c.caseId} was closed on ${c.closedDate} (${c.outcome}); a closed case is final`);
}

export interface EvidenceItem {
  kind: EvidenceKind;
  id: string;
  note: string;
}

/** Items well formed and new to the case: a tx id is 64 hex digits; an item already linked is a CONFLICT. */
export function checkEvidence(c: InvestigationCaseRecord, items: readonly EvidenceItem[]): void {
  const errors: FieldError[] = [];
  const linked = new Set(c.evidence.map((e) => `${e.kind}\u0000${e.id}`));
  const fresh = new Set<string>();
  items.forEach((item, i) => {
    if (item.kind === 'tx' && !TX_ID.test(item.id)) errors.push({ field: `items[${i}].id`, message: 'must be a transaction id: 64 lowercase hex digits' });
    if (RESIDENT_ID.test(item.note)) errors.push({ field: `items[${i}].note`, message: 'must not contain a resident ID number: name patients by patientRef' });
    const key = `${item.kind}\u0000${item.id}`;
    if (fresh.has(key)) errors.push({ field: `items[${i}]`, message: `lists ${item.kind} ${item.id} a second time` });
    fresh.add(key);
  });
  if (errors.length) throw invalidFields(errors);
  const again = items.find((item) => linked.has(`${item.kind}\u0000${item.id}`));
  if (again) throw conflict(`${again.kind} ${again.id} is already evidence in case ${c.caseId}`);
  if (c.evidence.length + items.length > MAX_CASE_EVIDENCE) {
    throw ruleViolation(`case ${c.caseId} holds ${c.evidence.length} evidence items; at most ${MAX_CASE_EVIDENCE} in all`);
  }
}

export function withEvidence(c: InvestigationCaseRecord, items: readonly EvidenceItem[], stamp: Stamp): InvestigationCaseRecord {
  mustBeOpen(c);
  checkEvidence(c, items);
  const added: CaseEvidence[] = items.map(({ kind, id, note }) => ({ kind, id, note, linked: stamp }));
  return { ...c, evidence: [...c.evidence, ...added], updated: stamp };
}

const mustHaveRoom = (c: InvestigationCaseRecord, what: 'findings' | 'sanctions' | 'recoveries'): void => {
  if (c[what].length >= MAX_CASE_ENTRIES) throw ruleViolation(`case ${c.caseId} already holds ${MAX_CASE_ENTRIES} ${what}`);
};

export interface FindingInput {
  summary: string;
  ruleIds?: string[];
  detailHash?: string;
}

export function withFinding(c: InvestigationCaseRecord, input: FindingInput, stamp: Stamp): InvestigationCaseRecord {
  mustBeOpen(c);
  mustHaveRoom(c, 'findings');
  checkNoIdentity('summary', input.summary);
  const finding = { findingNo: c.findings.length + 1, summary: input.summary, ruleIds: input.ruleIds ?? [], ...(input.detailHash ? { detailHash: input.detailHash } : {}), recorded: stamp };
  return { ...c, findings: [...c.findings, finding], updated: stamp };
}

/** A sanction lands on an institution the case names as a subject; an institution not named is refused (RULE). */
export function sanctionTargetRefusal(c: InvestigationCaseRecord, institutionId: string): ChaincodeError | undefined {
  if (c.subjects.some((s) => s.kind === 'institution' && s.id === institutionId)) return undefined;
  return ruleViolation(`institution ${institutionId} is not a subject of case ${c.caseId}; name it when the case is opened`);
}

/** The reference a registry sanction carries back to the case. */
export const caseReference = (caseId: string): string => `case:${caseId}`;

/** The institution after the registry's own sanction rules applied it: a suspension needs its last day, a revocation has none. */
export function sanctionedInstitution(
  institution: InstitutionRecord,
  action: SanctionAction,
  until: string | undefined,
  basis: SanctionBasis,
  today: string,
  stamp: Stamp,
): InstitutionRecord {
  if (action === 'REVOKE') {
    if (until !== undefined) throw validationError('until', 'must be left out for a REVOKE: a revocation is final');
    return revokedInstitution(institution, basis, stamp);
  }
  if (until === undefined) throw validationError('until', 'is required for a SUSPEND: the last China date of the suspension');
  return suspendedInstitution(institution, until, basis, today, stamp);
}

export function withSanction(c: InvestigationCaseRecord, sanction: Omit<CaseSanction, 'recorded'>, stamp: Stamp): InvestigationCaseRecord {
  mustBeOpen(c);
  mustHaveRoom(c, 'sanctions');
  checkNoIdentity('reason', sanction.reason);
  return { ...c, sanctions: [...c.sanctions, { ...sanction, recorded: stamp }], updated: stamp };
}

export interface RecoveryInput {
  kind: RecoveryKind;
  transferId?: string;
  amountFen?: number;
  payer?: string;
  paymentRef?: string;
}

/**
 * The recovery as the case records it. A fund recovery is the Settlement:Recover transfer named
 * (kind recovery), of a claim the case holds as evidence; its amount and payer are the
 * transfer's, so what the fund got back is counted once, where Settlement recorded it. A fine or
 * confiscation is not fund money: it states its own amount, payer and payment reference.
 */
export function recoveryOf(c: InvestigationCaseRecord, input: RecoveryInput, transfer: TransferRecord | undefined, stamp: Stamp): CaseRecovery {
  if (input.kind === 'fundRecovery') {
    const extra = (['amountFen', 'payer', 'paymentRef'] as const).filter((f) => input[f] !== undefined);
    if (input.transferId === undefined) throw validationError('transferId', 'is required for a fundRecovery: the Settlement:Recover transfer');
    if (extra.length) throw invalidFields(extra.map((f) => ({ field: f, message: 'must be left out for a fundRecovery: the recovery transfer says it' })));
    if (!transfer || transfer.kind !== 'recovery') throw ruleViolation(`transfer ${input.transferId} is ${transfer ? `a ${transfer.kind}` : 'unknown'}, not a recovery (Settlement:Recover)`);
    const claimIds = transfer.claimIds.filter((id) => !c.evidence.some((e) => e.kind === 'claim' && e.id === id));
    if (claimIds.length) throw ruleViolation(`claim ${claimIds.join(', ')} recovered by transfer ${transfer.transferId} is not evidence in case ${c.caseId}; link it first`);
    return { kind: 'fundRecovery', amountFen: transfer.amountFen, payer: transfer.fromParty, transferId: transfer.transferId, claimIds: [...transfer.claimIds], recorded: stamp };
  }
  const errors: FieldError[] = [];
  if (input.transferId !== undefined) errors.push({ field: 'transferId', message: `must be left out for a ${input.kind}: only fund recoveries are transfers` });
  if (input.amountFen === undefined || input.amountFen === 0) errors.push({ field: 'amountFen', message: `is required for a ${input.kind} and must be above 0` });
  if (input.payer === undefined) errors.push({ field: 'payer', message: `is required for a ${input.kind}` });
  if (input.paymentRef === undefined) errors.push({ field: 'paymentRef', message: `is required for a ${input.kind}` });
  if (errors.length) throw invalidFields(errors);
  return { kind: input.kind, amountFen: input.amountFen as number, payer: input.payer as string, paymentRef: input.paymentRef as string, recorded: stamp };
}

export function withRecovery(c: InvestigationCaseRecord, recovery: CaseRecovery, stamp: Stamp): InvestigationCaseRecord {
  mustBeOpen(c);
  mustHaveRoom(c, 'recoveries');
  if (recovery.transferId !== undefined && c.recoveries.some((r) => r.transferId === recovery.transferId)) {
    throw conflict(`recovery transfer ${recovery.transferId} is already counted in case ${c.caseId}`);
  }
  const fund = recovery.kind === 'fundRecovery';
  return {
    ...c,
    recoveries: [...c.recoveries, recovery],
    recoveredFen: c.recoveredFen + (fund ? recovery.amountFen : 0),
    penaltiesFen: c.penaltiesFen + (fund ? 0 : recovery.amountFen),
    updated: stamp,
  };
}

/** Closed with an outcome, once; a substantiated case rests on at least one finding. Closing after the due date is marked late. */
export function closedCase(c: InvestigationCaseRecord, outcome: CaseOutcome, summary: string, today: string, stamp: Stamp): InvestigationCaseRecord {
  mustBeOpen(c);
  checkNoIdentity('summary', summary);
  if (outcome === 'substantiated' && c.findings.length === 0) throw ruleViolation(`case ${c.caseId} has no findings; a substantiated case rests on at least one`);
  return { ...c, status: 'CLOSED', outcome, closingSummary: summary, closedDate: today, closedLate: closedLate(c, today), updated: stamp };
}

/** The regulator's investigators read every case; an insurer reads the cases of its own region. */
export const canReadCase = (actor: Caller, c: Pick<InvestigationCaseRecord, 'region'>): boolean => actor.role === 'investigator' || isInsurerOf(actor, c.region);
