import type { ClaimStatus, ReviewHit } from '../model/claim';
import type { PolicyRef, PolicyTerms } from '../model/policy';

/**
 * Smart review at submission (SR-01, SR-02), with the reviewing (treatment) region's thresholds.
 * Hits route the claim; they never approve or reject it. SR-03's automatic rejections need
 * clinical data the ledger does not hold and are left to the reviewer.
 */
export interface ReviewInput {
  totalFen: number;
  /** Length of an inpatient stay in days (discharge date − admission date); absent otherwise. */
  stayDays?: number;
}

export function reviewHitsFor(input: ReviewInput, thresholds: PolicyTerms['reviewThresholds'], policy: PolicyRef): ReviewHit[] {
  const hits: ReviewHit[] = [];
  if (input.stayDays !== undefined && input.stayDays > thresholds.stayWarnDays) {
    hits.push({
      ruleId: 'SR-01',
      severity: 'warn',
      detail: `stay of ${input.stayDays} days exceeds ${thresholds.stayWarnDays}`,
      policy,
    });
  }
  if (input.totalFen > thresholds.manualReviewTotalFen) {
    hits.push({
      ruleId: 'SR-02',
      severity: 'manualReview',
      detail: `total ${input.totalFen} fen exceeds ${thresholds.manualReviewTotalFen} fen`,
      policy,
    });
  }
  return hits;
}

/**
 * Where a new claim goes. A clean claim (no hits at all) up to the treatment region's
 * auto-approval limit is approved at once; everything else waits for that region's insurer. The
 * limit is the insurer's own policy, so an institution can never make its own claim payable.
 */
export function statusAfterReview(
  hits: readonly ReviewHit[],
  totalFen: number,
  thresholds: PolicyTerms['reviewThresholds'],
): Extract<ClaimStatus, 'UNDER_REVIEW' | 'MANUAL_REVIEW' | 'APPROVED'> {
  if (hits.some((h) => h.severity === 'manualReview')) return 'MANUAL_REVIEW';
  const limit = thresholds.autoApproveMaxFen ?? 0;
  return hits.length === 0 && limit > 0 && totalFen <= limit ? 'APPROVED' : 'UNDER_REVIEW';
}
