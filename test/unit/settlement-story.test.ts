import { expect } from 'chai';
import { ClaimApi } from '../../chaincode/src/api/claim-api';
import { PolicyApi } from '../../chaincode/src/api/policy-api';
import { SettlementApi } from '../../chaincode/src/api/settlement-api';
import { TraceApi } from '../../chaincode/src/api/trace-api';
import { batches } from '../../chaincode/src/stores/batches';
import { benefitYears, claims } from '../../chaincode/src/stores/claims';
import { transfers } from '../../chaincode/src/stores/transfers';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import { BJ, SH, expectRefusal, invoice, people, seedPolicies, shTerms } from '../support/insurance-fixtures';
import { BJ_PATIENT, SH_PATIENT, call, crossRegionStay, encounterClaim, seedDispense, seedPrescription, seedStoryWorld, storyCalls } from '../support/settlement-fixtures';
import { memberLedger } from '../support/membership-fixtures';

const HOUR = 60 * 60 * 1000;

describe('claims and settlement on the fake ledger', () => {
  let ledger: FakeLedger;
  const { submit, review, pay, paidClaim, fileFor, read } = storyCalls(() => ledger);
  const propose = (who: FakeIdentity, batch: Record<string, unknown>) => call(ledger, who, SettlementApi.ProposeBatch, batch);
  const confirm = (who: FakeIdentity, batchId: string, transferId: string, paymentRef: string) => call(ledger, who, SettlementApi.ConfirmBatch, { batchId, transferId, paymentRef });
  const clearable = (who: FakeIdentity, counterpartyRegion: string) => call(ledger, who, SettlementApi.Clearable, { counterpartyRegion });
  const fundFlow = (claimId: string, who: FakeIdentity = people.investigator) => call(ledger, who, TraceApi.FundFlow, { claimId });
  const fundsReceived = (query: Record<string, unknown>, who: FakeIdentity = people.investigator) => call(ledger, who, TraceApi.FundsReceived, query);
  const timeline = (actorType: string, id: string, who: FakeIdentity = people.investigator) => call(ledger, who, TraceApi.Timeline, { actorType, id });

  beforeEach(async () => {
    ledger = await memberLedger();
    await seedPolicies(ledger);
    await seedStoryWorld(ledger);
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z'); // Monday 10:00 in China
  });

  it('auto-approves a clean claim within the treatment region’s own limit; it is paid without a review', async () => {
    ledger.nowMs = Date.parse('2026-02-20T02:00:00Z');
    await call(ledger, people.insurerSH, PolicyApi.Set, { ...shTerms, effectiveFrom: '2026-03-01', reviewThresholds: { ...shTerms.reviewThresholds, autoApproveMaxFen: 151_100 } });
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
    expect(claim.amounts).to.deep.equal({
      totalFen: 864_423,
      uncoveredFen: 0,
      overStandardFen: 0,
      selfPayFirstFen: 0,
      eligibleFen: 864_423,
      deductibleFen: 130_000,
      fundFen: 477_374,
      personalAccountFen: 0,
      selfPayFen: 387_049,
      capLimited: false,
    });
    // Derived from the registry and the insured-person record, not declared by the hospital.
    expect(claim.derivation.institution).to.include({ institutionId: 'H310001', level: 'tertiary', region: SH });
    expect(claim.derivation.insuredPerson).to.include({ insuredRegion: BJ, status: 'ACTIVE' });
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
    expect(transfer).to.include({ kind: 'claimPayment', fromParty: 'fund:310000', toParty: 'H310001', amountFen: 477_374, date: '2026-03-02' });
    expect(remitted.statusHistory.map((s) => [s.status, s.by.mspId])).to.deep.equal([
      ['SUBMITTED', 'HospitalMSP'],
      ['UNDER_REVIEW', 'HospitalMSP'],
      ['APPROVED', 'InsurerSHMSP'],
      ['REMITTED', 'InsurerSHMSP'],
    ]);
    expect(new Set(remitted.statusHistory.map((s) => s.txId)).size).to.equal(3);
    ledger.nowMs += HOUR;

    expect(await clearable(people.insurerSH, BJ)).to.deep.include({ claimIds: ['C-X-1'], owedFenByRegion: { [SH]: 0, [BJ]: 477_374 }, legs: [{ payerRegion: BJ, payeeRegion: SH, amountFen: 477_374 }] });
    const batch = await propose(people.insurerSH, { batchId: 'B-1', counterpartyRegion: BJ, claimIds: ['C-X-1'], owedFenByRegion: { [BJ]: 477_374 } });
    expect(batch.status).to.equal('PROPOSED');
    ledger.nowMs += HOUR;

    const cleared = await confirm(people.insurerBJ, 'B-1', 'T-CLR-1', 'PBOC-20260302-1');
    expect(cleared.batch).to.include({ status: 'CLEARED' });
    expect(cleared.batch.transferIds).to.deep.equal(['T-CLR-1']);
    expect(cleared.transfers[0]).to.include({ kind: 'clearing', fromParty: 'fund:110000', toParty: 'fund:310000', amountFen: 477_374, batchId: 'B-1' });

    const flow = await fundFlow('C-X-1');
    expect(flow.payments.map((t) => t.transferId)).to.deep.equal(['T-PAY-1']);
    expect(flow.payee).to.deep.equal({ party: 'H310001', receivedFen: 477_374 });
    expect(flow.batch?.status).to.equal('CLEARED');
    expect(flow.clearings?.[0]).to.include({ transferId: 'T-CLR-1', fromParty: 'fund:110000', toParty: 'fund:310000' });

    const march = { party: 'H310001', fromFund: 'fund:310000', from: '2026-03-01', to: '2026-03-31' };
    const received = await fundsReceived(march);
    expect(received.transfers.map((t) => t.transferId)).to.deep.equal(['T-PAY-1']);
    expect(received).to.include({ count: 1, totalFen: 477_374, bookmark: '' });
    // A payee index entry written before entries carried a summary is completed from its transfer.
    const indexKey = [...ledger.state.keys()].find((k) => k.includes('transfer-by-payee') && k.includes('T-PAY-1'));
    expect(indexKey).to.be.a('string');
    ledger.state.set(indexKey as string, new Uint8Array([0]));
    const fromLegacy = await fundsReceived(march);
    expect(fromLegacy).to.deep.equal(received);
    for (const [field, bad] of [['pageSize', 0], ['pageSize', 201], ['bookmark', 'T-PAY-1'], ['bookmark', '2026-03-02T02:00:00.000Z|bad id'], ['to', '2026-02-28'], ['fromFund', 'H310001']] as const) {
      await expectRefusal(fundsReceived({ party: 'H310001', from: '2026-03-01', to: '2026-03-31', [field]: bad }), 'VALIDATION', new RegExp(`^\\[VALIDATION\\] ${field}: `));
    }
    const before = await fundsReceived({ party: 'H310001', from: '2026-02-01', to: '2026-03-01' });
    expect(before.transfers).to.deep.equal([]);
    // Without a period, everything ever received: what the gateway used to ask for as 2000-01-01..2099-12-31.
    const ever = await fundsReceived({ party: 'H310001' });
    expect(ever).to.deep.equal({ party: 'H310001', count: 1, totalFen: 477_374, transfers: received.transfers, bookmark: '' });
    const intoFund = await fundsReceived({ party: 'fund:310000', fromFund: 'fund:110000', from: '2026-03-02', to: '2026-03-02' });
    expect(intoFund.transfers.map((t) => t.transferId)).to.deep.equal(['T-CLR-1']);

    const story = await timeline('patientRef', BJ_PATIENT);
    expect(story.entries.map((e) => `${e.kind}:${e.action}`)).to.deep.equal([
      'filing:filed',
      'claim:SUBMITTED',
      'claim:UNDER_REVIEW',
      'claim:APPROVED',
      'claim:REMITTED',
      'transfer:paid',
    ]);
    const hospital = await timeline('institution', 'H310001');
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

  it('pays a claim at most once', async () => {
    await submit(people.hospitalAdmin, encounterClaim());
    await review(people.insurerSH, 'C-SH-1', 'APPROVED');
    const { transfer } = await pay(people.insurerSH, 'C-SH-1', 'T-1');
    await expectRefusal(pay(people.insurerSH, 'C-SH-1', 'T-2'), 'CONFLICT', /already paid by transfer T-1/);
    await expectRefusal(review(people.insurerSH, 'C-SH-1', 'REJECTED', 'late doubt'), 'CONFLICT', /REMITTED/);
    expect(await read(transfers, 'T-2')).to.equal(undefined);
    // A transfer id is used once, too.
    await submit(people.hospitalAdmin, encounterClaim({ claimId: 'C-SH-2', refId: 'ENC-SH-2', invoiceHash: invoice('SH-2') }));
    await review(people.insurerSH, 'C-SH-2', 'APPROVED');
    await expectRefusal(pay(people.insurerSH, 'C-SH-2', 'T-1'), 'CONFLICT', /transfer T-1 already exists/);
    const received = await fundsReceived({ party: 'H310001', from: '2026-01-01', to: '2026-12-31' });
    expect(received.transfers).to.deep.equal([transfer]);
  });

  it('pays nothing for a rejected claim and gives the patient back the deductible it used', async () => {
    const claim = await submit(people.hospitalAdmin, encounterClaim());
    // H310001 is tertiary in the registry: (151 100 − 100 000) × 50 %.
    expect(claim.amounts).to.include({ deductibleFen: 100_000, fundFen: 25_550 });
    await expectRefusal(pay(people.insurerSH, 'C-SH-1', 'T-1'), 'CONFLICT', /UNDER_REVIEW; only an approved claim is paid/);
    await expectRefusal(review(people.insurerSH, 'C-SH-1', 'REJECTED'), 'VALIDATION', /reason: is required to reject/);
    const rejected = await review(people.insurerSH, 'C-SH-1', 'REJECTED', 'SR-03: repeat examination');
    expect(rejected.status).to.equal('REJECTED');
    await expectRefusal(pay(people.insurerSH, 'C-SH-1', 'T-1'), 'CONFLICT', /REJECTED/);
    expect(await read(transfers, 'T-1')).to.equal(undefined);
    expect(await read(benefitYears, `${SH}:2026:${SH_PATIENT}`)).to.include({ deductibleMetFen: 0, fundPaidFen: 0 });
    const flow = await fundFlow('C-SH-1');
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
    expect(await read(batches, 'B-1')).to.equal(undefined);
    await expectRefusal(
      propose(people.insurerSH, { batchId: 'B-1', counterpartyRegion: BJ, claimIds: ['C-X-1'], owedFenByRegion: { '440000': fund } }),
      'VALIDATION',
      /owedFenByRegion\.440000: is not a region of this batch/,
    );

    // A local claim and a claim not yet paid cannot be cleared.
    await paidClaim(encounterClaim(), people.hospitalAdmin, people.insurerSH, 'T-2');
    await expectRefusal(propose(people.insurerSH, { batchId: 'B-1', counterpartyRegion: BJ, claimIds: ['C-SH-1'], owedFenByRegion: {} }), 'RULE', /not a cross-region claim/);
    await submit(people.hospitalAdmin, crossRegionStay({ claimId: 'C-X-2', refId: 'ENC-X-2', invoiceHash: invoice('X-2'), serviceDate: '2026-02-26' }));
    await expectRefusal(propose(people.insurerSH, { batchId: 'B-1', counterpartyRegion: BJ, claimIds: ['C-X-2'], owedFenByRegion: {} }), 'CONFLICT', /only remitted claims/);

    await propose(people.insurerSH, { batchId: 'B-1', counterpartyRegion: BJ, claimIds: ['C-X-1'], owedFenByRegion: { [BJ]: fund, [SH]: 0 } });
    await expectRefusal(propose(people.insurerSH, { batchId: 'B-2', counterpartyRegion: BJ, claimIds: ['C-X-1'], owedFenByRegion: { [BJ]: fund } }), 'CONFLICT', /already in batch B-1/);
    await expectRefusal(confirm(people.insurerSH, 'B-1', 'T-C', 'REF-1'), 'FORBIDDEN', /only the insurer of 110000 confirms/);
    await confirm(people.insurerBJ, 'B-1', 'T-C', 'REF-1');
    await expectRefusal(confirm(people.insurerBJ, 'B-1', 'T-C2', 'REF-2'), 'CONFLICT', /CLEARED/);
  });

  it('nets claims in both directions and lets a rejected batch be proposed again', async () => {
    await fileFor(BJ_PATIENT, '2026-02-01', true);
    const shTreated = await paidClaim(crossRegionStay(), people.hospitalAdmin, people.insurerSH, 'T-SH');
    // A Shanghai patient treated at a Beijing hospital: Shanghai owes Beijing.
    const bjTreated = await paidClaim(
      encounterClaim({ claimId: 'C-BJ-1', refId: 'ENC-BJ-1', invoiceHash: invoice('BJ-1') }),
      people.hospitalAdminBJ,
      people.insurerBJ,
      'T-BJ',
    );
    expect(bjTreated.ruleSnapshot).to.include({ ratioBasis: 'crossRegionUnfiled', ratioBp: 4000 });
    const owed = { [BJ]: shTreated.amounts.fundFen, [SH]: bjTreated.amounts.fundFen };
    const waiting = await clearable(people.insurerBJ, SH);
    expect(waiting.claimIds).to.have.members(['C-X-1', 'C-BJ-1']);
    expect(waiting.owedFenByRegion).to.deep.equal(owed);

    const batch = await propose(people.insurerSH, { batchId: 'B-N', counterpartyRegion: BJ, claimIds: ['C-X-1', 'C-BJ-1'], owedFenByRegion: owed });
    expect(batch.legs).to.deep.equal([{ payerRegion: BJ, payeeRegion: SH, amountFen: owed[BJ] - owed[SH] }]);
    const rejected = await call(ledger, people.insurerBJ, SettlementApi.RejectBatch, { batchId: 'B-N', reason: 'C-BJ-1 disputed' });
    expect(rejected).to.include({ status: 'REJECTED', rejectReason: 'C-BJ-1 disputed' });
    expect((await read(claims, 'C-X-1'))?.batchId).to.equal(undefined);
    expect((await clearable(people.insurerSH, BJ)).claimIds).to.have.members(['C-X-1', 'C-BJ-1']);

    await propose(people.insurerSH, { batchId: 'B-N2', counterpartyRegion: BJ, claimIds: ['C-X-1', 'C-BJ-1'], owedFenByRegion: owed });
    const { transfers: [transfer] } = await confirm(people.insurerBJ, 'B-N2', 'T-NET', 'REF-NET');
    expect(transfer).to.include({ fromParty: 'fund:110000', toParty: 'fund:310000', amountFen: owed[BJ] - owed[SH] });
    expect(transfer?.claimIds).to.deep.equal(['C-X-1', 'C-BJ-1']);
    const flow = await fundFlow('C-BJ-1');
    expect(flow.payments[0]).to.include({ fromParty: 'fund:110000', toParty: 'H110001' });
    expect(flow.clearings?.map((t) => t.transferId)).to.deep.equal(['T-NET']);
  });

  it('keeps the trace queries for investigators and claims for their parties', async () => {
    await submit(people.hospitalAdmin, crossRegionStay());
    for (const who of [people.pharmacist, people.insurerSH, people.hospitalAdmin]) {
      await expectRefusal(fundFlow('C-X-1', who), 'FORBIDDEN');
    }
    await expectRefusal(timeline('doctor', 'DOC-1001', people.pharmacist), 'FORBIDDEN');
    await expectRefusal(fundsReceived({ party: 'P310001', from: '2026-01-01', to: '2026-12-31' }, people.pharmacist), 'FORBIDDEN');

    // Parties: the hospital's staff, both insurers; not another institution.
    for (const who of [people.hospitalAdmin, people.doctor, people.insurerSH, people.insurerBJ, people.investigator]) {
      expect((await call(ledger, who, ClaimApi.Get, { claimId: 'C-X-1' })).claimId).to.equal('C-X-1');
    }
    await expectRefusal(call(ledger, people.doctor2, ClaimApi.Get, { claimId: 'C-X-1' }), 'FORBIDDEN');
    await expectRefusal(call(ledger, people.pharmacist, ClaimApi.Get, { claimId: 'C-X-1' }), 'FORBIDDEN');
  });

  it('builds actor timelines from the prescription records and its own', async () => {
    // What the prescription contracts leave behind: a prescription, then a dispense of it.
    await seedPrescription(ledger, 'RX-1', SH_PATIENT);
    ledger.nowMs += HOUR;
    await seedDispense(ledger, { dispenseId: 'D-1', rxId: 'RX-1', patientRef: SH_PATIENT, feeLines: [{ item: 'x', unitPriceFen: 90_000, quantity: 1, amountFen: 90_000 }] });
    ledger.nowMs += HOUR;
    const claim = { claimId: 'C-D-1', refType: 'dispense', refId: 'D-1', invoiceHash: invoice('D-1') };
    await paidClaim(claim, people.pharmacist, people.insurerSH, 'T-1');

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
    const patientTimeline = await timeline('patientRef', SH_PATIENT);
    expect(patientTimeline.entries.map((e) => e.kind)).to.deep.equal(['prescription', 'dispense', 'claim', 'claim', 'claim', 'claim', 'transfer']);
    await expectRefusal(timeline('nurse', 'N-1'), 'VALIDATION', /actorType/);
    await expectRefusal(timeline('patientRef', 'DOC-1001'), 'VALIDATION', /^\[VALIDATION\] id: must be 64 lowercase hex digits/);
  });

});
