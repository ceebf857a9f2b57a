import { expect } from 'chai';
import { reviewHitsFor, statusAfterReview } from '../../chaincode/src/rules/claim-review';

const thresholds = { stayWarnDays: 30, manualReviewTotalFen: 5_000_000 };
const policy = { region: '310000', version: 3 };

describe('smart review rules', () => {
  it('SR-01: a 30-day stay passes, a 31-day stay warns', () => {
    expect(reviewHitsFor({ totalFen: 100, stayDays: 30 }, thresholds, policy)).to.deep.equal([]);
    const hits = reviewHitsFor({ totalFen: 100, stayDays: 31 }, thresholds, policy);
    expect(hits).to.deep.equal([{ ruleId: 'SR-01', severity: 'warn', detail: 'stay of 31 days exceeds 30', policy }]);
    expect(statusAfterReview(hits, 100, thresholds)).to.equal('UNDER_REVIEW');
  });

  it('SR-02: 5 000 000 fen (50 000 CNY) passes, 5 000 001 fen needs manual review', () => {
    expect(reviewHitsFor({ totalFen: 5_000_000 }, thresholds, policy)).to.deep.equal([]);
    const hits = reviewHitsFor({ totalFen: 5_000_001 }, thresholds, policy);
    expect(hits.map((h) => [h.ruleId, h.severity])).to.deep.equal([['SR-02', 'manualReview']]);
    expect(hits[0].policy).to.deep.equal(policy);
    expect(statusAfterReview(hits, 5_000_001, thresholds)).to.equal('MANUAL_REVIEW');
  });

  it('records both hits with the policy version whose thresholds fired', () => {
    const hits = reviewHitsFor({ totalFen: 9_000_000, stayDays: 45 }, { stayWarnDays: 40, manualReviewTotalFen: 8_000_000 }, policy);
    expect(hits.map((h) => h.ruleId)).to.deep.equal(['SR-01', 'SR-02']);
    expect(hits.every((h) => h.policy.version === 3)).to.equal(true);
    expect(statusAfterReview(hits, 9_000_000, { stayWarnDays: 40, manualReviewTotalFen: 8_000_000 })).to.equal('MANUAL_REVIEW');
  });

  it('does not apply SR-01 to claims without a stay', () => {
    expect(reviewHitsFor({ totalFen: 100 }, thresholds, policy)).to.deep.equal([]);
  });

  it('approves nothing on its own unless the policy sets an auto-approval limit', () => {
    expect(statusAfterReview([], 1, thresholds)).to.equal('UNDER_REVIEW');
    expect(statusAfterReview([], 1, { ...thresholds, autoApproveMaxFen: 0 })).to.equal('UNDER_REVIEW');
  });

  it('auto-approves a clean claim up to the limit, and not one fen over it or with any hit', () => {
    const limited = { ...thresholds, autoApproveMaxFen: 50_000 };
    expect(statusAfterReview([], 50_000, limited)).to.equal('APPROVED');
    expect(statusAfterReview([], 50_001, limited)).to.equal('UNDER_REVIEW');
    const warned = reviewHitsFor({ totalFen: 100, stayDays: 31 }, limited, policy);
    expect(statusAfterReview(warned, 100, limited)).to.equal('UNDER_REVIEW');
  });
});
