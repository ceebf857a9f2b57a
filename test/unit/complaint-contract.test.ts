import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import { SH, cc, expectRefusal, invoice, patient, people, seedPolicies } from '../support/insurance-fixtures';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const PATIENT = patient('SH-1');
const nationalDay = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: ['2026-10-10'],
};

describe('Complaint contract (PT-06)', () => {
  let ledger: FakeLedger;
  const file = (who: FakeIdentity, complaint: Record<string, unknown>) => ledger.tx(who, (ctx) => cc.complaint.File(ctx, JSON.stringify(complaint)));
  const overdue = (who: FakeIdentity = people.insurerSH) => ledger.tx(who, (ctx) => cc.complaint.ListOverdue(ctx, SH));
  const at = (iso: string) => {
    ledger.nowMs = Date.parse(iso);
  };

  beforeEach(async () => {
    ledger = new FakeLedger();
    await seedPolicies(ledger);
    at('2026-09-30T02:00:00Z'); // Wednesday 10:00 in China, before the National Day week
    await ledger.tx(people.hospitalAdmin, (ctx) =>
      cc.claim.Submit(
        ctx,
        JSON.stringify({
          claimId: 'C-1',
          refType: 'encounter',
          refId: 'ENC-1',
          invoiceHash: invoice('1'),
          patientRef: PATIENT,
          insuredRegion: SH,
          institutionLevel: 'basic',
          encounterType: 'outpatient',
          serviceDate: '2026-09-30',
          feeLines: [
            { item: 'consultation', unitPriceFen: 5_000, quantity: 1, amountFen: 5_000, category: 'service' },
            { item: 'CT scan', unitPriceFen: 40_000, quantity: 2, amountFen: 80_000, category: 'exam' },
          ],
        }),
      ),
    );
  });

  it('is due 7 working days later on the region calendar, listed overdue after that, and marked late if answered late', async () => {
    await ledger.tx(people.insurerSH, (ctx) => cc.complaint.SetCalendar(ctx, JSON.stringify(nationalDay)));
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
    expect((await ledger.tx(people.investigator, (ctx) => cc.complaint.Get(ctx, 'CP-1'))).overdue).to.equal(true);

    await expectRefusal(ledger.tx(people.insurerBJ, (ctx) => cc.complaint.Respond(ctx, 'CP-1', 'upheld', hash('r'))), 'FORBIDDEN');
    const answered = await ledger.tx(people.insurerSH, (ctx) => cc.complaint.Respond(ctx, 'CP-1', 'upheld', hash('refund of one CT')));
    expect(answered).to.include({ status: 'RESOLVED', outcome: 'upheld', respondedLate: true });
    expect((await overdue()).complaints).to.deep.equal([]);
    expect((await ledger.tx(people.hospitalAdmin, (ctx) => cc.complaint.Get(ctx, 'CP-1'))).overdue).to.equal(false);
    await expectRefusal(ledger.tx(people.insurerSH, (ctx) => cc.complaint.Respond(ctx, 'CP-1', 'notUpheld', hash('r'))), 'CONFLICT');

    const timeline = await ledger.tx(people.investigator, (ctx) => cc.trace.Timeline(ctx, 'patientRef', PATIENT));
    expect(timeline.entries.filter((e) => e.kind === 'complaint').map((e) => e.action)).to.deep.equal(['filed', 'responded']);
  });

  it('counts weekends only when the region has no calendar, and answers on time are not late', async () => {
    const complaint = await file(people.pharmacist, { complaintId: 'CP-2', patientRef: PATIENT, targetType: 'institution', targetId: 'H310001', category: 'service' });
    expect(complaint.dueDate).to.equal('2026-10-09');
    at('2026-10-09T08:00:00Z');
    const answered = await ledger.tx(people.insurerSH, (ctx) => cc.complaint.Respond(ctx, 'CP-2', 'referred', hash('to the hospital')));
    expect(answered.respondedLate).to.equal(false);
  });

  it('checks the target, the fee line and who may file, respond and read', async () => {
    const base = { complaintId: 'CP-3', patientRef: PATIENT, targetType: 'claim', targetId: 'C-1', category: 'abnormalFee' };
    await expectRefusal(file(people.hospitalAdmin, { ...base, targetId: 'C-404' }), 'NOT_FOUND', /claim C-404/);
    await expectRefusal(file(people.hospitalAdmin, { ...base, patientRef: patient('SH-2') }), 'RULE', /not the patient's/);
    await expectRefusal(file(people.hospitalAdmin, { ...base, feeLineRef: { claimId: 'C-1', lineNo: 3 } }), 'VALIDATION', /has 2 fee lines/);
    await expectRefusal(file(people.hospitalAdmin, { ...base, category: 'rude' }), 'VALIDATION', /category must be one of/);
    await expectRefusal(file(people.insurerSH, base), 'FORBIDDEN');
    await file(people.hospitalAdmin, base);
    await expectRefusal(file(people.hospitalAdmin, base), 'CONFLICT');
    await expectRefusal(ledger.tx(people.doctor2, (ctx) => cc.complaint.Get(ctx, 'CP-3')), 'FORBIDDEN');
    await expectRefusal(overdue(people.insurerBJ), 'FORBIDDEN');
  });

  it('keeps a calendar per region, set only by that region insurer', async () => {
    const set = await ledger.tx(people.insurerSH, (ctx) => cc.complaint.SetCalendar(ctx, JSON.stringify({ holidays: ['2026-10-02', '2026-10-01'], extraWorkdays: [] })));
    expect(set.holidays).to.deep.equal(['2026-10-01', '2026-10-02']);
    await expectRefusal(ledger.tx(people.insurerBJ, (ctx) => cc.complaint.GetCalendar(ctx, '110000')), 'NOT_FOUND');
    await expectRefusal(ledger.tx(people.hospitalAdmin, (ctx) => cc.complaint.SetCalendar(ctx, JSON.stringify(nationalDay))), 'FORBIDDEN');
    await expectRefusal(ledger.tx(people.insurerSH, (ctx) => cc.complaint.SetCalendar(ctx, JSON.stringify({ holidays: ['2026-02-30'], extraWorkdays: [] }))), 'VALIDATION', /not a calendar date/);
    await expectRefusal(
      ledger.tx(people.insurerSH, (ctx) => cc.complaint.SetCalendar(ctx, JSON.stringify({ holidays: ['2026-10-10'], extraWorkdays: ['2026-10-10'] }))),
      'VALIDATION',
      /both as a holiday and as a working day/,
    );
  });
});
