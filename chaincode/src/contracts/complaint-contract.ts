import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { callerOf, stampOf } from '../ledger/caller';
import { conflict, forbidden, notFound, ruleViolation, validationError } from '../ledger/errors';
import { emit } from '../ledger/events';
import { deleteIndex, indexTails, mustRead, putIndex, readRecord, recordExists, writeRecord } from '../ledger/state';
import { txTimeMs } from '../ledger/time';
import type { Actor } from '../model/audit';
import type { ClaimRecord } from '../model/claim';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_OUTCOMES,
  COMPLAINT_RESPONSE_WORKING_DAYS,
  COMPLAINT_TARGET_TYPES,
  type CalendarRecord,
  type ComplaintRecord,
  type ComplaintView,
  type OverdueList,
} from '../model/complaint';
import { chinaDateOf, isIsoDate } from '../rules/dates';
import { WEEKENDS_ONLY, addWorkingDays } from '../rules/working-days';
import {
  Fields,
  HASH_RE,
  HASH_RULE,
  ID_RE,
  ID_RULE,
  PATIENT_REF_RE,
  PATIENT_REF_RULE,
  REGION_RE,
  REGION_RULE,
  arg,
  isInsurerOf,
  isStaffOf,
  oneOfArg,
  requireInsurer,
  requireInstitutionStaff,
} from './insurance-support';

/** [region, dueDate, complaintId]: unanswered complaints in due-date order; removed on response. */
export const COMPLAINT_OPEN = 'complaint-open';
/** [patientRef, complaintId]: patient timelines. */
export const COMPLAINT_BY_PATIENT = 'complaint-by-patient';

const MAX_CALENDAR_DAYS = 1000;

/** Record types a complaint target must exist as; institutions have no on-chain registry to check against. */
const TARGET_DOC_TYPES: Partial<Record<ComplaintRecord['targetType'], string>> = {
  claim: 'claim',
  prescription: 'prescription',
  dispense: 'dispense',
  doctor: 'practitioner',
};

function viewOf(complaint: ComplaintRecord, today: string): ComplaintView {
  return { ...complaint, overdue: complaint.status === 'FILED' && today > complaint.dueDate };
}

function canReadComplaint(actor: Actor, complaint: ComplaintRecord): boolean {
  return actor.role === 'investigator' || isInsurerOf(actor, complaint.region) || isStaffOf(actor, complaint.institutionId);
}

@Info({ title: 'Complaint', description: 'Patient complaints and reports, answered within 7 working days (PT-06)' })
export class ComplaintContract extends Contract {
  constructor() {
    super('Complaint');
  }

  /**
   * Institution staff file a complaint for a patient. It is due 7 working days after the filing
   * date on the region's calendar as it stands now; later calendar changes do not move it.
   */
  @Transaction()
  async File(ctx: Context, complaintJson: string): Promise<ComplaintRecord> {
    const staff = requireInstitutionStaff(ctx);
    const f = Fields.parse(complaintJson, 'complaint', ['complaintId', 'patientRef', 'targetType', 'targetId', 'category', 'feeLineRef', 'detailHash']);
    const complaintId = f.str('complaintId', ID_RE, ID_RULE);
    const patientRef = f.str('patientRef', PATIENT_REF_RE, PATIENT_REF_RULE);
    const targetType = f.oneOf('targetType', COMPLAINT_TARGET_TYPES);
    const targetId = f.str('targetId', ID_RE, ID_RULE);
    const category = f.oneOf('category', COMPLAINT_CATEGORIES);
    const feeLineRef = f.optional('feeLineRef', (name) => {
      const ref = f.obj(name, ['claimId', 'lineNo']);
      return { claimId: ref.str('claimId', ID_RE, ID_RULE), lineNo: ref.int('lineNo', 1, 1000) };
    });
    const detailHash = f.optional('detailHash', (name) => f.str(name, HASH_RE, HASH_RULE));
    if (feeLineRef && targetType === 'claim' && feeLineRef.claimId !== targetId) {
      throw validationError('complaint.feeLineRef.claimId must be the target claim');
    }
    if (await recordExists(ctx, 'complaint', complaintId)) throw conflict(`complaint ${complaintId} already exists`);
    const docType = TARGET_DOC_TYPES[targetType];
    if (docType && !(await recordExists(ctx, docType, targetId))) throw notFound(`${targetType} ${targetId} does not exist`);
    const claimIds = [targetType === 'claim' ? targetId : undefined, feeLineRef?.claimId].filter((id): id is string => id !== undefined);
    for (const claimId of new Set(claimIds)) {
      const claim = await mustRead<ClaimRecord>(ctx, 'claim', claimId);
      if (claim.patientRef !== patientRef) throw ruleViolation(`claim ${claimId} is not the patient's`);
      if (feeLineRef?.claimId === claimId && feeLineRef.lineNo > claim.feeLines.length) {
        throw validationError(`complaint.feeLineRef.lineNo: claim ${claimId} has ${claim.feeLines.length} fee lines`);
      }
    }
    const calendar = (await readRecord<CalendarRecord>(ctx, 'calendar', staff.region)) ?? WEEKENDS_ONLY;
    const filedDate = chinaDateOf(txTimeMs(ctx));
    const complaint: ComplaintRecord = {
      docType: 'complaint',
      complaintId,
      patientRef,
      institutionId: staff.institutionId,
      region: staff.region,
      targetType,
      targetId,
      category,
      feeLineRef,
      detailHash,
      filedDate,
      dueDate: addWorkingDays(filedDate, COMPLAINT_RESPONSE_WORKING_DAYS, calendar),
      status: 'FILED',
      filed: stampOf(ctx, staff.actor),
    };
    await writeRecord(ctx, 'complaint', complaintId, complaint);
    await putIndex(ctx, COMPLAINT_OPEN, [complaint.region, complaint.dueDate, complaintId]);
    await putIndex(ctx, COMPLAINT_BY_PATIENT, [patientRef, complaintId]);
    emit(ctx, 'ComplaintFiled', { complaintId, region: complaint.region, dueDate: complaint.dueDate });
    return complaint;
  }

  /** The region's insurer answers; the response text stays off chain, its hash is kept. A late answer is marked so. */
  @Transaction()
  async Respond(ctx: Context, complaintId: string, outcome: string, responseHash: string): Promise<ComplaintRecord> {
    const { actor, region } = requireInsurer(ctx);
    arg(complaintId, 'complaintId', ID_RE, ID_RULE);
    const result = oneOfArg(outcome, 'outcome', COMPLAINT_OUTCOMES);
    arg(responseHash, 'responseHash', HASH_RE, HASH_RULE);
    const complaint = await mustRead<ComplaintRecord>(ctx, 'complaint', complaintId);
    if (complaint.region !== region) throw forbidden(`only the insurer of ${complaint.region} answers complaint ${complaintId}`);
    if (complaint.status !== 'FILED') throw conflict(`complaint ${complaintId} was already answered`);
    const stamp = stampOf(ctx, actor);
    complaint.status = 'RESOLVED';
    complaint.outcome = result;
    complaint.responseHash = responseHash;
    complaint.respondedLate = chinaDateOf(txTimeMs(ctx)) > complaint.dueDate;
    complaint.responded = stamp;
    await writeRecord(ctx, 'complaint', complaintId, complaint);
    await deleteIndex(ctx, COMPLAINT_OPEN, [complaint.region, complaint.dueDate, complaintId]);
    emit(ctx, 'ComplaintResponded', { complaintId, late: complaint.respondedLate });
    return complaint;
  }

  @Transaction(false)
  async Get(ctx: Context, complaintId: string): Promise<ComplaintView> {
    const actor = callerOf(ctx);
    const complaint = await mustRead<ComplaintRecord>(ctx, 'complaint', arg(complaintId, 'complaintId', ID_RE, ID_RULE));
    if (!canReadComplaint(actor, complaint)) throw forbidden(`complaint ${complaintId} is not visible to ${actor.role} of ${actor.mspId}`);
    return viewOf(complaint, chinaDateOf(txTimeMs(ctx)));
  }

  /** Unanswered complaints past their due date as of this query's transaction time. */
  @Transaction(false)
  async ListOverdue(ctx: Context, region: string): Promise<OverdueList> {
    const actor = callerOf(ctx);
    arg(region, 'region', REGION_RE, REGION_RULE);
    if (actor.role !== 'investigator' && !isInsurerOf(actor, region)) throw forbidden(`only the insurer of ${region} or an investigator lists its overdue complaints`);
    const today = chinaDateOf(txTimeMs(ctx));
    const overdueIds = (await indexTails(ctx, COMPLAINT_OPEN, [region])).filter(([dueDate]) => today > dueDate).map(([, id]) => id);
    const complaints = await Promise.all(overdueIds.map((id) => mustRead<ComplaintRecord>(ctx, 'complaint', id)));
    return { region, asOf: today, complaints: complaints.map((c) => viewOf(c, today)) };
  }

  /** Replaces the caller's region's holidays and make-up working days; only that region's insurer may. */
  @Transaction()
  async SetCalendar(ctx: Context, calendarJson: string): Promise<CalendarRecord> {
    const { actor, region } = requireInsurer(ctx);
    const f = Fields.parse(calendarJson, 'calendar', ['holidays', 'extraWorkdays']);
    const dates = (name: string): string[] => {
      const list = f.strings(name, 0, MAX_CALENDAR_DAYS, /^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
      const bad = list.findIndex((d) => !isIsoDate(d));
      if (bad >= 0) throw validationError(`calendar.${name}[${bad}] is not a calendar date`);
      return list.sort();
    };
    const holidays = dates('holidays');
    const extraWorkdays = dates('extraWorkdays');
    const both = holidays.find((d) => extraWorkdays.includes(d));
    if (both) throw validationError(`calendar: ${both} is listed both as a holiday and as a working day`);
    const record: CalendarRecord = { docType: 'calendar', region, holidays, extraWorkdays, updated: stampOf(ctx, actor) };
    await writeRecord(ctx, 'calendar', region, record);
    emit(ctx, 'CalendarSet', { region });
    return record;
  }

  /** A region's calendar; NOT_FOUND when none was set, in which case only weekends are off. */
  @Transaction(false)
  async GetCalendar(ctx: Context, region: string): Promise<CalendarRecord> {
    callerOf(ctx);
    return mustRead<CalendarRecord>(ctx, 'calendar', arg(region, 'region', REGION_RE, REGION_RULE));
  }
}
