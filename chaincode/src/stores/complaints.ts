/** Complaints and the regions' working-day calendars. */
import { RecordStore, index } from '../ledger/record-store';
import type { CalendarRecord, ComplaintRecord } from '../model/complaint';

/** [region, dueDate, complaintId]: unanswered complaints in due-date order; gone once answered. */
export const COMPLAINT_OPEN = 'complaint-open';
/** [patientRef, complaintId]: patient timelines. */
export const COMPLAINT_BY_PATIENT = 'complaint-by-patient';

export const complaints = new RecordStore<ComplaintRecord>('complaint', (c) => c.complaintId, [
  index(COMPLAINT_OPEN, (c) => (c.status === 'FILED' ? [[c.region, c.dueDate, c.complaintId]] : [])),
  index(COMPLAINT_BY_PATIENT, (c) => [[c.patientRef, c.complaintId]]),
]);

export const calendars = new RecordStore<CalendarRecord>('calendar', (c) => c.region);
