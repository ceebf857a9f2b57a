import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import { MAX_FEN } from '../../chaincode/src/api/kit';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import { BJ, SH, cc, expectRefusal, patient, people } from '../support/insurance-fixtures';
import { memberLedger } from '../support/membership-fixtures';

const PATIENT = patient('SH-1');

describe('InsuredPerson contract', () => {
  let ledger: FakeLedger;
  const call = <T>(who: FakeIdentity, fn: (ctx: Context, args: string) => Promise<T>, args: Record<string, unknown>) =>
    ledger.tx(who, (ctx) => fn(ctx, JSON.stringify(args)));
  const enrol = (who: FakeIdentity, args: Record<string, unknown>) => call(who, (ctx, a) => cc.insuredPerson.Enrol(ctx, a), args);
  const setStatus = (who: FakeIdentity, status: string, reason = 'contributions stopped') =>
    call(who, (ctx, a) => cc.insuredPerson.SetStatus(ctx, a), { patientRef: PATIENT, status, reason });
  const credit = (who: FakeIdentity, amountFen: number, reference: string) => call(who, (ctx, a) => cc.insuredPerson.CreditAccount(ctx, a), { patientRef: PATIENT, amountFen, reference });
  const get = (who: FakeIdentity, patientRef = PATIENT) => call(who, (ctx, a) => cc.insuredPerson.Get(ctx, a), { patientRef });

  beforeEach(async () => {
    ledger = await memberLedger();
  });

  it('enrols a patient in the calling insurer’s region, once, anywhere', async () => {
    const record = await enrol(people.insurerSH, { patientRef: PATIENT, scheme: 'employee', personalAccountFen: 12_345 });
    expect(record).to.deep.include({ docType: 'insured-person', patientRef: PATIENT, insuredRegion: SH, scheme: 'employee', status: 'ACTIVE', personalAccountFen: 12_345, statusChanges: [], credits: [] });
    expect(record.enrolled.by.mspId).to.equal('InsurerSHMSP');
    expect(ledger.lastEvent).to.deep.equal({ name: 'InsuredPersonEnrolled', payload: { patientRef: PATIENT, insuredRegion: SH, scheme: 'employee', txId: record.enrolled.txId } });
    await expectRefusal(enrol(people.insurerSH, { patientRef: PATIENT, scheme: 'resident' }), 'CONFLICT', /is already enrolled in region 310000/);
    await expectRefusal(enrol(people.insurerBJ, { patientRef: PATIENT, scheme: 'resident' }), 'CONFLICT', /is insured in region 310000; one person is insured in one region/);
    expect((await enrol(people.insurerBJ, { patientRef: patient('BJ-1'), scheme: 'resident' })).personalAccountFen).to.equal(0);
  });

  it('lets only insurers write, with their arguments checked field by field', async () => {
    for (const who of [people.hospitalAdmin, people.doctor, people.pharmacist, people.investigator]) {
      await expectRefusal(enrol(who, { patientRef: PATIENT, scheme: 'employee' }), 'FORBIDDEN', /may not call InsuredPerson:Enrol; requires insurer/);
    }
    await expectRefusal(enrol(people.insurerSH, { patientRef: 'PAT-1', scheme: 'employee' }), 'VALIDATION', /patientRef: must be 64 lowercase hex digits/);
    await expectRefusal(enrol(people.insurerSH, { patientRef: PATIENT, scheme: 'commercial' }), 'VALIDATION', /scheme: must be one of employee, resident/);
    await expectRefusal(enrol(people.insurerSH, { patientRef: PATIENT, scheme: 'employee', personalAccountFen: -1 }), 'VALIDATION', /personalAccountFen: must be an integer from 0/);
    await expectRefusal(enrol(people.insurerSH, { patientRef: PATIENT, scheme: 'employee', insuredRegion: BJ }), 'VALIDATION', /insuredRegion: is not an allowed field/);
  });

  it('moves the status with a reason, by the insured region’s insurer only; ENDED is final', async () => {
    await enrol(people.insurerSH, { patientRef: PATIENT, scheme: 'employee' });
    await expectRefusal(setStatus(people.insurerBJ, 'SUSPENDED'), 'FORBIDDEN', /only the insurer of region 310000 writes the record/);
    const suspended = await setStatus(people.insurerSH, 'SUSPENDED');
    expect(suspended.status).to.equal('SUSPENDED');
    expect(suspended.statusChanges.map((c) => [c.status, c.reason])).to.deep.equal([['SUSPENDED', 'contributions stopped']]);
    expect(ledger.lastEvent).to.deep.include({ name: 'InsuredPersonStatusSet' });
    await expectRefusal(setStatus(people.insurerSH, 'SUSPENDED'), 'CONFLICT', /is already SUSPENDED/);
    expect((await setStatus(people.insurerSH, 'ACTIVE', 'contributions paid')).status).to.equal('ACTIVE');
    const ended = await setStatus(people.insurerSH, 'ENDED', 'moved to another region');
    expect(ended.statusChanges.map((c) => c.status)).to.deep.equal(['SUSPENDED', 'ACTIVE', 'ENDED']);
    await expectRefusal(setStatus(people.insurerSH, 'ACTIVE'), 'CONFLICT', /has ended; it cannot change status/);
    await expectRefusal(setStatus(people.insurerSH, 'GONE'), 'VALIDATION', /status: must be one of ACTIVE, SUSPENDED, ENDED/);
    await expectRefusal(call(people.insurerSH, (ctx, a) => cc.insuredPerson.SetStatus(ctx, a), { patientRef: PATIENT, status: 'ACTIVE' }), 'VALIDATION', /reason: is required/);
    await expectRefusal(call(people.insurerSH, (ctx, a) => cc.insuredPerson.SetStatus(ctx, a), { patientRef: patient('nobody'), status: 'ACTIVE', reason: 'x' }), 'NOT_FOUND', /insured-person [0-9a-f]{64} does not exist/);
  });

  it('credits the personal account once per reference, up to MAX_FEN, and never ended insurance', async () => {
    await enrol(people.insurerSH, { patientRef: PATIENT, scheme: 'employee', personalAccountFen: 1_000 });
    const credited = await credit(people.insurerSH, 250_000, 'ALLOC-2026');
    expect(credited.personalAccountFen).to.equal(251_000);
    expect(credited.credits).to.deep.equal([{ amountFen: 250_000, reference: 'ALLOC-2026', balanceAfterFen: 251_000, recorded: credited.updated }]);
    expect(ledger.lastEvent).to.deep.equal({ name: 'InsuredPersonAccountCredited', payload: { patientRef: PATIENT, insuredRegion: SH, amountFen: 250_000, reference: 'ALLOC-2026', txId: credited.updated.txId } });
    await expectRefusal(credit(people.insurerSH, 250_000, 'ALLOC-2026'), 'CONFLICT', /credit ALLOC-2026 was already made/);
    await expectRefusal(credit(people.insurerBJ, 1, 'ALLOC-BJ'), 'FORBIDDEN', /only the insurer of region 310000/);
    await expectRefusal(credit(people.insurerSH, 0, 'ZERO'), 'VALIDATION', /amountFen: must be an integer from 1 to 100000000000/);
    await expectRefusal(credit(people.insurerSH, MAX_FEN, 'HUGE'), 'RULE', /would exceed 100000000000 fen/);
    expect((await credit(people.insurerSH, MAX_FEN - 251_000, 'TOP-UP')).personalAccountFen).to.equal(MAX_FEN);
    await setStatus(people.insurerSH, 'ENDED', 'deceased');
    await expectRefusal(credit(people.insurerSH, 1, 'ALLOC-2027'), 'CONFLICT', /has ended; its account takes no credits/);
  });

  it('is read by every enrolled role: staff need it at the counter', async () => {
    await enrol(people.insurerSH, { patientRef: PATIENT, scheme: 'resident' });
    for (const who of [people.doctor, people.pharmacist2, people.hospitalAdmin, people.insurerBJ, people.investigator]) {
      expect(await get(who)).to.include({ insuredRegion: SH, scheme: 'resident', status: 'ACTIVE' });
    }
    await expectRefusal(get(people.doctor, patient('nobody')), 'NOT_FOUND', /does not exist/);
  });
});
