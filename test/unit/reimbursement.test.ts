import { expect } from 'chai';
import type { Stamp } from '../../chaincode/src/model/audit';
import type { BenefitYearRecord } from '../../chaincode/src/model/claim';
import { benefitYearIdFor, releaseBenefit, reserveBenefit } from '../../chaincode/src/rules/benefit-year';
import type { Coverage } from '../../chaincode/src/model/coverage';
import { checkPersonalAccount } from '../../chaincode/src/rules/claim-assessment';
import { allocateByWeight, ratioFor, splitClaim } from '../../chaincode/src/rules/reimbursement';
import { SPLIT_BASE, expectExactSplit, plainLines } from '../support/insurance-fixtures';

const policy = {
  ratioBpByLevel: { basic: 7000, secondary: 6000, tertiary: 5000 },
  crossRegionFiledRatioBp: 6000,
  crossRegionUnfiledRatioBp: 4000,
};


describe('reimbursement arithmetic', () => {
  describe('ratioFor', () => {
    it('pays local care by institution level (PM-26: 70 / 60 / 50 %)', () => {
      expect(ratioFor(policy, 'basic', false, false)).to.deep.equal({ ratioBp: 7000, basis: 'level' });
      expect(ratioFor(policy, 'secondary', false, false)).to.deep.equal({ ratioBp: 6000, basis: 'level' });
      expect(ratioFor(policy, 'tertiary', false, true)).to.deep.equal({ ratioBp: 5000, basis: 'level' });
    });

    it('pays unfiled cross-region care at the lower ratio (XR-05)', () => {
      expect(ratioFor(policy, 'basic', true, true)).to.deep.equal({ ratioBp: 6000, basis: 'crossRegionFiled' });
      expect(ratioFor(policy, 'basic', true, false)).to.deep.equal({ ratioBp: 4000, basis: 'crossRegionUnfiled' });
    });

    it('gives different fund shares for the same bill at each level', () => {
      const fund = (level: 'basic' | 'secondary' | 'tertiary') => splitClaim({ ...SPLIT_BASE, ratioBp: ratioFor(policy, level, false, false).ratioBp }).fundFen;
      expect([fund('basic'), fund('secondary'), fund('tertiary')]).to.deep.equal([70_000, 60_000, 50_000]);
    });
  });

  describe('splitClaim', () => {
    it('applies the whole remaining deductible when the claim crosses it mid-claim', () => {
      // 300 CNY threshold, 120 already met: 180 of this 1 000 CNY claim is deductible, 820 is reimbursed at 60 %.
      const split = splitClaim({ ...SPLIT_BASE, lines: plainLines(100_000), ratioBp: 6000, deductibleThresholdFen: 30_000, deductibleMetFen: 12_000 });
      expect(split.deductibleFen).to.equal(18_000);
      expect(split.fundFen).to.equal(49_200);
      expect(split.selfPayFen).to.equal(50_800);
      expectExactSplit(split, [100_000]);
    });

    it('takes the whole claim into the deductible when it does not reach the threshold', () => {
      const split = splitClaim({ ...SPLIT_BASE, lines: plainLines(5_000), deductibleThresholdFen: 30_000, deductibleMetFen: 12_000 });
      expect(split).to.include({ deductibleFen: 5_000, fundFen: 0, selfPayFen: 5_000 });
    });

    it('applies no deductible once it has been met, even when a higher level has a higher threshold already partly met (PM-32)', () => {
      expect(splitClaim({ ...SPLIT_BASE, deductibleThresholdFen: 30_000, deductibleMetFen: 30_000 }).deductibleFen).to.equal(0);
      expect(splitClaim({ ...SPLIT_BASE, deductibleThresholdFen: 30_000, deductibleMetFen: 45_000 }).deductibleFen).to.equal(0);
      expect(splitClaim({ ...SPLIT_BASE, deductibleThresholdFen: 100_000, deductibleMetFen: 30_000 }).deductibleFen).to.equal(70_000);
    });

    it('stops the fund at the annual cap and hands the rest to the patient', () => {
      const split = splitClaim({ ...SPLIT_BASE, lines: plainLines(1_000_000), ratioBp: 7000, annualCapFen: 5_000_000, fundPaidFen: 4_800_000 });
      expect(split.fundFen).to.equal(200_000);
      expect(split.capLimited).to.equal(true);
      expect(split.selfPayFen).to.equal(800_000);
      expectExactSplit(split, [1_000_000]);
    });

    it('pays nothing once the cap is used up, and is not cap-limited below it', () => {
      expect(splitClaim({ ...SPLIT_BASE, annualCapFen: 5_000_000, fundPaidFen: 5_000_000 })).to.include({ fundFen: 0, capLimited: true, selfPayFen: 100_000 });
      expect(splitClaim({ ...SPLIT_BASE, annualCapFen: 5_000_000, fundPaidFen: 4_930_000 })).to.include({ fundFen: 70_000, capLimited: false });
    });

    it('floors the fund share to the fen and gives the odd fen to the patient', () => {
      // 333 fen at 70 % is 233.1 fen: the fund pays 233, the patient 100.
      const split = splitClaim({ ...SPLIT_BASE, lines: plainLines(333) });
      expect(split).to.include({ totalFen: 333, fundFen: 233, selfPayFen: 100 });
      const odd = splitClaim({ ...SPLIT_BASE, lines: plainLines(1), ratioBp: 9999 });
      expect(odd).to.include({ fundFen: 0, selfPayFen: 1 });
    });

    it('takes the personal account up to the patient share and the balance, and leaves the rest as self-pay', () => {
      const split = splitClaim({ ...SPLIT_BASE, lines: plainLines(10_001), personalAccountRequestFen: 1_000 });
      expect(split).to.include({ fundFen: 7_000, personalAccountFen: 1_000, selfPayFen: 2_001 });
      const greedy = splitClaim({ ...SPLIT_BASE, lines: plainLines(10_001), personalAccountRequestFen: 999_999 });
      expect(greedy).to.include({ fundFen: 7_000, personalAccountFen: 3_001, selfPayFen: 0 });
      const poor = splitClaim({ ...SPLIT_BASE, lines: plainLines(10_001), personalAccountRequestFen: 999_999, personalAccountBalanceFen: 2_500 });
      expect(poor).to.include({ fundFen: 7_000, personalAccountFen: 2_500, selfPayFen: 501 });
      expect(splitClaim({ ...SPLIT_BASE, lines: plainLines(10_001), personalAccountRequestFen: 1, personalAccountBalanceFen: 0 })).to.include({ personalAccountFen: 0, selfPayFen: 3_001 });
    });

    it('spreads the personal account over the lines by their patient shares, to the fen', () => {
      const split = splitClaim({ ...SPLIT_BASE, lines: [...plainLines(10_396, 23_331), { amountFen: 999, quantity: 1, coverage: { class: 'NONE', selfPayRatioBp: 10_000 } }], personalAccountRequestFen: 5_000 });
      expect(split.lines.map((l) => l.personalAccountFen).reduce((a, b) => a + b, 0)).to.equal(5_000);
      expectExactSplit(split, [10_396, 23_331, 999]);
    });

    it('always adds up exactly, over the whole claim and per fee line, for awkward amounts', () => {
      let seed = 20260301;
      const next = (n: number) => {
        seed = (seed * 48271) % 2_147_483_647; // MINSTD generator: deterministic, so a failure is reproducible
        return seed % n;
      };
      for (let round = 0; round < 500; round++) {
        const classes = ['A', 'B', 'C', 'NONE'] as const;
        const covered = Array.from({ length: 1 + next(12) }, () => {
          const quantity = 1 + next(50);
          const unit = next(3) === 0 ? next(7) : 1 + next(40_003);
          const cls = classes[next(4)];
          const coverage: Coverage = { class: cls, selfPayRatioBp: cls === 'B' ? next(10_001) : cls === 'A' ? 0 : 10_000 };
          if (next(2) === 0) coverage.paymentStandardFen = next(50_000);
          return { amountFen: unit * quantity, quantity, coverage };
        });
        const lines = covered.map((l) => l.amountFen);
        const split = splitClaim({
          lines: covered,
          ratioBp: next(10_001),
          deductibleThresholdFen: next(300_000),
          deductibleMetFen: next(300_000),
          annualCapFen: next(5_000_000),
          fundPaidFen: next(5_000_000),
          personalAccountRequestFen: next(100_000),
          personalAccountBalanceFen: next(100_000),
        });
        expect(split.totalFen).to.equal(lines.reduce((s, l) => s + l, 0));
        expectExactSplit(split, lines);
      }
    });

    it('refuses fractional inputs rather than computing with them', () => {
      expect(() => splitClaim({ ...SPLIT_BASE, lines: plainLines(100.5) })).to.throw(/non-negative integer/);
      expect(() => splitClaim({ ...SPLIT_BASE, ratioBp: 10_001 })).to.throw(/exceeds/);
      expect(() => splitClaim({ ...SPLIT_BASE, lines: [{ amountFen: 100, quantity: 1, coverage: { class: 'B', selfPayRatioBp: 10_001 } }] })).to.throw(/self-pay ratio exceeds/);
    });
  });

  describe('allocateByWeight', () => {
    it('spreads odd fen by largest remainder, ties to the earlier line', () => {
      expect(allocateByWeight(100, [1, 1, 1])).to.deep.equal([34, 33, 33]);
      expect(allocateByWeight(2, [1, 1, 1])).to.deep.equal([1, 1, 0]);
      expect(allocateByWeight(10, [1, 2, 7])).to.deep.equal([1, 2, 7]);
      expect(allocateByWeight(5, [3, 0, 3])).to.deep.equal([3, 0, 2]);
      expect(allocateByWeight(0, [0, 0])).to.deep.equal([0, 0]);
    });

    it('never gives a line more than its amount when allocating part of the total', () => {
      const weights = [1, 99_999, 3, 7];
      const parts = allocateByWeight(99_999, weights);
      expect(parts.reduce((s, p) => s + p, 0)).to.equal(99_999);
      parts.forEach((p, i) => expect(p).to.be.at.most(weights[i]));
    });
  });
});

describe('personal account and benefit year', () => {
  const stamp = (txId: string): Stamp => ({ by: { mspId: 'HospitalMSP', id: 'x509::/CN=admin', role: 'admin' }, at: '2026-03-02T02:00:00.000Z', txId });
  const key = { insuredRegion: '310000', patientRef: 'a'.repeat(64), serviceDate: '2026-12-31' };

  it('lets the personal account pay only where the insured region policy allows it', () => {
    const policyOf = (personalAccountUse: 'none' | 'local' | 'all') => ({ policyId: '310000:1', personalAccountUse });
    expect(() => checkPersonalAccount(policyOf('none'), false, 0)).not.to.throw();
    expect(() => checkPersonalAccount(policyOf('none'), false, 1)).to.throw(/\[RULE\] policy 310000:1 does not allow personal-account payment for local care/);
    expect(() => checkPersonalAccount(policyOf('local'), false, 1)).not.to.throw();
    expect(() => checkPersonalAccount(policyOf('local'), true, 1)).to.throw(/for cross-region care/);
    expect(() => checkPersonalAccount(policyOf('local'), true, 0)).not.to.throw();
    expect(() => checkPersonalAccount(policyOf('all'), true, 1)).not.to.throw();
  });

  it('opens the benefit year of the service date with the first claim and adds later claims to it', () => {
    const first = reserveBenefit(undefined, key, { deductibleFen: 20_000, fundFen: 9_608 }, stamp('tx1'));
    expect(first).to.deep.equal({
      docType: 'benefit-year',
      id: `310000:2026:${key.patientRef}`,
      insuredRegion: '310000',
      year: 2026,
      patientRef: key.patientRef,
      deductibleMetFen: 20_000,
      fundPaidFen: 9_608,
      updated: stamp('tx1'),
    });
    const second = reserveBenefit(first, key, { deductibleFen: 0, fundFen: 7_277 }, stamp('tx2'));
    expect(second).to.include({ deductibleMetFen: 20_000, fundPaidFen: 16_885 });
    expect(second.updated.txId).to.equal('tx2');
    // 1 January starts a new year.
    expect(benefitYearIdFor({ ...key, serviceDate: '2027-01-01' })).to.equal(`310000:2027:${key.patientRef}`);
  });

  it('hands back exactly what a rejected claim reserved', () => {
    const year: BenefitYearRecord = reserveBenefit(undefined, key, { deductibleFen: 50_000, fundFen: 60_660 }, stamp('tx1'));
    const amounts = { totalFen: 151_100, uncoveredFen: 0, overStandardFen: 0, selfPayFirstFen: 0, eligibleFen: 151_100, deductibleFen: 50_000, fundFen: 60_660, personalAccountFen: 0, selfPayFen: 90_440, capLimited: false };
    const released = releaseBenefit(year, { amounts }, stamp('tx2'));
    expect(released).to.include({ deductibleMetFen: 0, fundPaidFen: 0, id: year.id });
    expect(released.updated.txId).to.equal('tx2');
  });
});
