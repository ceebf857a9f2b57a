import { expect } from 'chai';
import { type FakeIdentity, FakeLedger } from '../support/fake-ledger';
import { dispense, expectCode, issue, list, patientB, people, rxcc, seededLedger } from '../support/rx-fixtures';

const rx = rxcc.prescription;

/** Reads of the Prescription contract: lists, dispenses, and the checks every argument passes first. */
describe('Prescription contract: reads and arguments', () => {
  let ledger: FakeLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('lists by patient, prescriber and status a page at a time', async () => {
    await issue(ledger, 'RX-1');
    await issue(ledger, 'RX-2', { items: [{ drugCode: 'AMOX250', quantity: 6, dose: '250mg tid', days: 2 }] });
    const b = await issue(ledger, 'RX-3', {}, people.doctor2, patientB);
    const a = await ledger.tx(people.doctor, (ctx) => rx.Get(ctx, JSON.stringify({ rxId: 'RX-1' })));

    const page1 = await list(ledger, people.doctor, { patientRef: a.patientRef, pageSize: 1 });
    expect(page1.records.map((r) => r.rxId)).to.deep.equal(['RX-1']);
    const page2 = await list(ledger, people.doctor, { patientRef: a.patientRef, pageSize: 1, bookmark: page1.bookmark });
    expect(page2.records.map((r) => r.rxId)).to.deep.equal(['RX-2']);
    expect(page2.bookmark).to.equal('');

    const byDoctor2 = await list(ledger, people.insurerSH, { prescriber: 'DOC-1002' });
    expect(byDoctor2.records.map((r) => r.patientRef)).to.deep.equal([b.patientRef]);
    const issuedPage = await list(ledger, people.insurerSH, { status: 'ISSUED', pageSize: 50 });
    expect(issuedPage.records.map((r) => r.rxId)).to.deep.equal(['RX-1', 'RX-2', 'RX-3']);

    await expectCode(list(ledger, people.insurerSH, { status: 'EXPIRED' }), 'VALIDATION', /^\[VALIDATION\] status: must be one of ISSUED, PARTIALLY_DISPENSED, DISPENSED, REVOKED$/);
    await expectCode(list(ledger, people.insurerSH, { patientRef: '张三' }), 'VALIDATION', /patientRef: must be 64 lowercase hex digits/);
    await expectCode(list(ledger, people.insurerSH, { prescriber: 'DOC-1002', pageSize: 500 }), 'VALIDATION', /pageSize: must be a page size from 1 to 200/);
    await expectCode(list(ledger, people.insurerSH, { pageSize: 0 }), 'VALIDATION', /pageSize/);
    await expectCode(list(ledger, people.insurerSH, { bookmark: 'x'.repeat(1025) }), 'VALIDATION', /bookmark: must be the bookmark of the previous page \(at most 1024 characters\)/);
    expect((await list(ledger, people.insurerSH, { pageSize: 200, bookmark: 'x'.repeat(1024) })).records).to.deep.equal([]);
  });

  it('lists with at most one filter, ISSUED by default, and the flagged ones for insurers and investigators only', async () => {
    const one = await issue(ledger, 'RX-1');
    await issue(ledger, 'RX-2', {}, people.doctor, patientB);
    await ledger.tx(people.doctor, (ctx) => rx.Revoke(ctx, JSON.stringify({ rxId: 'RX-2', reason: 'wrong patient' })));
    await issue(ledger, 'RX-3', { items: [{ drugCode: 'AMLO5-G', quantity: 14, dose: '5mg qd', days: 7 }], duplicateOverrideReason: 'lost supply' }, people.doctor2);

    const ids = async (who: FakeIdentity, query: Record<string, unknown>) => (await list(ledger, who, query)).records.map((r) => r.rxId);
    expect(await ids(people.pharmacist, {})).to.deep.equal(['RX-1', 'RX-3']);
    expect(await ids(people.pharmacist, { status: 'REVOKED' })).to.deep.equal(['RX-2']);
    expect(await ids(people.pharmacist, { flagged: false }), 'flagged: false is no filter').to.deep.equal(['RX-1', 'RX-3']);
    expect(await ids(people.pharmacist, { flagged: false, status: 'REVOKED' })).to.deep.equal(['RX-2']);
    expect(await ids(people.investigator, { flagged: true })).to.deep.equal(['RX-3']);
    expect(await ids(people.insurerBJ, { flagged: true })).to.deep.equal(['RX-3']);
    expect(await ids(people.doctor, { patientRef: one.patientRef })).to.deep.equal(['RX-1', 'RX-3']);

    const two = await expectCode(list(ledger, people.insurerSH, { patientRef: one.patientRef, status: 'ISSUED' }), 'VALIDATION', /^\[VALIDATION\] status: cannot be combined with patientRef/);
    expect(two.details.map((d) => d.field)).to.deep.equal(['status']);
    await expectCode(list(ledger, people.insurerSH, { prescriber: 'DOC-1001', flagged: true }), 'VALIDATION', /flagged: cannot be combined with prescriber/);
    await expectCode(list(ledger, people.pharmacist, { flagged: true }), 'FORBIDDEN', /only insurer or investigator may list flagged prescriptions/);
    await expectCode(list(ledger, people.hospitalAdmin, { flagged: true }), 'FORBIDDEN');
    await expectCode(list(ledger, people.insurerSH, { flagged: 'true' }), 'VALIDATION', /flagged: must be true or false/);
    await expectCode(list(ledger, people.insurerSH, { doctorId: 'DOC-1001' }), 'VALIDATION', /doctorId: is not an allowed field/);
  });

  it('pages a pharmacy’s dispenses and refuses a stray field there', async () => {
    await issue(ledger, 'RX-1');
    await dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 1 }]);
    await dispense(ledger, 'RX-1', 'D-2', [{ drugCode: 'AMLO5', quantity: 1 }]);
    const byPharmacy = (args: object) => ledger.tx(people.insurerSH, (ctx) => rx.ByPharmacy(ctx, JSON.stringify(args)));
    const first = await byPharmacy({ pharmacyId: 'P310001', pageSize: 1 });
    expect(first.records.map((d) => d.dispenseId)).to.deep.equal(['D-1']);
    expect((await byPharmacy({ pharmacyId: 'P310001', bookmark: first.bookmark })).records.map((d) => d.dispenseId)).to.deep.equal(['D-2']);
    const got = await ledger.tx(people.doctor, (ctx) => rx.GetDispense(ctx, JSON.stringify({ dispenseId: 'D-2' })));
    expect(got).to.include({ rxId: 'RX-1', pharmacyId: 'P310001', rxStatusAfter: 'PARTIALLY_DISPENSED' });
    await expectCode(byPharmacy({ pharmacyId: 'P310001', status: 'X' }), 'VALIDATION', /status: is not an allowed field/);
  });

  it('takes every argument as one JSON object checked against its schema, naming each refused field', async () => {
    await expectCode(ledger.tx(people.pharmacist, (ctx) => rx.Verify(ctx, 'RX-1')), 'VALIDATION', /^\[VALIDATION\] args: must be a JSON object$/);
    await expectCode(ledger.tx(people.pharmacist, (ctx) => rx.Verify(ctx, '["RX-1"]')), 'VALIDATION', /must be an object/);
    await expectCode(ledger.tx(people.pharmacist, (ctx) => rx.Get(ctx, '{}')), 'VALIDATION', /^\[VALIDATION\] rxId: is required$/);
    await expectCode(ledger.tx(people.pharmacist, (ctx) => rx.GetDispense(ctx, JSON.stringify({ dispenseId: 'D 1' }))), 'VALIDATION', /dispenseId: must be 1-64 letters, digits, dot, colon, dash or underscore/);
    const many = await expectCode(issue(ledger, 'RX-1', { kind: 'WEEKLY', items: [{ drugCode: 'AMLO5', quantity: 0, dose: '', days: 7 }] }), 'VALIDATION');
    expect(many.details.map((d) => d.field)).to.include.members(['kind', 'items[0].quantity', 'items[0].dose']);
    await expectCode(
      ledger.tx(people.doctor, (ctx) => rx.Revoke(ctx, JSON.stringify({ rxId: 'RX-1', reason: ' ' }))),
      'VALIDATION',
      /reason: must be 1 to 500 characters without control characters/,
    );
  });
});
