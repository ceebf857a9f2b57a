/**
 * A complaint's own rules: what its fee line may point at, who may read it, when it is
 * overdue, and what a calendar may list. Pure; the contract reads and saves.
 */
import { ruleViolation, validationError } from '../ledger/errors';
import { isInsurerOf, isStaffOf } from '../ledger/parties';
import type { Stamp } from '../model/audit';
import type { Caller } from '../model/membership';
import type { ClaimRecord } from '../model/claim';
import type { ComplaintOutcome, ComplaintRecord, ComplaintTargetType, ComplaintView } from '../model/complaint';

export interface FeeLineRef {
  claimId: string;
  lineNo: number;
}

/** The claims a complaint concerns: its target when that is a claim, and the claim of its fee line; each once. */
export function claimsConcerned(targetType: ComplaintTargetType, targetId: string, feeLineRef?: FeeLineRef): string[] {
  if (feeLineRef && targetType === 'claim' && feeLineRef.claimId !== targetId) {
    throw validationError('feeLineRef.claimId', 'must be the target claim');
  }
  const ids = [targetType === 'claim' ? targetId : undefined, feeLineRef?.claimId].filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}

/** A claim a complaint names must be the patient's, and its fee line must exist. */
export function checkClaimConcerned(claim: ClaimRecord, patientRef: string, feeLineRef?: FeeLineRef): void {
  if (claim.patientRef !== patientRef) throw ruleViolation(`claim ${claim.claimId} is not the patient's`);
  if (feeLineRef?.claimId === claim.claimId && feeLineRef.lineNo > claim.feeLines.length) {
    throw validationError('feeLineRef.lineNo', `must be at most ${claim.feeLines.length}: claim ${claim.claimId} has ${claim.feeLines.length} fee lines`);
  }
}

/** OVERDUE is never stored: no transaction fires when a deadline passes, so it is judged as of `today`. */
export const complaintView = (complaint: ComplaintRecord, today: string): ComplaintView => ({
  ...complaint,
  overdue: complaint.status === 'FILED' && today > complaint.dueDate,
});

/** Investigators, the insurer who must answer, and the filing institution's staff. */
export const canReadComplaint = (actor: Caller, complaint: ComplaintRecord): boolean =>
  actor.role === 'investigator' || isInsurerOf(actor, complaint.region) || isStaffOf(actor, complaint.institutionId);

/** The answer recorded; an answer after the due date is marked late. */
export function answered(complaint: ComplaintRecord, outcome: ComplaintOutcome, responseHash: string, today: string, stamp: Stamp): ComplaintRecord {
  return { ...complaint, status: 'RESOLVED', outcome, responseHash, respondedLate: today > complaint.dueDate, responded: stamp };
}

/** A calendar's days in date order; a day cannot be both off and worked. */
export function calendarDays(holidays: readonly string[], extraWorkdays: readonly string[]): { holidays: string[]; extraWorkdays: string[] } {
  const sortedHolidays = [...holidays].sort();
  const sortedWorkdays = [...extraWorkdays].sort();
  const both = sortedWorkdays.findIndex((d) => sortedHolidays.includes(d));
  if (both >= 0) {
    const day = sortedWorkdays[both];
    throw validationError(`extraWorkdays[${extraWorkdays.indexOf(day)}]`, `${day} is listed both as a holiday and as a working day`);
  }
  return { holidays: sortedHolidays, extraWorkdays: sortedWorkdays };
}
