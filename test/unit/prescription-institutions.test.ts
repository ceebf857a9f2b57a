/** The designated-institution gate (XR-03, CR-10) on the staff acts of the Prescription contract: issue, dispense, revoke. */
import { expect } from 'chai';
import type { DesignationAgreement } from '../../chaincode/src/model/institution';
import { institutions } from '../../chaincode/src/stores/institutions';
import { type FakeIdentity, FakeLedger } from '../support/fake-ledger';
import { dispense, expectCode, institution, issue, patientB, people, rxcc, seedInstitutions, seededLedger, verify } from '../support/rx-fixtures';

/** Replaces an institution's agreement, as a sanction by the registry would. */
async function setAgreement(ledger: FakeLedger, institutionId: string, agreement: Partial<DesignationAgreement>): Promise<void> {
  await ledger.tx(people.insurerSH, async (ctx) => {
    const prev = await institutions.mustGet(ctx, institutionId);
    await institutions.save(ctx, { ...prev, agreement: { ...prev.agreement, ...agreement } }, prev);
  });
}

const as = (who: FakeIdentity, attrs: Record<string, string>): FakeIdentity => ({ ...who, attrs: { ...who.attrs, ...attrs } });

describe('Prescription contract: designated institutions', () => {
  let ledger: FakeLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('refuses to issue for an unregistered institution or one of another region (FORBIDDEN)', async () => {
    await expectCode(issue(ledger, 'RX-1', {}, as(people.doctor, { institutionId: 'H310999' })), 'FORBIDDEN', /H310999 is not a registered designated institution/);
    await seedInstitutions(ledger, [institution('H110001', 'hospital', 'tertiary', '110000')]);
    await expectCode(issue(ledger, 'RX-1', {}, as(people.doctor, { institutionId: 'H110001' })), 'FORBIDDEN', /registered in region 110000, not 310000/);
    await expectCode(issue(ledger, 'RX-1', {}, as(people.doctor, { institutionId: 'P310001' })), 'FORBIDDEN', /P310001 is a pharmacy; hospital staff cannot act for it/);
    expect((await issue(ledger, 'RX-1', {}, people.doctor2)).prescriber.institutionId, 'a community clinic is a hospital-kind institution').to.equal('H310002');
  });

  it('refuses to issue while the hospital is suspended, saying why, and allows it from 00:00 China time after the suspension', async () => {
    await setAgreement(ledger, 'H310001', { status: 'SUSPENDED', suspendedUntil: '2026-03-05' });
    await expectCode(issue(ledger, 'RX-1'), 'RULE', /CR-10: the designation agreement of H310001 is suspended until 2026-03-05 inclusive/);
    ledger.nowMs = Date.parse('2026-03-05T15:59:59.999Z');
    await expectCode(issue(ledger, 'RX-1'), 'RULE', /suspended/);
    ledger.nowMs = Date.parse('2026-03-05T16:00:00.000Z');
    expect((await issue(ledger, 'RX-1')).status).to.equal('ISSUED');
    await setAgreement(ledger, 'H310001', { status: 'REVOKED' });
    await expectCode(issue(ledger, 'RX-2', {}, people.doctor, patientB), 'RULE', /CR-10: .* is revoked/);
    await setAgreement(ledger, 'H310001', { status: 'ACTIVE', validTo: '2026-03-05' });
    await expectCode(issue(ledger, 'RX-2', {}, people.doctor, patientB), 'RULE', /ended on 2026-03-05/);
  });

  it('refuses to dispense at a suspended pharmacy, writing nothing, but answers a retry of a dispense made before', async () => {
    await issue(ledger, 'RX-1');
    const made = await dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 4 }]);
    await setAgreement(ledger, 'P310001', { status: 'SUSPENDED', suspendedUntil: '2026-06-01' });
    await expectCode(dispense(ledger, 'RX-1', 'D-2', [{ drugCode: 'AMLO5', quantity: 4 }]), 'RULE', /CR-10: the designation agreement of P310001 is suspended until 2026-06-01/);
    expect((await verify(ledger, 'RX-1')).items[0].remaining).to.equal(10);
    expect(await dispense(ledger, 'RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 4 }]), 'the retry').to.deep.equal(made);
    expect((await dispense(ledger, 'RX-1', 'D-2', [{ drugCode: 'AMLO5', quantity: 4 }], people.pharmacist2)).pharmacyId, 'another pharmacy, another region (RX-02)').to.equal('P110001');
  });

  it('refuses to dispense for an unregistered pharmacy, a hospital, or a pharmacy of another region (FORBIDDEN)', async () => {
    await issue(ledger, 'RX-1');
    const items = [{ drugCode: 'AMLO5', quantity: 1 }];
    await expectCode(dispense(ledger, 'RX-1', 'D-1', items, as(people.pharmacist, { institutionId: 'P310999' })), 'FORBIDDEN', /not a registered designated institution/);
    await expectCode(dispense(ledger, 'RX-1', 'D-1', items, as(people.pharmacist, { institutionId: 'H310001' })), 'FORBIDDEN', /H310001 is a hospital; pharmacy staff cannot act for it/);
    await expectCode(dispense(ledger, 'RX-1', 'D-1', items, as(people.pharmacist2, { region: '310000' })), 'FORBIDDEN', /registered in region 110000/);
    expect((await verify(ledger, 'RX-1')).dispenses).to.deep.equal([]);
  });

  it('revokes only while the issuing hospital may act, and never for an admin whose certificate names no hospital', async () => {
    await issue(ledger, 'RX-1');
    const revoke = (who: FakeIdentity) => ledger.tx(who, (ctx) => rxcc.prescription.Revoke(ctx, JSON.stringify({ rxId: 'RX-1', reason: 'wrong dose' })));
    const orgAdmin = { ...people.hospitalAdmin, attrs: { role: 'admin', region: '310000' } };
    await expectCode(revoke(orgAdmin), 'FORBIDDEN', /only the issuing doctor or an admin of H310001 may revoke RX-1/);
    await setAgreement(ledger, 'H310001', { status: 'SUSPENDED', suspendedUntil: '2026-03-31' });
    await expectCode(revoke(people.doctor), 'RULE', /CR-10/);
    await expectCode(revoke(people.hospitalAdmin), 'RULE', /CR-10/);
    await setAgreement(ledger, 'H310001', { status: 'ACTIVE', suspendedUntil: undefined });
    expect((await revoke(people.hospitalAdmin)).status).to.equal('REVOKED');
  });
});
