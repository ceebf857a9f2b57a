/**
 * The entries of an actor timeline, made from the records themselves, and their order. Pure;
 * the timeline query gathers the records.
 */
import { fieldErrors } from '../api/checker';
import { PatientRef } from '../api/kit';
import { invalidFields } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { ClaimRecord } from '../model/claim';
import type { ComplaintRecord } from '../model/complaint';
import type { DispenseRecord } from '../model/dispense';
import type { FilingRecord } from '../model/filing';
import type { PrescriptionRecord } from '../model/prescription';
import type { TimelineActorType, TimelineEntry } from '../model/trace';
import type { TransferRecord } from '../model/transfer';

/** A patient is named by their pseudonym, checked as every patientRef argument is; other actors by an id. */
export function checkTimelineId(actorType: TimelineActorType, id: string): void {
  const errors = actorType === 'patientRef' ? fieldErrors(PatientRef, id, 'id') : [];
  if (errors.length > 0) throw invalidFields(errors);
}

const at = (stamp: Stamp): Pick<TimelineEntry, 'at' | 'txId'> => ({ at: stamp.at, txId: stamp.txId });

export const prescriptionEntry = (rx: PrescriptionRecord): TimelineEntry => ({ ...at(rx.issued), kind: 'prescription', id: rx.rxId, action: 'issued' });

export const dispenseEntry = (d: DispenseRecord): TimelineEntry => ({ ...at(d.dispensed), kind: 'dispense', id: d.dispenseId, action: 'dispensed' });

/** One entry per status the claim went through, each with the claim's total. */
export const claimEntries = (claim: ClaimRecord): TimelineEntry[] =>
  claim.statusHistory.map((change) => ({ at: change.at, txId: change.txId, kind: 'claim', id: claim.claimId, action: change.status, amountFen: claim.amounts.totalFen }));

/** A payment or clearing is 'paid'; an institution paying a claim's share back is 'recovered'. */
export const transferEntry = (t: TransferRecord): TimelineEntry => ({ ...at(t.executed), kind: 'transfer', id: t.transferId, action: t.kind === 'recovery' ? 'recovered' : 'paid', amountFen: t.amountFen });

export const filingEntry = (f: FilingRecord): TimelineEntry => ({ ...at(f.created), kind: 'filing', id: f.filingId, action: 'filed' });

export function complaintEntries(c: ComplaintRecord): TimelineEntry[] {
  const filed: TimelineEntry = { ...at(c.filed), kind: 'complaint', id: c.complaintId, action: 'filed' };
  return c.responded ? [filed, { ...at(c.responded), kind: 'complaint', id: c.complaintId, action: 'responded' }] : [filed];
}

/**
 * Oldest first. The sort is stable and by time only, so entries of one transaction keep the
 * order they were gathered in: a claim's SUBMITTED stays ahead of the review status recorded
 * in the same transaction.
 */
export const byTime = (entries: readonly TimelineEntry[]): TimelineEntry[] => [...entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
