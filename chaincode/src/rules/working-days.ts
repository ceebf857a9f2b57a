import { addDays, weekdayOf } from './dates';

/**
 * A region's working-day calendar (PT-06). Weekends are off unless listed as make-up working
 * days (China moves weekend days around public holidays, 调休); listed holidays are off.
 */
export interface WorkCalendar {
  holidays: readonly string[];
  extraWorkdays: readonly string[];
}

export const WEEKENDS_ONLY: WorkCalendar = { holidays: [], extraWorkdays: [] };

export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.holidays.includes(date)) return false;
  if (calendar.extraWorkdays.includes(date)) return true;
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6;
}

/**
 * The date that is `count` working days after `start`. The start day itself never counts, so a
 * complaint filed on any day of the week gets the full `count` working days to be answered.
 */
export function addWorkingDays(start: string, count: number, calendar: WorkCalendar): string {
  if (!Number.isInteger(count) || count < 0) throw new Error(`working-day count must be a non-negative integer, got ${count}`);
  let date = start;
  for (let remaining = count; remaining > 0; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date, calendar)) remaining--;
  }
  return date;
}
