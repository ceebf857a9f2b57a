import { expect } from 'chai';
import type { PractitionerRecord } from '../../chaincode/src/model/practitioner';
import { type FakeIdentity, FakeLedger } from '../support/fake-ledger';
import { expectCode, people, rxcc, seededLedger } from '../support/rx-fixtures';

const violate = (ledger: FakeLedger, points: number, who: FakeIdentity = people.insurerSH) =>
  ledger.tx(who, (ctx) => rxcc.practitioner.RecordViolation(ctx, 'DOC-1001', 'SR-04', String(points), 'repeat prescribing', 'CASE-2026-001'));

describe('Practitioner contract', () => {
  let ledger: FakeLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('registers a doctor with 100 points and an active prescribing right, stamped with who and which tx', async () => {
    const doc = await ledger.tx(people.hospitalAdmin, (ctx) => rxcc.practitioner.Get(ctx, 'DOC-1001'));
    expect(doc).to.deep.include({ doctorId: 'DOC-1001', institutionId: 'H310001', region: '310000', points: 100, rxRight: 'ACTIVE', scope: ['内科专业'] });
    expect(doc.registered.by).to.include({ mspId: 'HospitalMSP', role: 'admin', institutionId: 'H310001' });
    expect(doc.registered.txId).to.match(/^tx\d+$/);
  });

  it('lets only a hospital admin register, and only for its own institution', async () => {
    const register = (who: FakeIdentity, institutionId = 'H310001') =>
      ledger.tx(who, (ctx) => rxcc.practitioner.Register(ctx, 'DOC-2000', institutionId, '["内科专业"]'));
    await expectCode(register(people.doctor), 'FORBIDDEN');
    await expectCode(register(people.pharmacyAdmin), 'FORBIDDEN', /HospitalMSP admins/);
    await expectCode(register(people.hospitalAdmin2), 'FORBIDDEN', /admin of H310002 cannot register doctors for H310001/);
    await expectCode(
      ledger.tx(people.hospitalAdmin, (ctx) => rxcc.practitioner.Register(ctx, 'DOC-1001', 'H310001', '["内科专业"]')),
      'CONFLICT',
    );
    await expectCode(ledger.tx(people.hospitalAdmin, (ctx) => rxcc.practitioner.Register(ctx, 'DOC-2000', 'H310001', '[]')), 'VALIDATION', /scope/);
    const registered = await register(people.hospitalAdmin);
    expect(registered.points).to.equal(100);
    expect(ledger.lastEvent).to.deep.equal({
      name: 'PractitionerRegistered',
      payload: { doctorId: 'DOC-2000', institutionId: 'H310001', txId: registered.registered.txId },
    });
  });

  it('lets an org-level hospital admin (no institutionId attribute) register for any hospital', async () => {
    const orgAdmin: FakeIdentity = { mspId: 'HospitalMSP', cn: 'orgadmin', attrs: { role: 'admin', region: '310000' } };
    const doc = await ledger.tx(orgAdmin, (ctx) => rxcc.practitioner.Register(ctx, 'DOC-3000', 'H310003', '["儿科专业"]'));
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
    await expectCode(violate(ledger, 5, people.hospitalAdmin), 'FORBIDDEN', /RegulatorMSP admins/);
    await expectCode(violate(ledger, 5, people.investigator), 'FORBIDDEN');
    await expectCode(violate(ledger, 5, people.doctor), 'FORBIDDEN');
    expect((await violate(ledger, 5, people.regulatorAdmin)).points).to.equal(95);
    await expectCode(violate(ledger, 0), 'VALIDATION', /points must be an integer from 1 to 100/);
    await expectCode(
      ledger.tx(people.insurerSH, (ctx) => rxcc.practitioner.RecordViolation(ctx, 'DOC-1001', 'bad rule', '5', 'r', 'e')),
      'VALIDATION',
      /ruleId/,
    );
    await expectCode(
      ledger.tx(people.insurerSH, (ctx) => rxcc.practitioner.RecordViolation(ctx, 'DOC-4040', 'CR-01', '5', 'r', 'e')),
      'NOT_FOUND',
    );
  });

  it('restores only a suspended doctor, on a recorded decision, and keeps the points', async () => {
    const restore = (who: FakeIdentity = people.insurerSH) =>
      ledger.tx(who, (ctx) => rxcc.practitioner.Restore(ctx, 'DOC-1001', 'DEC-2026-7', 'appeal upheld'));
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
});
