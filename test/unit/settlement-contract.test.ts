import { expect } from 'chai';
import { SettlementApi } from '../../chaincode/src/api/settlement-api';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import { batches } from '../../chaincode/src/stores/batches';
import { claims } from '../../chaincode/src/stores/claims';
import { transfers } from '../../chaincode/src/stores/transfers';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import { BJ, SH, expectRefusal, people } from '../support/insurance-fixtures';
import { call, paidClaim, reviewedClaim, seedClaim, type ClaimSeed } from '../support/settlement-fixtures';
import { memberLedger } from '../support/membership-fixtures';

/**
 * Settlement on claims as the Claim contract leaves them (seeded through the claim store), so
 * these run without the Claim contract: batches of every clearable claim, the batch limit, and
 * who may read batches and transfers.
 */
describe('Settlement contract on reviewed claims', () => {
  let ledger: FakeLedger;
  const paid = (seed: ClaimSeed): Promise<ClaimRecord> => paidClaim(ledger, seed);
  const propose = (batch: Record<string, unknown>, who: FakeIdentity = people.insurerSH) => call(ledger, who, SettlementApi.ProposeBatch, batch);
  const clearable = (who: FakeIdentity = people.insurerSH, counterpartyRegion = BJ) => call(ledger, who, SettlementApi.Clearable, { counterpartyRegion });
  const read = (claimId: string) => ledger.tx(people.investigator, (ctx) => claims.mustGet(ctx, claimId));

  beforeEach(async () => {
    ledger = await memberLedger();
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z');
  });

  it('takes every clearable claim between the two regions when no claimIds are given, in both directions and nothing else', async () => {
    await paid(reviewedClaim('C-1', BJ, SH, 1_000));
    await paid(reviewedClaim('C-2', BJ, SH, 2_500));
    await paid(reviewedClaim('C-3', SH, BJ, 700));
    // Not clearable between 310000 and 110000: local, approved but unpaid, and a third region's insured.
    await paid(reviewedClaim('C-LOCAL', SH, SH, 400));
    await seedClaim(ledger, people.hospitalAdmin, reviewedClaim('C-UNPAID', BJ, SH, 300));
    await paid(reviewedClaim('C-GD', '440000', SH, 900));

    // A declaration, when given, must still balance against what the batch takes; nothing is written otherwise.
    await expectRefusal(propose({ batchId: 'B-X', counterpartyRegion: BJ, owedFenByRegion: { [BJ]: 3_499 } }), 'RULE', /110000 owes 3500 fen by its claims but 3499 fen was declared/);
    expect(await ledger.tx(people.investigator, (ctx) => batches.exists(ctx, 'B-X'))).to.equal(false);

    const batch = await propose({ batchId: 'B-ALL', counterpartyRegion: BJ });
    // In treatment-region code order: C-3 treated in Beijing (110000), then Shanghai's.
    expect(batch.claimIds).to.deep.equal(['C-3', 'C-1', 'C-2']);
    expect(batch.owedFenByRegion).to.deep.equal({ [SH]: 700, [BJ]: 3_500 });
    expect(batch.legs).to.deep.equal([{ payerRegion: BJ, payeeRegion: SH, amountFen: 2_800 }]);
    expect(ledger.lastEvent).to.deep.equal({ name: 'BatchProposed', payload: { batchId: 'B-ALL', proposerRegion: SH, regions: [BJ, SH], legs: 1, txId: batch.proposed.txId } });
    for (const id of ['C-1', 'C-2', 'C-3']) expect((await read(id)).batchId).to.equal('B-ALL');
    expect((await read('C-UNPAID')).batchId).to.equal(undefined);

    expect(await clearable()).to.deep.equal({ region: SH, regions: [BJ, SH], claimIds: [], owedFenByRegion: { [SH]: 0, [BJ]: 0 }, grossFen: [], netFenByRegion: { [SH]: 0, [BJ]: 0 }, legs: [] });
    await expectRefusal(propose({ batchId: 'B-NONE', counterpartyRegion: BJ }), 'CONFLICT', /no claims between 110000, 310000 are waiting to be cleared/);
    // Nor is anything left to take from the counterparty's side.
    await expectRefusal(propose({ batchId: 'B-BJ', counterpartyRegion: SH }, people.insurerBJ), 'CONFLICT', /no claims between 110000, 310000/);
  });

  it('takes at most 500 claims, leaving the rest clearable; a list of 501 is refused', async () => {
    const ids = Array.from({ length: 501 }, (_, i) => `C-${String(i).padStart(3, '0')}`);
    for (const id of ids) await seedClaim(ledger, people.hospitalAdmin, reviewedClaim(id, BJ, SH, 10, 'REMITTED'));
    await expectRefusal(propose({ batchId: 'B-LIST', counterpartyRegion: BJ, claimIds: ids }), 'VALIDATION', /^\[VALIDATION\] claimIds: must be a list of 1 to 500 entries/);

    const batch = await propose({ batchId: 'B-500', counterpartyRegion: BJ });
    expect(batch.claimIds).to.deep.equal(ids.slice(0, 500));
    expect(batch.owedFenByRegion[BJ]).to.equal(5_000);
    expect((await clearable()).claimIds).to.deep.equal(['C-500']);
  });

  it('checks the counterparty, the declaration’s regions and the caller before reading any claim', async () => {
    await expectRefusal(propose({ batchId: 'B-1', counterpartyRegion: SH }), 'VALIDATION', /counterpartyRegion: must not name the caller's own region 310000/);
    await expectRefusal(propose({ batchId: 'B-1', counterpartyRegion: BJ, owedFenByRegion: { '440000': 0 } }), 'VALIDATION', /owedFenByRegion\.440000/);
    await expectRefusal(propose({ batchId: 'B-1', counterpartyRegion: BJ, owedFenByRegion: { BJ: 1 } }), 'VALIDATION', /owedFenByRegion\.BJ: is not an allowed field/);
    await expectRefusal(propose({ batchId: 'B-1', counterpartyRegion: BJ, claimIds: ['C-404'] }), 'NOT_FOUND', /claim C-404 does not exist/);
    await expectRefusal(propose({ batchId: 'B-1', counterpartyRegion: BJ }, people.pharmacist), 'FORBIDDEN', /pharmacist may not call Settlement:ProposeBatch/);
    // Issue 10: the clearable view is the insurers' own (the gateway used to admit investigators).
    await expectRefusal(clearable(people.investigator), 'FORBIDDEN', /investigator may not call Settlement:Clearable; requires insurer/);
  });

  it('clears a batch whose two directions cancel without moving money', async () => {
    await paid(reviewedClaim('C-1', BJ, SH, 700));
    await paid(reviewedClaim('C-3', SH, BJ, 700));
    // Without a declaration the batch is taken as the claims add up.
    const batch = await propose({ batchId: 'B-EVEN', counterpartyRegion: BJ, claimIds: ['C-1', 'C-3'] });
    expect(batch.legs).to.deep.equal([]);
    expect(batch.netFenByRegion).to.deep.equal({ [SH]: 0, [BJ]: 0 });
    const cleared = await call(ledger, people.insurerBJ, SettlementApi.ConfirmBatch, { batchId: 'B-EVEN', transferId: 'T-UNUSED', paymentRef: 'NONE' });
    const decided = cleared.batch.decided;
    expect(cleared).to.deep.equal({
      batch: { ...batch, status: 'CLEARED', decided, awaiting: [], confirmations: [{ region: BJ, paymentRef: 'NONE', confirmed: decided }], transferIds: [] },
      transfers: [],
    });
    expect(await ledger.tx(people.investigator, (ctx) => transfers.exists(ctx, 'T-UNUSED'))).to.equal(false);
    expect(ledger.lastEvent?.payload).to.deep.equal({ batchId: 'B-EVEN', transferIds: [], txId: decided?.txId });
  });

  it('gives batches to their two insurers and investigators, a page at a time', async () => {
    await paid(reviewedClaim('C-1', BJ, SH, 100));
    await paid(reviewedClaim('C-2', BJ, SH, 200));
    await propose({ batchId: 'B-1', counterpartyRegion: BJ, claimIds: ['C-1'] });
    await propose({ batchId: 'B-2', counterpartyRegion: BJ, claimIds: ['C-2'], owedFenByRegion: { [BJ]: 200, [SH]: 0 } });

    for (const who of [people.insurerSH, people.insurerBJ, people.investigator]) {
      expect((await call(ledger, who, SettlementApi.GetBatch, { batchId: 'B-1' })).claimIds).to.deep.equal(['C-1']);
    }
    const list = (who: FakeIdentity, args: Record<string, unknown>) => call(ledger, who, SettlementApi.ListBatches, { region: BJ, ...args });
    const first = await list(people.insurerBJ, { pageSize: 1 });
    expect(first.records.map((b) => b.batchId)).to.deep.equal(['B-1']);
    const second = await list(people.investigator, { pageSize: 1, bookmark: first.bookmark });
    expect(second.records.map((b) => b.batchId)).to.deep.equal(['B-2']);
    await expectRefusal(list(people.insurerSH, {}), 'FORBIDDEN', /only the insurer of 110000 or an investigator/);
    await expectRefusal(list(people.insurerBJ, { pageSize: 201 }), 'VALIDATION', /pageSize/);
    await expectRefusal(call(ledger, people.hospitalAdmin, SettlementApi.GetBatch, { batchId: 'B-1' }), 'FORBIDDEN');
  });

  it('lets the paid institution’s staff, insurers and investigators read a transfer, and no other institution', async () => {
    const claim = await paid(reviewedClaim('C-1', SH, SH, 600));
    expect(claim.status).to.equal('REMITTED');
    // Issue 10: the gateway used to shut out the paid institution's staff, whom the chaincode lets in.
    for (const who of [people.hospitalAdmin, people.doctor, people.insurerSH, people.insurerBJ, people.investigator]) {
      expect(await call(ledger, who, SettlementApi.GetTransfer, { transferId: 'T-C-1' })).to.include({ toParty: 'H310001', amountFen: 600 });
    }
    for (const who of [people.doctor2, people.pharmacist]) {
      await expectRefusal(call(ledger, who, SettlementApi.GetTransfer, { transferId: 'T-C-1' }), 'FORBIDDEN', /not visible/);
    }
    await expectRefusal(call(ledger, people.investigator, SettlementApi.GetTransfer, { transferId: 'T-404' }), 'NOT_FOUND');
  });
});
