import { expect } from 'chai';
import { type FakeIdentity, FakeLedger } from '../support/fake-ledger';
import { SALT, asTransient, dispense, expectCode, issue, patientA, patientB, people, rxArgs, rxcc, seededLedger } from '../support/rx-fixtures';
import { memberLedger } from '../support/membership-fixtures';

const rx = rxcc.prescription;

/** Patient identity: pseudonyms, the salt, the private collection, and that nothing personal reaches public state. */
describe('Prescription contract: patients', () => {
  let ledger: FakeLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('derives one patientRef per patient across institutions and keeps identity only in the private collection', async () => {
    const one = await issue(ledger, 'RX-1');
    const lowerX = { ...patientA, idNumber: patientA.idNumber.toLowerCase() };
    const two = await issue(ledger, 'RX-2', { items: [{ drugCode: 'AMOX250', quantity: 6, dose: '250mg tid', days: 2 }] }, people.doctor2, lowerX);
    expect(two.patientRef).to.equal(one.patientRef);
    const { patientRef } = await ledger.tx(people.insurerBJ, (ctx) => rx.PatientRef(ctx, '{}'), asTransient(patientA));
    expect(patientRef).to.equal(one.patientRef);
    await expectCode(ledger.tx(people.investigator, (ctx) => rx.PatientRef(ctx, '{}'), asTransient(patientA)), 'FORBIDDEN');

    const stored = JSON.parse(Buffer.from(ledger.privateData.get('patientIdentity')?.get(one.patientRef) ?? []).toString('utf8'));
    expect(stored).to.include({ idType: 'ID_CARD', idNumber: '11010519491231002X', name: '张三', patientRef: one.patientRef });
    expect(stored.blind).to.match(/^[0-9a-f]{64}$/);
  });

  it('never writes patient names, identity numbers or the salt to public state, history or events', async () => {
    await issue(ledger, 'RX-1');
    await issue(ledger, 'RX-2', { items: [{ drugCode: 'AMLO5-G', quantity: 14, dose: '5mg qd', days: 7 }], duplicateOverrideReason: 'travel supply' }, people.doctor2);
    await issue(ledger, 'RX-3', {}, people.doctor, patientB);
    await dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'MET500', quantity: 28 }]);
    await ledger.tx(people.doctor, (ctx) => rx.Revoke(ctx, JSON.stringify({ rxId: 'RX-3', reason: 'patient declined' })));

    const secrets = [patientA.name, patientA.idNumber, patientB.name, patientB.idNumber, SALT];
    const publicText = [
      ...[...ledger.state.entries()].map(([k, v]) => k + Buffer.from(v).toString('utf8')),
      ...[...ledger.history.values()].flat().map((m) => Buffer.from(m.value).toString('utf8')),
      ...ledger.events.map((e) => JSON.stringify(e)),
    ].join('\n');
    expect(ledger.events.length).to.be.greaterThan(5);
    for (const secret of secrets) expect(publicText).not.to.include(secret);
    expect(publicText.toLowerCase()).not.to.include(patientA.idNumber.toLowerCase());
    const issuedEvent = ledger.events.find((e) => e.name === 'PrescriptionIssued');
    expect(Object.keys(issuedEvent?.payload as object).sort()).to.deep.equal(['catalogueVersion', 'doctorId', 'duplicateRxIds', 'flagged', 'institutionId', 'patientRef', 'rxId', 'txId']);
  });

  it('sets the pseudonym salt once, from an admin of a collection member, and needs it to issue', async () => {
    const fresh = await memberLedger();
    const init = (who: FakeIdentity, salt: string) => fresh.tx(who, (ctx) => rx.InitPatientSalt(ctx, '{}'), { salt });
    await expectCode(fresh.tx(people.doctor, (ctx) => rx.PatientRef(ctx, '{}'), asTransient(patientA)), 'CONFLICT', /salt has not been initialised/);
    await expectCode(init(people.regulatorAdmin, SALT), 'FORBIDDEN', /hold no patient identity data/);
    await expectCode(init(people.doctor, SALT), 'FORBIDDEN');
    await expectCode(init(people.hospitalAdmin, 'abc'), 'VALIDATION', /transient\.salt: must be 64 to 128 lowercase hex digits/);
    await expectCode(init(people.hospitalAdmin, 'ab'.repeat(31)), 'VALIDATION', /transient\.salt/);
    await expectCode(init(people.hospitalAdmin, 'AB'.repeat(32)), 'VALIDATION', /transient\.salt/);
    await expectCode(fresh.tx(people.hospitalAdmin, (ctx) => rx.InitPatientSalt(ctx, '{}')), 'VALIDATION', /transient\.salt: is required/);
    await expectCode(fresh.tx(people.hospitalAdmin, (ctx) => rx.InitPatientSalt(ctx, '{"salt":"x"}'), { salt: SALT }), 'VALIDATION', /^\[VALIDATION\] salt: is not an allowed field$/);
    await init(people.pharmacyAdmin, SALT);
    expect(fresh.lastEvent?.name).to.equal('PatientSaltInitialised');
    expect(fresh.lastEvent?.payload).to.include({ collection: 'patientIdentity', by: 'PharmacyMSP' });
    await expectCode(init(people.hospitalAdmin, 'b'.repeat(64)), 'CONFLICT', /cannot be replaced/);
    expect(Buffer.from(fresh.privateData.get('patientIdentity')?.get('salt') ?? []).toString('utf8')).to.equal(SALT);
  });

  it('validates the patient transient without echoing it', async () => {
    const bad = { idType: 'ID_CARD', idNumber: '310104198001011238', name: '王五' };
    const error = await expectCode(issue(ledger, 'RX-1', {}, people.doctor, bad), 'VALIDATION', /transient\.patient\.idNumber: must be an 18-character identity card number/);
    expect(error.message).not.to.include(bad.idNumber);
    expect(error.details).to.deep.equal([{ field: 'transient.patient.idNumber', message: 'must be an 18-character identity card number with a correct check character' }]);
    await expectCode(ledger.tx(people.doctor, (ctx) => rx.Issue(ctx, rxArgs('RX-1'))), 'VALIDATION', /transient\.patient: is required/);
    await expectCode(issue(ledger, 'RX-1', {}, people.doctor, { ...patientA, phone: '138' }), 'VALIDATION', /transient\.patient\.phone: is not an allowed field/);
    await expectCode(issue(ledger, 'RX-1', {}, people.doctor, { ...patientA, idType: 'DRIVING_LICENCE' }), 'VALIDATION', /transient\.patient\.idType: must be one of ID_CARD, PASSPORT, HMT_PERMIT, FOREIGN_PR/);
    await expectCode(issue(ledger, 'RX-1', {}, people.doctor, { ...patientA, idNumber: '1101 0519' }), 'VALIDATION', /transient\.patient\.idNumber: must be 4-32 letters, digits or dashes/);
    await expectCode(ledger.tx(people.doctor, (ctx) => rx.Issue(ctx, rxArgs('RX-1')), { patient: '{not json' }), 'VALIDATION', /transient\.patient: must be JSON/);
    const passport = await issue(ledger, 'RX-1', {}, people.doctor, { idType: 'PASSPORT', idNumber: 'E12345678', name: 'Alice Smith' });
    expect(passport.patientRef).to.match(/^[0-9a-f]{64}$/);
  });
});
