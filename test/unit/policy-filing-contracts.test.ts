import { expect } from 'chai';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import { BJ, SH, cc, expectRefusal, patient, people, shTerms } from '../support/insurance-fixtures';

describe('Policy contract', () => {
  let ledger: FakeLedger;
  const set = (who: FakeIdentity, terms: Record<string, unknown>) => ledger.tx(who, (ctx) => cc.policy.Set(ctx, JSON.stringify(terms)));

  beforeEach(() => {
    ledger = new FakeLedger();
    ledger.nowMs = Date.parse('2025-12-15T02:00:00Z');
  });

  it('versions a region policy set by that region insurer and picks the version in force on a date', async () => {
    const v1 = await set(people.insurerSH, shTerms);
    expect(v1).to.include({ policyId: '310000:1', region: SH, version: 1, effectiveFrom: '2026-01-01' });
    expect(v1.created.by.mspId).to.equal('InsurerSHMSP');
    const v2 = await set(people.insurerSH, { ...shTerms, effectiveFrom: '2026-07-01', annualCapFen: 25_000_000 });
    expect(v2.version).to.equal(2);
    const onDate = (date: string) => ledger.tx(people.doctor, (ctx) => cc.policy.InForce(ctx, SH, date));
    expect((await onDate('2026-06-30')).version).to.equal(1);
    expect((await onDate('2026-07-01')).annualCapFen).to.equal(25_000_000);
    await expectRefusal(onDate('2025-12-31'), 'NOT_FOUND');
    expect((await ledger.tx(people.pharmacist, (ctx) => cc.policy.List(ctx, SH))).map((p) => p.version)).to.deep.equal([1, 2]);
    expect((await ledger.tx(people.investigator, (ctx) => cc.policy.Get(ctx, SH, '2'))).effectiveFrom).to.equal('2026-07-01');
    expect(ledger.lastEvent).to.deep.equal({ name: 'PolicySet', payload: { policyId: '310000:2', region: SH, version: 2, txId: v2.created.txId } });
  });

  it('sets the policy of the caller region only, and only for insurers', async () => {
    await set(people.insurerBJ, shTerms);
    await expectRefusal(ledger.tx(people.insurerSH, (ctx) => cc.policy.InForce(ctx, SH, '2026-02-01')), 'NOT_FOUND');
    expect((await ledger.tx(people.insurerSH, (ctx) => cc.policy.InForce(ctx, BJ, '2026-02-01'))).region).to.equal(BJ);
    await expectRefusal(set(people.hospitalAdmin, shTerms), 'FORBIDDEN');
    await expectRefusal(set(people.investigator, shTerms), 'FORBIDDEN');
  });

  it('refuses retroactive and out-of-order versions', async () => {
    await expectRefusal(set(people.insurerSH, { ...shTerms, effectiveFrom: '2025-12-14' }), 'RULE', /not retroactive/);
    await set(people.insurerSH, { ...shTerms, effectiveFrom: '2026-07-01' });
    await expectRefusal(set(people.insurerSH, { ...shTerms, effectiveFrom: '2026-06-30' }), 'RULE', /before version 1/);
  });

  it('refuses policies that break PM-28, PM-31 or XR-05, and malformed ones by field', async () => {
    await expectRefusal(set(people.insurerSH, { ...shTerms, ratioBpByLevel: { basic: 4999, secondary: 4000, tertiary: 3000 } }), 'RULE', /PM-28/);
    await expectRefusal(set(people.insurerSH, { ...shTerms, crossRegionUnfiledRatioBp: 6000 }), 'RULE', /XR-05/);
    await expectRefusal(set(people.insurerSH, { ...shTerms, ratioBpByLevel: { basic: 7000, secondary: 6000, tertiary: 0.5 } }), 'VALIDATION', /policy\.ratioBpByLevel\.tertiary must be an integer/);
    await expectRefusal(set(people.insurerSH, { ...shTerms, deductibleFen: 100 }), 'VALIDATION', /unknown field\(s\): deductibleFen/);
    await expectRefusal(set(people.insurerSH, { ...shTerms, effectiveFrom: '2026-02-30' }), 'VALIDATION', /effectiveFrom/);
    const incomplete: Record<string, unknown> = { ...shTerms };
    delete incomplete.personalAccountUse;
    await expectRefusal(set(people.insurerSH, incomplete), 'VALIDATION', /personalAccountUse is required/);
  });
});

describe('Filing contract', () => {
  let ledger: FakeLedger;
  const filing = (overrides: Record<string, unknown> = {}) => ({
    filingId: 'F-1',
    patientRef: patient('BJ-1'),
    insuredRegion: BJ,
    treatmentRegion: SH,
    period: { from: '2026-03-02', to: '2026-08-31' },
    emergencyPostFiled: false,
    ...overrides,
  });
  const create = (who: FakeIdentity, f: Record<string, unknown>) => ledger.tx(who, (ctx) => cc.filing.Create(ctx, JSON.stringify(f)));

  beforeEach(() => {
    ledger = new FakeLedger();
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z');
  });

  it('is created by the insured region insurer and found by patient', async () => {
    const record = await create(people.insurerBJ, filing());
    expect(record).to.include({ filingId: 'F-1', insuredRegion: BJ, treatmentRegion: SH, emergencyPostFiled: false });
    const listed = await ledger.tx(people.doctor, (ctx) => cc.filing.ListByPatient(ctx, patient('BJ-1')));
    expect(listed.map((f) => f.filingId)).to.deep.equal(['F-1']);
    await expectRefusal(create(people.insurerBJ, filing()), 'CONFLICT');
  });

  it('refuses filings by anyone but the insured region insurer', async () => {
    await expectRefusal(create(people.insurerSH, filing()), 'FORBIDDEN', /only the insurer of region 110000/);
    await expectRefusal(create(people.hospitalAdmin, filing()), 'FORBIDDEN');
  });

  it('lets only emergency care be filed after treatment began (XR-06)', async () => {
    await expectRefusal(create(people.insurerBJ, filing({ period: { from: '2026-03-01', to: '2026-03-31' } })), 'RULE', /XR-06/);
    const late = await create(people.insurerBJ, filing({ period: { from: '2026-03-01', to: '2026-03-31' }, emergencyPostFiled: true }));
    expect(late.emergencyPostFiled).to.equal(true);
  });

  it('validates its fields', async () => {
    await expectRefusal(create(people.insurerBJ, filing({ treatmentRegion: BJ })), 'VALIDATION', /must differ/);
    await expectRefusal(create(people.insurerBJ, filing({ period: { from: '2026-04-01', to: '2026-03-31' } })), 'VALIDATION', /period\.from/);
    await expectRefusal(create(people.insurerBJ, filing({ patientRef: 'PAT-BJ-000001' })), 'VALIDATION', /patientRef/);
    await expectRefusal(create(people.insurerBJ, filing({ emergencyPostFiled: 'yes' })), 'VALIDATION', /emergencyPostFiled must be true or false/);
  });
});
