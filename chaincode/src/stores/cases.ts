/** Investigation cases: key caseId, listed per region, open ones by due date; and what a case may name and link. */
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, indexTails, lastAttribute, pageOf, type Paging } from '../ledger/record-store';
import type { Page } from '../model/audit';
import type { CaseSubject, EvidenceKind, InvestigationCaseRecord } from '../model/investigation-case';
import { batches } from './batches';
import { claims } from './claims';
import { dispenses } from './dispenses';
import { institutions } from './institutions';
import { insuredPersons } from './insured-persons';
import { practitioners } from './practitioners';
import { prescriptions } from './prescriptions';
import { transfers } from './transfers';

/** [region, caseId]: a region's cases, open and closed. */
export const CASE_BY_REGION = 'case-by-region';
/** [region, dueDate, caseId]: open cases in due-date order; gone once closed. */
export const CASE_OPEN_BY_DUE = 'case-open-by-due';
/** [transferId, caseId]: the case a Settlement:Recover transfer is counted in, so no second case counts it. */
export const CASE_BY_RECOVERY_TRANSFER = 'case-by-recovery-transfer';

/** [observerId, caseId]: the cases a patient observer is assigned to (FT-05). */
export const CASE_BY_OBSERVER = 'case-by-observer';

export const cases = new RecordStore<InvestigationCaseRecord>('investigation-case', (c) => c.caseId, [
  index(CASE_BY_REGION, (c) => [[c.region, c.caseId]]),
  index(CASE_OPEN_BY_DUE, (c) => (c.status === 'OPEN' ? [[c.region, c.dueDate, c.caseId]] : [])),
  index(CASE_BY_RECOVERY_TRANSFER, (c) => c.recoveries.flatMap((r) => (r.transferId === undefined ? [] : [[r.transferId, c.caseId]]))),
  index(CASE_BY_OBSERVER, (c) => (c.observers ?? []).map((o) => [o.observerId, c.caseId])),
]);

/** One page of the cases an observer is assigned to, in case id order. */
export function casesOfObserver(ctx: Context, observerId: string, paging: Paging): Promise<Page<InvestigationCaseRecord>> {
  return pageOf(ctx, CASE_BY_OBSERVER, [observerId], paging, (attributes) => cases.mustGet(ctx, lastAttribute(attributes)));
}

/** One page of a region's cases, in case id order. */
export function casesOfRegion(ctx: Context, region: string, paging: Paging): Promise<Page<InvestigationCaseRecord>> {
  return pageOf(ctx, CASE_BY_REGION, [region], paging, (attributes) => cases.mustGet(ctx, lastAttribute(attributes)));
}

/**
 * One page of a region's open cases due before `today`, most overdue first. The index holds open
 * cases only, in due-date order, so a page reads at most its own size of entries and ends at the
 * first case not yet due: closed cases and the rest of the ledger are never read.
 */
export async function overdueCases(ctx: Context, region: string, today: string, paging: Paging): Promise<Page<InvestigationCaseRecord>> {
  let reachedDue = false;
  const page = await pageOf(ctx, CASE_OPEN_BY_DUE, [region], paging, async ([, dueDate, caseId]) => {
    if (reachedDue || dueDate >= today) {
      reachedDue = true;
      return undefined;
    }
    return cases.mustGet(ctx, caseId);
  });
  return reachedDue ? { ...page, bookmark: '' } : page;
}

/** The case that already counts a recovery transfer, if any. */
export async function caseCountingTransfer(ctx: Context, transferId: string): Promise<string | undefined> {
  const [entry] = await indexTails(ctx, CASE_BY_RECOVERY_TRANSFER, [transferId]);
  return entry?.[0];
}

/** Whether the record a piece of evidence names is on the ledger; a tx id cannot be looked up by chaincode, so it is taken as given. */
export async function evidenceExists(ctx: Context, kind: EvidenceKind, id: string): Promise<boolean> {
  switch (kind) {
    case 'claim':
      return claims.exists(ctx, id);
    case 'transfer':
      return transfers.exists(ctx, id);
    case 'batch':
      return batches.exists(ctx, id);
    case 'prescription':
      return prescriptions.exists(ctx, id);
    case 'dispense':
      return dispenses.exists(ctx, id);
    case 'tx':
      return true;
  }
}

/** Whether a subject is on the ledger: a registered institution, a registered doctor, an insured person. */
export async function subjectExists(ctx: Context, subject: CaseSubject): Promise<boolean> {
  switch (subject.kind) {
    case 'institution':
      return institutions.exists(ctx, subject.id);
    case 'practitioner':
      return practitioners.exists(ctx, subject.id);
    case 'patient':
      return insuredPersons.exists(ctx, subject.id);
  }
}
