/**
 * Fee-line arithmetic shared by the records a claim rests on: every amount is unit price ×
 * quantity to the fen, and a claim's total is something to reimburse that the arithmetic is
 * safe for.
 */
import { MAX_FEN } from '../api/kit';
import { ruleViolation, type FieldError } from '../ledger/errors';

export interface PricedLine {
  unitPriceFen: number;
  quantity: number;
  amountFen: number;
}

/** Lines whose amount is not unit price × quantity, exactly (in BigInt, so no rounding can hide a fen). */
export function amountErrors(lines: readonly PricedLine[], root = 'feeLines'): FieldError[] {
  return lines.flatMap((line, i) =>
    BigInt(line.unitPriceFen) * BigInt(line.quantity) === BigInt(line.amountFen)
      ? []
      : [{ field: `${root}[${i}].amountFen`, message: 'must equal unitPriceFen × quantity' }],
  );
}

export const totalFenOf = (lines: readonly Pick<PricedLine, 'amountFen'>[]): number => lines.reduce((sum, l) => sum + l.amountFen, 0);

/** The claim total: something to reimburse, and within what the arithmetic is safe for (the record, not the claimant, is at fault otherwise). */
export function claimTotalFen(lines: readonly Pick<PricedLine, 'amountFen'>[]): number {
  const totalFen = totalFenOf(lines);
  if (totalFen === 0) throw ruleViolation('the claim total is zero: nothing to reimburse');
  if (totalFen > MAX_FEN) throw ruleViolation(`the claim total exceeds ${MAX_FEN} fen`);
  return totalFen;
}
