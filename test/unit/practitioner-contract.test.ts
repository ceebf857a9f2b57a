import { expect } from 'chai';
import type { PractitionerRecord } from '../../chaincode/src/model/practitioner';
import { type FakeIdentity, FakeLedger } from '../support/fake-ledger';
import { expectCode, people, registration, rxcc, seededLedger, violation } from '../support/rx-fixtures';

const violate = (ledger: FakeLedger, points: number, who: FakeIdentity = people.insurerSH) =>
  ledger.tx(who, (ctx) => rxcc.practitioner.RecordViolation(ctx, violation('DOC-1001', 'SR-04', points, 'repeat prescribing', 'CASE-2026-001')));

describe('Practitioner contract', () => {
  let ledger: FakeLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('registers a doctor with 100 points and an active prescribing right, stamped with who and which tx', async () => {
    const doc = await ledger.tx(people.hospitalAdmin, (ctx) => rxcc.practitioner.Get(ctx, JSON.stringify({ doctorId: 'DOC-1001' })));
    expect(doc).to.deep.include({ doctorId: 'DOC-1001', institutionId: 'H310001', region: '310000', points: 100, rxRight: 'ACTIVE', scope: ['内科专业'] });
    expect(doc.registered.by).to.include({ mspId: 'HospitalMSP', role: 'admin', institutionId: 'H310001' });
    expect(doc.registered.txId).to.match(/^tx\d+$/);
  });

  it('lets only a hospital admin register, and only for its own institution', async () => {
    const register = (who: FakeIdentity, institutionId = 'H310001') =>
      ledger.tx(who, (ctx) => rxcc.practitioner.Register(ctx, registration('DOC-2000', institutionId, ['内科专业'])));
    await expectCode(register(people.doctor), 'FORBIDDEN');
    await expectCode(register(people.pharmacyAdmin), 'FORBIDDEN', /only admins of a hospital org register doctors, not admins of PharmacyMSP/);
    await expectCode(register(people.hospitalAdmin2), 'FORBIDDEN', /admin of H310002 cannot register doctors for H310001/);
    await expectCode(
      ledger.tx(people.hospitalAdmin, (ctx) => rxcc.practitioner.Register(ctx, registration('DOC-1001', 'H310001', ['内科专业']))),
      'CONFLICT',
    );
    await expectCode(ledger.tx(people.hospitalAdmin, (ctx) => rxcc.practitioner.Register(ctx, registration('DOC-2000', 'H310001', []))), 'VALIDATION', /^\[VALIDATION\] scope: must be a list of 1 to 20 entries$/);
    await expectCode(ledger.tx(people.hospitalAdmin, (ctx) => rxcc.practitioner.Register(ctx, registration('DOC-2000', 'H310001', ['内科专业', '内科专业']))), 'VALIDATION', /scope: must not list an entry twice/);
    const registered = await register(people.hospitalAdmin);
    expect(registered.points).to.equal(100);
    expect(ledger.lastEvent).to.deep.equal({
      name: 'PractitionerRegistered',
      payload: { doctorId: 'DOC-2000', institutionId: 'H310001', txId: registered.registered.txId },
    });
  });

  it('lets an org-level hospital admin (no institutionId attribute) register for any hospital', async () => {
    const orgAdmin: FakeIdentity = { mspId: 'HospitalMSP', cn: 'orgadmin', attrs: { role: 'admin', region: '310000' } };
    const doc = await ledger.tx(orgAdmin, (ctx) => rxcc.practitioner.Register(ctx, registration('DOC-3000', 'H310003', ['儿科专业'])));
    expect(doc).to.include({ institutionId: 'H310003', points: 100, rxRight: 'ACTIVE' });
  });

  it('CR-01: 39 points off leaves 61 and the right active; the deduction reaching exactly 60 suspends', async () => {
    const after39 = await violate(ledger, 39);
    expect(after39).to.include({ points: 61, rxRight: 'ACTIVE' });
    expect(ledger.lastEvent?.name).to.equal('ViolationRecorded');

    const at60 = await violate(ledger, 1);
    expect(at60).to.include({ points: 60, rxRight: 'SUSPENDED', suspendedAt: '2026-03-01T08:00:00.000Z' });
    expect(ledger.lastEvent).to.deep.include({ name: 'PrescribingSuspended' });
    expect(ledger.lastEvent?.payload).to.include({ doctorId: 'DOC-1001', points: 60, rxRight: 'SUSPENDED' });
    expect(at60.violations.map((v) => [v.pointsDeducted, v.pointsAfter, v.suspended])).to.deep.equal([
      [39, 61, false],
      [1, 60, true],
    ]);
    expect(at60.violations[1].recorded.by).to.include({ mspId: 'InsurerSHMSP', role: 'insurer' });
    expect(at60.violations[1]).to.include({ ruleId: 'SR-04', evidenceRef: 'CASE-2026-001' });
  });

  it('takes violations from insurers and regulator admins only', async () => {
    await expectCode(violate(ledger, 5, people.hospitalAdmin), 'FORBIDDEN', /only insurers or admins of the regulator .* not admins of HospitalMSP/);
    await expectCode(violate(ledger, 5, people.investigator), 'FORBIDDEN');
    await expectCode(violate(ledger, 5, people.doctor), 'FORBIDDEN');
    expect((await violate(ledger, 5, people.regulatorAdmin)).points).to.equal(95);
    await expectCode(violate(ledger, 0), 'VALIDATION', /^\[VALIDATION\] points: must be an integer from 1 to 100$/);
    await expectCode(violate(ledger, 101), 'VALIDATION', /points: must be an integer from 1 to 100/);
    await expectCode(violate(ledger, 2.5), 'VALIDATION', /points: must be an integer/);
    await expectCode(
      ledger.tx(people.insurerSH, (ctx) => rxcc.practitioner.RecordViolation(ctx, violation('DOC-1001', 'bad rule', 5, 'r', 'e'))),
      'VALIDATION',
      /ruleId: must be a rule id such as CR-01/,
    );
    await expectCode(
      ledger.tx(people.insurerSH, (ctx) => rxcc.practitioner.RecordViolation(ctx, violation('DOC-4040', 'CR-01', 5, 'r', 'e'))),
      'NOT_FOUND',
      /practitioner DOC-4040 does not exist/,
    );
  });

  it('restores only a suspended doctor, on a recorded decision, and keeps the points', async () => {
    const restore = (who: FakeIdentity = people.insurerSH) =>
      ledger.tx(who, (ctx) => rxcc.practitioner.Restore(ctx, JSON.stringify({ doctorId: 'DOC-1001', decisionRef: 'DEC-2026-7', reason: 'appeal upheld' })));
    await expectCode(restore(), 'CONFLICT', /not suspended/);
    await violate(ledger, 45);
    await expectCode(restore(people.hospitalAdmin), 'FORBIDDEN');
    const restored: PractitionerRecord = await restore(people.regulatorAdmin);
    expect(restored).to.include({ rxRight: 'ACTIVE', points: 55 });
    expect(restored.suspendedAt).to.equal(undefined);
    expect(restored.restorations[0]).to.include({ decisionRef: 'DEC-2026-7', pointsAtRestore: 55 });
    expect(restored.restorations[0].recorded.by.mspId).to.equal('RegulatorMSP');
    expect(ledger.lastEvent?.name).to.equal('PrescribingRestored');
    expect((await violate(ledger, 1)).rxRight).to.equal('SUSPENDED');
  });

  it('points: a deduction of exactly 100 takes the whole file, and 1 is the least', async () => {
    expect((await violate(ledger, 1)).points).to.equal(99);
    const zero = await violate(ledger, 100);
    expect(zero).to.include({ points: 0, rxRight: 'SUSPENDED' });
    expect(zero.violations.map((v) => v.pointsAfter)).to.deep.equal([99, 0]);
  });

  it('keeps references within 256 characters and reasons within 500', async () => {
    const record = (evidenceRef: string, reason = 'r') => ledger.tx(people.insurerSH, (ctx) => rxcc.practitioner.RecordViolation(ctx, violation('DOC-1001', 'CR-01', 1, reason, evidenceRef)));
    expect((await record('E'.repeat(256))).points).to.equal(99);
    await expectCode(record('E'.repeat(257)), 'VALIDATION', /evidenceRef: must be 1 to 256 characters without control characters/);
    await expectCode(record('E', 'r'.repeat(501)), 'VALIDATION', /reason: must be 1 to 500 characters/);
    await expectCode(record('line\nbreak'), 'VALIDATION', /evidenceRef/);
  });

  it('lets anyone enrolled read a doctor’s file, and refuses stray fields', async () => {
    await violate(ledger, 45);
    const file = await ledger.tx(people.investigator, (ctx) => rxcc.practitioner.Get(ctx, JSON.stringify({ doctorId: 'DOC-1001' })));
    expect(file).to.include({ points: 55, rxRight: 'SUSPENDED' });
    expect(file.violations).to.have.length(1);
    await expectCode(ledger.tx(people.investigator, (ctx) => rxcc.practitioner.Get(ctx, JSON.stringify({ doctorId: 'DOC-1001', extra: 1 }))), 'VALIDATION', /extra: is not an allowed field/);
  });
});
