import { expect } from 'chai';
import type { PrescriptionRecord } from '../../chaincode/src/model/prescription';
import { DAY_MS } from '../../chaincode/src/rules/validity';
import { RX_BY_STATUS } from '../../chaincode/src/stores/prescriptions';
import { type FakeIdentity, FakeLedger } from '../support/fake-ledger';
import { asTransient, catalogueV1, dispense, drugs, expectCode, issue, list, patientA, patientB, people, publishCatalogue, rxcc, seededLedger, verify, violation } from '../support/rx-fixtures';

const rx = rxcc.prescription;

/** Every status index entry, as [status, rxId]. */
function statusIndex(ledger: FakeLedger): string[][] {
  return [...ledger.state.keys()].filter((k) => k.startsWith(`\u0000${RX_BY_STATUS}\u0000`)).map((k) => k.split('\u0000').slice(2, -1))
    .sort((a, b) => a.join('/').localeCompare(b.join('/')));
}

describe('Prescription contract', () => {
  let ledger: FakeLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('issue → verify → partial dispense at one pharmacy → rest at another → FULLY_DISPENSED', async () => {
    const issued = await issue(ledger, 'RX-1');
    expect(issued).to.deep.include({ status: 'ISSUED', kind: 'ORDINARY', catalogueVersion: 'CAT-2026-01', flagged: false });
    expect(issued.prescriber).to.deep.equal({ doctorId: 'DOC-1001', institutionId: 'H310001', region: '310000' });
    expect(issued.issuedAt).to.equal('2026-03-01T08:00:00.000Z');
    expect(issued.validUntil).to.equal('2026-03-04T08:00:00.000Z');
    expect(issued.docHash).to.match(/^[0-9a-f]{64}$/);
    expect(issued.items[0]).to.deep.include({
      drugCode: 'AMLO5',
      name: '苯磺酸氨氯地平片 5mg',
      genericGroup: 'AMLODIPINE',
      coverage: { class: 'B', selfPayRatioBp: 1000, paymentStandardFen: 150 },
      monitored: false,
      remainingQuantity: 14,
    });
    expect(ledger.lastEvent?.name).to.equal('PrescriptionIssued');

    const before = await verify(ledger, 'RX-1');
    expect(before).to.deep.include({ status: 'VALID', recordedStatus: 'ISSUED', dispenses: [] });

    const first = await dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 10 }]);
    expect(first).to.deep.include({ pharmacyId: 'P310001', pharmacistId: 'PHA-2001', patientRef: issued.patientRef, rxStatusAfter: 'PARTIALLY_DISPENSED', totalFen: 1500 });
    expect(first.items).to.deep.equal([{ drugCode: 'AMLO5', quantity: 10, remainingAfter: 4 }]);
    expect(first.feeLines).to.deep.equal([
      { item: '苯磺酸氨氯地平片 5mg', drugCode: 'AMLO5', unitPriceFen: 150, quantity: 10, amountFen: 1500, coverage: { class: 'B', selfPayRatioBp: 1000, paymentStandardFen: 150 } },
    ]);
    expect(ledger.lastEvent?.payload).to.include({ rxId: 'RX-1', dispenseId: 'D-1', pharmacyId: 'P310001', status: 'PARTIALLY_DISPENSED' });

    const mid = await verify(ledger, 'RX-1', people.pharmacist2);
    expect(mid.status).to.equal('VALID');
    expect(mid.items.map(({ drugCode, prescribed, dispensed, remaining }) => ({ drugCode, prescribed, dispensed, remaining }))).to.deep.equal([
      { drugCode: 'AMLO5', prescribed: 14, dispensed: 10, remaining: 4 },
      { drugCode: 'MET500', prescribed: 28, dispensed: 0, remaining: 28 },
    ]);
    expect(mid.items[1]).to.deep.include({ name: '二甲双胍片 500mg', coverage: { class: 'B', selfPayRatioBp: 500, paymentStandardFen: 150 } });

    ledger.advanceDays(1);
    await dispense(ledger, 'RX-1', 'D-2', [{ drugCode: 'AMLO5', quantity: 4 }, { drugCode: 'MET500', quantity: 28 }], people.pharmacist2);
    const after = await verify(ledger, 'RX-1', people.investigator);
    expect(after.status).to.equal('FULLY_DISPENSED');
    expect(after.recordedStatus).to.equal('DISPENSED');
    expect(after.dispenses.map((d) => [d.dispenseId, d.pharmacyId])).to.deep.equal([
      ['D-1', 'P310001'],
      ['D-2', 'P110001'],
    ]);
    expect(after.items.every((i) => i.remaining === 0)).to.equal(true);
    await expectCode(dispense(ledger, 'RX-1', 'D-3', [{ drugCode: 'MET500', quantity: 1 }]), 'CONFLICT', /fully dispensed/);

    expect(statusIndex(ledger)).to.deep.equal([['DISPENSED', 'RX-1']]);
    const page = await ledger.tx(people.pharmacist2, (ctx) => rx.ByPharmacy(ctx, JSON.stringify({ pharmacyId: 'P110001' })));
    expect(page.records.map((d) => d.dispenseId)).to.deep.equal(['D-2']);
    const history = await ledger.tx(people.investigator, (ctx) => rx.History(ctx, JSON.stringify({ rxId: 'RX-1' })));
    expect(history.map((h) => h.value?.status)).to.deep.equal(['DISPENSED', 'PARTIALLY_DISPENSED', 'ISSUED']);
    expect(history[0].value?.updated.by).to.include({ mspId: 'PharmacyMSP', licenceId: 'PHA-2002' });
  });

  it('dispenses exactly the remaining quantity and refuses one more', async () => {
    await issue(ledger, 'RX-1');
    await dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 10 }]);
    await expectCode(dispense(ledger, 'RX-1', 'D-2', [{ drugCode: 'AMLO5', quantity: 5 }], people.pharmacist2), 'CONFLICT', /exceeds the 4 remaining/);
    const exact = await dispense(ledger, 'RX-1', 'D-2', [{ drugCode: 'AMLO5', quantity: 4 }], people.pharmacist2);
    expect(exact.items[0].remainingAfter).to.equal(0);
    expect(exact.rxStatusAfter).to.equal('PARTIALLY_DISPENSED');
    await expectCode(dispense(ledger, 'RX-1', 'D-3', [{ drugCode: 'AMOX250', quantity: 1 }]), 'RULE', /not on prescription RX-1/);
  });

  it('treats a retried dispenseId as the same dispense, and other content under it as a CONFLICT', async () => {
    await issue(ledger, 'RX-1');
    const first = await dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 14 }]);
    const events = ledger.events.length;
    const retry = await dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 14 }]);
    expect(retry).to.deep.equal(first);
    expect(ledger.events.length).to.equal(events);
    expect((await verify(ledger, 'RX-1')).items[0].remaining).to.equal(0);
    await expectCode(dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 13 }]), 'CONFLICT', /D-1 already exists with different content/);
  });

  it('is valid until 1 ms before validUntil and refuses to dispense from validUntil on', async () => {
    const issued = await issue(ledger, 'RX-1');
    const until = Date.parse(issued.validUntil);
    ledger.nowMs = until - 1;
    expect((await verify(ledger, 'RX-1')).status).to.equal('VALID');
    await dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 1 }]);
    ledger.nowMs = until;
    const expired = await verify(ledger, 'RX-1');
    expect(expired).to.include({ status: 'EXPIRED', recordedStatus: 'PARTIALLY_DISPENSED', checkedAt: issued.validUntil });
    await expectCode(dispense(ledger, 'RX-1', 'D-2', [{ drugCode: 'AMLO5', quantity: 1 }]), 'RULE', /expired/);
  });

  it('gives emergency prescriptions 1 day and long prescriptions their days supply', async () => {
    const emergency = await issue(ledger, 'RX-E', { kind: 'EMERGENCY', items: [{ drugCode: 'AMOX250', quantity: 12, dose: '250mg tid', days: 3 }] });
    expect(Date.parse(emergency.validUntil) - Date.parse(emergency.issuedAt)).to.equal(DAY_MS);
    await expectCode(issue(ledger, 'RX-E2', { kind: 'EMERGENCY', items: [{ drugCode: 'MET500', quantity: 8, dose: '500mg bid', days: 4 }] }), 'RULE', /exceeds the EMERGENCY limit of 3 days/);
    const long = await issue(ledger, 'RX-L', { kind: 'LONG', chronicDisease: 'E11', items: [{ drugCode: 'MET500', quantity: 180, dose: '500mg bid', days: 90 }] }, people.doctor, patientB);
    expect(Date.parse(long.validUntil) - Date.parse(long.issuedAt)).to.equal(90 * DAY_MS);
    expect(long.chronicDisease).to.equal('E11');
    await expectCode(issue(ledger, 'RX-O', { items: [{ drugCode: 'MET500', quantity: 16, dose: '500mg bid', days: 8 }] }, people.doctor, patientB), 'RULE', /ORDINARY limit of 7/);
  });

  it('refuses unknown drugs, and uncovered drugs without the patient’s self-pay confirmation (RX-04)', async () => {
    await expectCode(issue(ledger, 'RX-1', { items: [{ drugCode: 'NOPE', quantity: 1, dose: 'x', days: 1 }] }), 'RULE', /NOPE is not listed in catalogue version CAT-2026-01/);
    const insulin = { items: [{ drugCode: 'INSIMP', quantity: 3, dose: '10u qd', days: 7 }] };
    await expectCode(issue(ledger, 'RX-1', insulin), 'RULE', /RX-04/);
    const issued = await issue(ledger, 'RX-1', { ...insulin, selfPayConfirmed: ['INSIMP'] });
    expect(issued.items[0]).to.deep.include({ coverage: { class: 'NONE', selfPayRatioBp: 10_000 }, selfPayConfirmed: true });
  });

  it('keeps the catalogue facts of issue time when a later version changes them (RX-07)', async () => {
    const changed = drugs.map((d) => (d.coverage.class === 'B' ? { ...d, coverage: { ...d.coverage, selfPayRatioBp: 4000 } } : d));
    await publishCatalogue(ledger, { ...catalogueV1, versionId: 'CAT-2026-03', effectiveFrom: '2026-03-02' }, changed, people.insurerBJ);
    await issue(ledger, 'RX-1');
    ledger.advanceDays(1);
    const later = await issue(ledger, 'RX-2', {}, people.doctor, patientB);
    const earlier = await ledger.tx(people.pharmacist, (ctx) => rx.Get(ctx, JSON.stringify({ rxId: 'RX-1' })));
    expect([earlier.catalogueVersion, earlier.items[0].coverage.selfPayRatioBp]).to.deep.equal(['CAT-2026-01', 1000]);
    expect([later.catalogueVersion, later.items[0].coverage.selfPayRatioBp]).to.deep.equal(['CAT-2026-03', 4000]);
  });

  it('lets only registered, active doctors of their registered institution issue (RX-06, CR-01)', async () => {
    await expectCode(issue(ledger, 'RX-1', {}, people.unregisteredDoctor), 'RULE', /DOC-1009 is not registered/);
    const moved = { ...people.doctor, attrs: { ...people.doctor.attrs, institutionId: 'H310002' } };
    await expectCode(issue(ledger, 'RX-1', {}, moved), 'FORBIDDEN', /registered at H310001/);
    await ledger.tx(people.insurerSH, (ctx) => rxcc.practitioner.RecordViolation(ctx, violation('DOC-1001', 'CR-01', 40, 'irrational prescribing', 'CASE-1')));
    await expectCode(issue(ledger, 'RX-1'), 'RULE', /suspended \(CR-01, 60 points\)/);
  });

  it('stops dispensing when the prescriber is suspended after issue, and resumes on restoration', async () => {
    await issue(ledger, 'RX-1');
    await ledger.tx(people.regulatorAdmin, (ctx) => rxcc.practitioner.RecordViolation(ctx, violation('DOC-1001', 'SR-04', 50, 'repeat prescribing', 'CASE-2')));
    const suspended = await verify(ledger, 'RX-1');
    expect(suspended.status).to.equal('PRESCRIBER_SUSPENDED');
    expect(suspended.prescriber.rxRight).to.equal('SUSPENDED');
    await expectCode(dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 1 }]), 'RULE', /CR-01/);
    await ledger.tx(people.insurerSH, (ctx) => rxcc.practitioner.Restore(ctx, JSON.stringify({ doctorId: 'DOC-1001', decisionRef: 'DEC-1', reason: 'appeal upheld' })));
    expect((await verify(ledger, 'RX-1')).status).to.equal('VALID');
  });

  it('keeps roles apart: pharmacists cannot issue, doctors cannot dispense (FORBIDDEN)', async () => {
    await expectCode(issue(ledger, 'RX-1', {}, people.pharmacist), 'FORBIDDEN', /pharmacist may not call Prescription:Issue; requires doctor/);
    await issue(ledger, 'RX-1');
    await expectCode(dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 1 }], people.doctor), 'FORBIDDEN', /doctor may not call Prescription:Dispense; requires pharmacist/);
    await expectCode(dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 1 }], people.insurerSH), 'FORBIDDEN');
    await expectCode(verify(ledger, 'RX-1', people.doctor), 'FORBIDDEN');
    const fakeDoctor = { mspId: 'PharmacyMSP', cn: 'rogue', attrs: { role: 'doctor', region: '310000', institutionId: 'P310001', licenceId: 'DOC-1001' } };
    await expectCode(issue(ledger, 'RX-1', {}, fakeDoctor), 'FORBIDDEN', /role doctor is not valid for members of PharmacyMSP/);
  });

  it('SR-04: a duplicate from another hospital is refused without a reason, flagged with one', async () => {
    const first = await issue(ledger, 'RX-H1', { items: [{ drugCode: 'AMLO5', quantity: 14, dose: '5mg qd', days: 7 }] });

    const check = await ledger.tx(
      people.doctor2,
      (ctx) => rx.PreCheck(ctx, JSON.stringify({ items: [{ drugCode: 'AMLO5-G' }, { drugCode: 'MET500' }] })),
      asTransient(patientA),
    );
    expect(check.patientRef).to.equal(first.patientRef);
    expect(check.items[0]).to.deep.include({ known: true, coverage: { class: 'A', selfPayRatioBp: 0, paymentStandardFen: 15 }, genericGroup: 'AMLODIPINE' });
    expect(check.items[0].substitutes).to.deep.equal([{ drugCode: 'AMLO5', name: '苯磺酸氨氯地平片 5mg', coverage: { class: 'B', selfPayRatioBp: 1000, paymentStandardFen: 150 } }]);
    expect(check.items[0].duplicates).to.deep.equal([{ rxId: 'RX-H1', institutionId: 'H310001', drugCode: 'AMLO5-G', otherDrugCode: 'AMLO5', matchedOn: 'genericGroup' }]);
    expect(check.items[1].duplicates).to.deep.equal([]);

    const generic = { items: [{ drugCode: 'AMLO5-G', quantity: 14, dose: '5mg qd', days: 7 }] };
    await expectCode(issue(ledger, 'RX-H2', generic, people.doctor2), 'RULE', /holds prescription\(s\) RX-H1 .*whose supply overlaps \(SR-04\)/);
    const flagged = await issue(ledger, 'RX-H2', { ...generic, duplicateOverrideReason: 'patient lost the first supply' }, people.doctor2);
    expect(flagged.flagged).to.equal(true);
    expect(flagged.duplicateOverride).to.deep.equal({
      reason: 'patient lost the first supply',
      duplicates: [{ rxId: 'RX-H1', institutionId: 'H310001', drugCode: 'AMLO5-G', otherDrugCode: 'AMLO5', matchedOn: 'genericGroup' }],
    });
    expect(ledger.lastEvent?.payload).to.deep.include({ rxId: 'RX-H2', flagged: true, duplicateRxIds: ['RX-H1'] });

    const flaggedPage = await list(ledger, people.insurerSH, { flagged: true });
    expect(flaggedPage.records.map((r) => r.rxId)).to.deep.equal(['RX-H2']);
    await expectCode(list(ledger, people.doctor, { flagged: true }), 'FORBIDDEN');

    // Another patient is no duplicate. Filled in full, the first prescriptions still supply the
    // patient for their 7 days, so a third is a duplicate until their supply has run out.
    expect((await issue(ledger, 'RX-B', generic, people.doctor2, patientB)).flagged).to.equal(false);
    await dispense(ledger, 'RX-H1', 'D-1', [{ drugCode: 'AMLO5', quantity: 14 }]);
    await dispense(ledger, 'RX-H2', 'D-2', [{ drugCode: 'AMLO5-G', quantity: 14 }]);
    await expectCode(issue(ledger, 'RX-H3', generic, people.doctor2), 'RULE', /holds prescription\(s\) RX-H1, RX-H2 .*SR-04/);
    ledger.advanceDays(7);
    expect((await issue(ledger, 'RX-H3', generic, people.doctor2)).flagged).to.equal(false);
  });

  it('revokes only an undispensed prescription, by its doctor or an admin of its hospital', async () => {
    await issue(ledger, 'RX-1');
    await issue(ledger, 'RX-2', {}, people.doctor, patientB);
    const revoke = (rxId: string, who: FakeIdentity) => ledger.tx(who, (ctx) => rx.Revoke(ctx, JSON.stringify({ rxId, reason: 'wrong dose' })));

    await expectCode(revoke('RX-1', people.doctor2), 'FORBIDDEN', /issuing doctor or an admin of H310001/);
    await expectCode(revoke('RX-1', people.hospitalAdmin2), 'FORBIDDEN');
    await expectCode(revoke('RX-1', people.pharmacist), 'FORBIDDEN');
    const revoked = await revoke('RX-1', people.doctor);
    expect(revoked.status).to.equal('REVOKED');
    expect(revoked.revocation?.reason).to.equal('wrong dose');
    expect(revoked.revocation?.recorded.by.licenceId).to.equal('DOC-1001');
    expect((await verify(ledger, 'RX-1')).status).to.equal('REVOKED');
    await expectCode(dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 1 }]), 'CONFLICT', /revoked/);
    await expectCode(revoke('RX-1', people.doctor), 'CONFLICT');

    await dispense(ledger, 'RX-2', 'D-2', [{ drugCode: 'AMLO5', quantity: 1 }]);
    await expectCode(revoke('RX-2', people.hospitalAdmin), 'CONFLICT', /PARTIALLY_DISPENSED and can no longer be revoked/);

    await issue(ledger, 'RX-3', { items: [{ drugCode: 'AMOX250', quantity: 6, dose: '250mg tid', days: 2 }] }, people.doctor, patientB);
    expect((await revoke('RX-3', people.hospitalAdmin)).status).to.equal('REVOKED');
    expect(statusIndex(ledger)).to.deep.equal([
      ['PARTIALLY_DISPENSED', 'RX-2'],
      ['REVOKED', 'RX-1'],
      ['REVOKED', 'RX-3'],
    ]);
  });

  it('refuses an rxId twice and reads unknown records as NOT_FOUND', async () => {
    const first: PrescriptionRecord = await issue(ledger, 'RX-1');
    await expectCode(issue(ledger, 'RX-1', {}, people.doctor, patientB), 'CONFLICT', /RX-1 already exists/);
    expect((await ledger.tx(people.doctor, (ctx) => rx.Get(ctx, JSON.stringify({ rxId: 'RX-1' })))).docHash).to.equal(first.docHash);
    await expectCode(verify(ledger, 'RX-404'), 'NOT_FOUND');
    await expectCode(dispense(ledger, 'RX-404', 'D-9', [{ drugCode: 'AMLO5', quantity: 1 }]), 'NOT_FOUND');
  });

  it('refuses with 403 a doctor or pharmacist certificate lacking the licenceId or institutionId the act needs', async () => {
    const withoutAttr = (who: FakeIdentity, name: string): FakeIdentity => ({ ...who, attrs: Object.fromEntries(Object.entries(who.attrs).filter(([k]) => k !== name)) });
    await expectCode(issue(ledger, 'RX-1', {}, withoutAttr(people.doctor, 'licenceId')), 'FORBIDDEN', /the doctor certificate lacks the licenceId attribute/);
    await expectCode(issue(ledger, 'RX-1', {}, withoutAttr(people.doctor, 'institutionId')), 'FORBIDDEN', /the doctor certificate lacks the institutionId attribute/);
    await issue(ledger, 'RX-1');
    await expectCode(dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 1 }], withoutAttr(people.pharmacist, 'institutionId')), 'FORBIDDEN', /lacks the institutionId/);
    await expectCode(dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 1 }], withoutAttr(people.pharmacist, 'licenceId')), 'FORBIDDEN', /lacks the licenceId/);
    expect((await verify(ledger, 'RX-1')).items[0].remaining, 'the refused dispenses took nothing').to.equal(14);
  });

});
