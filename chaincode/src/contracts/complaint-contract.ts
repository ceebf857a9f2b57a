import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { ComplaintApi } from '../api/complaint-api';
import { authorise, stampOf } from '../ledger/caller';
import { conflict, forbidden, notFound } from '../ledger/errors';
import { emit } from '../ledger/events';
import { insurerRegionOf, isInsurerOf, staffOf } from '../ledger/parties';
import { txTimeMs } from '../ledger/time';
import { argsOf } from '../ledger/transaction-input';
import { COMPLAINT_RESPONSE_WORKING_DAYS, type CalendarRecord, type ComplaintRecord, type ComplaintView, type OverdueList } from '../model/complaint';
import { answered, calendarDays, canReadComplaint, checkClaimConcerned, claimsConcerned, complaintView } from '../rules/complaints';
import { chinaDateOf } from '../rules/dates';
import { addWorkingDays } from '../rules/working-days';
import { claims } from '../stores/claims';
import { calendars, complaints, overdueComplaints, targetExists, workCalendarOf } from '../stores/complaints';

const todayOf = (ctx: Context): string => chinaDateOf(txTimeMs(ctx));

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
  async File(ctx: Context, args: string): Promise<ComplaintRecord> {
    const staff = staffOf(await authorise(ctx, ComplaintApi.File));
    const input = argsOf(ComplaintApi.File, args);
    const { complaintId, patientRef, targetType, targetId, feeLineRef } = input;
    const concerned = claimsConcerned(targetType, targetId, feeLineRef);
    if (await complaints.exists(ctx, complaintId)) throw conflict(`complaint ${complaintId} already exists`);
    if (!(await targetExists(ctx, targetType, targetId))) throw notFound(`${targetType} ${targetId} does not exist`);
    for (const claimId of concerned) checkClaimConcerned(await claims.mustGet(ctx, claimId), patientRef, feeLineRef);
    const filedDate = todayOf(ctx);
    const complaint: ComplaintRecord = {
      docType: 'complaint',
      ...input,
      institutionId: staff.institutionId,
      region: staff.region,
      filedDate,
      dueDate: addWorkingDays(filedDate, COMPLAINT_RESPONSE_WORKING_DAYS, await workCalendarOf(ctx, staff.region)),
      status: 'FILED',
      filed: stampOf(ctx, staff.actor),
    };
    await complaints.save(ctx, complaint);
    emit(ctx, 'ComplaintFiled', { complaintId, region: complaint.region, dueDate: complaint.dueDate });
    return complaint;
  }

  /** The region's insurer answers; the response text stays off chain, its hash is kept. A late answer is marked so. */
  @Transaction()
  async Respond(ctx: Context, args: string): Promise<ComplaintRecord> {
    const actor = await authorise(ctx, ComplaintApi.Respond);
    const { complaintId, outcome, responseHash } = argsOf(ComplaintApi.Respond, args);
    const complaint = await complaints.mustGet(ctx, complaintId);
    if (complaint.region !== insurerRegionOf(actor)) throw forbidden(`only the insurer of ${complaint.region} answers complaint ${complaintId}`);
    if (complaint.status !== 'FILED') throw conflict(`complaint ${complaintId} was already answered`);
    const next = answered(complaint, outcome, responseHash, todayOf(ctx), stampOf(ctx, actor));
    await complaints.save(ctx, next, complaint);
    emit(ctx, 'ComplaintResponded', { complaintId, late: next.respondedLate });
    return next;
  }

  @Transaction(false)
  async Get(ctx: Context, args: string): Promise<ComplaintView> {
    const actor = await authorise(ctx, ComplaintApi.Get);
    const complaint = await complaints.mustGet(ctx, argsOf(ComplaintApi.Get, args).complaintId);
    if (!canReadComplaint(actor, complaint)) throw forbidden(`complaint ${complaint.complaintId} is not visible to ${actor.role} of ${actor.mspId}`);
    return complaintView(complaint, todayOf(ctx));
  }

  /** Unanswered complaints past their due date as of this query's transaction time. */
  @Transaction(false)
  async ListOverdue(ctx: Context, args: string): Promise<OverdueList> {
    const actor = await authorise(ctx, ComplaintApi.ListOverdue);
    const { region } = argsOf(ComplaintApi.ListOverdue, args);
    if (actor.role !== 'investigator' && !isInsurerOf(actor, region)) throw forbidden(`only the insurer of ${region} or an investigator lists its overdue complaints`);
    const today = todayOf(ctx);
    const overdue = await overdueComplaints(ctx, region, today);
    return { region, asOf: today, complaints: overdue.map((c) => complaintView(c, today)) };
  }

  /** Replaces the caller's region's holidays and make-up working days; only that region's insurer may. */
  @Transaction()
  async SetCalendar(ctx: Context, args: string): Promise<CalendarRecord> {
    const actor = await authorise(ctx, ComplaintApi.SetCalendar);
    const { holidays, extraWorkdays } = argsOf(ComplaintApi.SetCalendar, args);
    const region = insurerRegionOf(actor);
    const record: CalendarRecord = { docType: 'calendar', region, ...calendarDays(holidays, extraWorkdays), updated: stampOf(ctx, actor) };
    await calendars.save(ctx, record);
    emit(ctx, 'CalendarSet', { region });
    return record;
  }

  /** A region's calendar; NOT_FOUND when none was set, in which case only weekends are off. */
  @Transaction(false)
  async GetCalendar(ctx: Context, args: string): Promise<CalendarRecord> {
    await authorise(ctx, ComplaintApi.GetCalendar);
    return calendars.mustGet(ctx, argsOf(ComplaintApi.GetCalendar, args).region);
  }
}
