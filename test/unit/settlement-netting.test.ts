import { expect } from 'chai';
import { SettlementApi } from '../../chaincode/src/api/settlement-api';
import { TraceApi } from '../../chaincode/src/api/trace-api';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import type { TransferRecord } from '../../chaincode/src/model/transfer';
import { claims } from '../../chaincode/src/stores/claims';
import { transfers } from '../../chaincode/src/stores/transfers';
import type { FakeIdentity, FakeLedger } from '../support/fake-ledger';
import { BJ, SH, expectRefusal, people } from '../support/insurance-fixtures';
import { DEFAULT_MEMBERS, adminOf, approve, memberLedger, propose as proposeMembership } from '../support/membership-fixtures';
import { call, reviewedClaim, seedClaim } from '../support/settlement-fixtures';

const GD = '440000';
const JS = '320000';
const insurerGD: FakeIdentity = { mspId: 'InsurerGDMSP', cn: 'insurer-gd', attrs: { role: 'insurer', region: GD, licenceId: 'INS-GD-01' } };
const INSURERS: Record<string, FakeIdentity> = { [SH]: people.insurerSH, [BJ]: people.insurerBJ, [GD]: insurerGD };
const INSTITUTION: Record<string, string> = { [SH]: 'H310001', [BJ]: 'H110001', [GD]: 'H440001' };

/**
 * Clearing among three regions: Guangdong's insurer joins the membership like any new region
 * (a proposal three of the five members' admins approve), and its claims settle with Shanghai's
 * and Beijing's in one multilaterally netted batch.
 */
describe('Settlement: multilateral netting of three regions', () => {
  let ledger: FakeLedger;
  const paid = async (claimId: string, insuredRegion: string, treatmentRegion: string, fundFen: number): Promise<ClaimRecord> => {
    await seedClaim(ledger, people.hospitalAdmin, { ...reviewedClaim(claimId, insuredRegion, treatmentRegion, fundFen), institutionId: INSTITUTION[treatmentRegion] });
    return (await call(ledger, INSURERS[treatmentRegion], SettlementApi.Pay, { claimId, transferId: `T-${claimId}`, paymentRef: `BANK-${claimId}` })).claim;
  };
  const proposeBatch = (args: Record<string, unknown>, who: FakeIdentity = people.insurerSH) => call(ledger, who, SettlementApi.ProposeBatch, args);
  const confirm = (who: FakeIdentity, batchId: string, transferId = 'T-CLR') => call(ledger, who, SettlementApi.ConfirmBatch, { batchId, transferId, paymentRef: `REF-${who.cn}` });
  const balances = async (): Promise<Record<string, number>> => {
    const ids = [...ledger.state.keys()].filter((k) => k.startsWith('\u0000transfer\u0000')).map((k) => k.split('\u0000')[2]);
    const all: TransferRecord[] = await ledger.tx(people.investigator, (ctx) => Promise.all(ids.map((id) => transfers.mustGet(ctx, id))));
    const net: Record<string, number> = {};
    for (const t of all) {
      net[t.fromParty] = (net[t.fromParty] ?? 0) - t.amountFen;
      net[t.toParty] = (net[t.toParty] ?? 0) + t.amountFen;
    }
    return net;
  };

  beforeEach(async () => {
    ledger = await memberLedger();
    const [hospital, pharmacy, insurerSH] = DEFAULT_MEMBERS.map((m) => adminOf(m.mspId));
    await proposeMembership(ledger, insurerSH, { proposalId: 'GD', change: 'addMember', mspId: 'InsurerGDMSP', memberKind: 'insurer', region: GD, roles: ['admin', 'insurer'] });
    await approve(ledger, hospital, 'GD');
    await approve(ledger, pharmacy, 'GD');
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z');
    // Beijing's insured treated in Shanghai and in Guangdong, Shanghai's in Guangdong, Guangdong's in Beijing.
    await paid('C-1', BJ, SH, 120_000);
    await paid('C-2', BJ, GD, 30_000);
    await paid('C-3', SH, GD, 50_000);
    await paid('C-4', GD, BJ, 40_000);
    // A fourth region's insured treated in Shanghai is not among the three.
    await paid('C-JS', JS, SH, 9_999);
  });

  it('nets every claim among the regions into one transfer per net debtor → creditor pair, cleared when every other region confirmed', async () => {
    const batch = await proposeBatch({ batchId: 'B-3', regions: [GD, BJ] });
    expect(batch.regions).to.deep.equal([BJ, SH, GD]);
    expect(batch.claimIds).to.deep.equal(['C-4', 'C-1', 'C-2', 'C-3']);
    expect(batch.owedFenByRegion).to.deep.equal({ [BJ]: 150_000, [SH]: 50_000, [GD]: 40_000 });
    expect(batch.netFenByRegion).to.deep.equal({ [BJ]: -110_000, [SH]: 70_000, [GD]: 40_000 });
    expect(batch.legs).to.deep.equal([
      { payerRegion: BJ, payeeRegion: SH, amountFen: 70_000 },
      { payerRegion: BJ, payeeRegion: GD, amountFen: 40_000 },
    ]);
    expect(batch.awaiting).to.deep.equal([BJ, GD]);
    expect((await ledger.tx(people.investigator, (ctx) => claims.mustGet(ctx, 'C-JS'))).batchId).to.equal(undefined);

    // Guangdong confirms its part: nothing moves yet.
    const first = await confirm(insurerGD, 'B-3', 'T-GD');
    expect(first.batch).to.include({ status: 'PROPOSED' });
    expect(first.batch.awaiting).to.deep.equal([BJ]);
    expect(first.transfers).to.deep.equal([]);
    expect(ledger.lastEvent).to.deep.include({ name: 'BatchConfirmed' });
    await expectRefusal(confirm(insurerGD, 'B-3'), 'CONFLICT', /region 440000 has already confirmed its part of batch B-3/);
    await expectRefusal(confirm(people.insurerSH, 'B-3'), 'FORBIDDEN', /only the insurer of one of 110000, 440000 confirms batch B-3/);

    // Beijing's confirmation clears it and writes both legs at once.
    const cleared = await confirm(people.insurerBJ, 'B-3', 'T-CLR');
    expect(cleared.batch).to.include({ status: 'CLEARED' });
    expect(cleared.batch.transferIds).to.deep.equal(['T-CLR', 'T-CLR-2']);
    expect(cleared.transfers.map((t) => [t.transferId, t.fromParty, t.toParty, t.amountFen, t.paymentRef])).to.deep.equal([
      ['T-CLR', 'fund:110000', 'fund:310000', 70_000, 'REF-insurer-bj'],
      ['T-CLR-2', 'fund:110000', 'fund:440000', 40_000, 'REF-insurer-bj'],
    ]);
    expect(ledger.lastEvent?.payload).to.deep.include({ batchId: 'B-3', transferIds: ['T-CLR', 'T-CLR-2'] });

    // Every fund ends up bearing exactly the fund shares of its own insured, to the fen.
    const net = await balances();
    expect([net['fund:110000'], net['fund:310000'], net['fund:440000']]).to.deep.equal([-(120_000 + 30_000), -(50_000 + 9_999), -40_000]);
    expect(net['fund:310000'] + 9_999).to.equal(-50_000);

    // The third region's insurer sees the batch; the fund flow of its claim shows both legs.
    expect((await call(ledger, insurerGD, SettlementApi.GetBatch, { batchId: 'B-3' })).status).to.equal('CLEARED');
    expect((await call(ledger, insurerGD, SettlementApi.ListBatches, { region: GD })).records.map((b) => b.batchId)).to.deep.equal(['B-3']);
    const flow = await call(ledger, people.investigator, TraceApi.FundFlow, { claimId: 'C-3' });
    expect(flow.clearings?.map((t) => t.transferId)).to.deep.equal(['T-CLR', 'T-CLR-2']);
  });

  it('rejects the whole batch on one region’s rejection, even after another confirmed, and frees its claims', async () => {
    await proposeBatch({ batchId: 'B-3', regions: [BJ, GD] });
    await confirm(people.insurerBJ, 'B-3');
    const rejected = await call(ledger, insurerGD, SettlementApi.RejectBatch, { batchId: 'B-3', reason: 'C-3 disputed' });
    expect(rejected).to.include({ status: 'REJECTED', rejectReason: 'C-3 disputed' });
    await expectRefusal(confirm(insurerGD, 'B-3'), 'CONFLICT', /batch B-3 is REJECTED/);
    expect((await balances())['fund:110000']).to.equal(-40_000);
    // Its claims can be batched again, here by Guangdong, without C-3: net BJ −110 000, SH +120 000, GD −10 000.
    const again = await proposeBatch({ batchId: 'B-4', regions: [BJ, SH], claimIds: ['C-1', 'C-2', 'C-4'] }, insurerGD);
    expect(again.proposerRegion).to.equal(GD);
    expect(again.awaiting).to.deep.equal([BJ, SH]);
    expect(again.legs).to.deep.equal([
      { payerRegion: BJ, payeeRegion: SH, amountFen: 110_000 },
      { payerRegion: GD, payeeRegion: SH, amountFen: 10_000 },
    ]);
    await expectRefusal(proposeBatch({ batchId: 'B-5', regions: [BJ], claimIds: ['C-3'] }), 'RULE', /claim C-3 is not a cross-region claim between 110000, 310000/);
    await expectRefusal(proposeBatch({ batchId: 'B-5', regions: [BJ], counterpartyRegion: GD }), 'VALIDATION', /regions: must not be given together with counterpartyRegion/);
  });

  it('keeps the bilateral form: a counterparty names a two-region batch, and a third region’s claims wait for theirs', async () => {
    const pair = await proposeBatch({ batchId: 'B-2', counterpartyRegion: BJ });
    expect(pair.regions).to.deep.equal([BJ, SH]);
    expect(pair.claimIds).to.deep.equal(['C-1']);
    expect(pair.legs).to.deep.equal([{ payerRegion: BJ, payeeRegion: SH, amountFen: 120_000 }]);
    const rest = await proposeBatch({ batchId: 'B-R', regions: [BJ, SH] }, insurerGD);
    expect(rest.claimIds).to.deep.equal(['C-4', 'C-2', 'C-3']);
    expect(rest.netFenByRegion).to.deep.equal({ [BJ]: 10_000, [SH]: -50_000, [GD]: 40_000 });
  });
});
