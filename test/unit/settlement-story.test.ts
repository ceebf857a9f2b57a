import { expect } from 'chai';
import { putIndex, readRecord, writeRecord } from '../../chaincode/src/ledger/state';
import type { BenefitYearRecord, ClaimRecord } from '../../chaincode/src/model/claim';
import type { TransferRecord } from '../../chaincode/src/model/transfer';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import { BJ, SH, cc, expectRefusal, invoice, patient, people, seedDispense, seedPolicies, shTerms } from '../support/insurance-fixtures';

const HOUR = 60 * 60 * 1000;
const BJ_PATIENT = patient('BJ-1');
const SH_PATIENT = patient('SH-1');

/** A BJ-insured inpatient stay at a tertiary Shanghai hospital, 24 nights. */
const stayLines = [
  { item: 'bed-day', unitPriceFen: 30_000, quantity: 24, amountFen: 720_000, category: 'bed' },
  { item: 'amoxicillin 0.25g', unitPriceFen: 1_234, quantity: 37, amountFen: 45_658, category: 'drug' },
  { item: 'CT scan', unitPriceFen: 98_765, quantity: 1, amountFen: 98_765, category: 'exam' },
];

function encounterClaim(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    claimId: 'C-SH-1',
    refType: 'encounter',
    refId: 'ENC-SH-1',
    invoiceHash: invoice('SH-1'),
    patientRef: SH_PATIENT,
    insuredRegion: SH,
    institutionLevel: 'secondary',
    encounterType: 'outpatient',
    serviceDate: '2026-03-02',
    feeLines: [
      { item: 'consultation', unitPriceFen: 5_000, quantity: 1, amountFen: 5_000, category: 'service' },
      { item: 'blood panel', unitPriceFen: 12_000, quantity: 2, amountFen: 24_000, category: 'exam' },
      { item: 'metformin 0.5g', unitPriceFen: 3_300, quantity: 37, amountFen: 122_100, category: 'drug' },
    ],
    ...overrides,
  };
}

const crossRegionStay = (overrides: Record<string, unknown> = {}) =>
  encounterClaim({
    claimId: 'C-X-1',
    refId: 'ENC-X-1',
    invoiceHash: invoice('X-1'),
    patientRef: BJ_PATIENT,
    insuredRegion: BJ,
    institutionLevel: 'tertiary',
    encounterType: 'inpatient',
    admissionDate: '2026-02-01',
    serviceDate: '2026-02-25',
    feeLines: stayLines,
    ...overrides,
  });

describe('claims and settlement on the fake ledger', () => {
  let ledger: FakeLedger;
  const submit = (who: FakeIdentity, claim: Record<string, unknown>) => ledger.tx(who, (ctx) => cc.claim.Submit(ctx, JSON.stringify(claim)));
  const review = (who: FakeIdentity, claimId: string, decision: string, reason = '') =>
    ledger.tx(who, (ctx) => cc.claim.Review(ctx, claimId, decision, reason));
  const pay = (who: FakeIdentity, claimId: string, transferId: string) => ledger.tx(who, (ctx) => cc.settlement.Pay(ctx, claimId, transferId, `BANK-${transferId}`));
  const propose = (who: FakeIdentity, batch: Record<string, unknown>) => ledger.tx(who, (ctx) => cc.settlement.ProposeBatch(ctx, JSON.stringify(batch)));
  const fileFor = (patientRef: string, from: string, emergencyPostFiled: boolean) =>
    ledger.tx(people.insurerBJ, (ctx) =>
      cc.filing.Create(
        ctx,
        JSON.stringify({ filingId: 'F-1', patientRef, insuredRegion: BJ, treatmentRegion: SH, period: { from, to: '2026-06-30' }, emergencyPostFiled }),
      ),
    );
  const read = <T>(docType: string, id: string) => ledger.tx(people.investigator, (ctx) => readRecord<T>(ctx, docType, id));
  const paidClaim = async (claim: Record<string, unknown>, submitter: FakeIdentity, insurer: FakeIdentity, transferId: string) => {
    const submitted = await submit(submitter, claim);
    await review(insurer, submitted.claimId, 'APPROVED');
    return (await pay(insurer, submitted.claimId, transferId)).claim;
  };

  beforeEach(async () => {
    ledger = new FakeLedger();
    await seedPolicies(ledger);
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z'); // Monday 10:00 in China
  });

  it('auto-approves a clean claim within the treatment region’s own limit; it is paid without a review', async () => {
    ledger.nowMs = Date.parse('2026-02-20T02:00:00Z');
    await ledger.tx(people.insurerSH, (ctx) =>
      cc.policy.Set(ctx, JSON.stringify({ ...shTerms, effectiveFrom: '2026-03-01', reviewThresholds: { ...shTerms.reviewThresholds, autoApproveMaxFen: 151_100 } })),
    );
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z');

    // 5 000 + 24 000 + 122 100 = 151 100 fen: exactly the limit.
    const clean = await submit(people.hospitalAdmin, encounterClaim());
    expect(clean.status).to.equal('APPROVED');
    expect(clean.statusHistory.map((s) => s.status)).to.deep.equal(['SUBMITTED', 'UNDER_REVIEW', 'APPROVED']);
    expect(clean.statusHistory[2].reason).to.equal('auto-approved by smart review: no rule hits and total 151100 fen within the limit of 151100 fen of policy 310000:2');
    await expectRefusal(review(people.insurerSH, clean.claimId, 'APPROVED'), 'CONFLICT', /not under review/);
    const { claim: remitted } = await pay(people.insurerSH, clean.claimId, 'T-AUTO-1');
    expect(remitted.status).to.equal('REMITTED');

    // One fen more waits for the insurer.
    const over = await submit(
      people.hospitalAdmin,
      encounterClaim({ claimId: 'C-SH-2', refId: 'ENC-SH-2', invoiceHash: invoice('SH-2'), feeLines: [{ item: 'consultation', unitPriceFen: 151_101, quantity: 1, amountFen: 151_101, category: 'service' }] }),
    );
    expect(over.status).to.equal('UNDER_REVIEW');
    await expectRefusal(pay(people.insurerSH, over.claimId, 'T-AUTO-2'), 'CONFLICT');
  });

  it('runs the whole story: filing → claim → review → pay → batch → confirm → fund flow', async () => {
    // The patient was admitted as an emergency on 1 February; Beijing files afterwards (XR-06).
    const filing = await fileFor(BJ_PATIENT, '2026-02-01', true);
    ledger.nowMs += HOUR;

    const claim = await submit(people.hospitalAdmin, crossRegionStay());
    expect(claim).to.include({ status: 'UNDER_REVIEW', crossRegion: true, filingId: filing.filingId, treatmentRegion: SH, institutionId: 'H310001', stayDays: 24 });
    // Beijing's policy applies (the insured region's): tertiary deductible 1 300 CNY, filed cross-region ratio 65 %.
    expect(claim.ruleSnapshot).to.deep.equal({
      policy: { region: BJ, version: 1 },
      ratioBp: 6500,
      ratioBasis: 'crossRegionFiled',
      deductibleThresholdFen: 130_000,
      deductibleMetBeforeFen: 0,
      annualCapFen: 20_000_000,
      fundPaidBeforeFen: 0,
    });
    // 864 423 − 130 000 = 734 423 eligible; × 65 % = 477 374.95 → the fund pays 477 374.
    expect(claim.amounts).to.deep.equal({ totalFen: 864_423, deductibleFen: 130_000, fundFen: 477_374, personalAccountFen: 0, selfPayFen: 387_049, capLimited: false });
    expect(claim.feeLines.reduce((s, l) => s + l.insurerAmountFen, 0)).to.equal(477_374);
    claim.feeLines.forEach((l) => expect(l.insurerAmountFen + l.selfAmountFen).to.equal(l.amountFen));
    expect(claim.statusHistory.map((s) => s.status)).to.deep.equal(['SUBMITTED', 'UNDER_REVIEW']);
    expect(claim.statusHistory[1].reason).to.equal('smart review: no rule hits');
    expect(ledger.lastEvent).to.deep.equal({ name: 'ClaimSubmitted', payload: { claimId: 'C-X-1', status: 'UNDER_REVIEW', txId: claim.submitted.txId } });
    ledger.nowMs += HOUR;

    await review(people.insurerSH, 'C-X-1', 'APPROVED');
    ledger.nowMs += HOUR;
    const { claim: remitted, transfer } = await pay(people.insurerSH, 'C-X-1', 'T-PAY-1');
    expect(remitted.status).to.equal('REMITTED');
    expect(transfer).to.include({ kind: 'claimPayment', fromFund: 'fund:310000', toParty: 'H310001', amountFen: 477_374, date: '2026-03-02' });
    expect(remitted.statusHistory.map((s) => [s.status, s.by.mspId])).to.deep.equal([
      ['SUBMITTED', 'HospitalMSP'],
      ['UNDER_REVIEW', 'HospitalMSP'],
      ['APPROVED', 'InsurerSHMSP'],
      ['REMITTED', 'InsurerSHMSP'],
    ]);
    expect(new Set(remitted.statusHistory.map((s) => s.txId)).size).to.equal(3);
    ledger.nowMs += HOUR;

    const clearable = await ledger.tx(people.insurerSH, (ctx) => cc.settlement.Clearable(ctx, BJ));
    expect(clearable).to.deep.include({ claimIds: ['C-X-1'], owedFenByRegion: { [SH]: 0, [BJ]: 477_374 }, net: { payerRegion: BJ, payeeRegion: SH, amountFen: 477_374 } });
    const batch = await propose(people.insurerSH, { batchId: 'B-1', counterpartyRegion: BJ, claimIds: ['C-X-1'], owedFenByRegion: { [BJ]: 477_374 } });
    expect(batch.status).to.equal('PROPOSED');
    ledger.nowMs += HOUR;

    const cleared = await ledger.tx(people.insurerBJ, (ctx) => cc.settlement.ConfirmBatch(ctx, 'B-1', 'T-CLR-1', 'PBOC-20260302-1'));
    expect(cleared.batch).to.include({ status: 'CLEARED', transferId: 'T-CLR-1' });
    expect(cleared.transfer).to.include({ kind: 'clearing', fromFund: 'fund:110000', toParty: 'fund:310000', amountFen: 477_374, batchId: 'B-1' });

    const flow = await ledger.tx(people.investigator, (ctx) => cc.trace.FundFlow(ctx, 'C-X-1'));
    expect(flow.payments.map((t) => t.transferId)).to.deep.equal(['T-PAY-1']);
    expect(flow.payee).to.deep.equal({ party: 'H310001', receivedFen: 477_374 });
    expect(flow.batch?.status).to.equal('CLEARED');
    expect(flow.clearing).to.include({ transferId: 'T-CLR-1', fromFund: 'fund:110000', toParty: 'fund:310000' });

    const received = await ledger.tx(people.investigator, (ctx) => cc.trace.FundsReceived(ctx, 'H310001', 'fund:310000', '2026-03-01', '2026-03-31', '', ''));
    expect(received.transfers.map((t) => t.transferId)).to.deep.equal(['T-PAY-1']);
    expect(received).to.include({ count: 1, totalFen: 477_374, bookmark: '' });
    // A payee index entry written before entries carried a summary is completed from its transfer.
    const indexKey = [...ledger.state.keys()].find((k) => k.includes('transfer-by-payee') && k.includes('T-PAY-1'));
    expect(indexKey).to.be.a('string');
    ledger.state.set(indexKey as string, new Uint8Array([0]));
    const fromLegacy = await ledger.tx(people.investigator, (ctx) => cc.trace.FundsReceived(ctx, 'H310001', 'fund:310000', '2026-03-01', '2026-03-31', '', ''));
    expect(fromLegacy).to.deep.equal(received);
    for (const [pageSize, bookmark] of [['0', ''], ['201', ''], ['', 'T-PAY-1'], ['', '2026-03-02T02:00:00.000Z|bad id']]) {
      await expectRefusal(ledger.tx(people.investigator, (ctx) => cc.trace.FundsReceived(ctx, 'H310001', '', '2026-03-01', '2026-03-31', pageSize, bookmark)), 'VALIDATION');
    }
    const before = await ledger.tx(people.investigator, (ctx) => cc.trace.FundsReceived(ctx, 'H310001', '', '2026-02-01', '2026-03-01', '', ''));
    expect(before.transfers).to.deep.equal([]);
    const intoFund = await ledger.tx(people.investigator, (ctx) => cc.trace.FundsReceived(ctx, 'fund:310000', 'fund:110000', '2026-03-02', '2026-03-02', '', ''));
    expect(intoFund.transfers.map((t) => t.transferId)).to.deep.equal(['T-CLR-1']);

    const timeline = await ledger.tx(people.investigator, (ctx) => cc.trace.Timeline(ctx, 'patientRef', BJ_PATIENT));
    expect(timeline.entries.map((e) => `${e.kind}:${e.action}`)).to.deep.equal([
      'filing:filed',
      'claim:SUBMITTED',
      'claim:UNDER_REVIEW',
      'claim:APPROVED',
      'claim:REMITTED',
      'transfer:paid',
    ]);
    const hospital = await ledger.tx(people.investigator, (ctx) => cc.trace.Timeline(ctx, 'institution', 'H310001'));
    expect(hospital.entries.filter((e) => e.kind === 'transfer').map((e) => e.id)).to.deep.equal(['T-PAY-1']);

    // One event per write, ids only.
    expect(ledger.events.map((e) => e.name)).to.deep.equal([
      'PolicySet',
      'PolicySet',
      'FilingCreated',
      'ClaimSubmitted',
      'ClaimReviewed',
      'ClaimRemitted',
      'BatchProposed',
      'BatchCleared',
    ]);
    expect(JSON.stringify(ledger.events)).not.to.contain(BJ_PATIENT);
  });

  it('prices a pharmacy claim from the dispense record and carries the deductible over to the next claim', async () => {
    await seedDispense(ledger, {
      dispenseId: 'D-1',
      pharmacyId: 'P310001',
      patientRef: SH_PATIENT,
      feeLines: [
        { item: 'amlodipine 5mg', unitPriceFen: 2_599, quantity: 4, amountFen: 10_396 },
        { item: 'insulin pen', unitPriceFen: 7_777, quantity: 3, amountFen: 23_331 },
      ],
    });
    const base = { refType: 'dispense', patientRef: SH_PATIENT, insuredRegion: SH, institutionLevel: 'basic', serviceDate: '2026-03-02' };
    const first = await submit(people.pharmacist, { ...base, claimId: 'C-D-1', refId: 'D-1', invoiceHash: invoice('D-1'), personalAccountRequestFen: 5_000 });
    expect(first.encounterType).to.equal('pharmacy');
    expect(first.feeLines.map((l) => [l.item, l.category, l.amountFen])).to.deep.equal([
      ['amlodipine 5mg', 'drug', 10_396],
      ['insulin pen', 'drug', 23_331],
    ]);
    // Basic level: deductible 200 CNY, then 70 %: (33 727 − 20 000) × 0.7 = 9 608.9 → 9 608.
    expect(first.amounts).to.deep.equal({ totalFen: 33_727, deductibleFen: 20_000, fundFen: 9_608, personalAccountFen: 5_000, selfPayFen: 19_119, capLimited: false });
    expect(first.feeLines.map((l) => l.insurerAmountFen)).to.deep.equal([2_962, 6_646]);

    await seedDispense(ledger, { dispenseId: 'D-2', pharmacyId: 'P310001', patientRef: SH_PATIENT, feeLines: [{ item: 'amlodipine 5mg', unitPriceFen: 2_599, quantity: 4, amountFen: 10_396 }] });
    const second = await submit(people.pharmacist, { ...base, claimId: 'C-D-2', refId: 'D-2', invoiceHash: invoice('D-2') });
    expect(second.ruleSnapshot.deductibleMetBeforeFen).to.equal(20_000);
    expect(second.amounts).to.include({ deductibleFen: 0, fundFen: 7_277 });
    const benefit = await read<BenefitYearRecord>('benefit-year', `${SH}:2026:${SH_PATIENT}`);
    expect(benefit).to.include({ deductibleMetFen: 20_000, fundPaidFen: 9_608 + 7_277 });
  });

  it('refuses dispense claims that do not match the dispense on the ledger', async () => {
    await seedDispense(ledger, { dispenseId: 'D-1', pharmacyId: 'P310001', patientRef: SH_PATIENT, feeLines: [{ item: 'x', unitPriceFen: 100, quantity: 1, amountFen: 100 }] });
    const claim = { claimId: 'C-D-1', refType: 'dispense', refId: 'D-1', invoiceHash: invoice('D-1'), patientRef: SH_PATIENT, insuredRegion: SH, institutionLevel: 'basic', serviceDate: '2026-03-02' };
    await expectRefusal(submit(people.pharmacist, { ...claim, feeLines: [] }), 'VALIDATION', /claim\.feeLines must be omitted/);
    await expectRefusal(submit(people.pharmacist, { ...claim, refId: 'D-404' }), 'NOT_FOUND', /dispense D-404/);
    await expectRefusal(submit(people.pharmacist2, claim), 'FORBIDDEN', /made by P310001/);
    await expectRefusal(submit(people.hospitalAdmin, claim), 'FORBIDDEN', /pharmacy staff/);
    await expectRefusal(submit(people.pharmacist, { ...claim, patientRef: patient('other') }), 'RULE', /not for patient/);
    await expectRefusal(submit(people.insurerSH, claim), 'FORBIDDEN');
  });

  it('validates claim arguments field by field', async () => {
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ feeLines: [{ item: 'x', unitPriceFen: 100, quantity: 3, amountFen: 301, category: 'drug' }] })), 'VALIDATION', /feeLines\[0\]\.amountFen must equal/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ feeLines: [{ item: 'x', unitPriceFen: 10.5, quantity: 2, amountFen: 21, category: 'drug' }] })), 'VALIDATION', /unitPriceFen must be an integer/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ institutionLevel: 'quaternary' })), 'VALIDATION', /institutionLevel must be one of/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ serviceDate: '2026-03-03' })), 'VALIDATION', /after today/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ invoiceHash: 'abc' })), 'VALIDATION', /invoiceHash/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ admissionDate: '2026-03-01' })), 'VALIDATION', /inpatient claims only/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ fundFen: 1 })), 'VALIDATION', /unknown field\(s\): fundFen/);
    await expectRefusal(ledger.tx(people.hospitalAdmin, (ctx) => cc.claim.Submit(ctx, 'not json')), 'VALIDATION', /JSON object/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ serviceDate: '2025-12-31' })), 'RULE', /no policy of region 310000 is in force on 2025-12-31/);
  });

  it('refuses a second claim for the same encounter, dispense or invoice, in any region', async () => {
    await submit(people.hospitalAdmin, encounterClaim());
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim()), 'CONFLICT', /claim C-SH-1 already exists/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ claimId: 'C-SH-2', invoiceHash: invoice('other') })), 'CONFLICT', /encounter ENC-SH-1 is already claimed by claim C-SH-1/);
    // The same encounter claimed again from Beijing for the patient's Beijing insurance.
    await expectRefusal(submit(people.hospitalAdminBJ, encounterClaim({ claimId: 'C-BJ-2', invoiceHash: invoice('bj') })), 'CONFLICT', /already claimed/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ claimId: 'C-SH-3', refId: 'ENC-SH-3' })), 'CONFLICT', /invoice .* already backs claim C-SH-1/);

    await seedDispense(ledger, { dispenseId: 'D-1', pharmacyId: 'P310001', patientRef: SH_PATIENT, feeLines: [{ item: 'x', unitPriceFen: 50_000, quantity: 1, amountFen: 50_000 }] });
    const dispenseClaim = { refType: 'dispense', refId: 'D-1', patientRef: SH_PATIENT, insuredRegion: SH, institutionLevel: 'basic', serviceDate: '2026-03-02' };
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
      encounterClaim({ encounterType: 'inpatient', admissionDate: '2026-01-30', serviceDate: '2026-03-02', feeLines: [{ item: 'bed-day', unitPriceFen: 10_000, quantity: 31, amountFen: 310_000, category: 'bed' }] }),
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

  it('pays a claim at most once', async () => {
    await submit(people.hospitalAdmin, encounterClaim());
    await review(people.insurerSH, 'C-SH-1', 'APPROVED');
    const { transfer } = await pay(people.insurerSH, 'C-SH-1', 'T-1');
    await expectRefusal(pay(people.insurerSH, 'C-SH-1', 'T-2'), 'CONFLICT', /already paid by transfer T-1/);
    await expectRefusal(review(people.insurerSH, 'C-SH-1', 'REJECTED', 'late doubt'), 'CONFLICT', /REMITTED/);
    expect(await read<TransferRecord>('transfer', 'T-2')).to.equal(undefined);
    // A transfer id is used once, too.
    await submit(people.hospitalAdmin, encounterClaim({ claimId: 'C-SH-2', refId: 'ENC-SH-2', invoiceHash: invoice('SH-2') }));
    await review(people.insurerSH, 'C-SH-2', 'APPROVED');
    await expectRefusal(pay(people.insurerSH, 'C-SH-2', 'T-1'), 'CONFLICT', /transfer T-1 already exists/);
    const received = await ledger.tx(people.investigator, (ctx) => cc.trace.FundsReceived(ctx, 'H310001', '', '2026-01-01', '2026-12-31', '', ''));
    expect(received.transfers).to.deep.equal([transfer]);
  });

  it('pays nothing for a rejected claim and gives the patient back the deductible it used', async () => {
    const claim = await submit(people.hospitalAdmin, encounterClaim());
    expect(claim.amounts).to.include({ deductibleFen: 50_000, fundFen: 60_660 }); // (151 100 − 50 000) × 60 %
    await expectRefusal(pay(people.insurerSH, 'C-SH-1', 'T-1'), 'CONFLICT', /UNDER_REVIEW; only an approved claim is paid/);
    await expectRefusal(review(people.insurerSH, 'C-SH-1', 'REJECTED'), 'VALIDATION', /reason is required to reject/);
    const rejected = await review(people.insurerSH, 'C-SH-1', 'REJECTED', 'SR-03: repeat examination');
    expect(rejected.status).to.equal('REJECTED');
    await expectRefusal(pay(people.insurerSH, 'C-SH-1', 'T-1'), 'CONFLICT', /REJECTED/);
    expect(await read<TransferRecord>('transfer', 'T-1')).to.equal(undefined);
    expect(await read<BenefitYearRecord>('benefit-year', `${SH}:2026:${SH_PATIENT}`)).to.include({ deductibleMetFen: 0, fundPaidFen: 0 });
    const flow = await ledger.tx(people.investigator, (ctx) => cc.trace.FundFlow(ctx, 'C-SH-1'));
    expect(flow.payments).to.deep.equal([]);
    expect(flow.payee.receivedFen).to.equal(0);
    // Rejected is final: the encounter cannot be claimed again.
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim({ claimId: 'C-SH-1b', invoiceHash: invoice('again') })), 'CONFLICT', /already claimed/);
  });

  it('refuses unbalanced batches, claims that are not clearable, and a claim in two batches', async () => {
    await fileFor(BJ_PATIENT, '2026-02-01', true);
    const remitted = await paidClaim(crossRegionStay(), people.hospitalAdmin, people.insurerSH, 'T-1');
    const fund = remitted.amounts.fundFen;
    await expectRefusal(
      propose(people.insurerSH, { batchId: 'B-1', counterpartyRegion: BJ, claimIds: ['C-X-1'], owedFenByRegion: { [BJ]: fund - 1 } }),
      'RULE',
      new RegExp(`batch B-1 does not balance: 110000 owes ${fund} fen by its claims but ${fund - 1} fen was declared`),
    );
    expect(await read('batch', 'B-1')).to.equal(undefined);
    await expectRefusal(propose(people.insurerSH, { batchId: 'B-1', counterpartyRegion: BJ, claimIds: ['C-X-1'], owedFenByRegion: { '440000': fund } }), 'VALIDATION', /unknown field/);

    // A local claim and a claim not yet paid cannot be cleared.
    await paidClaim(encounterClaim(), people.hospitalAdmin, people.insurerSH, 'T-2');
    await expectRefusal(propose(people.insurerSH, { batchId: 'B-1', counterpartyRegion: BJ, claimIds: ['C-SH-1'], owedFenByRegion: {} }), 'RULE', /not a cross-region claim/);
    await submit(people.hospitalAdmin, crossRegionStay({ claimId: 'C-X-2', refId: 'ENC-X-2', invoiceHash: invoice('X-2'), serviceDate: '2026-02-26' }));
    await expectRefusal(propose(people.insurerSH, { batchId: 'B-1', counterpartyRegion: BJ, claimIds: ['C-X-2'], owedFenByRegion: {} }), 'CONFLICT', /only remitted claims/);

    await propose(people.insurerSH, { batchId: 'B-1', counterpartyRegion: BJ, claimIds: ['C-X-1'], owedFenByRegion: { [BJ]: fund, [SH]: 0 } });
    await expectRefusal(propose(people.insurerSH, { batchId: 'B-2', counterpartyRegion: BJ, claimIds: ['C-X-1'], owedFenByRegion: { [BJ]: fund } }), 'CONFLICT', /already in batch B-1/);
    await expectRefusal(ledger.tx(people.insurerSH, (ctx) => cc.settlement.ConfirmBatch(ctx, 'B-1', 'T-C', 'REF-1')), 'FORBIDDEN', /only the insurer of 110000 confirms/);
    await ledger.tx(people.insurerBJ, (ctx) => cc.settlement.ConfirmBatch(ctx, 'B-1', 'T-C', 'REF-1'));
    await expectRefusal(ledger.tx(people.insurerBJ, (ctx) => cc.settlement.ConfirmBatch(ctx, 'B-1', 'T-C2', 'REF-2')), 'CONFLICT', /CLEARED/);
  });

  it('nets claims in both directions and lets a rejected batch be proposed again', async () => {
    await fileFor(BJ_PATIENT, '2026-02-01', true);
    const shTreated = await paidClaim(crossRegionStay(), people.hospitalAdmin, people.insurerSH, 'T-SH');
    // A Shanghai patient treated at a Beijing hospital: Shanghai owes Beijing.
    const bjTreated = await paidClaim(
      encounterClaim({ claimId: 'C-BJ-1', refId: 'ENC-BJ-1', invoiceHash: invoice('BJ-1'), institutionLevel: 'basic' }),
      people.hospitalAdminBJ,
      people.insurerBJ,
      'T-BJ',
    );
    expect(bjTreated.ruleSnapshot).to.include({ ratioBasis: 'crossRegionUnfiled', ratioBp: 4000 });
    const owed = { [BJ]: shTreated.amounts.fundFen, [SH]: bjTreated.amounts.fundFen };
    const clearable = await ledger.tx(people.insurerBJ, (ctx) => cc.settlement.Clearable(ctx, SH));
    expect(clearable.claimIds).to.have.members(['C-X-1', 'C-BJ-1']);
    expect(clearable.owedFenByRegion).to.deep.equal(owed);

    const batch = await propose(people.insurerSH, { batchId: 'B-N', counterpartyRegion: BJ, claimIds: ['C-X-1', 'C-BJ-1'], owedFenByRegion: owed });
    expect(batch.net).to.deep.equal({ payerRegion: BJ, payeeRegion: SH, amountFen: owed[BJ] - owed[SH] });
    const rejected = await ledger.tx(people.insurerBJ, (ctx) => cc.settlement.RejectBatch(ctx, 'B-N', 'C-BJ-1 disputed'));
    expect(rejected).to.include({ status: 'REJECTED', rejectReason: 'C-BJ-1 disputed' });
    expect((await read<ClaimRecord>('claim', 'C-X-1'))?.batchId).to.equal(undefined);

    await propose(people.insurerSH, { batchId: 'B-N2', counterpartyRegion: BJ, claimIds: ['C-X-1', 'C-BJ-1'], owedFenByRegion: owed });
    const { transfer } = await ledger.tx(people.insurerBJ, (ctx) => cc.settlement.ConfirmBatch(ctx, 'B-N2', 'T-NET', 'REF-NET'));
    expect(transfer).to.include({ fromFund: 'fund:110000', toParty: 'fund:310000', amountFen: owed[BJ] - owed[SH] });
    expect(transfer?.claimIds).to.deep.equal(['C-X-1', 'C-BJ-1']);
    const flow = await ledger.tx(people.investigator, (ctx) => cc.trace.FundFlow(ctx, 'C-BJ-1'));
    expect(flow.payments[0]).to.include({ fromFund: 'fund:110000', toParty: 'H110001' });
    expect(flow.clearing?.transferId).to.equal('T-NET');
  });

  it('keeps the trace queries for investigators and claims for their parties', async () => {
    await submit(people.hospitalAdmin, crossRegionStay());
    for (const who of [people.pharmacist, people.insurerSH, people.hospitalAdmin]) {
      await expectRefusal(ledger.tx(who, (ctx) => cc.trace.FundFlow(ctx, 'C-X-1')), 'FORBIDDEN');
    }
    await expectRefusal(ledger.tx(people.pharmacist, (ctx) => cc.trace.Timeline(ctx, 'doctor', 'DOC-1001')), 'FORBIDDEN');
    await expectRefusal(ledger.tx(people.pharmacist, (ctx) => cc.trace.FundsReceived(ctx, 'P310001', '', '2026-01-01', '2026-12-31', '', '')), 'FORBIDDEN');

    // Parties: the hospital's staff, both insurers; not another institution.
    for (const who of [people.hospitalAdmin, people.doctor, people.insurerSH, people.insurerBJ, people.investigator]) {
      expect((await ledger.tx(who, (ctx) => cc.claim.Get(ctx, 'C-X-1'))).claimId).to.equal('C-X-1');
    }
    await expectRefusal(ledger.tx(people.doctor2, (ctx) => cc.claim.Get(ctx, 'C-X-1')), 'FORBIDDEN');
    await expectRefusal(ledger.tx(people.pharmacist, (ctx) => cc.claim.Get(ctx, 'C-X-1')), 'FORBIDDEN');
  });

  it('builds actor timelines from the prescription indexes and its own records', async () => {
    // What the prescription contracts leave behind: a prescription and its indexes, a dispense and its index.
    await ledger.tx(people.doctor, async (ctx) => {
      await writeRecord(ctx, 'prescription', 'RX-1', { docType: 'prescription', rxId: 'RX-1' });
      await putIndex(ctx, 'rx-by-prescriber', ['DOC-1001', 'RX-1']);
      await putIndex(ctx, 'rx-by-patient', [SH_PATIENT, 'RX-1']);
    });
    ledger.nowMs += HOUR;
    await seedDispense(ledger, { dispenseId: 'D-1', pharmacyId: 'P310001', patientRef: SH_PATIENT, feeLines: [{ item: 'x', unitPriceFen: 90_000, quantity: 1, amountFen: 90_000 }] });
    await ledger.tx(people.pharmacist, (ctx) => putIndex(ctx, 'dispense-by-pharmacy', ['P310001', 'D-1']));
    ledger.nowMs += HOUR;
    const claim = { claimId: 'C-D-1', refType: 'dispense', refId: 'D-1', invoiceHash: invoice('D-1'), patientRef: SH_PATIENT, insuredRegion: SH, institutionLevel: 'basic', serviceDate: '2026-03-02' };
    await paidClaim(claim, people.pharmacist, people.insurerSH, 'T-1');

    const timeline = (type: string, id: string) => ledger.tx(people.investigator, (ctx) => cc.trace.Timeline(ctx, type, id));
    const doctor = await timeline('doctor', 'DOC-1001');
    expect(doctor.entries).to.deep.equal([{ at: '2026-03-02T02:00:00.000Z', txId: doctor.entries[0].txId, kind: 'prescription', id: 'RX-1', action: 'issued' }]);
    const pharmacy = await timeline('pharmacy', 'P310001');
    expect(pharmacy.entries.map((e) => `${e.kind}:${e.id}:${e.action}`)).to.deep.equal([
      'dispense:D-1:dispensed',
      'claim:C-D-1:SUBMITTED',
      'claim:C-D-1:UNDER_REVIEW',
      'claim:C-D-1:APPROVED',
      'claim:C-D-1:REMITTED',
      'transfer:T-1:paid',
    ]);
    const patient = await timeline('patientRef', SH_PATIENT);
    expect(patient.entries.map((e) => e.kind)).to.deep.equal(['prescription', 'claim', 'claim', 'claim', 'claim', 'transfer']);
    await expectRefusal(timeline('nurse', 'N-1'), 'VALIDATION', /actorType/);
  });

  it('lists claims by status, region and institution, a page at a time', async () => {
    for (const n of [1, 2, 3]) {
      await submit(people.hospitalAdmin, encounterClaim({ claimId: `C-SH-${n}`, refId: `ENC-SH-${n}`, invoiceHash: invoice(`SH-${n}`) }));
    }
    await submit(people.hospitalAdmin, crossRegionStay());
    await review(people.insurerSH, 'C-SH-2', 'APPROVED');

    const first = await ledger.tx(people.insurerSH, (ctx) => cc.claim.ListByStatus(ctx, SH, 'UNDER_REVIEW', '2', ''));
    expect(first.records.map((c) => c.claimId)).to.deep.equal(['C-SH-1', 'C-SH-3']);
    const second = await ledger.tx(people.insurerSH, (ctx) => cc.claim.ListByStatus(ctx, SH, 'UNDER_REVIEW', '2', first.bookmark));
    expect(second.records.map((c) => c.claimId)).to.deep.equal(['C-X-1']);
    expect(second.bookmark).to.equal('');
    const approved = await ledger.tx(people.insurerSH, (ctx) => cc.claim.ListByStatus(ctx, SH, 'APPROVED', '', ''));
    expect(approved.records.map((c) => c.claimId)).to.deep.equal(['C-SH-2']);
    await expectRefusal(ledger.tx(people.insurerBJ, (ctx) => cc.claim.ListByStatus(ctx, SH, 'APPROVED', '', '')), 'FORBIDDEN');
    await expectRefusal(ledger.tx(people.insurerSH, (ctx) => cc.claim.ListByStatus(ctx, SH, 'APPROVED', '500', '')), 'VALIDATION', /pageSize/);

    const insuredByBJ = await ledger.tx(people.insurerBJ, (ctx) => cc.claim.ListByRegion(ctx, 'insured', BJ, '10', ''));
    expect(insuredByBJ.records.map((c) => c.claimId)).to.deep.equal(['C-X-1']);
    // Beijing's insurer sees only the hospital's claims Beijing is party to.
    const seenByBJ = await ledger.tx(people.insurerBJ, (ctx) => cc.claim.ListByInstitution(ctx, 'H310001', '10', ''));
    expect(seenByBJ.records.map((c) => c.claimId)).to.deep.equal(['C-X-1']);
    const seenByStaff = await ledger.tx(people.doctor, (ctx) => cc.claim.ListByInstitution(ctx, 'H310001', '10', ''));
    expect(seenByStaff.records).to.have.length(4);
    await expectRefusal(ledger.tx(people.pharmacist, (ctx) => cc.claim.ListByInstitution(ctx, 'H310001', '10', '')), 'FORBIDDEN');
  });
});
