import { expect } from 'chai';
import { ComplaintApi } from '../../chaincode/src/api/complaint-api';
import { TraceApi } from '../../chaincode/src/api/trace-api';
import { createHash } from 'node:crypto';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import { ChaincodeError } from '../../chaincode/src/ledger/errors';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import type { ComplaintRecord } from '../../chaincode/src/model/complaint';
import { answered, calendarDays, checkClaimConcerned, claimsConcerned, complaintView } from '../../chaincode/src/rules/complaints';
import { SH, expectRefusal, patient, people } from '../support/insurance-fixtures';
import { call, seedClaim } from '../support/settlement-fixtures';
import { memberLedger } from '../support/membership-fixtures';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const PATIENT = patient('SH-1');
const nationalDay = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: ['2026-10-10'],
};

describe('Complaint contract (PT-06)', () => {
  let ledger: FakeLedger;
  const file = (who: FakeIdentity, complaint: Record<string, unknown>) => call(ledger, who, ComplaintApi.File, complaint);
  const respond = (who: FakeIdentity, complaintId: string, outcome: string, responseHash: string) => call(ledger, who, ComplaintApi.Respond, { complaintId, outcome, responseHash });
  const get = (who: FakeIdentity, complaintId: string) => call(ledger, who, ComplaintApi.Get, { complaintId });
  const setCalendar = (who: FakeIdentity, calendar: object) => call(ledger, who, ComplaintApi.SetCalendar, calendar);
  const overdue = (who: FakeIdentity = people.insurerSH) => call(ledger, who, ComplaintApi.ListOverdue, { region: SH });
  const at = (iso: string) => {
    ledger.nowMs = Date.parse(iso);
  };

  beforeEach(async () => {
    ledger = await memberLedger();
    at('2026-09-30T02:00:00Z'); // Wednesday 10:00 in China, before the National Day week
    // The claim as the Claim contract leaves it: two fee lines, the second a CT scan.
    await seedClaim(ledger, people.hospitalAdmin, { claimId: 'C-1', patientRef: PATIENT, insuredRegion: SH, treatmentRegion: SH, institutionId: 'H310001', status: 'UNDER_REVIEW', fundFen: 0, feeLineCount: 2 });
  });

  it('is due 7 working days later on the region calendar, listed overdue after that, and marked late if answered late', async () => {
    await setCalendar(people.insurerSH, nationalDay);
    const complaint = await file(people.hospitalAdmin, {
      complaintId: 'CP-1',
      patientRef: PATIENT,
      targetType: 'claim',
      targetId: 'C-1',
      category: 'repeatExam',
      feeLineRef: { claimId: 'C-1', lineNo: 2 },
      detailHash: hash('two CT scans on one day'),
    });
    expect(complaint).to.include({ filedDate: '2026-09-30', dueDate: '2026-10-15', status: 'FILED', region: SH, institutionId: 'H310001' });
    expect(ledger.lastEvent?.payload).to.deep.equal({ complaintId: 'CP-1', region: SH, dueDate: '2026-10-15', txId: complaint.filed.txId });

    at('2026-10-15T15:00:00Z'); // 23:00 on the due date in China: still on time
    expect((await overdue()).complaints).to.deep.equal([]);
    at('2026-10-15T16:30:00Z'); // 00:30 on 16 October in China
    const list = await overdue();
    expect(list.asOf).to.equal('2026-10-16');
    expect(list.complaints.map((c) => [c.complaintId, c.overdue])).to.deep.equal([['CP-1', true]]);
    expect((await get(people.investigator, 'CP-1')).overdue).to.equal(true);

    await expectRefusal(respond(people.insurerBJ, 'CP-1', 'upheld', hash('r')), 'FORBIDDEN');
    const answered = await respond(people.insurerSH, 'CP-1', 'upheld', hash('refund of one CT'));
    expect(answered).to.include({ status: 'RESOLVED', outcome: 'upheld', respondedLate: true });
    expect((await overdue()).complaints).to.deep.equal([]);
    expect((await get(people.hospitalAdmin, 'CP-1')).overdue).to.equal(false);
    await expectRefusal(respond(people.insurerSH, 'CP-1', 'notUpheld', hash('r')), 'CONFLICT');

    const timeline = await call(ledger, people.investigator, TraceApi.Timeline, { actorType: 'patientRef', id: PATIENT });
    expect(timeline.entries.filter((e) => e.kind === 'complaint').map((e) => e.action)).to.deep.equal(['filed', 'responded']);
  });

  it('counts weekends only when the region has no calendar, and answers on time are not late', async () => {
    const complaint = await file(people.pharmacist, { complaintId: 'CP-2', patientRef: PATIENT, targetType: 'institution', targetId: 'H310001', category: 'service' });
    expect(complaint.dueDate).to.equal('2026-10-09');
    at('2026-10-09T08:00:00Z');
    const answered = await respond(people.insurerSH, 'CP-2', 'referred', hash('to the hospital'));
    expect(answered.respondedLate).to.equal(false);
  });

  it('checks the target, the fee line and who may file, respond and read', async () => {
    const base = { complaintId: 'CP-3', patientRef: PATIENT, targetType: 'claim', targetId: 'C-1', category: 'abnormalFee' };
    await expectRefusal(file(people.hospitalAdmin, { ...base, targetId: 'C-404' }), 'NOT_FOUND', /claim C-404/);
    await expectRefusal(file(people.hospitalAdmin, { ...base, patientRef: patient('SH-2') }), 'RULE', /not the patient's/);
    await expectRefusal(file(people.hospitalAdmin, { ...base, feeLineRef: { claimId: 'C-1', lineNo: 3 } }), 'VALIDATION', /has 2 fee lines/);
    await expectRefusal(file(people.hospitalAdmin, { ...base, category: 'rude' }), 'VALIDATION', /category: must be one of/);
    await expectRefusal(file(people.insurerSH, base), 'FORBIDDEN');
    await file(people.hospitalAdmin, base);
    await expectRefusal(file(people.hospitalAdmin, base), 'CONFLICT');
    await expectRefusal(get(people.doctor2, 'CP-3'), 'FORBIDDEN');
    await expectRefusal(overdue(people.insurerBJ), 'FORBIDDEN');
  });

  it('keeps a calendar per region, set only by that region insurer', async () => {
    const set = await setCalendar(people.insurerSH, { holidays: ['2026-10-02', '2026-10-01'], extraWorkdays: [] });
    expect(set.holidays).to.deep.equal(['2026-10-01', '2026-10-02']);
    expect(await call(ledger, people.pharmacist, ComplaintApi.GetCalendar, { region: SH })).to.deep.equal(set);
    await expectRefusal(call(ledger, people.insurerBJ, ComplaintApi.GetCalendar, { region: '110000' }), 'NOT_FOUND');
    await expectRefusal(setCalendar(people.hospitalAdmin, nationalDay), 'FORBIDDEN');
    await expectRefusal(setCalendar(people.insurerSH, { holidays: ['2026-02-30'], extraWorkdays: [] }), 'VALIDATION', /holidays\[0\]: must be a date/);
    await expectRefusal(setCalendar(people.insurerSH, { holidays: ['2026-10-10'], extraWorkdays: ['2026-10-10'] }), 'VALIDATION', /both as a holiday and as a working day/);
    await expectRefusal(setCalendar(people.insurerSH, { holidays: ['2026-10-01', '2026-10-01'], extraWorkdays: [] }), 'VALIDATION', /holidays: must not list an entry twice/);
  });
});

/** The code of the chaincode error fn throws. */
function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ChaincodeError) return `${err.code}: ${err.reason}`;
    throw err;
  }
  return undefined;
}

describe('complaint rules', () => {
  const claim = { claimId: 'C-1', patientRef: PATIENT, feeLines: [{}, {}] } as unknown as ClaimRecord;
  const filed = { complaintId: 'CP-1', status: 'FILED', dueDate: '2026-10-15' } as ComplaintRecord;
  const stamp = { by: { mspId: 'InsurerSHMSP', id: 'x509::insurer', role: 'insurer' }, at: '2026-10-15T02:00:00.000Z', txId: 'tx9' } as const;

  it('names each claim a complaint concerns once, and its fee line must be on the target claim', () => {
    expect(claimsConcerned('claim', 'C-1')).to.deep.equal(['C-1']);
    expect(claimsConcerned('claim', 'C-1', { claimId: 'C-1', lineNo: 1 })).to.deep.equal(['C-1']);
    expect(claimsConcerned('institution', 'H310001', { claimId: 'C-2', lineNo: 1 })).to.deep.equal(['C-2']);
    expect(claimsConcerned('doctor', 'DOC-1001')).to.deep.equal([]);
    expect(codeOf(() => claimsConcerned('claim', 'C-1', { claimId: 'C-2', lineNo: 1 }))).to.equal('VALIDATION: feeLineRef.claimId: must be the target claim');
  });

  it('takes fee lines 1 to the claim’s last, for the claim’s own patient only', () => {
    expect(codeOf(() => checkClaimConcerned(claim, PATIENT, { claimId: 'C-1', lineNo: 2 }))).to.equal(undefined);
    expect(codeOf(() => checkClaimConcerned(claim, PATIENT, { claimId: 'C-1', lineNo: 3 }))).to.match(/^VALIDATION: feeLineRef\.lineNo: must be at most 2/);
    // A fee line of another claim is that claim's business.
    expect(codeOf(() => checkClaimConcerned(claim, PATIENT, { claimId: 'C-2', lineNo: 9 }))).to.equal(undefined);
    expect(codeOf(() => checkClaimConcerned(claim, patient('SH-2')))).to.equal("RULE: claim C-1 is not the patient's");
  });

  it('is overdue from the day after the due date until answered, and late only if answered after it', () => {
    expect(complaintView(filed, '2026-10-15').overdue).to.equal(false);
    expect(complaintView(filed, '2026-10-16').overdue).to.equal(true);
    expect(answered(filed, 'upheld', hash('r'), '2026-10-15', stamp)).to.include({ status: 'RESOLVED', outcome: 'upheld', respondedLate: false });
    const late = answered(filed, 'upheld', hash('r'), '2026-10-16', stamp);
    expect(late.respondedLate).to.equal(true);
    expect(complaintView(late, '2026-12-31').overdue).to.equal(false);
  });

  it('sorts a calendar’s days and refuses a day both off and worked, naming where it was sent', () => {
    expect(calendarDays(['2026-10-02', '2026-10-01'], ['2026-10-10', '2026-09-27'])).to.deep.equal({
      holidays: ['2026-10-01', '2026-10-02'],
      extraWorkdays: ['2026-09-27', '2026-10-10'],
    });
    expect(calendarDays([], [])).to.deep.equal({ holidays: [], extraWorkdays: [] });
    expect(codeOf(() => calendarDays(['2026-10-01', '2026-10-10'], ['2026-10-11', '2026-10-10']))).to.equal(
      'VALIDATION: extraWorkdays[1]: 2026-10-10 is listed both as a holiday and as a working day',
    );
  });
});
