import { conflict, forbidden, validationError } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { ClaimRecord, ClaimStatus, ReviewDecision, ReviewHit, StatusChange } from '../model/claim';
import type { PolicyRecord, PolicyRef, PolicyTerms, ReviewRules } from '../model/policy';
import type { ClaimSource } from './claim-source';
import { contradictionHits } from './review-contradictions';
import { duplicatePrescribingHits } from './review-duplicates';
import { drugFactKey, type ReviewFacts } from './review-facts';
import { offIndicationHits, type BilledDrug } from './review-indications';
import { nonInsuranceHits, type PharmacyLine } from './review-non-insurance';
import { repeatExamHits } from './review-repeat-exams';
import { splitBillingHits } from './review-split-billing';

/**
 * Smart review at submission, with the reviewing (treatment) region's policy: the thresholds of
 * SR-01 (a warning) and SR-02 (manual review), then the review rules the policy versions with
 * their actions (SR-03, SR-04, SR-08, SR-18, RX-12; rules/review-rules.ts). A hit never
 * approves a claim: it is noted, sends the claim to manual review, or rejects it.
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
      action: 'warn',
      detail: `stay of ${input.stayDays} days exceeds ${thresholds.stayWarnDays}`,
      policy,
    });
  }
  if (input.totalFen > thresholds.manualReviewTotalFen) {
    hits.push({
      ruleId: 'SR-02',
      action: 'flag',
      detail: `total ${input.totalFen} fen exceeds ${thresholds.manualReviewTotalFen} fen`,
      policy,
    });
  }
  return hits;
}

/** The drugs the claim bills, each with its catalogue entry and the diagnoses it was prescribed and billed under. */
function billedDrugs(source: Pick<ClaimSource, 'lines' | 'diagnosisCodes'>, facts: ReviewFacts): (BilledDrug & PharmacyLine)[] {
  return source.lines.flatMap((line) => {
    if (line.drugCode === undefined || line.rxId === undefined) return [];
    const rx = facts.billed.get(line.rxId);
    if (rx === undefined) throw new Error(`smart review: prescription ${line.rxId} of a billed line was not read`);
    const entry = facts.drugs.get(drugFactKey(rx.catalogueVersion, line.drugCode));
    const diagnosisCodes = [...new Set([...source.diagnosisCodes, ...rx.diagnosisCodes])];
    return [{ line, drugCode: line.drugCode, diagnosisCodes, ...(entry === undefined ? {} : { entry }) }];
  });
}

/** The hits of the versioned review rules on a claim's source and the facts read for it. */
export function ruleHitsFor(
  source: Pick<ClaimSource, 'refType' | 'refId' | 'serviceDate' | 'period' | 'diagnosisCodes' | 'rxIds' | 'lines'>,
  institutionId: string,
  facts: ReviewFacts,
  rules: ReviewRules,
  policy: PolicyRef,
): ReviewHit[] {
  const drugs = billedDrugs(source, facts);
  const diagnoses = [...new Set([...source.diagnosisCodes, ...[...facts.billed.values()].flatMap((rx) => rx.diagnosisCodes)])];
  return [
    ...(source.refType === 'encounter'
      ? repeatExamHits({ encounterId: source.refId, period: source.period, lines: source.lines }, facts.visitsInWindow, rules['SR-03'], policy)
      : []),
    ...offIndicationHits(drugs, rules['SR-03'], policy),
    ...duplicatePrescribingHits(facts.billed.values(), facts.prescriptionsInWindow, rules['SR-04'], policy),
    ...contradictionHits(source.lines, diagnoses, rules['SR-08'], policy),
    ...splitBillingHits({ refType: source.refType, institutionId, serviceDate: source.serviceDate, rxIds: source.rxIds }, facts, rules['SR-18'], policy),
    ...nonInsuranceHits(source.refType, drugs, rules['RX-12'], policy),
  ];
}

/**
 * Where a new claim goes. A hit whose action is 'reject' rejects it at once; one that flags it
 * sends it to manual review. A clean claim (no hits at all) up to the treatment region's
 * auto-approval limit is approved at once; everything else waits for that region's insurer. The
 * limit is the insurer's own policy, so an institution can never make its own claim payable.
 */
export function statusAfterReview(
  hits: readonly ReviewHit[],
  totalFen: number,
  thresholds: PolicyTerms['reviewThresholds'],
): Extract<ClaimStatus, 'UNDER_REVIEW' | 'MANUAL_REVIEW' | 'APPROVED' | 'REJECTED'> {
  if (hits.some((h) => h.action === 'reject')) return 'REJECTED';
  if (hits.some((h) => h.action === 'flag')) return 'MANUAL_REVIEW';
  const limit = thresholds.autoApproveMaxFen ?? 0;
  return hits.length === 0 && limit > 0 && totalFen <= limit ? 'APPROVED' : 'UNDER_REVIEW';
}

export type StatusAfterReview = ReturnType<typeof statusAfterReview>;

/**
 * The progress nodes (PT-04) of a new claim: submitted, then where smart review sent it (for a
 * rejected claim, the rejection naming the rules that rejected it), and for an auto-approved
 * claim the approval with the limit and policy that allowed it.
 */
export function submissionHistory(
  claim: { institutionId: string; totalFen: number; hits: readonly ReviewHit[]; status: StatusAfterReview },
  reviewPolicy: Pick<PolicyRecord, 'policyId' | 'reviewThresholds'>,
  stamp: Stamp,
): StatusChange[] {
  const change = (status: ClaimStatus, reason: string): StatusChange => ({ status, reason, by: stamp.by, at: stamp.at, txId: stamp.txId });
  const routed = claim.hits.length > 0 ? claim.hits.map((h) => `${h.ruleId}: ${h.detail}`).join('; ') : 'smart review: no rule hits';
  if (claim.status === 'REJECTED') {
    const rejecting = [...new Set(claim.hits.filter((h) => h.action === 'reject').map((h) => h.ruleId))];
    return [
      change('SUBMITTED', `submitted by ${claim.institutionId}`),
      change('REJECTED', `rejected by smart review (${rejecting.join(', ')}) under policy ${reviewPolicy.policyId}: ${routed}`),
    ];
  }
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
