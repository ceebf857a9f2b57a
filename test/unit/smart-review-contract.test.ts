/**
 * Smart review on the real transactions (issue 12, item 1): an encounter's drug lines take their
 * units off the prescription so nothing is billed twice; SR-04 over filled prescriptions of
 * another hospital; a rejecting rule rejects at submission and reserves nothing; off-indication
 * use and a health supplement on a pharmacy claim; a policy set before the review rules existed.
 */
import { expect } from 'chai';
import { invoice, shTerms } from '../support/insurance-fixtures';
import { expectCode, people } from '../support/rx-fixtures';
import { benefitYears } from '../../chaincode/src/stores/claims';
import { insuredPersons } from '../../chaincode/src/stores/insured-persons';
import { prescriptions } from '../../chaincode/src/stores/prescriptions';
import { reviewCalls, reviewLedger } from '../support/review-fixtures';
import type { FakeLedger } from '../support/fake-ledger';

const TODAY = '2026-03-01'; // the fake ledger's clock: 16:00 in China
const amlo = (drugCode: string, quantity: number, days = 7) => ({ drugCode, quantity, dose: '5mg qd', days });
const line = (drugCode: string, quantity: number, unitPriceFen = 15) => ({ drugCode, unitPriceFen, quantity, amountFen: unitPriceFen * quantity });

describe('smart review on the contracts', () => {
  let ledger: FakeLedger;
  let patientRef: string;
  let calls: ReturnType<typeof reviewCalls>;
  const read = <T extends object>(store: { get: (ctx: never, id: string) => Promise<T | undefined> }, id: string) =>
    ledger.tx(people.investigator, (ctx) => store.get(ctx as never, id));
  const visit = (encounterId: string, feeLines: object[], rxIds?: string[]) =>
    calls.record(people.hospitalAdmin, {
      encounterId,
      patientRef,
      type: 'outpatient',
      department: '心内科',
      attendingDoctorId: 'DOC-1001',
      diagnosisCodes: ['I10'],
      serviceDate: TODAY,
      ...(rxIds ? { rxIds } : {}),
      feeLines,
    });
  const claimDispense = (claimId: string, dispenseId: string) =>
    calls.submit(people.pharmacyAdmin, { claimId, refType: 'dispense', refId: dispenseId, invoiceHash: invoice(claimId) });

  beforeEach(async () => {
    ({ ledger, patientRef } = await reviewLedger());
    calls = reviewCalls(ledger);
  });

  it('takes an encounter’s drug units off the prescription, so neither a pharmacy nor another visit bills them again', async () => {
    await calls.issue(people.doctor, { rxId: 'RX-1', items: [amlo('AMLO5', 14), { drugCode: 'MET500', quantity: 28, dose: '500mg bid', days: 14 }], diagnosisCodes: ['I10', 'E11.9'] });
    const drugLine = (quantity: number) => ({ item: 'amlodipine', unitPriceFen: 150, quantity, amountFen: 150 * quantity, category: 'drug', drugCode: 'AMLO5' });
    const encounter = await visit('ENC-1', [drugLine(14)], ['RX-1']);
    expect(encounter.feeLines[0]).to.include({ rxId: 'RX-1', quantity: 14 });
    const rx = await read(prescriptions, 'RX-1');
    expect(rx?.items.map((i) => [i.drugCode, i.remainingQuantity])).to.deep.equal([['AMLO5', 0], ['MET500', 28]]);
    expect(rx).to.deep.include({ status: 'PARTIALLY_DISPENSED', encounterIds: ['ENC-1'] });

    await expectCode(calls.dispense(people.pharmacist, { rxId: 'RX-1', dispenseId: 'D-1', items: [{ drugCode: 'AMLO5', quantity: 1 }], feeLines: [line('AMLO5', 1)] }), 'CONFLICT', /exceeds the 0 remaining of AMLO5/);
    await expectCode(visit('ENC-2', [drugLine(1)], ['RX-1']), 'RULE', /1 units of AMLO5 exceed the 0 any of its prescriptions leaves undispensed/);
    await calls.dispense(people.pharmacist, { rxId: 'RX-1', dispenseId: 'D-1', items: [{ drugCode: 'MET500', quantity: 28 }], feeLines: [line('MET500', 28, 150)] });
    expect((await read(prescriptions, 'RX-1'))?.status).to.equal('DISPENSED');

    // What the hospital billed and what the pharmacy billed are different units of one prescription: SR-18 flags the second claim.
    const onVisit = await calls.submit(people.hospitalAdmin, { claimId: 'C-E', refType: 'encounter', refId: 'ENC-1', invoiceHash: invoice('C-E') });
    expect(onVisit.reviewHits).to.deep.equal([]);
    expect(onVisit.rxIds).to.deep.equal(['RX-1']);
    const atPharmacy = await claimDispense('C-D', 'D-1');
    expect(atPharmacy.status).to.equal('MANUAL_REVIEW');
    expect(atPharmacy.reviewHits).to.deep.equal([{ ruleId: 'SR-18', action: 'flag', detail: 'split billing: claim(s) C-E already bill prescription(s) RX-1', policy: { region: '310000', version: 1 } }]);
  });

  it('flags SR-04 under a policy set before the review rules existed: a second hospital’s prescription after the first was filled in full', async () => {
    await calls.issue(people.doctor, { rxId: 'RX-1', items: [amlo('AMLO5', 14, 14)] });
    await calls.dispense(people.pharmacist, { rxId: 'RX-1', dispenseId: 'D-1', items: [{ drugCode: 'AMLO5', quantity: 14 }], feeLines: [line('AMLO5', 14, 150)] });
    ledger.advanceDays(10);
    await expectCode(calls.issue(people.doctor2, { rxId: 'RX-2', items: [amlo('AMLO5-G', 14)] }), 'RULE', /holds prescription\(s\) RX-1 .*SR-04/);
    const second = await calls.issue(people.doctor2, { rxId: 'RX-2', items: [amlo('AMLO5-G', 14)], duplicateOverrideReason: 'patient says the first box was lost' });
    expect(second.flagged).to.equal(true);
    await calls.dispense(people.pharmacist, { rxId: 'RX-2', dispenseId: 'D-2', items: [{ drugCode: 'AMLO5-G', quantity: 14 }], feeLines: [line('AMLO5-G', 14)] });

    expect((await claimDispense('C-1', 'D-1')).reviewHits).to.deep.equal([]);
    const claim = await claimDispense('C-2', 'D-2');
    expect(claim.status).to.equal('MANUAL_REVIEW');
    expect(claim.reviewHits).to.deep.equal([
      {
        ruleId: 'SR-04',
        action: 'flag',
        detail: 'prescription RX-2 (issued 2026-03-11) repeats AMLO5-G of prescription(s) RX-1 at H310001 within 30 days with overlapping supply',
        policy: { region: '310000', version: 1 },
      },
    ]);
  });

  it('rejects at submission where the policy says reject, records the claim with the rule ids, and reserves nothing', async () => {
    ledger.nowMs = Date.parse('2026-02-20T02:00:00Z');
    await calls.setPolicy(people.insurerSH, { ...shTerms, effectiveFrom: '2026-02-20', personalAccountUse: 'all', reviewRules: { 'SR-04': { action: 'reject', windowDays: 30 } } });
    ledger.nowMs = Date.parse(`${TODAY}T08:00:00Z`);
    await calls.issue(people.doctor, { rxId: 'RX-1', items: [amlo('AMLO5', 7)] });
    await calls.issue(people.doctor2, { rxId: 'RX-2', items: [amlo('AMLO5-G', 7)], duplicateOverrideReason: 'override' });
    await calls.dispense(people.pharmacist, { rxId: 'RX-2', dispenseId: 'D-2', items: [{ drugCode: 'AMLO5-G', quantity: 7 }], feeLines: [line('AMLO5-G', 7)] });
    const before = await read(insuredPersons, patientRef);

    const claim = await calls.submit(people.pharmacyAdmin, { claimId: 'C-2', refType: 'dispense', refId: 'D-2', invoiceHash: invoice('C-2'), personalAccountRequestFen: 50 });
    expect(claim.status).to.equal('REJECTED');
    expect(claim.reviewHits.map((h) => [h.ruleId, h.action, h.policy.version])).to.deep.equal([['SR-04', 'reject', 2]]);
    expect(claim.statusHistory.map((s) => s.status)).to.deep.equal(['SUBMITTED', 'REJECTED']);
    expect(claim.statusHistory[1].reason).to.match(/^rejected by smart review \(SR-04\) under policy 310000:2: SR-04: prescription RX-2/);
    expect(await read(benefitYears, `310000:2026:${patientRef}`)).to.equal(undefined);
    expect((await read(insuredPersons, patientRef))?.personalAccountFen).to.equal(before?.personalAccountFen);
    await expectCode(claimDispense('C-3', 'D-2'), 'CONFLICT', /already claimed by claim C-2/);
  });

  it('rejects off-indication use (SR-03, rejecting by default) and flags a health supplement on a pharmacy claim (RX-12)', async () => {
    await calls.issue(people.doctor, { rxId: 'RX-M', items: [{ drugCode: 'MET500', quantity: 28, dose: '500mg bid', days: 14 }], diagnosisCodes: ['I10'] });
    await calls.dispense(people.pharmacist, { rxId: 'RX-M', dispenseId: 'D-M', items: [{ drugCode: 'MET500', quantity: 28 }], feeLines: [line('MET500', 28, 150)] });
    const off = await claimDispense('C-M', 'D-M');
    expect(off.status).to.equal('REJECTED');
    expect(off.reviewHits).to.deep.equal([
      { ruleId: 'SR-03', action: 'reject', detail: 'off-indication use of MET500: indicated for E11, billed under I10', policy: { region: '310000', version: 1 } },
    ]);

    await calls.issue(people.doctor, { rxId: 'RX-V', items: [{ drugCode: 'VITC-PLUS', quantity: 2, dose: '1 qd', days: 2 }], selfPayConfirmed: ['VITC-PLUS'] });
    await calls.dispense(people.pharmacist, { rxId: 'RX-V', dispenseId: 'D-V', items: [{ drugCode: 'VITC-PLUS', quantity: 2 }], feeLines: [line('VITC-PLUS', 2, 3_000)] });
    const supplement = await claimDispense('C-V', 'D-V');
    expect(supplement.status).to.equal('MANUAL_REVIEW');
    expect(supplement.reviewHits.map((h) => [h.ruleId, h.detail])).to.deep.equal([['RX-12', 'non-insurance goods on a pharmacy claim: line 1 VITC-PLUS is a health supplement']]);
  });

  it('records the review rules of a new policy version in full, and refuses a rule it does not know', async () => {
    ledger.nowMs = Date.parse('2026-02-20T02:00:00Z');
    const set = await calls.setPolicy(people.insurerSH, { ...shTerms, effectiveFrom: '2026-02-20', reviewRules: { 'SR-03': { repeatExamDays: 14 } } });
    expect(set.reviewRules).to.deep.equal({
      'SR-03': { action: 'reject', repeatExamDays: 14 },
      'SR-04': { action: 'flag', windowDays: 30 },
      'SR-08': { action: 'flag', contradictions: [] },
      'SR-18': { action: 'flag' },
      'RX-12': { action: 'flag' },
    });
    await expectCode(calls.setPolicy(people.insurerSH, { ...shTerms, effectiveFrom: '2026-02-21', reviewRules: { 'SR-99': { action: 'flag' } } }), 'VALIDATION', /reviewRules\.SR-99/);
    await expectCode(calls.setPolicy(people.insurerSH, { ...shTerms, effectiveFrom: '2026-02-21', reviewRules: { 'SR-04': { action: 'approve' } } }), 'VALIDATION', /reviewRules\.SR-04\.action/);
  });
});
