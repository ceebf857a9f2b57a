import { expect } from 'chai';
import crypto from 'node:crypto';
import type { BatchRecord } from '../../chaincode/src/model/batch';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import type { ComplaintRecord } from '../../chaincode/src/model/complaint';
import type { DispenseRecord } from '../../chaincode/src/model/dispense';
import type { PrescriptionRecord } from '../../chaincode/src/model/prescription';
import type { FundFlow, FundsReceived } from '../../chaincode/src/model/trace';
import type { PaymentResult } from '../../chaincode/src/model/transfer';
import { chinaToday } from '../../scripts/demo/api';
import { EXTRA_WORKDAYS, HOLIDAYS } from '../../scripts/demo/seed';
import { playStory, type StoryResult } from '../../scripts/demo/story';
import { refused } from '../support/refused';
import { appCall as call } from '../support/network';

/**
 * Claims and cross-region settlement on the real network: the demo story end to end, then
 * every way a claim or a payment could be doubled, unbalanced or taken by the wrong party.
 */

const SH = '310000';
const BJ = '110000';

const invoiceFor = (what: string) => crypto.createHash('sha256').update(`invoice ${what} ${crypto.randomBytes(8).toString('hex')}`).digest('hex');

interface Dispensed {
  patientRef: string;
  dispenseId: string;
  amountFen: number;
}

/** Salbutamol inhalers: class 甲 (A), payment standard ¥23.00 each, so every fen of them is eligible. */
const INHALER = 'XR03AC02';

/**
 * A new patient, enrolled as insured in `insuredRegion` by that region's insurer, whose
 * prescription of `quantity` inhalers is fully dispensed at the Shanghai pharmacy at the given
 * unit price (at most the payment standard).
 */
async function dispensed(insuredRegion: string, unitPriceFen: number, quantity = 10): Promise<Dispensed> {
  const patient = { idType: 'PASSPORT', idNumber: `S${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`.toUpperCase(), name: 'Settlement Test Patient' };
  const insurer = insuredRegion === SH ? 'insurer-sh' : 'insurer-bj';
  const { patientRef } = await call<{ patientRef: string }>('POST', '/patients/ref', insurer, { patient });
  await call('POST', '/insured-persons', insurer, { patientRef, scheme: 'employee' });
  const { prescription } = await call<{ prescription: PrescriptionRecord }>('POST', '/prescriptions', 'doctor1', {
    patient,
    kind: 'ORDINARY',
    diagnosisCodes: ['J45.9'],
    items: [{ drugCode: INHALER, quantity, dose: '2 puffs prn', days: 7 }],
  });
  const amountFen = unitPriceFen * quantity;
  const { dispense } = await call<{ dispense: DispenseRecord }>('POST', `/prescriptions/${prescription.rxId}/dispensations`, 'pharmacist1', {
    items: [{ drugCode: INHALER, quantity }],
    feeLines: [{ drugCode: INHALER, unitPriceFen, quantity, amountFen }],
  });
  return { patientRef: prescription.patientRef, dispenseId: dispense.dispenseId, amountFen };
}

/** A claim names only the dispense and the invoice: patient, regions, level and lines come from the ledger. */
function claimBody(d: Pick<Dispensed, 'dispenseId'>, invoiceHash = invoiceFor(d.dispenseId)): Record<string, unknown> {
  return { refType: 'dispense', refId: d.dispenseId, invoiceHash };
}

async function claimFor(d: Dispensed): Promise<ClaimRecord> {
  return (await call<{ claim: ClaimRecord }>('POST', '/claims', 'pharmacyadmin', claimBody(d))).claim;
}

/** The date `count` working days after `start` on the seeded calendar, computed here independently of the chaincode. */
function workingDaysAfter(start: string, count: number): string {
  let date = new Date(`${start}T00:00:00Z`);
  for (let left = count; left > 0; ) {
    date = new Date(date.getTime() + 86_400_000);
    const iso = date.toISOString().slice(0, 10);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    if (HOLIDAYS.includes(iso)) continue;
    if (!weekend || EXTRA_WORKDAYS.includes(iso)) left--;
  }
  return date.toISOString().slice(0, 10);
}

describe('claims and cross-region settlement on the network (integration)', () => {
  let story: StoryResult;
  const lines: string[] = [];

  before(async function () {
    this.timeout(120_000);
    story = await playStory(call, (line) => lines.push(line));
  });

  it('plays the demo story: Beijing patient filed, treated in Shanghai, claimed, paid, cleared and traced', async () => {
    const { claim, fundFlow } = story;
    expect(lines.length, lines.join('\n')).to.be.at.least(12);
    expect(claim).to.include({ status: 'REMITTED', crossRegion: true, insuredRegion: BJ, treatmentRegion: SH, filingId: story.filingId, institutionId: 'P310001' });
    // Filed cross-region care gets the filed ratio of Beijing's policy (60 % in the seed), after the deductible.
    expect(claim.ruleSnapshot).to.include({ ratioBasis: 'crossRegionFiled', ratioBp: 6000 });
    expect(claim.ruleSnapshot.policy.region).to.equal(BJ);
    const a = claim.amounts;
    expect(a.fundFen + a.personalAccountFen + a.selfPayFen).to.equal(a.totalFen);
    // Class 乙 insulin: 10 % self-paid first, the rest eligible; then the deductible, then 60 %.
    expect(a.selfPayFirstFen).to.equal(Math.ceil(a.totalFen / 10));
    expect(a.eligibleFen).to.equal(a.totalFen - a.selfPayFirstFen);
    expect(a.fundFen).to.equal(Math.floor(((a.eligibleFen - a.deductibleFen) * 6000) / 10_000));
    // The claimant named the dispense and the invoice only: level and regions are the registry's and the insured-person record's.
    expect(claim.derivation.institution).to.include({ institutionId: 'P310001', level: 'basic', region: SH });
    expect(claim.derivation.insuredPerson).to.include({ insuredRegion: BJ, scheme: 'employee' });
    expect(a.personalAccountFen).to.be.greaterThan(0);
    expect(claim.statusHistory.map((s) => s.status)).to.deep.equal(['SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REMITTED']);

    // Claim → payment → payee → batch → clearing between the two funds.
    expect(fundFlow.payments.map((t) => [t.transferId, t.fromParty, t.toParty, t.amountFen])).to.deep.equal([[story.paymentTransferId, `fund:${SH}`, 'P310001', a.fundFen]]);
    expect(fundFlow.payee).to.deep.equal({ party: 'P310001', receivedFen: a.fundFen });
    expect(fundFlow.batch).to.include({ batchId: story.batchId, status: 'CLEARED' });
    expect(fundFlow.clearings).to.have.length(1);
    expect(fundFlow.clearings?.[0]).to.include({ transferId: story.clearingTransferId, kind: 'clearing', fromParty: `fund:${BJ}`, toParty: `fund:${SH}` });
    // The batch held only this claim, so the net is its fund share.
    expect(fundFlow.clearings?.[0]?.amountFen).to.equal(a.fundFen);

    // And back from the money to the prescription.
    const dispense = await call<DispenseRecord>('GET', `/dispenses/${claim.refId}`, 'investigator1');
    expect(dispense).to.include({ dispenseId: story.dispenseId, rxId: story.rxId, patientRef: story.patientRef });
    expect(story.timeline.entries.map((e) => `${e.kind} ${e.action}`)).to.deep.equal([
      'filing filed',
      'prescription issued',
      'dispense dispensed',
      'claim SUBMITTED',
      'claim UNDER_REVIEW',
      'claim APPROVED',
      'claim REMITTED',
      'transfer paid',
    ]);
    expect(story.timeline.entries.find((e) => e.kind === 'dispense')?.id).to.equal(story.dispenseId);
  });

  it('refuses a second claim for the same dispense, and a second use of an invoice', async () => {
    const original = await call<ClaimRecord>('GET', `/claims/${story.claimId}`, 'pharmacyadmin');
    await refused(call('POST', '/claims', 'pharmacyadmin', claimBody({ dispenseId: story.dispenseId })), 409, /already claimed/);

    const other = await dispensed(SH, 2_000);
    await refused(call('POST', '/claims', 'pharmacyadmin', claimBody(other, original.invoiceHash)), 409, /invoice .* already backs claim/);
    // Neither refusal left anything behind: the dispense can still be claimed, once.
    const claim = await claimFor(other);
    expect(claim.refId).to.equal(other.dispenseId);
  });

  it('pays a claim once and clears it in one batch only', async () => {
    await refused(call('POST', `/claims/${story.claimId}/payment`, 'insurer-sh', { paymentRef: 'SH-BANK-AGAIN' }), 409);
    await refused(
      call('POST', '/settlement/batches', 'insurer-sh', { counterpartyRegion: BJ, claimIds: [story.claimId], owedFenByRegion: { [BJ]: story.claim.amounts.fundFen, [SH]: 0 } }),
      409,
      /already in batch/,
    );
    await refused(call('POST', `/settlement/batches/${story.batchId}/confirmation`, 'insurer-bj', { paymentRef: 'BJ-BANK-AGAIN' }), 409);
    const flow = await call<FundFlow>('GET', `/trace/claims/${story.claimId}/fund-flow`, 'investigator1');
    expect(flow.payments).to.have.length(1);
    expect(flow.payee.receivedFen).to.equal(story.claim.amounts.fundFen);
  });

  it('never pays a rejected claim; only the treatment region’s insurer decides', async () => {
    // 1 500 CNY (75 inhalers at ¥20) is over the seeded auto-approval limit, so the claim waits for review.
    const claim = await claimFor(await dispensed(SH, 2_000, 75));
    expect(claim.status).to.equal('UNDER_REVIEW');
    expect(claim.crossRegion).to.equal(false);

    // Beijing's insurer is a third party to a Shanghai-insured claim treated in Shanghai.
    await refused(call('POST', `/claims/${claim.claimId}/review`, 'insurer-bj', { decision: 'APPROVED', reason: 'not mine' }), 403);
    await refused(call('POST', `/claims/${claim.claimId}/review`, 'pharmacist1', { decision: 'APPROVED' }), 403);
    await refused(call('POST', `/claims/${claim.claimId}/review`, 'insurer-sh', { decision: 'REJECTED' }), 400, /reason/);

    const { claim: rejected } = await call<{ claim: ClaimRecord }>('POST', `/claims/${claim.claimId}/review`, 'insurer-sh', { decision: 'REJECTED', reason: 'fee above the catalogue price' });
    expect(rejected.status).to.equal('REJECTED');
    expect(rejected.statusHistory.at(-1)).to.include({ status: 'REJECTED', reason: 'fee above the catalogue price' });
    expect(rejected.statusHistory.at(-1)?.by.mspId).to.equal('InsurerSHMSP');
    await refused(call('POST', `/claims/${claim.claimId}/payment`, 'insurer-sh', { paymentRef: 'SH-BANK-REJECTED' }), 409, /REJECTED/);
    const after = await call<ClaimRecord>('GET', `/claims/${claim.claimId}`, 'insurer-sh');
    expect(after.transferIds).to.deep.equal([]);
  });

  it('refuses a batch whose declared amounts do not balance, and leaves its claim clearable', async () => {
    // 500 CNY (25 inhalers at ¥20): over the 200 CNY deductible, within the auto-approval limit.
    const d = await dispensed(BJ, 2_000, 25);
    const claim = await claimFor(d);
    expect(claim.status).to.equal('APPROVED');
    expect(claim.amounts).to.include({ totalFen: 50_000, deductibleFen: 20_000, fundFen: 12_000 });
    // No filing for this patient: the lower unfiled ratio applies (XR-05).
    expect(claim.ruleSnapshot).to.include({ ratioBasis: 'crossRegionUnfiled', ratioBp: 4000 });
    await call<PaymentResult>('POST', `/claims/${claim.claimId}/payment`, 'insurer-sh', { paymentRef: `SH-BANK-${claim.claimId}` });

    const fund = claim.amounts.fundFen;
    await refused(
      call('POST', '/settlement/batches', 'insurer-sh', { counterpartyRegion: BJ, claimIds: [claim.claimId], owedFenByRegion: { [BJ]: fund + 1, [SH]: 0 } }),
      422,
      /does not balance/,
    );
    expect((await call<ClaimRecord>('GET', `/claims/${claim.claimId}`, 'insurer-sh')).batchId).to.equal(undefined);
    const { batch } = await call<{ batch: BatchRecord }>('POST', '/settlement/batches', 'insurer-sh', {
      counterpartyRegion: BJ,
      claimIds: [claim.claimId],
      owedFenByRegion: { [BJ]: fund, [SH]: 0 },
    });
    expect(batch.legs).to.deep.equal([{ payerRegion: BJ, payeeRegion: SH, amountFen: fund }]);
    // Only the counterparty confirms.
    await refused(call('POST', `/settlement/batches/${batch.batchId}/confirmation`, 'insurer-sh', { paymentRef: 'SELF' }), 403);
  });

  it('lets an investigator trace money in both directions, and nobody else', async () => {
    // Page through everything the pharmacy received today, two at a time: the pages add up to the totals.
    const seen: FundsReceived['transfers'] = [];
    let page: FundsReceived | undefined;
    do {
      const bookmark = page ? `&bookmark=${encodeURIComponent(page.bookmark)}` : '';
      page = await call<FundsReceived>('GET', `/trace/parties/P310001/funds-received?fromFund=fund:${SH}&from=${chinaToday()}&pageSize=2${bookmark}`, 'investigator1');
      expect(page.transfers.length).to.be.at.most(2);
      seen.push(...page.transfers);
    } while (page.bookmark !== '' && seen.length < 1_000);
    expect(seen.map((t) => t.transferId)).to.include(story.paymentTransferId);
    expect(new Set(seen.map((t) => t.transferId)).size).to.equal(seen.length);
    expect(page.count).to.equal(seen.length);
    expect(page.totalFen).to.equal(seen.reduce((s, t) => s + t.amountFen, 0));
    await refused(call('GET', '/trace/parties/P310001/funds-received?pageSize=500', 'investigator1'), 400);

    for (const user of ['pharmacist1', 'insurer-sh', 'doctor1']) {
      await refused(call('GET', `/trace/claims/${story.claimId}/fund-flow`, user), 403);
      await refused(call('GET', '/trace/parties/P310001/funds-received', user), 403);
    }
  });

  it('files a complaint about a fee line, due 7 working days later on the region’s calendar, and records the answer', async () => {
    const { complaint } = await call<{ complaint: ComplaintRecord }>('POST', '/complaints', 'pharmacyadmin', {
      patientRef: story.patientRef,
      targetType: 'claim',
      targetId: story.claimId,
      category: 'abnormalFee',
      feeLineRef: { claimId: story.claimId, lineNo: 1 },
    });
    expect(complaint).to.include({ status: 'FILED', region: SH, filedDate: chinaToday() });
    expect(complaint.dueDate).to.equal(workingDaysAfter(complaint.filedDate, 7));

    await refused(call('POST', `/complaints/${complaint.complaintId}/response`, 'insurer-bj', { outcome: 'notUpheld', responseHash: invoiceFor('answer') }), 403);
    const { complaint: answered } = await call<{ complaint: ComplaintRecord }>('POST', `/complaints/${complaint.complaintId}/response`, 'insurer-sh', {
      outcome: 'notUpheld',
      responseHash: invoiceFor('answer'),
    });
    expect(answered).to.include({ status: 'RESOLVED', outcome: 'notUpheld', respondedLate: false });
  });
});
