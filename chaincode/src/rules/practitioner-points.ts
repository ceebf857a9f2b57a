/**
 * The doctor's insurance points file (CR-01): 100 points at registration, deductions per
 * violation, prescribing suspended once the points reach 60 or fewer. Points never go below 0.
 */
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
