/**
 * The complaint clock (PT-06) and the case clock (FT-02) on the region's calendar, with the chaincode's own date and
 * working-day rules (the same functions that set a complaint's due date).
 */
import { addDays, chinaDateOf } from '../../../chaincode/src/rules/dates';
import { isWorkingDay, type WorkCalendar } from '../../../chaincode/src/rules/working-days';

export type { WorkCalendar };

/** Today in China, as the chaincode counts it. */
export const chinaToday = (): string => chinaDateOf(Date.now());

/** Working days after today up to and including the due date; negative (working days past it) once overdue. */
export function workingDaysLeft(today: string, due: string, calendar: WorkCalendar): number {
  let count = 0;
  if (due >= today) {
    for (let d = addDays(today, 1); d <= due; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) count++;
    return count;
  }
  for (let d = addDays(due, 1); d <= today; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) count--;
  return count;
}
