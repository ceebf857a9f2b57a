/**
 * An investigation case's clock (FT-02: cases closed within 15 working days): the due date set at
 * opening on the region's working-day calendar, whether a case is overdue on a day, and whether
 * it was closed late. Pure.
 */
import { CASE_WORKING_DAYS, type CaseView, type InvestigationCaseRecord } from '../model/investigation-case';
import { addWorkingDays, type WorkCalendar } from './working-days';

/** The 15th working day after the opening date; the opening day itself never counts (as for complaints, PT-06). */
export const caseDueDate = (openedDate: string, calendar: WorkCalendar): string => addWorkingDays(openedDate, CASE_WORKING_DAYS, calendar);

/** Open and past its due date on `today` (a China date): overdue from the day after the due date. */
export const isOverdue = (c: Pick<InvestigationCaseRecord, 'status' | 'dueDate'>, today: string): boolean => c.status === 'OPEN' && today > c.dueDate;

/** OVERDUE is never stored: no transaction fires when a due date passes, so it is judged as of `today`. */
export const caseView = (c: InvestigationCaseRecord, today: string): CaseView => ({ ...c, overdue: isOverdue(c, today) });

/** A case closed after its due date is marked late. */
export const closedLate = (c: Pick<InvestigationCaseRecord, 'dueDate'>, closedDate: string): boolean => closedDate > c.dueDate;
