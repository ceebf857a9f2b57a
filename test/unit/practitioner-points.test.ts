import { expect } from 'chai';
import { INITIAL_POINTS, atSuspensionLevel, deductPoints } from '../../chaincode/src/rules/practitioner-points';

describe('doctor points file (CR-01)', () => {
  it('starts at 100', () => {
    expect(INITIAL_POINTS).to.equal(100);
  });

  it('suspends at exactly 60 points, not at 61', () => {
    expect(atSuspensionLevel(60)).to.equal(true);
    expect(atSuspensionLevel(61)).to.equal(false);
    expect(deductPoints(100, 40, true)).to.deep.equal({ pointsAfter: 60, suspendsNow: true });
    expect(deductPoints(100, 39, true)).to.deep.equal({ pointsAfter: 61, suspendsNow: false });
  });

  it('suspends when a deduction jumps past the threshold', () => {
    expect(deductPoints(65, 20, true)).to.deep.equal({ pointsAfter: 45, suspendsNow: true });
  });

  it('never goes below zero', () => {
    expect(deductPoints(10, 50, false).pointsAfter).to.equal(0);
  });

  it('does not suspend again a doctor already suspended', () => {
    expect(deductPoints(55, 5, false)).to.deep.equal({ pointsAfter: 50, suspendsNow: false });
  });

  it('re-suspends a restored doctor still at or below 60 on the next violation', () => {
    expect(deductPoints(58, 1, true)).to.deep.equal({ pointsAfter: 57, suspendsNow: true });
  });
});
