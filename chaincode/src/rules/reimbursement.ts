import type { ClaimAmounts, LineScope, RatioBasis } from '../model/claim';
import { BP_ONE, type InstitutionLevel, type PolicyTerms } from '../model/policy';
import { lineScope, type CoveredAmount } from './line-coverage';

/**
 * Reimbursement arithmetic, in integer fen throughout.
 *
 * Each line is first cut by its coverage (rules/line-coverage.ts) into what the fund cannot
 * recognise (out of catalogue or class C, above the payment standard, class B's self-pay
 * first) and what is eligible. Of the claim's eligible sum the deductible is taken first, then
 * the fund's ratio, floored to the fen (the patient pays the fraction); the annual cap then
 * limits it. The personal account pays what the patient asked for up to the patient share and
 * the balance; the rest is self-pay. So fund + personal account + self-pay = total, exactly.
 * Per fee line, the fund share is spread in proportion to the lines' eligible amounts and the
 * personal account in proportion to the lines' patient shares, both by largest remainder (ties
 * to the earlier line), so each line adds up exactly too (PT-02) and a line with nothing
 * eligible gets nothing from the fund.
 */

export interface RatioChoice {
  ratioBp: number;
  basis: RatioBasis;
}

type RatioTerms = Pick<PolicyTerms, 'ratioBpByLevel' | 'crossRegionFiledRatioBp' | 'crossRegionUnfiledRatioBp'>;

/** Local care is paid by institution level (PM-26); care in another region by whether it was filed (XR-05). */
export function ratioFor(policy: RatioTerms, level: InstitutionLevel, crossRegion: boolean, filed: boolean): RatioChoice {
  if (!crossRegion) return { ratioBp: policy.ratioBpByLevel[level], basis: 'level' };
  return filed
    ? { ratioBp: policy.crossRegionFiledRatioBp, basis: 'crossRegionFiled' }
    : { ratioBp: policy.crossRegionUnfiledRatioBp, basis: 'crossRegionUnfiled' };
}

export interface SplitInput {
  lines: readonly CoveredAmount[];
  ratioBp: number;
  /** The annual deductible for this claim's institution level. */
  deductibleThresholdFen: number;
  /** Deductible already met this year in this insured region. */
  deductibleMetFen: number;
  annualCapFen: number;
  /** Fund already paid this year in this insured region. */
  fundPaidFen: number;
  /** Most the patient wants paid from the personal account; 0 where the policy forbids it. */
  personalAccountRequestFen: number;
  /** What the personal account holds. */
  personalAccountBalanceFen: number;
}

export interface LineShare extends LineScope {
  insurerAmountFen: number;
  personalAccountFen: number;
  selfPayFen: number;
  /** The patient's part: personal account + self-pay. */
  selfAmountFen: number;
}

export interface Split extends ClaimAmounts {
  lines: LineShare[];
}

function checkInput(input: SplitInput): void {
  // Contracts validate their arguments and records first; this guards the arithmetic against a caller that did not.
  const { lines, ...scalars } = input;
  const values: [string, number][] = [
    ...Object.entries(scalars),
    ...lines.flatMap((l, i): [string, number][] => [
      [`line ${i} amount`, l.amountFen],
      [`line ${i} quantity`, l.quantity],
      [`line ${i} self-pay ratio`, l.coverage.selfPayRatioBp],
      [`line ${i} payment standard`, l.coverage.paymentStandardFen ?? 0],
    ]),
  ];
  for (const [name, value] of values) {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`splitClaim: ${name} must be a non-negative integer`);
  }
  if (input.ratioBp > BP_ONE) throw new Error('splitClaim: ratioBp exceeds 10000');
  if (lines.some((l) => l.coverage.selfPayRatioBp > BP_ONE)) throw new Error('splitClaim: a self-pay ratio exceeds 10000');
}

const sum = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);

export function splitClaim(input: SplitInput): Split {
  checkInput(input);
  const scopes = input.lines.map(lineScope);
  const totalFen = sum(input.lines.map((l) => l.amountFen));
  const eligibleFen = sum(scopes.map((s) => s.eligibleFen));
  const deductibleFen = Math.min(eligibleFen, Math.max(0, input.deductibleThresholdFen - input.deductibleMetFen));
  const byRatio = Number((BigInt(eligibleFen - deductibleFen) * BigInt(input.ratioBp)) / BigInt(BP_ONE));
  const capRoom = Math.max(0, input.annualCapFen - input.fundPaidFen);
  const fundFen = Math.min(byRatio, capRoom);
  const patientShare = totalFen - fundFen;
  const personalAccountFen = Math.min(input.personalAccountRequestFen, patientShare, input.personalAccountBalanceFen);

  const insurer = allocateByWeight(fundFen, scopes.map((s) => s.eligibleFen));
  const shares = input.lines.map((l, i) => l.amountFen - insurer[i]);
  const account = allocateByWeight(personalAccountFen, shares);
  return {
    totalFen,
    uncoveredFen: sum(scopes.map((s) => s.uncoveredFen)),
    overStandardFen: sum(scopes.map((s) => s.overStandardFen)),
    selfPayFirstFen: sum(scopes.map((s) => s.selfPayFirstFen)),
    eligibleFen,
    deductibleFen,
    fundFen,
    personalAccountFen,
    selfPayFen: patientShare - personalAccountFen,
    capLimited: fundFen < byRatio,
    lines: scopes.map((scope, i) => ({
      ...scope,
      insurerAmountFen: insurer[i],
      personalAccountFen: account[i],
      selfPayFen: shares[i] - account[i],
      selfAmountFen: shares[i],
    })),
  };
}

/**
 * Splits `amountFen` across weights in proportion, by largest remainder, so the parts add up to
 * the amount exactly and no part exceeds amountFen × weight / Σweights rounded up. With amountFen
 * ≤ Σweights (the fund never exceeds the total) no line gets more than its own amount.
 */
export function allocateByWeight(amountFen: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total === 0) {
    if (amountFen !== 0) throw new Error('allocateByWeight: nothing to allocate against');
    return weights.map(() => 0);
  }
  const amount = BigInt(amountFen);
  const whole = BigInt(total);
  const parts = weights.map((w, index) => {
    const product = amount * BigInt(w);
    return { index, share: product / whole, remainder: product % whole };
  });
  let leftover = amountFen - parts.reduce((sum, p) => sum + Number(p.share), 0);
  const byRemainder = [...parts].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const result = parts.map((p) => Number(p.share));
  for (const part of byRemainder) {
    if (leftover === 0) break;
    result[part.index] += 1;
    leftover--;
  }
  return result;
}
