import { expect } from 'chai';
import crypto from 'node:crypto';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import type { DispenseRecord } from '../../chaincode/src/model/dispense';
import type { EncounterRecord } from '../../chaincode/src/model/encounter';
import type { PrescriptionRecord } from '../../chaincode/src/model/prescription';
import { chinaToday } from '../../scripts/demo/api';
import { DEMO_ITEMS } from '../../scripts/demo/seed';
import { refused } from '../support/refused';
import { appCall as call } from '../support/network';

/**
 * Each fraud pattern of issue 12 submitted through the REST gateway: smart review names its rule
 * id on the claim and, as the seeded Shanghai policy says, flags it (201, MANUAL_REVIEW) or
 * rejects it (201, REJECTED: the claim is recorded, so investigators see the attempt; it
 * reserves nothing). Refusals with 4xx are kept for what cannot be recorded at all. The SR-04
 * window's far edge (31 days) needs prescriptions issued in the past, which the API rightly does
 * not allow; the unit tests prove it (test/unit/prescription-rules.test.ts).
 */

const SH = '310000';
const invoice = () => crypto.randomBytes(32).toString('hex');

async function insuredPatient(): Promise<{ patient: object; patientRef: string }> {
  const patient = { idType: 'PASSPORT', idNumber: `R${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`.toUpperCase(), name: 'Smart Review Patient' };
  const { patientRef } = await call<{ patientRef: string }>('POST', '/patients/ref', 'insurer-sh', { patient });
  await call('POST', '/insured-persons', 'insurer-sh', { patientRef, scheme: 'employee' });
  return { patient, patientRef };
}

async function issue(doctor: 'doctor1' | 'doctor2', patient: object, drugCode: string, quantity: number, extra: Record<string, unknown> = {}): Promise<PrescriptionRecord> {
  const body = { patient, kind: 'ORDINARY', diagnosisCodes: ['I10'], items: [{ drugCode, quantity, dose: 'as directed', days: 7 }], ...extra };
  return (await call<{ prescription: PrescriptionRecord }>('POST', '/prescriptions', doctor, body)).prescription;
}

async function dispenseAll(rx: PrescriptionRecord, unitPriceFen: number): Promise<DispenseRecord> {
  const { drugCode, quantity } = rx.items[0];
  const body = { items: [{ drugCode, quantity }], feeLines: [{ drugCode, unitPriceFen, quantity, amountFen: unitPriceFen * quantity }] };
  return (await call<{ dispense: DispenseRecord }>('POST', `/prescriptions/${rx.rxId}/dispensations`, 'pharmacist1', body)).dispense;
}

const claimDispense = async (dispense: DispenseRecord): Promise<ClaimRecord> =>
  (await call<{ claim: ClaimRecord }>('POST', '/claims', 'pharmacyadmin', { refType: 'dispense', refId: dispense.dispenseId, invoiceHash: invoice() })).claim;

/** A visit recorded by doctor1 at H310001 or doctor2 at H310002 today. */
async function visit(doctor: 'doctor1' | 'doctor2', patientRef: string, diagnosisCodes: string[], feeLines: object[], rxIds?: string[]): Promise<EncounterRecord> {
  const body = {
    patientRef,
    type: 'outpatient',
    department: 'Internal medicine',
    attendingDoctorId: doctor === 'doctor1' ? 'DOC-310-0001' : 'DOC-310-0002',
    diagnosisCodes,
    serviceDate: chinaToday(),
    ...(rxIds ? { rxIds } : {}),
    feeLines,
  };
  return (await call<{ encounter: EncounterRecord }>('POST', '/encounters', doctor, body)).encounter;
}

const claimVisit = async (doctor: 'doctor1' | 'doctor2', encounter: EncounterRecord): Promise<ClaimRecord> =>
  (await call<{ claim: ClaimRecord }>('POST', '/claims', doctor, { refType: 'encounter', refId: encounter.encounterId, invoiceHash: invoice() })).claim;

const CONSULT = { item: 'consultation', unitPriceFen: 2_000, quantity: 1, amountFen: 2_000, category: 'service' };
const CT = { item: 'CT scan, chest (胸部CT平扫)', unitPriceFen: 28_000, quantity: 1, amountFen: 28_000, category: 'exam', itemCode: DEMO_ITEMS.chestCt };
const ruleIds = (claim: ClaimRecord) => claim.reviewHits.map((h) => `${h.ruleId}:${h.action}`);

describe('smart review at submission (integration, issue 12)', function () {
  this.timeout(180_000);

  it('SR-04: a second hospital’s prescription of the same generic within the window, after the first was filled in full, is flagged', async () => {
    const { patient } = await insuredPatient();
    const first = await issue('doctor1', patient, 'XC08CA01', 14);
    expect(ruleIds(await claimDispense(await dispenseAll(first, 15)))).to.deep.equal([]);

    await refused(call('POST', '/prescriptions', 'doctor2', { patient, kind: 'ORDINARY', diagnosisCodes: ['I10'], items: [{ drugCode: 'XC08CA01', quantity: 14, dose: 'qd', days: 7 }] }), 422, /SR-04/);
    const second = await issue('doctor2', patient, 'XC08CA01', 14, { duplicateOverrideReason: 'patient reports the first box lost' });
    expect(second.flagged).to.equal(true);
    const claim = await claimDispense(await dispenseAll(second, 15));
    expect(claim.status).to.equal('MANUAL_REVIEW');
    expect(ruleIds(claim)).to.deep.equal(['SR-04:flag']);
    expect(claim.reviewHits[0].detail).to.contain(`prescription(s) ${first.rxId} at H310001`);
    expect(claim.reviewHits[0].policy.region).to.equal(SH);
  });

  it('SR-03: a repeat examination at another institution within the window is rejected automatically, and recorded', async () => {
    const { patientRef } = await insuredPatient();
    expect(ruleIds(await claimVisit('doctor2', await visit('doctor2', patientRef, ['R07.4'], [CT])))).to.deep.equal([]);
    const claim = await claimVisit('doctor1', await visit('doctor1', patientRef, ['R07.4'], [CONSULT, CT]));
    expect(claim.status).to.equal('REJECTED');
    expect(ruleIds(claim)).to.deep.equal(['SR-03:reject']);
    expect(claim.reviewHits[0].detail).to.match(/repeat examination CT-CHEST: already in encounter .* at H310002/);
    expect(claim.statusHistory.map((s) => s.status)).to.deep.equal(['SUBMITTED', 'REJECTED']);
    expect((await call<ClaimRecord>('GET', `/claims/${claim.claimId}`, 'investigator1')).status).to.equal('REJECTED');
  });

  it('SR-03: metformin claimed under a hypertension diagnosis is off-indication use and rejected', async () => {
    const { patient } = await insuredPatient();
    const claim = await claimDispense(await dispenseAll(await issue('doctor1', patient, 'XA10BA02', 28), 6));
    expect(claim.status).to.equal('REJECTED');
    expect(claim.reviewHits.map((h) => [h.ruleId, h.detail])).to.deep.equal([['SR-03', 'off-indication use of XA10BA02: indicated for E11, billed under I10']]);
  });

  it('SR-08: a coronary stent under a common cold is flagged for the reviewer', async () => {
    const { patientRef } = await insuredPatient();
    const stent = { item: 'coronary stent', unitPriceFen: 30_000, quantity: 1, amountFen: 30_000, category: 'consumable', itemCode: DEMO_ITEMS.coronaryStent };
    const claim = await claimVisit('doctor1', await visit('doctor1', patientRef, ['J00'], [CONSULT, stent]));
    expect(claim.status).to.equal('MANUAL_REVIEW');
    expect(ruleIds(claim)).to.deep.equal(['SR-08:flag']);
    expect(claim.reviewHits[0].detail).to.equal('line 2 (C-STENT-CORONARY: coronary stent) contradicts diagnosis J00');
  });

  it('SR-18: one visit billed as two encounters the same day is flagged, and the drugs an encounter bills cannot be dispensed again', async () => {
    const { patient, patientRef } = await insuredPatient();
    const rx = await issue('doctor1', patient, 'XC08CA01', 14);
    const drugLine = { item: 'amlodipine', unitPriceFen: 15, quantity: 14, amountFen: 210, category: 'drug', drugCode: 'XC08CA01' };
    const first = await claimVisit('doctor1', await visit('doctor1', patientRef, ['I10'], [CONSULT, drugLine], [rx.rxId]));
    expect(ruleIds(first)).to.deep.equal([]);
    await refused(call('POST', `/prescriptions/${rx.rxId}/dispensations`, 'pharmacist1', { items: [{ drugCode: 'XC08CA01', quantity: 1 }], feeLines: [{ drugCode: 'XC08CA01', unitPriceFen: 15, quantity: 1, amountFen: 15 }] }), 409, /already fully dispensed/);

    const second = await claimVisit('doctor1', await visit('doctor1', patientRef, ['I10'], [CONSULT]));
    expect(second.status).to.equal('MANUAL_REVIEW');
    expect(ruleIds(second)).to.deep.equal(['SR-18:flag']);
    expect(second.reviewHits[0].detail).to.contain(`claim(s) ${first.claimId} already bill the patient's visit at H310001 on ${chinaToday()}`);
  });

  it('RX-12: an out-of-catalogue drug on a pharmacy claim is flagged as non-insurance goods', async () => {
    const { patient } = await insuredPatient();
    const rx = await issue('doctor1', patient, 'XL01XC07', 1, { selfPayConfirmed: ['XL01XC07'], diagnosisCodes: ['C18.9'] });
    const claim = await claimDispense(await dispenseAll(rx, 150_000));
    expect(claim.status).to.equal('MANUAL_REVIEW');
    expect(claim.reviewHits.map((h) => [h.ruleId, h.action, h.detail])).to.deep.equal([['RX-12', 'flag', 'non-insurance goods on a pharmacy claim: line 1 XL01XC07 is outside the insurance catalogue']]);
  });
});
