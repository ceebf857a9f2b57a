import { expect } from 'chai';
import { addDays, chinaDateOf, daysBetween, isIsoDate, weekdayOf } from '../../chaincode/src/rules/dates';
import { WEEKENDS_ONLY, addWorkingDays, isWorkingDay } from '../../chaincode/src/rules/working-days';

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2026-02-28')).to.equal(true);
    expect(isIsoDate('2028-02-29')).to.equal(true);
    expect(isIsoDate('2026-02-29')).to.equal(false);
    expect(isIsoDate('2026-13-01')).to.equal(false);
    expect(isIsoDate('2026-3-1')).to.equal(false);
  });

  it('counts days and weekdays', () => {
    expect(daysBetween('2026-02-01', '2026-03-03')).to.equal(30);
    expect(addDays('2026-02-28', 1)).to.equal('2026-03-01');
    expect(weekdayOf('2026-03-01')).to.equal(0); // a Sunday
    expect(weekdayOf('2026-03-06')).to.equal(5);
  });

  it('takes the China date of an instant: 16:30Z is already the next day in Beijing', () => {
    expect(chinaDateOf(Date.parse('2026-03-01T15:59:59Z'))).to.equal('2026-03-01');
    expect(chinaDateOf(Date.parse('2026-03-01T16:30:00Z'))).to.equal('2026-03-02');
  });
});

describe('working days (PT-06)', () => {
  it('skips weekends: 7 working days from a Monday is the next Wednesday', () => {
    expect(addWorkingDays('2026-03-02', 7, WEEKENDS_ONLY)).to.equal('2026-03-11');
  });

  it('does not count the start day, even when it is a weekend', () => {
    expect(addWorkingDays('2026-03-01', 7, WEEKENDS_ONLY)).to.equal('2026-03-10'); // filed on a Sunday
    expect(addWorkingDays('2026-03-06', 1, WEEKENDS_ONLY)).to.equal('2026-03-09'); // Friday + 1 → Monday
    expect(addWorkingDays('2026-03-06', 0, WEEKENDS_ONLY)).to.equal('2026-03-06');
  });

  it('skips holidays and counts make-up working weekends', () => {
    // National Day week 2026: 1-7 October off, with Saturday 10 October worked.
    const calendar = {
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
      extraWorkdays: ['2026-10-10'],
    };
    expect(isWorkingDay('2026-10-05', calendar)).to.equal(false);
    expect(isWorkingDay('2026-10-10', calendar)).to.equal(true);
    expect(isWorkingDay('2026-10-11', calendar)).to.equal(false);
    // From Wednesday 30 September: 8, 9, 10 (Sat, worked), 12, 13, 14, 15.
    expect(addWorkingDays('2026-09-30', 7, calendar)).to.equal('2026-10-15');
    expect(addWorkingDays('2026-09-30', 7, WEEKENDS_ONLY)).to.equal('2026-10-09');
  });
});
