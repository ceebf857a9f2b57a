import { expect } from 'chai';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import { BJ, SH, cc, expectRefusal, patient, people, shTerms } from '../support/insurance-fixtures';
import { memberLedger } from '../support/membership-fixtures';

describe('Policy contract', () => {
  let ledger: FakeLedger;
  const set = (who: FakeIdentity, terms: Record<string, unknown>) => ledger.tx(who, (ctx) => cc.policy.Set(ctx, JSON.stringify(terms)));

  beforeEach(async () => {
    ledger = await memberLedger();
    ledger.nowMs = Date.parse('2025-12-15T02:00:00Z');
  });

  it('versions a region policy set by that region insurer and picks the version in force on a date', async () => {
    const v1 = await set(people.insurerSH, shTerms);
    expect(v1).to.include({ policyId: '310000:1', region: SH, version: 1, effectiveFrom: '2026-01-01' });
    expect(v1.created.by.mspId).to.equal('InsurerSHMSP');
    const v2 = await set(people.insurerSH, { ...shTerms, effectiveFrom: '2026-07-01', annualCapFen: 25_000_000 });
    expect(v2.version).to.equal(2);
    const onDate = (date: string) => ledger.tx(people.doctor, (ctx) => cc.policy.InForce(ctx, JSON.stringify({ region: SH, date })));
    expect((await onDate('2026-06-30')).version).to.equal(1);
    expect((await onDate('2026-07-01')).annualCapFen).to.equal(25_000_000);
    await expectRefusal(onDate('2025-12-31'), 'NOT_FOUND');
    expect((await ledger.tx(people.pharmacist, (ctx) => cc.policy.List(ctx, JSON.stringify({ region: SH })))).map((p) => p.version)).to.deep.equal([1, 2]);
    expect((await ledger.tx(people.investigator, (ctx) => cc.policy.Get(ctx, JSON.stringify({ region: SH, version: 2 })))).effectiveFrom).to.equal('2026-07-01');
    expect(ledger.lastEvent).to.deep.equal({ name: 'PolicySet', payload: { policyId: '310000:2', region: SH, version: 2, txId: v2.created.txId } });
  });

  it('sets the policy of the caller region only, and only for insurers', async () => {
    await set(people.insurerBJ, shTerms);
    await expectRefusal(ledger.tx(people.insurerSH, (ctx) => cc.policy.InForce(ctx, JSON.stringify({ region: SH, date: '2026-02-01' }))), 'NOT_FOUND');
    expect((await ledger.tx(people.insurerSH, (ctx) => cc.policy.InForce(ctx, JSON.stringify({ region: BJ, date: '2026-02-01' })))).region).to.equal(BJ);
    await expectRefusal(set(people.hospitalAdmin, shTerms), 'FORBIDDEN');
    await expectRefusal(set(people.investigator, shTerms), 'FORBIDDEN');
  });

  it('refuses retroactive and out-of-order versions', async () => {
    await expectRefusal(set(people.insurerSH, { ...shTerms, effectiveFrom: '2025-12-14' }), 'RULE', /not retroactive/);
    await set(people.insurerSH, { ...shTerms, effectiveFrom: '2026-07-01' });
    await expectRefusal(set(people.insurerSH, { ...shTerms, effectiveFrom: '2026-06-30' }), 'RULE', /before version 1/);
  });

  it('defaults the in-force date to the China date of the transaction, not the UTC one', async () => {
    await set(people.insurerSH, shTerms);
    ledger.nowMs = Date.parse('2026-02-20T02:00:00Z');
    await set(people.insurerSH, { ...shTerms, effectiveFrom: '2026-03-02', annualCapFen: 30_000_000 });
    const today = () => ledger.tx(people.doctor, (ctx) => cc.policy.InForce(ctx, JSON.stringify({ region: SH })));
    ledger.nowMs = Date.parse('2026-03-01T15:59:59Z'); // 23:59:59 on 1 March in China
    expect((await today()).version).to.equal(1);
    ledger.nowMs = Date.parse('2026-03-01T20:00:00Z'); // 04:00 on 2 March in China, still 1 March in UTC
    expect(await today()).to.include({ version: 2, effectiveFrom: '2026-03-02' });
    // An explicit date still wins.
    expect((await ledger.tx(people.doctor, (ctx) => cc.policy.InForce(ctx, JSON.stringify({ region: SH, date: '2026-03-01' })))).version).to.equal(1);
    await expectRefusal(ledger.tx(people.doctor, (ctx) => cc.policy.InForce(ctx, JSON.stringify({ region: BJ }))), 'NOT_FOUND', /no policy of region 110000 is in force on 2026-03-02/);
  });

  it('takes today in China as the earliest effective date, and a version effective with the latest one supersedes it', async () => {
    ledger.nowMs = Date.parse('2025-12-15T17:00:00Z'); // 01:00 on 16 December in China
    await expectRefusal(set(people.insurerSH, { ...shTerms, effectiveFrom: '2025-12-15' }), 'RULE', /before today \(2025-12-16\)/);
    const first = await set(people.insurerSH, { ...shTerms, effectiveFrom: '2025-12-16' });
    expect(first.version).to.equal(1);
    const same = await set(people.insurerSH, { ...shTerms, effectiveFrom: '2025-12-16', annualCapFen: 1 });
    expect(same.version).to.equal(2);
    expect((await ledger.tx(people.doctor, (ctx) => cc.policy.InForce(ctx, JSON.stringify({ region: SH })))).annualCapFen).to.equal(1);
  });

  it('records an absent auto-approval limit as 0 and reads one version by number', async () => {
    const v1 = await set(people.insurerSH, shTerms);
    expect(v1.reviewThresholds).to.deep.equal({ stayWarnDays: 30, manualReviewTotalFen: 5_000_000, autoApproveMaxFen: 0 });
    const get = (args: Record<string, unknown>) => ledger.tx(people.doctor, (ctx) => cc.policy.Get(ctx, JSON.stringify(args)));
    expect(await get({ region: SH, version: 1 })).to.deep.equal(v1);
    await expectRefusal(get({ region: SH, version: 2 }), 'NOT_FOUND', /policy 310000:2 does not exist/);
    await expectRefusal(get({ region: SH, version: '1' }), 'VALIDATION', /version: must be an integer from 1 to 999999/);
    await expectRefusal(get({ region: SH, version: 0 }), 'VALIDATION', /version/);
    await expectRefusal(ledger.tx(people.doctor, (ctx) => cc.policy.List(ctx, JSON.stringify({ region: '31000' }))), 'VALIDATION', /region: must be a six-digit administrative code/);
  });

  it('refuses policies that break PM-28, PM-31 or XR-05, and malformed ones by field', async () => {
    await expectRefusal(set(people.insurerSH, { ...shTerms, ratioBpByLevel: { basic: 4999, secondary: 4000, tertiary: 3000 } }), 'RULE', /PM-28/);
    await expectRefusal(set(people.insurerSH, { ...shTerms, crossRegionUnfiledRatioBp: 6000 }), 'RULE', /XR-05/);
    await expectRefusal(set(people.insurerSH, { ...shTerms, ratioBpByLevel: { basic: 7000, secondary: 6000, tertiary: 0.5 } }), 'VALIDATION', /ratioBpByLevel\.tertiary: must be an integer from 0 to 10000/);
    await expectRefusal(set(people.insurerSH, { ...shTerms, deductibleFen: 100 }), 'VALIDATION', /deductibleFen: is not an allowed field/);
    await expectRefusal(set(people.insurerSH, { ...shTerms, effectiveFrom: '2026-02-30' }), 'VALIDATION', /effectiveFrom: must be a date YYYY-MM-DD/);
    const incomplete: Record<string, unknown> = { ...shTerms };
    delete incomplete.personalAccountUse;
    await expectRefusal(set(people.insurerSH, incomplete), 'VALIDATION', /personalAccountUse: is required/);
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

  beforeEach(async () => {
    ledger = await memberLedger();
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z');
  });

  it('is created by the insured region insurer and found by patient', async () => {
    const record = await create(people.insurerBJ, filing());
    expect(record).to.include({ filingId: 'F-1', insuredRegion: BJ, treatmentRegion: SH, emergencyPostFiled: false });
    const listed = await ledger.tx(people.doctor, (ctx) => cc.filing.ListByPatient(ctx, JSON.stringify({ patientRef: patient('BJ-1') })));
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

  it('accepts a period starting today (China date) and a single-day period without an emergency', async () => {
    ledger.nowMs = Date.parse('2026-03-01T16:30:00Z'); // 00:30 on 2 March in China
    const oneDay = await create(people.insurerBJ, filing({ period: { from: '2026-03-02', to: '2026-03-02' } }));
    expect(oneDay.period).to.deep.equal({ from: '2026-03-02', to: '2026-03-02' });
    expect(ledger.lastEvent).to.deep.equal({ name: 'FilingCreated', payload: { filingId: 'F-1', insuredRegion: BJ, treatmentRegion: SH, txId: oneDay.created.txId } });
    await expectRefusal(create(people.insurerBJ, filing({ filingId: 'F-2', period: { from: '2026-03-01', to: '2026-03-02' } })), 'RULE', /before today \(2026-03-02\)/);
    expect((await ledger.tx(people.pharmacist, (ctx) => cc.filing.Get(ctx, JSON.stringify({ filingId: 'F-1' })))).filingId).to.equal('F-1');
    await expectRefusal(ledger.tx(people.pharmacist, (ctx) => cc.filing.Get(ctx, JSON.stringify({ filingId: 'F-2' }))), 'NOT_FOUND', /filing F-2 does not exist/);
  });

  it('validates its fields', async () => {
    await expectRefusal(create(people.insurerBJ, filing({ treatmentRegion: BJ })), 'VALIDATION', /treatmentRegion: must differ from insuredRegion/);
    await expectRefusal(create(people.insurerBJ, filing({ period: { from: '2026-04-01', to: '2026-03-31' } })), 'VALIDATION', /period\.from: must not be after period\.to/);
    await expectRefusal(create(people.insurerBJ, filing({ patientRef: 'PAT-BJ-000001' })), 'VALIDATION', /patientRef: must be 64 lowercase hex digits/);
    await expectRefusal(create(people.insurerBJ, filing({ emergencyPostFiled: 'yes' })), 'VALIDATION', /emergencyPostFiled: must be true or false/);
  });
});
