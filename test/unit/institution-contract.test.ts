import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import { AuditApi } from '../../chaincode/src/api/audit-api';
import { InstitutionApi } from '../../chaincode/src/api/institution-api';
import type { AnyTx, ResultOf } from '../../chaincode/src/api/transaction';
import { AuditContract } from '../../chaincode/src/contracts/audit-contract';
import { callerOf } from '../../chaincode/src/ledger/caller';
import { staffOf } from '../../chaincode/src/ledger/parties';
import { txTimeMs } from '../../chaincode/src/ledger/time';
import type { InstitutionRecord } from '../../chaincode/src/model/institution';
import { chinaDateOf } from '../../chaincode/src/rules/dates';
import { actingInstitution } from '../../chaincode/src/stores/institutions';
import { INSTITUTIONS } from '../../scripts/demo/seed-institutions';
import { FakeLedger, identities as people, type FakeIdentity } from '../support/fake-ledger';
import { expectRefusal } from '../support/insurance-fixtures';
import { institutionContract, registerInstitutions } from '../support/institution-fixtures';
import { memberLedger } from '../support/membership-fixtures';

const contracts: Record<string, object> = { Institution: institutionContract, Audit: new AuditContract() };

function call<X extends AnyTx>(ledger: FakeLedger, who: FakeIdentity, tx: X, args: object): Promise<ResultOf<X>> {
  const contract = contracts[tx.contract] as Record<string, (ctx: Context, json: string) => Promise<ResultOf<X>>>;
  return ledger.tx(who, (ctx) => contract[tx.fn](ctx, JSON.stringify(args)));
}

/** The gate every staff act passes, run as `who` at the ledger's current time. */
const actAs = (ledger: FakeLedger, who: FakeIdentity): Promise<InstitutionRecord> =>
  ledger.tx(who, async (ctx) => actingInstitution(ctx, staffOf(await callerOf(ctx)), chinaDateOf(txTimeMs(ctx))));

const pharmacist310009: FakeIdentity = { mspId: 'PharmacyMSP', cn: 'nurse-new', attrs: { role: 'pharmacist', region: '310000', institutionId: 'P310009', licenceId: 'PHA-310-0099' } };
const basis = { ruleId: 'RX-12', reason: 'health supplements charged to the insurance card', evidenceRef: 'CASE-2026-017' };

describe('Institution contract', () => {
  let ledger: FakeLedger;
  const register = (who: FakeIdentity, args: object) => call(ledger, who, InstitutionApi.Register, args);
  const seed = (id: string) => {
    const found = INSTITUTIONS.find((i) => i.institutionId === id);
    if (!found) throw new Error(id);
    return found;
  };

  beforeEach(async () => {
    ledger = await memberLedger();
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z'); // 10:00 in China
  });

  it('lets the insurer of a region designate its institutions, anyone read them, and keeps every change in history', async () => {
    const records = await registerInstitutions(ledger);
    expect(records.map((r) => r.institutionId)).to.deep.equal(INSTITUTIONS.map((i) => i.institutionId));
    const h310001 = await call(ledger, people.pharmacist2, InstitutionApi.Get, { institutionId: 'H310001' });
    expect(h310001).to.include({ kind: 'hospital', level: 'tertiary', region: '310000', grade: 'A' });
    expect(h310001.agreement.status).to.equal('ACTIVE');
    expect(h310001.registered.by.mspId).to.equal('InsurerSHMSP');
    expect(ledger.lastEvent).to.deep.equal({ name: 'InstitutionRegistered', payload: { institutionId: 'P110001', region: '110000', kind: 'pharmacy', level: 'basic', txId: records[records.length - 1].registered.txId } });

    const page = await call(ledger, people.doctor, InstitutionApi.ListByRegion, { region: '310000', pageSize: 3 });
    expect(page.records.map((r) => r.institutionId)).to.deep.equal(['H310001', 'H310002', 'H310003']);
    const rest = await call(ledger, people.investigator, InstitutionApi.ListByRegion, { region: '310000', bookmark: page.bookmark });
    expect(rest.records.map((r) => r.institutionId)).to.deep.equal(['P310001', 'P310009']);
    expect((await call(ledger, people.insurerSH, InstitutionApi.ListByRegion, { region: '110000' })).records.map((r) => r.institutionId)).to.deep.equal(['H110001', 'P110001']);

    ledger.nowMs += 24 * 3600_000;
    const renewal = { number: '沪医保协〔2026〕H001号', validFrom: '2027-01-01', validTo: '2029-12-31' };
    const renewed = await call(ledger, people.insurerSH, InstitutionApi.Update, { institutionId: 'H310001', grade: 'B', agreement: renewal });
    expect(renewed.agreement).to.deep.equal({ ...renewal, status: 'ACTIVE' });
    expect(renewed.grade).to.equal('B');
    expect(ledger.lastEvent?.payload).to.deep.equal({ institutionId: 'H310001', region: '310000', changed: ['grade', 'agreement'], txId: renewed.updated.txId });
    await call(ledger, people.investigator, InstitutionApi.Suspend, { institutionId: 'H310001', until: '2026-06-02', ...basis });

    const history = await call(ledger, people.investigator, AuditApi.History, { docType: 'institution', id: 'H310001' });
    const versions = history.map((h) => h.value as InstitutionRecord);
    expect(versions.map((v) => [v.grade, v.agreement.status, v.updated.by.role])).to.deep.equal([
      ['B', 'SUSPENDED', 'investigator'],
      ['B', 'ACTIVE', 'insurer'],
      ['A', 'ACTIVE', 'insurer'],
    ]);
  });

  it('refuses a registration by another region’s insurer, a non-insurer, a duplicate, and bad fields', async () => {
    await expectRefusal(register(people.insurerBJ, seed('H310001')), 'FORBIDDEN', /only the insurer of region 310000 designates its institutions; the caller is the insurer of 110000/);
    await expectRefusal(register(people.hospitalAdmin, seed('H310001')), 'FORBIDDEN', /admin may not call Institution:Register; requires insurer/);
    await expectRefusal(register(people.investigator, seed('H310001')), 'FORBIDDEN');
    await register(people.insurerSH, seed('H310001'));
    await expectRefusal(register(people.insurerSH, { ...seed('H310001'), name: 'Again' }), 'CONFLICT', /institution H310001 is already registered/);

    await expectRefusal(register(people.insurerSH, { ...seed('H310002'), level: 'tertiary' }), 'VALIDATION', /^\[VALIDATION\] level: must be basic for a communityClinic, not tertiary$/);
    await expectRefusal(register(people.insurerSH, { ...seed('P310001'), level: 'secondary' }), 'VALIDATION', /level: must be basic for a pharmacy/);
    await expectRefusal(register(people.insurerSH, { ...seed('P310001'), kind: 'clinic' }), 'VALIDATION', /^\[VALIDATION\] kind: /);
    await expectRefusal(register(people.insurerSH, { ...seed('P310001'), grade: 'D' }), 'VALIDATION', /^\[VALIDATION\] grade: /);
    await expectRefusal(register(people.insurerSH, { ...seed('P310001'), agreement: { number: 'N', validFrom: '2026-02-30', validTo: '2027-01-01' } }), 'VALIDATION', /agreement\.validFrom: /);
    await expectRefusal(register(people.insurerSH, { ...seed('P310001'), agreement: { number: 'N', validFrom: '2025-01-01', validTo: '2026-03-01' } }), 'VALIDATION', /agreement\.validTo: must not be in the past \(today is 2026-03-02 in China\)/);
    await expectRefusal(register(people.insurerSH, { ...seed('P310001'), agreement: { number: 'N', validFrom: '2026-05-01', validTo: '2026-04-30' } }), 'VALIDATION', /agreement\.validTo: must not be before agreement\.validFrom/);
    await expectRefusal(register(people.insurerSH, { ...seed('P310001'), region: 'SH' }), 'VALIDATION', /^\[VALIDATION\] region: /);
    await expectRefusal(register(people.insurerSH, { ...seed('P310001'), suspendedUntil: '2026-06-01' }), 'VALIDATION', /suspendedUntil: /);
    await expectRefusal(call(ledger, people.doctor, InstitutionApi.Get, { institutionId: 'P310001' }), 'NOT_FOUND', /institution P310001 does not exist/);
  });

  it('lets only the insurer of the institution’s region update it, and never once revoked', async () => {
    await registerInstitutions(ledger, [seed('P310001')]);
    const update = (who: FakeIdentity, args: object) => call(ledger, who, InstitutionApi.Update, { institutionId: 'P310001', ...args });
    await expectRefusal(update(people.insurerBJ, { name: 'x' }), 'FORBIDDEN', /only the insurer of region 310000 changes its institutions/);
    await expectRefusal(update(people.investigator, { name: 'x' }), 'FORBIDDEN', /investigator may not call Institution:Update/);
    await expectRefusal(update(people.insurerSH, {}), 'VALIDATION', /^\[VALIDATION\] args: must change at least one/);
    await expectRefusal(update(people.insurerSH, { kind: 'hospital' }), 'VALIDATION', /kind: /);
    await expectRefusal(call(ledger, people.insurerSH, InstitutionApi.Update, { institutionId: 'P404', name: 'x' }), 'NOT_FOUND');
    await call(ledger, people.insurerSH, InstitutionApi.Revoke, { institutionId: 'P310001', ...basis });
    await expectRefusal(update(people.insurerSH, { name: 'x' }), 'CONFLICT', /revoked/);
  });

  it('suspends and revokes on the word of the region’s insurer or an investigator, with reason and evidence', async () => {
    await registerInstitutions(ledger, [seed('P310001'), seed('P110001')]);
    const suspend = (who: FakeIdentity, args: object) => call(ledger, who, InstitutionApi.Suspend, { institutionId: 'P310001', ...basis, ...args });
    await expectRefusal(suspend(people.insurerBJ, { until: '2026-06-01' }), 'FORBIDDEN', /only the insurer of region 310000 or the regulator's investigators sanction P310001/);
    await expectRefusal(suspend(people.pharmacist, { until: '2026-06-01' }), 'FORBIDDEN', /pharmacist may not call Institution:Suspend/);
    await expectRefusal(suspend(people.insurerSH, { until: '2026-03-01' }), 'VALIDATION', /^\[VALIDATION\] until: must not be in the past \(today is 2026-03-02 in China\)$/);
    await expectRefusal(suspend(people.insurerSH, { until: '2026-06-01', ruleId: 'fraud' }), 'VALIDATION', /ruleId: /);
    await expectRefusal(suspend(people.insurerSH, { until: '2026-06-01', evidenceRef: '' }), 'VALIDATION', /evidenceRef: /);

    const suspended = await suspend(people.insurerSH, { until: '2026-06-01' });
    expect(suspended.agreement).to.include({ status: 'SUSPENDED', suspendedUntil: '2026-06-01' });
    expect(suspended.sanctions).to.deep.equal([{ action: 'SUSPEND', ...basis, until: '2026-06-01', recorded: suspended.updated }]);
    expect(ledger.lastEvent).to.deep.equal({ name: 'AgreementSuspended', payload: { institutionId: 'P310001', region: '310000', ruleId: 'RX-12', until: '2026-06-01', txId: suspended.updated.txId } });
    await expectRefusal(suspend(people.investigator, { until: '2026-05-01' }), 'CONFLICT', /already suspended until 2026-06-01 inclusive/);

    const revoked = await call(ledger, people.investigator, InstitutionApi.Revoke, { institutionId: 'P110001', ruleId: 'CR-10', reason: 'qualification revoked after joint enforcement', evidenceRef: 'JE-2026-3' });
    expect(revoked.agreement.status).to.equal('REVOKED');
    expect(ledger.lastEvent?.name).to.equal('AgreementRevoked');
    await expectRefusal(call(ledger, people.insurerBJ, InstitutionApi.Revoke, { institutionId: 'P110001', ...basis }), 'CONFLICT', /already revoked/);
    await expectRefusal(call(ledger, people.insurerBJ, InstitutionApi.Suspend, { institutionId: 'P110001', until: '2026-06-01', ...basis }), 'CONFLICT', /already revoked/);
  });
});

describe('the designated-institution gate (actingInstitution)', () => {
  let ledger: FakeLedger;

  beforeEach(async () => {
    ledger = await memberLedger();
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z');
    await registerInstitutions(ledger);
  });

  it('admits staff of a registered institution of their kind and region', async () => {
    expect((await actAs(ledger, people.doctor)).institutionId).to.equal('H310001');
    expect((await actAs(ledger, people.doctor2)).kind).to.equal('communityClinic');
    expect((await actAs(ledger, people.pharmacist2)).region).to.equal('110000');
    expect((await actAs(ledger, pharmacist310009)).institutionId).to.equal('P310009');
  });

  it('refuses staff of an unregistered institution, of another kind, or of another region (FORBIDDEN)', async () => {
    await expectRefusal(actAs(ledger, { ...people.pharmacist, attrs: { ...people.pharmacist.attrs, institutionId: 'P310404' } }), 'FORBIDDEN', /institution P310404 is not a registered designated institution/);
    // Pharmacy staff whose certificate names a hospital, and hospital staff naming a pharmacy.
    await expectRefusal(actAs(ledger, { ...people.pharmacist, attrs: { ...people.pharmacist.attrs, institutionId: 'H310001' } }), 'FORBIDDEN', /institution H310001 is a hospital; pharmacy staff cannot act for it/);
    await expectRefusal(actAs(ledger, { ...people.doctor, attrs: { ...people.doctor.attrs, institutionId: 'P310001' } }), 'FORBIDDEN', /institution P310001 is a pharmacy; hospital staff cannot act for it/);
    await expectRefusal(actAs(ledger, { ...people.pharmacist2, attrs: { ...people.pharmacist2.attrs, institutionId: 'P310001' } }), 'FORBIDDEN', /institution P310001 is registered in region 310000, not 110000/);
    await expectRefusal(actAs(ledger, { ...people.doctor, attrs: { role: 'doctor', region: '310000' } }), 'FORBIDDEN', /lacks the institutionId attribute/);
    await expectRefusal(actAs(ledger, people.insurerSH), 'FORBIDDEN', /only hospital or pharmacy staff/);
  });

  it('refuses a suspended pharmacy through the last China day of the suspension and admits it from 00:00 the next day', async () => {
    await call(ledger, people.insurerSH, InstitutionApi.Suspend, { institutionId: 'P310001', until: '2026-06-01', ...basis });
    await expectRefusal(actAs(ledger, people.pharmacist), 'RULE', /^\[RULE\] CR-10: the designation agreement of P310001 is suspended until 2026-06-01 inclusive \(RX-12: health supplements charged to the insurance card\)$/);
    ledger.nowMs = Date.parse('2026-06-01T15:59:59.999Z'); // 23:59:59.999 on 1 June in China
    await expectRefusal(actAs(ledger, people.pharmacist), 'RULE', /suspended until 2026-06-01 inclusive/);
    ledger.nowMs = Date.parse('2026-06-01T16:00:00.000Z'); // 00:00 on 2 June in China
    expect((await actAs(ledger, people.pharmacist)).institutionId).to.equal('P310001');
    // The other pharmacy of the region was never affected.
    expect((await actAs(ledger, pharmacist310009)).institutionId).to.equal('P310009');
  });

  it('admits an institution from the first to the last China day of its agreement', async () => {
    await registerInstitutions(ledger, [
      { institutionId: 'P310010', name: 'Pharmacy opening in April (demo)', kind: 'pharmacy', level: 'basic', region: '310000', grade: 'B', agreement: { number: 'N-10', validFrom: '2026-04-01', validTo: '2026-04-30' } },
    ]);
    const staff: FakeIdentity = { ...people.pharmacist, attrs: { ...people.pharmacist.attrs, institutionId: 'P310010' } };
    ledger.nowMs = Date.parse('2026-03-31T15:59:59.999Z');
    await expectRefusal(actAs(ledger, staff), 'RULE', /^\[RULE\] CR-10: the designation agreement of P310010 starts on 2026-04-01$/);
    ledger.nowMs = Date.parse('2026-03-31T16:00:00.000Z');
    expect((await actAs(ledger, staff)).institutionId).to.equal('P310010');
    ledger.nowMs = Date.parse('2026-04-30T15:59:59.999Z');
    expect((await actAs(ledger, staff)).institutionId).to.equal('P310010');
    ledger.nowMs = Date.parse('2026-04-30T16:00:00.000Z');
    await expectRefusal(actAs(ledger, staff), 'RULE', /^\[RULE\] CR-10: the designation agreement of P310010 ended on 2026-04-30$/);
  });

  it('refuses a revoked institution’s staff for good, naming CR-10', async () => {
    await call(ledger, people.investigator, InstitutionApi.Revoke, { institutionId: 'H310002', ruleId: 'FT-02', reason: 'fake invoices', evidenceRef: 'CASE-2026-020' });
    await expectRefusal(actAs(ledger, people.doctor2), 'RULE', /^\[RULE\] CR-10: the designation agreement of H310002 is revoked \(FT-02: fake invoices\)$/);
    ledger.advanceDays(400);
    await expectRefusal(actAs(ledger, people.doctor2), 'RULE', /CR-10: .* is revoked/);
  });
});
