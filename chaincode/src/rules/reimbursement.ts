import type { ClaimAmounts, RatioBasis } from '../model/claim';
import { BP_ONE, type InstitutionLevel, type PolicyTerms } from '../model/policy';

/**
 * Reimbursement arithmetic, in integer fen throughout.
 *
 * Rounding rule: the fund's share is floored to the fen (the patient pays the fraction); the
 * annual cap then limits it; the personal account pays what the patient asked for up to the
 * patient share; the rest is self-pay. So fund + personal account + self-pay = total, exactly.
 * Per fee line, the fund share is spread in proportion to line amounts by largest remainder
 * (ties to the earlier line), so the lines' insurer amounts also add up exactly (PT-02).
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
  lineAmountsFen: readonly number[];
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
}

export interface LineShare {
  insurerAmountFen: number;
  selfAmountFen: number;
}

export interface Split extends ClaimAmounts {
  lines: LineShare[];
}

export function splitClaim(input: SplitInput): Split {
  const { lineAmountsFen, ...scalars } = input;
  // Contracts validate their arguments first; this guards the arithmetic against a caller that did not.
  for (const [name, value] of [...Object.entries(scalars), ...lineAmountsFen.map((a, i) => [`line ${i}`, a] as const)]) {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`splitClaim: ${name} must be a non-negative integer`);
  }
  if (input.ratioBp > BP_ONE) throw new Error('splitClaim: ratioBp exceeds 10000');
  const totalFen = input.lineAmountsFen.reduce((sum, a) => sum + a, 0);
  const deductibleFen = Math.min(totalFen, Math.max(0, input.deductibleThresholdFen - input.deductibleMetFen));
  const eligibleFen = totalFen - deductibleFen;
  const byRatio = Number((BigInt(eligibleFen) * BigInt(input.ratioBp)) / BigInt(BP_ONE));
  const capRoom = Math.max(0, input.annualCapFen - input.fundPaidFen);
  const fundFen = Math.min(byRatio, capRoom);
  const patientShare = totalFen - fundFen;
  const personalAccountFen = Math.min(input.personalAccountRequestFen, patientShare);
  const selfPayFen = patientShare - personalAccountFen;
  const insurer = allocateByWeight(fundFen, input.lineAmountsFen);
  return {
    totalFen,
    deductibleFen,
    fundFen,
    personalAccountFen,
    selfPayFen,
    capLimited: fundFen < byRatio,
    lines: input.lineAmountsFen.map((amountFen, i) => ({
      insurerAmountFen: insurer[i],
      selfAmountFen: amountFen - insurer[i],
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
