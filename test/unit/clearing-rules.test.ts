import { expect } from 'chai';
import { balanceMismatches, clearingPositions } from '../../chaincode/src/rules/clearing';
import { inForceOn, policyRuleViolations } from '../../chaincode/src/rules/policy';
import type { PolicyTerms } from '../../chaincode/src/model/policy';

const SH = '310000';
const BJ = '110000';
const claim = (claimId: string, insuredRegion: string, treatmentRegion: string, fundFen: number) => ({ claimId, insuredRegion, treatmentRegion, fundFen });

describe('batch netting', () => {
  it('sums what each region owes and nets the two directions', () => {
    const positions = clearingPositions(SH, BJ, [claim('c1', BJ, SH, 1_000), claim('c2', BJ, SH, 2_501), claim('c3', SH, BJ, 700)]);
    expect(positions.owedFenByRegion).to.deep.equal({ [SH]: 700, [BJ]: 3_501 });
    expect(positions.net).to.deep.equal({ payerRegion: BJ, payeeRegion: SH, amountFen: 2_801 });
  });

  it('moves nothing when the directions cancel', () => {
    const positions = clearingPositions(SH, BJ, [claim('c1', BJ, SH, 900), claim('c2', SH, BJ, 900)]);
    expect(positions.net).to.equal(undefined);
  });

  it('refuses a claim that is not between the two regions', () => {
    expect(() => clearingPositions(SH, BJ, [claim('c1', '440000', SH, 1)])).to.throw(/not between/);
    expect(() => clearingPositions(SH, BJ, [claim('c1', SH, SH, 1)])).to.throw(/not between/);
  });

  it('reports every way the declared amounts fail to balance', () => {
    const computed = { [SH]: 700, [BJ]: 3_501 };
    expect(balanceMismatches(computed, { [SH]: 700, [BJ]: 3_501 })).to.deep.equal([]);
    expect(balanceMismatches({ [SH]: 0, [BJ]: 10 }, { [BJ]: 10 })).to.deep.equal([]);
    expect(balanceMismatches(computed, { [SH]: 700, [BJ]: 3_500 })).to.deep.equal([`${BJ} owes 3501 fen by its claims but 3500 fen was declared`]);
    expect(balanceMismatches(computed, { [SH]: 700, [BJ]: 3_501, '440000': 0 })[0]).to.match(/not a party/);
  });
});

const terms: PolicyTerms = {
  effectiveFrom: '2026-01-01',
  ratioBpByLevel: { basic: 7000, secondary: 6000, tertiary: 5000 },
  deductibleFenByLevel: { basic: 20_000, secondary: 50_000, tertiary: 100_000 },
  annualCapFen: 20_000_000,
  crossRegionFiledRatioBp: 6000,
  crossRegionUnfiledRatioBp: 4000,
  reviewThresholds: { stayWarnDays: 30, manualReviewTotalFen: 5_000_000 },
  personalAccountUse: 'local',
};

describe('policy rules', () => {
  it('accepts a policy that follows PM-28, PM-31 and XR-05', () => {
    expect(policyRuleViolations(terms)).to.deep.equal([]);
  });

  it('names each rule a policy breaks', () => {
    const bad: PolicyTerms = {
      ...terms,
      ratioBpByLevel: { basic: 4900, secondary: 6000, tertiary: 5000 },
      deductibleFenByLevel: { basic: 20_000, secondary: 50_000, tertiary: 40_000 },
      crossRegionUnfiledRatioBp: 6000,
    };
    expect(policyRuleViolations(bad).map((b) => b.slice(0, 5))).to.deep.equal(['PM-28', 'PM-31', 'PM-31', 'XR-05']);
  });

  it('picks the version in force: greatest effectiveFrom on or before the date, latest version on a tie', () => {
    const versions = [
      { version: 1, effectiveFrom: '2026-01-01' },
      { version: 2, effectiveFrom: '2026-07-01' },
      { version: 3, effectiveFrom: '2026-07-01' },
      { version: 4, effectiveFrom: '2027-01-01' },
    ];
    expect(inForceOn(versions, '2025-12-31')).to.equal(undefined);
    expect(inForceOn(versions, '2026-01-01')?.version).to.equal(1);
    expect(inForceOn(versions, '2026-06-30')?.version).to.equal(1);
    expect(inForceOn(versions, '2026-07-01')?.version).to.equal(3);
    expect(inForceOn(versions, '2027-03-01')?.version).to.equal(4);
  });
});
