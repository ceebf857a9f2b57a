/**
 * What of one fee line the fund can recognise at all, by the line's catalogue coverage, before
 * deductible, ratio and cap are applied to the claim (RX-04, PM-14):
 *
 * - class C (丙) and out-of-catalogue (NONE) lines: nothing; all of the line is self-pay;
 * - the part of a line above the payment standard × quantity: self-pay;
 * - of what remains, a class B (乙) line's self-pay ratio is the patient's first (先行自付);
 * - the rest is eligible. Class A (甲) lines are eligible up to the standard.
 *
 * The class decides: an A line's ratio is taken as 0 and a C line's as 100 % whatever the
 * record says. Rounding: the self-pay-first part is rounded up to the fen, so the eligible
 * part, and with it the fund, never carries a fraction the patient would otherwise owe; the
 * four parts add up to the line amount exactly. Integer fen throughout; products in BigInt.
 */
import type { LineScope } from '../model/claim';
import type { Coverage } from '../model/coverage';
import { BP_ONE } from '../model/policy';

export interface CoveredAmount {
  amountFen: number;
  quantity: number;
  coverage: Coverage;
}

const ONE = BigInt(BP_ONE);

export function lineScope(line: CoveredAmount): LineScope {
  const { amountFen, quantity, coverage } = line;
  if (coverage.class === 'C' || coverage.class === 'NONE') return { uncoveredFen: amountFen, overStandardFen: 0, selfPayFirstFen: 0, eligibleFen: 0 };
  const amount = BigInt(amountFen);
  const standard = coverage.paymentStandardFen === undefined ? amount : BigInt(coverage.paymentStandardFen) * BigInt(quantity);
  const recognised = standard < amount ? standard : amount;
  const selfFirst = coverage.class === 'B' ? (recognised * BigInt(coverage.selfPayRatioBp) + ONE - 1n) / ONE : 0n;
  return {
    uncoveredFen: 0,
    overStandardFen: Number(amount - recognised),
    selfPayFirstFen: Number(selfFirst),
    eligibleFen: Number(recognised - selfFirst),
  };
}
