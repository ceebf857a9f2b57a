import { expect } from 'chai';
import type { Coverage } from '../../chaincode/src/model/coverage';
import { lineScope } from '../../chaincode/src/rules/line-coverage';
import { splitClaim } from '../../chaincode/src/rules/reimbursement';
import { CLASS_A, SPLIT_BASE, expectExactSplit, plainLines } from '../support/insurance-fixtures';


describe('the split by catalogue coverage, line by line (RX-04, PM-14)', () => {
  const B10: Coverage = { class: 'B', selfPayRatioBp: 1_000 };

  it('class B pays its self-pay ratio first, rounded up to the fen: 333 fen at 10 % is 34 first and 299 eligible', () => {
    expect(lineScope({ amountFen: 333, quantity: 1, coverage: B10 })).to.deep.equal({ uncoveredFen: 0, overStandardFen: 0, selfPayFirstFen: 34, eligibleFen: 299 });
    // An exact tenth is not rounded: 330 fen → 33 + 297.
    expect(lineScope({ amountFen: 330, quantity: 1, coverage: B10 })).to.include({ selfPayFirstFen: 33, eligibleFen: 297 });
    // In the claim: 299 × 70 % = 209.3 → the fund 209; the patient 34 + 90 = 124.
    const split = splitClaim({ ...SPLIT_BASE, lines: [{ amountFen: 333, quantity: 1, coverage: B10 }] });
    expect(split).to.include({ totalFen: 333, selfPayFirstFen: 34, eligibleFen: 299, fundFen: 209, selfPayFen: 124 });
    expectExactSplit(split, [333]);
  });

  it('leaves the fund nothing above the payment standard: exactly met, exceeded by 1 fen', () => {
    const standard = (amountFen: number, quantity: number) => lineScope({ amountFen, quantity, coverage: { ...CLASS_A, paymentStandardFen: 250 } });
    expect(standard(2_500, 10)).to.deep.equal({ uncoveredFen: 0, overStandardFen: 0, selfPayFirstFen: 0, eligibleFen: 2_500 });
    expect(standard(2_501, 10)).to.deep.equal({ uncoveredFen: 0, overStandardFen: 1, selfPayFirstFen: 0, eligibleFen: 2_500 });
    expect(standard(2_499, 10)).to.include({ overStandardFen: 0, eligibleFen: 2_499 });
    // Class B takes its ratio of the recognised part only: 2 500 × 10 % = 250 first.
    expect(lineScope({ amountFen: 2_501, quantity: 10, coverage: { ...B10, paymentStandardFen: 250 } })).to.deep.equal({ uncoveredFen: 0, overStandardFen: 1, selfPayFirstFen: 250, eligibleFen: 2_250 });
    const split = splitClaim({ ...SPLIT_BASE, lines: [{ amountFen: 2_501, quantity: 10, coverage: { ...CLASS_A, paymentStandardFen: 250 } }] });
    expect(split).to.include({ overStandardFen: 1, eligibleFen: 2_500, fundFen: 1_750, selfPayFen: 751 });
  });

  it('pays nothing for class C and out-of-catalogue lines (the bevacizumab probe: fund 0)', () => {
    const bevacizumab = { amountFen: 150_000, quantity: 1, coverage: { class: 'NONE', selfPayRatioBp: 10_000 } as Coverage };
    const split = splitClaim({ ...SPLIT_BASE, lines: [bevacizumab] });
    expect(split).to.include({ totalFen: 150_000, uncoveredFen: 150_000, eligibleFen: 0, deductibleFen: 0, fundFen: 0, selfPayFen: 150_000 });
    const withOthers = splitClaim({ ...SPLIT_BASE, lines: [bevacizumab, { amountFen: 10_000, quantity: 1, coverage: { class: 'C', selfPayRatioBp: 10_000 } }, ...plainLines(1_000)] });
    expect(withOthers.lines.map((l) => l.insurerAmountFen)).to.deep.equal([0, 0, 700]);
    expectExactSplit(withOthers, [150_000, 10_000, 1_000]);
    // The class decides, not a ratio recorded with it: a class A line pays no ratio first, a class C line is never eligible.
    expect(lineScope({ amountFen: 100, quantity: 1, coverage: { class: 'A', selfPayRatioBp: 5_000 } })).to.include({ eligibleFen: 100 });
    expect(lineScope({ amountFen: 100, quantity: 1, coverage: { class: 'C', selfPayRatioBp: 0 } })).to.include({ uncoveredFen: 100, eligibleFen: 0 });
  });

  it('applies the deductible to the eligible part only', () => {
    const split = splitClaim({ ...SPLIT_BASE, deductibleThresholdFen: 20_000, lines: [{ amountFen: 150_000, quantity: 1, coverage: { class: 'NONE', selfPayRatioBp: 10_000 } }, ...plainLines(30_000)] });
    expect(split).to.include({ eligibleFen: 30_000, deductibleFen: 20_000, fundFen: 7_000 });
  });

  it('compares against standard × quantity without float error on large lines', () => {
    // 99 999 999 999 × 100 000 is far above 2^53; the line is recognised in full.
    expect(lineScope({ amountFen: 100_000_000_000, quantity: 100_000, coverage: { ...CLASS_A, paymentStandardFen: 99_999_999_999 } })).to.include({ overStandardFen: 0 });
    expect(lineScope({ amountFen: 100_000_000_000, quantity: 1, coverage: { ...CLASS_A, paymentStandardFen: 99_999_999_999 } })).to.include({ overStandardFen: 1 });
  });
});
