import { expect } from 'chai';
import { ChaincodeError } from '../../chaincode/src/ledger/errors';
import type { Stamp } from '../../chaincode/src/model/audit';
import type { ClaimStatus } from '../../chaincode/src/model/claim';
import { checkReview, reviewHitsFor, statusAfterReview, submissionHistory } from '../../chaincode/src/rules/claim-review';

const thresholds = { stayWarnDays: 30, manualReviewTotalFen: 5_000_000 };
const policy = { region: '310000', version: 3 };

describe('smart review rules', () => {
  it('SR-01: a 30-day stay passes, a 31-day stay warns', () => {
    expect(reviewHitsFor({ totalFen: 100, stayDays: 30 }, thresholds, policy)).to.deep.equal([]);
    const hits = reviewHitsFor({ totalFen: 100, stayDays: 31 }, thresholds, policy);
    expect(hits).to.deep.equal([{ ruleId: 'SR-01', action: 'warn', detail: 'stay of 31 days exceeds 30', policy }]);
    expect(statusAfterReview(hits, 100, thresholds)).to.equal('UNDER_REVIEW');
  });

  it('SR-02: 5 000 000 fen (50 000 CNY) passes, 5 000 001 fen needs manual review', () => {
    expect(reviewHitsFor({ totalFen: 5_000_000 }, thresholds, policy)).to.deep.equal([]);
    const hits = reviewHitsFor({ totalFen: 5_000_001 }, thresholds, policy);
    expect(hits.map((h) => [h.ruleId, h.action])).to.deep.equal([['SR-02', 'flag']]);
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

describe('the progress nodes of a new claim', () => {
  const stamp: Stamp = { by: { mspId: 'HospitalMSP', id: 'x509::/CN=admin', role: 'admin' }, at: '2026-03-02T02:00:00.000Z', txId: 'tx9' };
  const reviewPolicy = { policyId: '310000:3', reviewThresholds: { ...thresholds, autoApproveMaxFen: 50_000 } };
  const history = (status: 'UNDER_REVIEW' | 'MANUAL_REVIEW' | 'APPROVED', hits = reviewHitsFor({ totalFen: 100 }, thresholds, policy)) =>
    submissionHistory({ institutionId: 'H310001', totalFen: 50_000, hits, status }, reviewPolicy, stamp);

  it('records submission then the routing, all in the submitting transaction', () => {
    const nodes = history('UNDER_REVIEW');
    expect(nodes.map((n) => [n.status, n.reason])).to.deep.equal([
      ['SUBMITTED', 'submitted by H310001'],
      ['UNDER_REVIEW', 'smart review: no rule hits'],
    ]);
    expect(nodes.every((n) => n.txId === 'tx9' && n.at === stamp.at && n.by === stamp.by)).to.equal(true);
  });

  it('names every rule hit that routed the claim', () => {
    const hits = reviewHitsFor({ totalFen: 9_000_000, stayDays: 45 }, thresholds, policy);
    expect(history('MANUAL_REVIEW', hits)[1]).to.include({
      status: 'MANUAL_REVIEW',
      reason: 'SR-01: stay of 45 days exceeds 30; SR-02: total 9000000 fen exceeds 5000000 fen',
    });
  });

  it('passes an auto-approved claim through review and names the limit and policy that approved it', () => {
    expect(history('APPROVED').map((n) => n.status)).to.deep.equal(['SUBMITTED', 'UNDER_REVIEW', 'APPROVED']);
    expect(history('APPROVED')[2].reason).to.equal('auto-approved by smart review: no rule hits and total 50000 fen within the limit of 50000 fen of policy 310000:3');
  });
});

describe('who may review a claim, and when', () => {
  const claim = (status: ClaimStatus) => ({ claimId: 'C-1', treatmentRegion: '310000', status });
  const refusal = (fn: () => void): string => {
    try {
      fn();
    } catch (err) {
      expect(err).to.be.instanceOf(ChaincodeError);
      return (err as ChaincodeError).message;
    }
    throw new Error('expected a refusal');
  };

  it('lets the treatment region insurer approve a claim under review without a reason', () => {
    expect(() => checkReview(claim('UNDER_REVIEW'), '310000', 'APPROVED', undefined)).not.to.throw();
    expect(() => checkReview(claim('MANUAL_REVIEW'), '310000', 'APPROVED', 'checked on site')).not.to.throw();
    expect(() => checkReview(claim('UNDER_REVIEW'), '310000', 'REJECTED', 'duplicate examination')).not.to.throw();
  });

  it('refuses other regions, claims no longer under review, and decisions that need a reason without one', () => {
    expect(refusal(() => checkReview(claim('UNDER_REVIEW'), '110000', 'APPROVED', 'mine'))).to.equal('[FORBIDDEN] only the insurer of treatment region 310000 reviews claim C-1');
    for (const status of ['SUBMITTED', 'APPROVED', 'REJECTED', 'REMITTED'] as const) {
      expect(refusal(() => checkReview(claim(status), '310000', 'APPROVED', 'again'))).to.equal(`[CONFLICT] claim C-1 is ${status}, not under review`);
    }
    expect(refusal(() => checkReview(claim('UNDER_REVIEW'), '310000', 'REJECTED', undefined))).to.equal('[VALIDATION] reason: is required to reject');
    expect(refusal(() => checkReview(claim('MANUAL_REVIEW'), '310000', 'APPROVED', undefined))).to.equal(
      '[VALIDATION] reason: is required to approve a claim under manual review',
    );
  });
});
