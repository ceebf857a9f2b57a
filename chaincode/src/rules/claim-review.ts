import { conflict, forbidden, validationError } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { ClaimRecord, ClaimStatus, ReviewDecision, ReviewHit, StatusChange } from '../model/claim';
import type { PolicyRecord, PolicyRef, PolicyTerms } from '../model/policy';

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

export type StatusAfterReview = ReturnType<typeof statusAfterReview>;

/**
 * The progress nodes (PT-04) of a new claim: submitted, then where smart review sent it, and
 * for an auto-approved claim the approval with the limit and policy that allowed it.
 */
export function submissionHistory(
  claim: { institutionId: string; totalFen: number; hits: readonly ReviewHit[]; status: StatusAfterReview },
  reviewPolicy: Pick<PolicyRecord, 'policyId' | 'reviewThresholds'>,
  stamp: Stamp,
): StatusChange[] {
  const change = (status: ClaimStatus, reason: string): StatusChange => ({ status, reason, by: stamp.by, at: stamp.at, txId: stamp.txId });
  const routed = claim.hits.length > 0 ? claim.hits.map((h) => `${h.ruleId}: ${h.detail}`).join('; ') : 'smart review: no rule hits';
  const history = [
    change('SUBMITTED', `submitted by ${claim.institutionId}`),
    change(claim.status === 'APPROVED' ? 'UNDER_REVIEW' : claim.status, routed),
  ];
  if (claim.status === 'APPROVED') {
    const limit = reviewPolicy.reviewThresholds.autoApproveMaxFen ?? 0;
    history.push(
      change(
        'APPROVED',
        `auto-approved by smart review: no rule hits and total ${claim.totalFen} fen within the limit of ${limit} fen of policy ${reviewPolicy.policyId}`,
      ),
    );
  }
  return history;
}

/**
 * Whether this insurer may decide this claim now: only the treatment region's insurer, only
 * while it is under review, and with a reason to reject or to approve what smart review
 * sent to manual review.
 */
export function checkReview(
  claim: Pick<ClaimRecord, 'claimId' | 'treatmentRegion' | 'status'>,
  insurerRegion: string,
  decision: ReviewDecision,
  reason: string | undefined,
): void {
  if (claim.treatmentRegion !== insurerRegion) {
    throw forbidden(`only the insurer of treatment region ${claim.treatmentRegion} reviews claim ${claim.claimId}`);
  }
  if (claim.status !== 'UNDER_REVIEW' && claim.status !== 'MANUAL_REVIEW') throw conflict(`claim ${claim.claimId} is ${claim.status}, not under review`);
  if (reason === undefined && decision === 'REJECTED') throw validationError('reason', 'is required to reject');
  if (reason === undefined && claim.status === 'MANUAL_REVIEW') throw validationError('reason', 'is required to approve a claim under manual review');
}
