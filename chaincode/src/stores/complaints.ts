/** Complaints and the regions' working-day calendars, with the queries over them. */
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, indexTails, lastAttribute } from '../ledger/record-store';
import type { CalendarRecord, ComplaintRecord, ComplaintTargetType } from '../model/complaint';
import { WEEKENDS_ONLY, type WorkCalendar } from '../rules/working-days';
import { claims } from './claims';
import { dispenses } from './dispenses';
import { practitioners } from './practitioners';
import { prescriptions } from './prescriptions';

/** [region, dueDate, complaintId]: unanswered complaints in due-date order; gone once answered. */
export const COMPLAINT_OPEN = 'complaint-open';
/** [patientRef, complaintId]: patient timelines. */
export const COMPLAINT_BY_PATIENT = 'complaint-by-patient';

export const complaints = new RecordStore<ComplaintRecord>('complaint', (c) => c.complaintId, [
  index(COMPLAINT_OPEN, (c) => (c.status === 'FILED' ? [[c.region, c.dueDate, c.complaintId]] : [])),
  index(COMPLAINT_BY_PATIENT, (c) => [[c.patientRef, c.complaintId]]),
]);

export const calendars = new RecordStore<CalendarRecord>('calendar', (c) => c.region);

/** The region's calendar as it stands; only weekends are off where none was set. */
export async function workCalendarOf(ctx: Context, region: string): Promise<WorkCalendar> {
  return (await calendars.get(ctx, region)) ?? WEEKENDS_ONLY;
}

/** Unanswered complaints of a region due before `today`, most overdue first. */
export async function overdueComplaints(ctx: Context, region: string, today: string): Promise<ComplaintRecord[]> {
  const overdue = (await indexTails(ctx, COMPLAINT_OPEN, [region])).filter(([dueDate]) => today > dueDate);
  return Promise.all(overdue.map((tail) => complaints.mustGet(ctx, lastAttribute(tail))));
}

export async function complaintsOfPatient(ctx: Context, patientRef: string): Promise<ComplaintRecord[]> {
  const tails = await indexTails(ctx, COMPLAINT_BY_PATIENT, [patientRef]);
  return Promise.all(tails.map((tail) => complaints.mustGet(ctx, lastAttribute(tail))));
}

/** Whether a complaint's target is on the ledger; institutions have no on-chain registry, so any is taken. */
export async function targetExists(ctx: Context, targetType: ComplaintTargetType, targetId: string): Promise<boolean> {
  switch (targetType) {
    case 'claim':
      return claims.exists(ctx, targetId);
    case 'prescription':
      return prescriptions.exists(ctx, targetId);
    case 'dispense':
      return dispenses.exists(ctx, targetId);
    case 'doctor':
      return practitioners.exists(ctx, targetId);
    case 'institution':
      return true;
  }
}
