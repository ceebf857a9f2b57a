import type { Stamp } from './audit';

export const COMPLAINT_TARGET_TYPES = ['claim', 'prescription', 'dispense', 'doctor', 'institution'] as const;
export type ComplaintTargetType = (typeof COMPLAINT_TARGET_TYPES)[number];

/** SR-19 / §3.2 complaint categories. */
export const COMPLAINT_CATEGORIES = ['offIndication', 'repeatExam', 'fundSiphoning', 'abnormalFee', 'service'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_OUTCOMES = ['upheld', 'notUpheld', 'referred'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** Working days the region's insurer has to answer (PT-06). */
export const COMPLAINT_RESPONSE_WORKING_DAYS = 7;

/**
 * A patient's complaint or report (PT-02, PT-06), filed through an institution. OVERDUE is not
 * stored: it is evaluated against transaction time, since no transaction fires when a deadline
 * passes.
 */
export interface ComplaintRecord {
  docType: 'complaint';
  complaintId: string;
  patientRef: string;
  /** The institution that filed it on the patient's behalf. */
  institutionId: string;
  /** The region whose insurer must answer: the filing institution's. */
  region: string;
  targetType: ComplaintTargetType;
  targetId: string;
  category: ComplaintCategory;
  /** The disputed fee line of a claim, when there is one (PT-02). */
  feeLineRef?: { claimId: string; lineNo: number };
  /** sha256 of the complaint text kept off chain. */
  detailHash?: string;
  filedDate: string;
  /** Last China date on which a response is on time: filed + 7 working days. */
  dueDate: string;
  status: 'FILED' | 'RESOLVED';
  outcome?: ComplaintOutcome;
  /** sha256 of the response text kept off chain. */
  responseHash?: string;
  respondedLate?: boolean;
  filed: Stamp;
  responded?: Stamp;
}

/** A complaint as read back: `overdue` is evaluated as of the query's transaction time. */
export interface ComplaintView extends ComplaintRecord {
  overdue: boolean;
}

export interface OverdueList {
  region: string;
  /** China date the list was evaluated on. */
  asOf: string;
  complaints: ComplaintView[];
}

/** A region's working-day calendar, kept in state and set by that region's insurer. */
export interface CalendarRecord {
  docType: 'calendar';
  region: string;
  holidays: string[];
  extraWorkdays: string[];
  updated: Stamp;
}
