/**
 * Fee lines of a claim: the same checks whether the hospital submitted them or the claim copies
 * them from a dispense record, so no line is claimed that a submission could not carry.
 */
import { fieldErrors } from '../api/checker';
import { DispenseFeeLine, FeeLines } from '../api/fee-lines';
import { MAX_FEN } from '../api/kit';
import { forbidden, ruleViolation, validationError, type FieldError } from '../ledger/errors';
import type { DispenseForClaim, FeeLineInput } from '../model/claim';

type PricedLine = Pick<FeeLineInput, 'unitPriceFen' | 'quantity' | 'amountFen'>;

/** Lines whose amount is not unit price × quantity, exactly (in BigInt, so no rounding can hide a fen). */
export function amountErrors(lines: readonly PricedLine[], root = 'feeLines'): FieldError[] {
  return lines.flatMap((line, i) =>
    BigInt(line.unitPriceFen) * BigInt(line.quantity) === BigInt(line.amountFen)
      ? []
      : [{ field: `${root}[${i}].amountFen`, message: 'must equal unitPriceFen × quantity' }],
  );
}

const DispenseLines = FeeLines(DispenseFeeLine);

/**
 * The lines a pharmacy claims for its dispense, priced by the record on the ledger, never by
 * what the claimant says. The record is checked as strictly as a submission: a malformed one
 * cannot be claimed (RULE, since the claimant's arguments are not at fault).
 */
export function dispenseLines(dispense: DispenseForClaim, claimant: { institutionId: string; patientRef: string }): FeeLineInput[] {
  if (dispense.pharmacyId !== claimant.institutionId) {
    throw forbidden(`dispense ${dispense.dispenseId} was made by ${dispense.pharmacyId}, not ${claimant.institutionId}`);
  }
  if (dispense.patientRef !== claimant.patientRef) throw ruleViolation(`dispense ${dispense.dispenseId} is not for patient ${claimant.patientRef}`);
  const errors = fieldErrors(DispenseLines, dispense.feeLines, 'feeLines');
  if (errors.length === 0) errors.push(...amountErrors(dispense.feeLines));
  if (errors.length > 0) {
    throw ruleViolation(`dispense ${dispense.dispenseId} cannot be claimed: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  }
  return dispense.feeLines.map(({ item, unitPriceFen, quantity, amountFen }) => ({ item, unitPriceFen, quantity, amountFen, category: 'drug' }));
}

/** The claim total: something to reimburse, and within what the arithmetic is safe for. */
export function claimTotalFen(lines: readonly PricedLine[]): number {
  const totalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  if (totalFen === 0) throw ruleViolation('the claim total is zero: nothing to reimburse');
  if (totalFen > MAX_FEN) throw validationError('feeLines', `must not total more than ${MAX_FEN} fen`);
  return totalFen;
}
