import { expect } from 'chai';
import type { GrossDebt, NetPosition } from '../../chaincode/src/model/batch';
import { nettingPlan, settlementLegs } from '../../chaincode/src/rules/netting';

const SH = '310000';
const BJ = '110000';
const GD = '440000';
const JS = '320000';
const debt = (debtorRegion: string, creditorRegion: string, amountFen: number): GrossDebt => ({ debtorRegion, creditorRegion, amountFen });

/** What each region pays out minus what it receives under a plan. */
function paidNet(legs: readonly NetPosition[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { payerRegion, payeeRegion, amountFen } of legs) {
    out[payerRegion] = (out[payerRegion] ?? 0) + amountFen;
    out[payeeRegion] = (out[payeeRegion] ?? 0) - amountFen;
  }
  return out;
}

/** A small deterministic pseudo-random sequence, so the property checks are the same on every run. */
function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

describe('multilateral netting', () => {
  it('nets three regions into net positions and one transfer per debtor → creditor pair (the README example)', () => {
    // Beijing's insured treated in Shanghai and Guangdong, Shanghai's in Guangdong, Guangdong's in Beijing.
    const plan = nettingPlan([SH, BJ, GD], [debt(BJ, SH, 120_000), debt(BJ, GD, 30_000), debt(SH, GD, 50_000), debt(GD, BJ, 40_000)]);
    expect(plan.owedFenByRegion).to.deep.equal({ [BJ]: 150_000, [SH]: 50_000, [GD]: 40_000 });
    expect(plan.netFenByRegion).to.deep.equal({ [BJ]: -110_000, [SH]: 70_000, [GD]: 40_000 });
    expect(plan.legs).to.deep.equal([
      { payerRegion: BJ, payeeRegion: SH, amountFen: 70_000 },
      { payerRegion: BJ, payeeRegion: GD, amountFen: 40_000 },
    ].sort((a, b) => (a.payeeRegion < b.payeeRegion ? -1 : 1)));
    expect(plan.grossFen.map((d) => `${d.debtorRegion}>${d.creditorRegion}`)).to.deep.equal([`${BJ}>${SH}`, `${BJ}>${GD}`, `${SH}>${GD}`, `${GD}>${BJ}`].sort());
  });

  it('moves nothing between a pair that owe each other the same, and nothing around a cycle', () => {
    expect(nettingPlan([SH, BJ], [debt(SH, BJ, 9_999), debt(BJ, SH, 9_999)]).legs).to.deep.equal([]);
    const cycle = nettingPlan([SH, BJ, GD], [debt(SH, BJ, 5_000), debt(BJ, GD, 5_000), debt(GD, SH, 5_000)]);
    expect(cycle.netFenByRegion).to.deep.equal({ [SH]: 0, [BJ]: 0, [GD]: 0 });
    expect(cycle.legs).to.deep.equal([]);
    // An uneven cycle leaves only the differences to move.
    const uneven = nettingPlan([SH, BJ, GD], [debt(SH, BJ, 5_000), debt(BJ, GD, 7_000), debt(GD, SH, 5_000)]);
    expect(uneven.legs).to.deep.equal([{ payerRegion: BJ, payeeRegion: GD, amountFen: 2_000 }]);
    // A zero-net pair inside a bigger batch adds no transfer of its own.
    const withPair = nettingPlan([SH, BJ, GD], [debt(SH, BJ, 300), debt(BJ, SH, 300), debt(GD, SH, 1)]);
    expect(withPair.legs).to.deep.equal([{ payerRegion: GD, payeeRegion: SH, amountFen: 1 }]);
  });

  it('pairs equal debtor and creditor amounts first, then splits the largest against the largest', () => {
    // Net: JS −500, BJ −300, SH +300, GD +500: two transfers, not three.
    expect(settlementLegs({ [JS]: -500, [BJ]: -300, [SH]: 300, [GD]: 500 })).to.deep.equal([
      { payerRegion: BJ, payeeRegion: SH, amountFen: 300 },
      { payerRegion: JS, payeeRegion: GD, amountFen: 500 },
    ]);
    // Net: BJ −700, SH +400, GD +300.
    expect(settlementLegs({ [BJ]: -700, [SH]: 400, [GD]: 300 })).to.deep.equal([
      { payerRegion: BJ, payeeRegion: SH, amountFen: 400 },
      { payerRegion: BJ, payeeRegion: GD, amountFen: 300 },
    ].sort((a, b) => (a.payeeRegion < b.payeeRegion ? -1 : 1)));
    expect(() => settlementLegs({ [SH]: 1, [BJ]: 0 })).to.throw(/sum to zero/);
  });

  it('keeps every fen: awkward amounts settle to the fen, and each region pays out exactly its net debt', () => {
    const plan = nettingPlan([SH, BJ, GD, JS], [debt(BJ, SH, 1), debt(GD, SH, 33_333), debt(JS, BJ, 66_667), debt(SH, JS, 99_999_999), debt(GD, JS, 7)]);
    const paid = paidNet(plan.legs);
    for (const [region, net] of Object.entries(plan.netFenByRegion)) expect(paid[region] ?? 0, region).to.equal(-net);
    expect(Object.values(plan.netFenByRegion).reduce((a, b) => a + b, 0)).to.equal(0);
    expect(() => nettingPlan([SH, BJ], [debt(BJ, SH, 0.5)])).to.throw(/not a whole, non-negative number of fen/);
    expect(() => nettingPlan([SH, BJ], [debt(GD, SH, 1)])).to.throw(/not among/);
  });

  it('gives the same plan for the same debts in any order, and at most one leg per pair and n − 1 legs in all (random batches)', () => {
    const next = lcg(2026);
    const codes = ['110000', '120000', '310000', '320000', '330000', '440000', '500000', '510000', '610000', '650000'];
    for (let round = 0; round < 200; round++) {
      const regions = codes.slice(0, 3 + Math.floor(next() * 8));
      const debts: GrossDebt[] = [];
      for (let i = 0; i < 1 + Math.floor(next() * 40); i++) {
        const a = regions[Math.floor(next() * regions.length)];
        const b = regions[Math.floor(next() * regions.length)];
        if (a !== b) debts.push(debt(a, b, Math.floor(next() * 5_000_000)));
      }
      const plan = nettingPlan(regions, debts);
      const shuffled = [...debts].sort(() => next() - 0.5);
      expect(nettingPlan([...regions].reverse(), shuffled)).to.deep.equal(plan);
      const paid = paidNet(plan.legs);
      for (const region of regions) expect(paid[region] ?? 0).to.equal(-plan.netFenByRegion[region]);
      const pairs = plan.legs.map((l) => `${l.payerRegion}>${l.payeeRegion}`);
      expect(new Set(pairs).size).to.equal(pairs.length);
      expect(plan.legs.length).to.be.at.most(regions.length - 1);
      expect(plan.legs.every((l) => l.amountFen > 0 && plan.netFenByRegion[l.payerRegion] < 0 && plan.netFenByRegion[l.payeeRegion] > 0)).to.equal(true);
    }
  });
});
