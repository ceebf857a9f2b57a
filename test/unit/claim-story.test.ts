import { expect } from 'chai';
import { ClaimApi } from '../../chaincode/src/api/claim-api';
import { benefitYears } from '../../chaincode/src/stores/claims';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import { insuredPersons } from '../../chaincode/src/stores/insured-persons';
import { BJ, SH, cc, expectRefusal, invoice, patient, people, seedPolicies } from '../support/insurance-fixtures';
import { BJ_PATIENT, SH_ACCOUNT_FEN, SH_PATIENT, call, crossRegionStay, encounterClaim, seedDispense, seedStoryWorld, storyCalls } from '../support/settlement-fixtures';
import { memberLedger } from '../support/membership-fixtures';

/** The claims of the settlement story: how they are priced, checked, routed, reviewed and listed. */
describe('claims of the settlement story on the fake ledger', () => {
  let ledger: FakeLedger;
  const { submit, review, pay, fileFor, read } = storyCalls(() => ledger);

  beforeEach(async () => {
    ledger = await memberLedger();
    await seedPolicies(ledger);
    await seedStoryWorld(ledger);
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z'); // Monday 10:00 in China
  });

  it('prices a pharmacy claim from the dispense record and carries the deductible over to the next claim', async () => {
    const d1 = await seedDispense(ledger, {
      dispenseId: 'D-1',
      rxId: 'RX-1',
      patientRef: SH_PATIENT,
      feeLines: [
        { item: 'amlodipine 5mg', unitPriceFen: 2_599, quantity: 4, amountFen: 10_396 },
        { item: 'insulin pen', unitPriceFen: 7_777, quantity: 3, amountFen: 23_331 },
      ],
    });
    const first = await submit(people.pharmacist, { claimId: 'C-D-1', refType: 'dispense', refId: 'D-1', invoiceHash: invoice('D-1'), personalAccountRequestFen: 5_000 });
    expect(first).to.include({ encounterType: 'pharmacy', patientRef: SH_PATIENT, insuredRegion: SH, institutionLevel: 'basic', serviceDate: '2026-03-02' });
    expect(first.feeLines.map((l) => [l.item, l.category, l.amountFen, l.coverage.class, l.coverageSource])).to.deep.equal([
      ['amlodipine 5mg', 'drug', 10_396, 'A', 'dispense'],
      ['insulin pen', 'drug', 23_331, 'A', 'dispense'],
    ]);
    // Basic level (from the registry): deductible 200 CNY, then 70 %: (33 727 − 20 000) × 0.7 = 9 608.9 → 9 608.
    expect(first.amounts).to.deep.equal({
      totalFen: 33_727,
      uncoveredFen: 0,
      overStandardFen: 0,
      selfPayFirstFen: 0,
      eligibleFen: 33_727,
      deductibleFen: 20_000,
      fundFen: 9_608,
      personalAccountFen: 5_000,
      selfPayFen: 19_119,
      capLimited: false,
    });
    expect(first.feeLines.map((l) => l.insurerAmountFen)).to.deep.equal([2_962, 6_646]);
    first.feeLines.forEach((l) => expect(l.insurerAmountFen + l.personalAccountFen + l.selfPayFen).to.equal(l.amountFen));
    expect(first.derivation.ref).to.deep.equal({ refType: 'dispense', refId: 'D-1', txId: d1.dispensed.txId });
    expect(first.derivation.insuredPerson).to.include({ insuredRegion: SH, scheme: 'employee', status: 'ACTIVE', personalAccountBeforeFen: SH_ACCOUNT_FEN, personalAccountRequestFen: 5_000 });
    expect(await read(insuredPersons, SH_PATIENT)).to.include({ personalAccountFen: SH_ACCOUNT_FEN - 5_000 });

    await seedDispense(ledger, { dispenseId: 'D-2', rxId: 'RX-2', patientRef: SH_PATIENT, feeLines: [{ item: 'amlodipine 5mg', unitPriceFen: 2_599, quantity: 4, amountFen: 10_396 }] });
    const second = await submit(people.pharmacist, { claimId: 'C-D-2', refType: 'dispense', refId: 'D-2', invoiceHash: invoice('D-2') });
    expect(second.ruleSnapshot.deductibleMetBeforeFen).to.equal(20_000);
    expect(second.amounts).to.include({ deductibleFen: 0, fundFen: 7_277, personalAccountFen: 0 });
    const benefit = await read(benefitYears, `${SH}:2026:${SH_PATIENT}`);
    expect(benefit).to.include({ deductibleMetFen: 20_000, fundPaidFen: 9_608 + 7_277 });
  });

  it('refuses dispense claims that do not match the dispense on the ledger, or declare what the ledger says', async () => {
    await seedDispense(ledger, { dispenseId: 'D-1', rxId: 'RX-1', patientRef: SH_PATIENT, feeLines: [{ item: 'x', unitPriceFen: 100, quantity: 1, amountFen: 100 }] });
    const claim = { claimId: 'C-D-1', refType: 'dispense', refId: 'D-1', invoiceHash: invoice('D-1') };
    for (const declared of [{ feeLines: [] }, { patientRef: patient('other') }, { insuredRegion: BJ }, { institutionLevel: 'tertiary' }, { serviceDate: '2026-03-02' }]) {
      const field = Object.keys(declared)[0];
      await expectRefusal(submit(people.pharmacist, { ...claim, ...declared }), 'VALIDATION', new RegExp(`^\\[VALIDATION\\] ${field}: is not an allowed field$`));
    }
    await expectRefusal(submit(people.pharmacist, { ...claim, refId: 'D-404' }), 'NOT_FOUND', /dispense D-404/);
    await expectRefusal(submit(people.pharmacist2, claim), 'FORBIDDEN', /made by P310001/);
    await expectRefusal(submit(people.hospitalAdmin, claim), 'FORBIDDEN', /pharmacy staff/);
    await expectRefusal(submit(people.insurerSH, claim), 'FORBIDDEN');
  });

  it('validates claim arguments field by field and dates the claim by its record', async () => {
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ invoiceHash: 'abc' })), 'VALIDATION', /invoiceHash/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ refType: 'visit' })), 'VALIDATION', /refType: must be one of dispense, encounter/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ personalAccountRequestFen: -1 })), 'VALIDATION', /personalAccountRequestFen: must be an integer/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ fundFen: 1 })), 'VALIDATION', /fundFen: is not an allowed field/);
    await expectRefusal(ledger.tx(people.hospitalAdmin, (ctx) => cc.claim.Submit(ctx, 'not json')), 'VALIDATION', /args: must be a JSON object/);
    // The service date is the encounter's, so the policy in force on it is the one that applies.
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ refId: 'ENC-OLD', serviceDate: '2025-12-31' })), 'RULE', /no policy of region 310000 is in force on 2025-12-31/);
  });

  it('refuses a second claim for the same encounter, dispense or invoice, in any region', async () => {
    await submit(people.hospitalAdmin, encounterClaim());
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim()), 'CONFLICT', /claim C-SH-1 already exists/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ claimId: 'C-SH-2', invoiceHash: invoice('other') })), 'CONFLICT', /encounter ENC-SH-1 is already claimed by claim C-SH-1/);
    // The same encounter claimed again from Beijing for the patient's Beijing insurance.
    await expectRefusal(submit(people.hospitalAdminBJ, encounterClaim({ claimId: 'C-BJ-2', invoiceHash: invoice('bj') })), 'CONFLICT', /already claimed/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ claimId: 'C-SH-3', refId: 'ENC-SH-3' })), 'CONFLICT', /invoice .* already backs claim C-SH-1/);

    await seedDispense(ledger, { dispenseId: 'D-1', rxId: 'RX-1', patientRef: SH_PATIENT, feeLines: [{ item: 'x', unitPriceFen: 50_000, quantity: 1, amountFen: 50_000 }] });
    const dispenseClaim = { refType: 'dispense', refId: 'D-1' };
    await submit(people.pharmacist, { ...dispenseClaim, claimId: 'C-D-1', invoiceHash: invoice('D-1') });
    await expectRefusal(submit(people.pharmacist, { ...dispenseClaim, claimId: 'C-D-2', invoiceHash: invoice('D-2') }), 'CONFLICT', /dispense D-1 is already claimed/);
  });

  it('pays unfiled cross-region care at the lower ratio and keeps the personal account for local care', async () => {
    const claim = await submit(people.hospitalAdmin, crossRegionStay());
    expect(claim.filingId).to.equal(undefined);
    expect(claim.ruleSnapshot).to.include({ ratioBp: 4500, ratioBasis: 'crossRegionUnfiled' });
    expect(claim.amounts.fundFen).to.equal(330_490); // 734 423 × 45 % = 330 490.35
    await expectRefusal(
      submit(people.hospitalAdmin, crossRegionStay({ claimId: 'C-X-2', refId: 'ENC-X-2', invoiceHash: invoice('X-2'), personalAccountRequestFen: 1 })),
      'RULE',
      /does not allow personal-account payment for cross-region care/,
    );
    // A filing made only after the claim does not change it; a non-emergency filing cannot reach back (XR-06).
    await expectRefusal(fileFor(BJ_PATIENT, '2026-02-01', false), 'RULE', /XR-06/);
  });

  it('routes claims by SR-01 and SR-02 and records the hits with the policy version', async () => {
    const longStay = await submit(
      people.hospitalAdmin,
      encounterClaim({ type: 'inpatient', admissionDate: '2026-01-30', dischargeDate: '2026-03-02', feeLines: [{ item: 'bed-day', unitPriceFen: 10_000, quantity: 31, amountFen: 310_000, category: 'bed' }] }),
    );
    expect(longStay.stayDays).to.equal(31);
    expect(longStay.status).to.equal('UNDER_REVIEW');
    expect(longStay.reviewHits).to.deep.equal([{ ruleId: 'SR-01', severity: 'warn', detail: 'stay of 31 days exceeds 30', policy: { region: SH, version: 1 } }]);

    const big = await submit(
      people.hospitalAdmin,
      encounterClaim({ claimId: 'C-BIG', refId: 'ENC-BIG', invoiceHash: invoice('big'), feeLines: [{ item: 'stent', unitPriceFen: 5_000_001, quantity: 1, amountFen: 5_000_001, category: 'consumable' }] }),
    );
    expect(big.status).to.equal('MANUAL_REVIEW');
    expect(big.reviewHits.map((h) => h.ruleId)).to.deep.equal(['SR-02']);
    expect(big.statusHistory[1]).to.include({ status: 'MANUAL_REVIEW', reason: 'SR-02: total 5000001 fen exceeds 5000000 fen' });
    await expectRefusal(review(people.insurerSH, 'C-BIG', 'APPROVED'), 'VALIDATION', /manual review/);
    const approved = await review(people.insurerSH, 'C-BIG', 'APPROVED', 'invoice and implant record checked on site');
    expect(approved.statusHistory[2]).to.include({ status: 'APPROVED', reason: 'invoice and implant record checked on site' });
  });

  it('lets only the treatment region insurer review and pay', async () => {
    await submit(people.hospitalAdmin, encounterClaim());
    // Beijing is a third region to a Shanghai patient treated in Shanghai.
    await expectRefusal(review(people.insurerBJ, 'C-SH-1', 'APPROVED'), 'FORBIDDEN', /treatment region 310000/);
    // Beijing insures this patient, but Shanghai treated them: Beijing still may not approve.
    await submit(people.hospitalAdmin, crossRegionStay());
    await expectRefusal(review(people.insurerBJ, 'C-X-1', 'APPROVED'), 'FORBIDDEN', /treatment region 310000/);
    await expectRefusal(review(people.hospitalAdmin, 'C-X-1', 'APPROVED'), 'FORBIDDEN');
    await review(people.insurerSH, 'C-X-1', 'APPROVED');
    await expectRefusal(pay(people.insurerBJ, 'C-X-1', 'T-1'), 'FORBIDDEN', /treatment region 310000/);
    // An insurer certificate claiming another region than its MSP's is refused outright.
    const forged: FakeIdentity = { mspId: 'InsurerBJMSP', cn: 'forged', attrs: { role: 'insurer', region: SH } };
    await expectRefusal(review(forged, 'C-SH-1', 'APPROVED'), 'FORBIDDEN', /does not match/);
  });

  it('lists claims by status, region and institution, a page at a time', async () => {
    for (const n of [1, 2, 3]) {
      await submit(people.hospitalAdmin, encounterClaim({ claimId: `C-SH-${n}`, refId: `ENC-SH-${n}`, invoiceHash: invoice(`SH-${n}`) }));
    }
    await submit(people.hospitalAdmin, crossRegionStay());
    await review(people.insurerSH, 'C-SH-2', 'APPROVED');

    const byRegion = (who: FakeIdentity, query: Record<string, unknown>) => call(ledger, who, ClaimApi.ListByRegion, query);
    const first = await byRegion(people.insurerSH, { region: SH, status: 'UNDER_REVIEW', pageSize: 2 });
    expect(first.records.map((c) => c.claimId)).to.deep.equal(['C-SH-1', 'C-SH-3']);
    const second = await byRegion(people.insurerSH, { region: SH, status: 'UNDER_REVIEW', pageSize: 2, bookmark: first.bookmark });
    expect(second.records.map((c) => c.claimId)).to.deep.equal(['C-X-1']);
    expect(second.bookmark).to.equal('');
    const approved = await byRegion(people.insurerSH, { region: SH, status: 'APPROVED' });
    expect(approved.records.map((c) => c.claimId)).to.deep.equal(['C-SH-2']);
    await expectRefusal(byRegion(people.insurerBJ, { region: SH, status: 'APPROVED' }), 'FORBIDDEN');
    await expectRefusal(byRegion(people.insurerSH, { region: SH, status: 'APPROVED', pageSize: 500 }), 'VALIDATION', /pageSize/);

    const insuredByBJ = await byRegion(people.insurerBJ, { region: BJ, side: 'insured', pageSize: 10 });
    expect(insuredByBJ.records.map((c) => c.claimId)).to.deep.equal(['C-X-1']);
    // Beijing's insurer sees only the hospital's claims Beijing is party to.
    const byInstitution = (who: FakeIdentity) => call(ledger, who, ClaimApi.ListByInstitution, { institutionId: 'H310001', pageSize: 10 });
    const seenByBJ = await byInstitution(people.insurerBJ);
    expect(seenByBJ.records.map((c) => c.claimId)).to.deep.equal(['C-X-1']);
    const seenByStaff = await byInstitution(people.doctor);
    expect(seenByStaff.records).to.have.length(4);
    await expectRefusal(byInstitution(people.pharmacist), 'FORBIDDEN');
  });
});
