import { expect } from 'chai';
import { SettlementApi } from '../../chaincode/src/api/settlement-api';
import { TraceApi } from '../../chaincode/src/api/trace-api';
import { AuditContract } from '../../chaincode/src/contracts/audit-contract';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import type { TransferRecord } from '../../chaincode/src/model/transfer';
import { claims } from '../../chaincode/src/stores/claims';
import { transfers } from '../../chaincode/src/stores/transfers';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import { BJ, SH, expectRefusal, patient, people } from '../support/insurance-fixtures';
import { call, paidClaim, reviewedClaim, seedClaim, type ClaimSeed } from '../support/settlement-fixtures';
import { memberLedger } from '../support/membership-fixtures';

const HOUR = 3600_000;
const basis = { ruleId: 'FT-02', reason: 'fake invoice: the e-invoice was issued for another patient', evidenceRef: 'CASE-2026-031' };

/**
 * Recovery of a paid claim found fraudulent (CR-10, FT-02), on claims as the Claim contract
 * leaves them: the reverse transfer, the claim that can never be paid again, clearing that does
 * not count a recovered claim as paid, and both trace directions.
 */
describe('Settlement: recovery of a paid claim', () => {
  let ledger: FakeLedger;
  const paid = (seed: ClaimSeed): Promise<ClaimRecord> => paidClaim(ledger, seed);
  const recover = (claimId: string, who: FakeIdentity = people.insurerSH, transferId = `T-REC-${claimId}`) =>
    call(ledger, who, SettlementApi.Recover, { claimId, transferId, paymentRef: `BANK-BACK-${claimId}`, ...basis });
  const propose = (batch: Record<string, unknown>, who: FakeIdentity = people.insurerSH) => call(ledger, who, SettlementApi.ProposeBatch, batch);
  const confirm = (batchId: string, transferId: string) => call(ledger, people.insurerBJ, SettlementApi.ConfirmBatch, { batchId, transferId, paymentRef: `PBOC-${batchId}` });
  const read = (claimId: string) => ledger.tx(people.investigator, (ctx) => claims.mustGet(ctx, claimId));
  const allTransfers = async (): Promise<TransferRecord[]> => {
    const ids = [...ledger.state.keys()].filter((k) => k.startsWith('\u0000transfer\u0000')).map((k) => k.split('\u0000')[2]);
    return ledger.tx(people.investigator, (ctx) => Promise.all(ids.map((id) => transfers.mustGet(ctx, id))));
  };
  /** What each party has received minus what it has paid, over every transfer on the ledger. */
  const balances = async (): Promise<Record<string, number>> => {
    const net: Record<string, number> = {};
    for (const t of await allTransfers()) {
      net[t.fromParty] = (net[t.fromParty] ?? 0) - t.amountFen;
      net[t.toParty] = (net[t.toParty] ?? 0) + t.amountFen;
    }
    return net;
  };

  beforeEach(async () => {
    ledger = await memberLedger();
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z');
  });

  it('takes the fund share back from the institution by a reverse transfer linked to the claim, which is then never paid again', async () => {
    await paid(reviewedClaim('C-1', SH, SH, 60_000));
    ledger.nowMs += 30 * 24 * HOUR;
    const { claim, transfer, ...rest } = await recover('C-1');
    expect(rest).to.deep.equal({});
    expect(transfer).to.deep.equal({
      docType: 'transfer',
      transferId: 'T-REC-C-1',
      kind: 'recovery',
      fromParty: 'H310001',
      toParty: 'fund:310000',
      amountFen: 60_000,
      claimIds: ['C-1'],
      paymentRef: 'BANK-BACK-C-1',
      date: '2026-04-01',
      executed: transfer.executed,
      basis,
    });
    expect(claim).to.include({ status: 'RECOVERED', recoveryTransferId: 'T-REC-C-1' });
    expect(claim.transferIds).to.deep.equal(['T-C-1']);
    expect(claim.statusHistory.map((s) => s.status)).to.deep.equal(['APPROVED', 'REMITTED', 'RECOVERED']);
    expect(claim.statusHistory[2].reason).to.equal('recovered 60000 fen from H310001 by transfer T-REC-C-1 (FT-02: fake invoice: the e-invoice was issued for another patient)');
    expect(ledger.lastEvent).to.deep.equal({ name: 'ClaimRecovered', payload: { claimId: 'C-1', transferId: 'T-REC-C-1', institutionId: 'H310001', txId: transfer.executed.txId } });
    expect(await balances()).to.deep.equal({ 'fund:310000': 0, H310001: 0 });

    await expectRefusal(call(ledger, people.insurerSH, SettlementApi.Pay, { claimId: 'C-1', transferId: 'T-AGAIN', paymentRef: 'BANK-AGAIN' }), 'CONFLICT', /claim C-1 was recovered by transfer T-REC-C-1; a recovered claim is never paid again/);
    await expectRefusal(recover('C-1', people.insurerSH, 'T-REC-2'), 'CONFLICT', /claim C-1 was already recovered by transfer T-REC-C-1/);

    // The institution that paid it back sees the transfer; another institution does not.
    for (const who of [people.hospitalAdmin, people.doctor, people.insurerBJ, people.investigator]) {
      expect((await call(ledger, who, SettlementApi.GetTransfer, { transferId: 'T-REC-C-1' })).kind).to.equal('recovery');
    }
    await expectRefusal(call(ledger, people.doctor2, SettlementApi.GetTransfer, { transferId: 'T-REC-C-1' }), 'FORBIDDEN');
  });

  it('recovers only a paid claim, by the insurer whose fund paid it, under a new transfer id; nothing is written otherwise', async () => {
    await seedClaim(ledger, people.hospitalAdmin, reviewedClaim('C-OPEN', SH, SH, 500));
    await paid(reviewedClaim('C-1', BJ, SH, 500));
    await paid(reviewedClaim('C-ZERO', SH, SH, 0));
    await expectRefusal(recover('C-OPEN'), 'CONFLICT', /claim C-OPEN is APPROVED; only a paid \(REMITTED\) claim is recovered/);
    await expectRefusal(recover('C-1', people.insurerBJ), 'FORBIDDEN', /only the insurer of treatment region 310000 recovers claim C-1/);
    await expectRefusal(recover('C-1', people.investigator), 'FORBIDDEN', /investigator may not call Settlement:Recover; requires insurer/);
    await expectRefusal(recover('C-1', people.hospitalAdmin), 'FORBIDDEN');
    await expectRefusal(recover('C-1', people.insurerSH, 'T-C-1'), 'CONFLICT', /transfer T-C-1 already exists/);
    await expectRefusal(recover('C-ZERO'), 'CONFLICT', /drew nothing from the fund/);
    await expectRefusal(recover('C-404'), 'NOT_FOUND', /claim C-404 does not exist/);
    await expectRefusal(call(ledger, people.insurerSH, SettlementApi.Recover, { claimId: 'C-1', transferId: 'T-R', paymentRef: 'B', ...basis, ruleId: 'fraud' }), 'VALIDATION', /^\[VALIDATION\] ruleId: /);
    await expectRefusal(call(ledger, people.insurerSH, SettlementApi.Recover, { claimId: 'C-1', transferId: 'T-R', paymentRef: 'B', ruleId: 'FT-02', reason: 'x' }), 'VALIDATION', /evidenceRef: /);
    expect((await read('C-1')).status).to.equal('REMITTED');
    expect((await allTransfers()).map((t) => t.kind)).to.deep.equal(['claimPayment', 'claimPayment']);
  });

  it('drops a recovered cross-region claim not yet batched from what clearing takes', async () => {
    await paid(reviewedClaim('C-1', BJ, SH, 1_000));
    await paid(reviewedClaim('C-2', BJ, SH, 2_500));
    await recover('C-1');
    expect(await call(ledger, people.insurerSH, SettlementApi.Clearable, { counterpartyRegion: BJ })).to.deep.equal({
      region: SH,
      regions: [BJ, SH],
      claimIds: ['C-2'],
      owedFenByRegion: { [SH]: 0, [BJ]: 2_500 },
      grossFen: [{ debtorRegion: BJ, creditorRegion: SH, amountFen: 2_500 }],
      netFenByRegion: { [SH]: 2_500, [BJ]: -2_500 },
      legs: [{ payerRegion: BJ, payeeRegion: SH, amountFen: 2_500 }],
    });
    await expectRefusal(propose({ batchId: 'B-X', counterpartyRegion: BJ, claimIds: ['C-1'] }), 'CONFLICT', /claim C-1 is RECOVERED; only remitted claims are cleared/);
    const batch = await propose({ batchId: 'B-1', counterpartyRegion: BJ });
    expect(batch.claimIds).to.deep.equal(['C-2']);
    expect(batch).not.to.have.property('returns');
  });

  it('waits for a proposed batch holding the claim to be decided; once rejected, the recovered claim is no longer clearable', async () => {
    await paid(reviewedClaim('C-1', BJ, SH, 1_000));
    await propose({ batchId: 'B-1', counterpartyRegion: BJ });
    await expectRefusal(recover('C-1'), 'CONFLICT', /claim C-1 is in proposed clearing batch B-1; the batch must be confirmed or rejected before the claim is recovered/);
    await call(ledger, people.insurerBJ, SettlementApi.RejectBatch, { batchId: 'B-1', reason: 'claim C-1 under investigation' });
    const { claim } = await recover('C-1');
    expect(claim).not.to.have.property('batchId');
    await expectRefusal(propose({ batchId: 'B-2', counterpartyRegion: BJ }), 'CONFLICT', /no claims between 110000, 310000 are waiting to be cleared/);
  });

  it('gives back in the next batch the fund share of a recovered claim a cleared batch had settled', async () => {
    await paid(reviewedClaim('C-1', BJ, SH, 1_000));
    await paid(reviewedClaim('C-2', BJ, SH, 2_500));
    await propose({ batchId: 'B-1', counterpartyRegion: BJ });
    const first = await confirm('B-1', 'T-CLR-1');
    expect(first.transfers[0]).to.include({ fromParty: 'fund:110000', toParty: 'fund:310000', amountFen: 3_500 });
    ledger.nowMs += 24 * HOUR;

    // C-1 turns out to be fraudulent: Shanghai gets the 1 000 fen back from the hospital, and now holds it twice.
    const recovered = await recover('C-1');
    expect(recovered.clearingReturn).to.deep.equal({
      docType: 'clearing-return',
      claimId: 'C-1',
      fromRegion: SH,
      toRegion: BJ,
      amountFen: 1_000,
      clearedBatchId: 'B-1',
      recoveryTransferId: 'T-REC-C-1',
      recorded: recovered.transfer.executed,
      updated: recovered.transfer.executed,
    });
    expect(recovered.claim.batchId).to.equal('B-1');
    expect(ledger.lastEvent?.payload).to.include({ claimId: 'C-1', returnedBy: SH });

    // The next batch nets it against Beijing's new debt, whoever proposes and whatever it lists.
    await paid(reviewedClaim('C-3', BJ, SH, 400));
    const line = { claimId: 'C-1', fromRegion: SH, toRegion: BJ, amountFen: 1_000 };
    expect(await call(ledger, people.insurerBJ, SettlementApi.Clearable, { counterpartyRegion: SH })).to.deep.equal({
      region: BJ,
      regions: [BJ, SH],
      claimIds: ['C-3'],
      returns: [line],
      owedFenByRegion: { [BJ]: 400, [SH]: 1_000 },
      grossFen: [
        { debtorRegion: BJ, creditorRegion: SH, amountFen: 400 },
        { debtorRegion: SH, creditorRegion: BJ, amountFen: 1_000 },
      ],
      netFenByRegion: { [BJ]: 600, [SH]: -600 },
      legs: [{ payerRegion: SH, payeeRegion: BJ, amountFen: 600 }],
    });
    await expectRefusal(propose({ batchId: 'B-2', counterpartyRegion: BJ, claimIds: ['C-3'], owedFenByRegion: { [BJ]: 400, [SH]: 0 } }), 'RULE', /310000 owes 1000 fen by its claims but 0 fen was declared/);
    const second = await propose({ batchId: 'B-2', counterpartyRegion: BJ, claimIds: ['C-3'], owedFenByRegion: { [BJ]: 400, [SH]: 1_000 } });
    expect(second).to.include({ status: 'PROPOSED' });
    expect(second.claimIds).to.deep.equal(['C-3']);
    expect(second.returns).to.deep.equal([line]);
    expect(second.legs).to.deep.equal([{ payerRegion: SH, payeeRegion: BJ, amountFen: 600 }]);
    // A return is given back once: a third batch does not take it again.
    await paid(reviewedClaim('C-4', BJ, SH, 50));
    expect((await propose({ batchId: 'B-3', counterpartyRegion: BJ })).returns).to.equal(undefined);

    const cleared = await confirm('B-2', 'T-CLR-2');
    expect(cleared.transfers[0]).to.include({ kind: 'clearing', fromParty: 'fund:310000', toParty: 'fund:110000', amountFen: 600 });
    expect(cleared.transfers[0]?.claimIds).to.deep.equal(['C-3', 'C-1']);

    // Every fen accounted for: Beijing paid for C-2 and C-3 only, Shanghai's fund is whole, the hospital kept what was honest.
    await confirm('B-3', 'T-CLR-3');
    expect(await balances()).to.deep.equal({ 'fund:110000': -(2_500 + 400 + 50), 'fund:310000': 0, H310001: 2_500 + 400 + 50 });

    // The fund flow of the recovered claim shows the whole path, there and back.
    const flow = await call(ledger, people.investigator, TraceApi.FundFlow, { claimId: 'C-1' });
    expect(flow.status).to.equal('RECOVERED');
    expect(flow.payee).to.deep.equal({ party: 'H310001', receivedFen: 1_000, recoveredFen: 1_000 });
    expect(flow.clearings?.map((t) => t.transferId)).to.deep.equal(['T-CLR-1']);
    expect(flow.recovery).to.include({ transferId: 'T-REC-C-1', fromParty: 'H310001', toParty: 'fund:310000' });
    expect(flow.clearingReturn?.record).to.include({ batchId: 'B-2', clearedBatchId: 'B-1' });
    expect(flow.clearingReturn?.batch?.status).to.equal('CLEARED');
    expect(flow.clearingReturn?.clearings?.map((t) => t.transferId)).to.deep.equal(['T-CLR-2']);

    const history = await ledger.tx(people.investigator, (ctx) => new AuditContract().History(ctx, JSON.stringify({ docType: 'clearing-return', id: 'C-1' })));
    expect(history.map((h) => (h.value as { batchId?: string }).batchId)).to.deep.equal(['B-2', undefined]);
  });

  it('batches returns alone when no claim waits, and frees them again when that batch is rejected', async () => {
    await paid(reviewedClaim('C-1', BJ, SH, 1_000));
    await propose({ batchId: 'B-1', counterpartyRegion: BJ });
    await confirm('B-1', 'T-CLR-1');
    await recover('C-1');

    const onlyReturns = await propose({ batchId: 'B-2', counterpartyRegion: SH }, people.insurerBJ);
    expect(onlyReturns.claimIds).to.deep.equal([]);
    expect(onlyReturns.legs).to.deep.equal([{ payerRegion: SH, payeeRegion: BJ, amountFen: 1_000 }]);
    await expectRefusal(propose({ batchId: 'B-3', counterpartyRegion: BJ }), 'CONFLICT', /no claims between/);
    await call(ledger, people.insurerSH, SettlementApi.RejectBatch, { batchId: 'B-2', reason: 'recovery disputed by the hospital' });
    expect((await propose({ batchId: 'B-3', counterpartyRegion: BJ })).returns).to.deep.equal([{ claimId: 'C-1', fromRegion: SH, toRegion: BJ, amountFen: 1_000 }]);
  });

  it('shows the recovery in the reverse trace of the fund and in the institution’s and patient’s timelines', async () => {
    await paid(reviewedClaim('C-1', SH, SH, 60_000));
    ledger.nowMs += 2 * HOUR;
    await recover('C-1');

    const intoFund = await call(ledger, people.investigator, TraceApi.FundsReceived, { party: 'fund:310000', from: '2026-03-01', to: '2026-03-31' });
    expect(intoFund).to.include({ count: 1, totalFen: 60_000 });
    expect(intoFund.transfers.map((t) => [t.transferId, t.kind, t.fromParty])).to.deep.equal([['T-REC-C-1', 'recovery', 'H310001']]);
    // The hospital's receipts still show the payment it was made.
    expect((await call(ledger, people.investigator, TraceApi.FundsReceived, { party: 'H310001' })).transfers.map((t) => t.transferId)).to.deep.equal(['T-C-1']);

    const hospital = await call(ledger, people.investigator, TraceApi.Timeline, { actorType: 'institution', id: 'H310001' });
    expect(hospital.entries.map((e) => `${e.kind}:${e.id}:${e.action}:${e.amountFen}`)).to.deep.equal([
      'claim:C-1:APPROVED:60000',
      'claim:C-1:REMITTED:60000',
      'transfer:T-C-1:paid:60000',
      'claim:C-1:RECOVERED:60000',
      'transfer:T-REC-C-1:recovered:60000',
    ]);
    const story = await call(ledger, people.investigator, TraceApi.Timeline, { actorType: 'patientRef', id: patient('C-1') });
    expect(story.entries.map((e) => `${e.kind}:${e.action}`).slice(-2)).to.deep.equal(['claim:RECOVERED', 'transfer:recovered']);
  });
});
