import type { Stamp } from './audit';

/** Whether a registered doctor may currently issue insurance prescriptions (CR-01, RX-06). */
export const RX_RIGHT_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;
export type RxRightStatus = (typeof RX_RIGHT_STATUSES)[number];

/** A deduction from the doctor's points file, with the evidence it rests on. */
export interface Violation {
  ruleId: string;
  pointsDeducted: number;
  pointsAfter: number;
  reason: string;
  evidenceRef: string;
  /** True when this deduction brought the points to the threshold and suspended prescribing. */
  suspended: boolean;
  recorded: Stamp;
}

/** An explicit decision by an insurer or regulator that gave a suspended doctor back the right. */
export interface Restoration {
  decisionRef: string;
  reason: string;
  pointsAtRestore: number;
  recorded: Stamp;
}

/** The doctor's registration (備案) and points file (§3.2 item 2); key: doctorId (licence id). */
export interface PractitionerRecord {
  docType: 'practitioner';
  doctorId: string;
  institutionId: string;
  /** Region of the registering hospital. */
  region: string;
  /** Practice scope as registered (CR-02). */
  scope: string[];
  registrationStatus: 'REGISTERED';
  points: number;
  rxRight: RxRightStatus;
  /** When the current suspension began; absent while ACTIVE. */
  suspendedAt?: string;
  violations: Violation[];
  restorations: Restoration[];
  registered: Stamp;
  updated: Stamp;
}
