/**
 * The doctor's insurance points file (CR-01): 100 points at registration, deductions per
 * violation, prescribing suspended once the points reach 60 or fewer. Points never go below 0.
 */
import { conflict } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { PractitionerRecord } from '../model/practitioner';

export const INITIAL_POINTS = 100;
export const SUSPENSION_THRESHOLD = 60;
/** Largest single deduction accepted; one violation can take the whole file. */
export const MAX_DEDUCTION = INITIAL_POINTS;

/** True when the file is at or below the threshold (CR-01: "扣至60分暫停"). */
export function atSuspensionLevel(points: number): boolean {
  return points <= SUSPENSION_THRESHOLD;
}

export interface DeductionOutcome {
  pointsAfter: number;
  /** This deduction moved an ACTIVE doctor to SUSPENDED. */
  suspendsNow: boolean;
}

export function deductPoints(points: number, deduction: number, currentlyActive: boolean): DeductionOutcome {
  const pointsAfter = Math.max(0, points - deduction);
  return { pointsAfter, suspendsNow: currentlyActive && atSuspensionLevel(pointsAfter) };
}

/** A doctor as registered (備案): full points and an active prescribing right. */
export function registeredPractitioner(
  doctor: Pick<PractitionerRecord, 'doctorId' | 'institutionId' | 'region' | 'scope'>,
  stamp: Stamp,
): PractitionerRecord {
  return {
    docType: 'practitioner',
    ...doctor,
    registrationStatus: 'REGISTERED',
    points: INITIAL_POINTS,
    rxRight: 'ACTIVE',
    violations: [],
    restorations: [],
    registered: stamp,
    updated: stamp,
  };
}

export interface ViolationInput {
  ruleId: string;
  points: number;
  reason: string;
  evidenceRef: string;
}

/** The file after a violation; the deduction that reaches the threshold suspends prescribing with it. */
export function withViolation(record: PractitionerRecord, violation: ViolationInput, stamp: Stamp): { record: PractitionerRecord; suspendsNow: boolean } {
  const { pointsAfter, suspendsNow } = deductPoints(record.points, violation.points, record.rxRight === 'ACTIVE');
  const next: PractitionerRecord = {
    ...record,
    points: pointsAfter,
    violations: [
      ...record.violations,
      { ruleId: violation.ruleId, pointsDeducted: violation.points, pointsAfter, reason: violation.reason, evidenceRef: violation.evidenceRef, suspended: suspendsNow, recorded: stamp },
    ],
    updated: stamp,
  };
  if (suspendsNow) {
    next.rxRight = 'SUSPENDED';
    next.suspendedAt = stamp.at;
  }
  return { record: next, suspendsNow };
}

/**
 * The file after a decision gave back the prescribing right. Points stay as they are, so a doctor
 * restored at 60 or below is suspended again by the next violation. CONFLICT unless suspended.
 */
export function restored(record: PractitionerRecord, decision: { decisionRef: string; reason: string }, stamp: Stamp): PractitionerRecord {
  if (record.rxRight !== 'SUSPENDED') throw conflict(`doctor ${record.doctorId} is not suspended`);
  const next: PractitionerRecord = {
    ...record,
    rxRight: 'ACTIVE',
    restorations: [...record.restorations, { decisionRef: decision.decisionRef, reason: decision.reason, pointsAtRestore: record.points, recorded: stamp }],
    updated: stamp,
  };
  delete next.suspendedAt;
  return next;
}
