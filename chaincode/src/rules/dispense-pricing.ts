/**
 * Dispense pricing (RX-12, PM-14): a dispense charges for exactly the drugs it dispenses, one
 * line per dispensed item with its quantity (checked with the request, rules/prescription-request.ts),
 * each unit at or below the payment standard the prescription recorded at issue (RX-07). So a
 * health supplement, or a drug sold dearer than the fund recognises, never reaches a claim.
 * Lines are labelled and covered from the prescription, never from what the pharmacy says.
 */
import { invalidFields, type FieldError } from '../ledger/errors';
import type { DispenseFeeLine } from '../model/dispense';
import type { PrescriptionItem } from '../model/prescription';

export const DISPENSED_DRUG = 'must be a dispensed drug of this prescription';

/** A fee line as a pharmacy sends it: which dispensed drug, at what unit price. */
export interface FeeLineRequest {
  drugCode: string;
  unitPriceFen: number;
  quantity: number;
  amountFen: number;
}

/**
 * The lines as the dispense records them, or every line priced above its drug's payment
 * standard (VALIDATION). Drugs without a standard (class C, out of catalogue) take any price:
 * the patient pays them in full. A line naming no item of the prescription is refused too
 * (the request has checked that each line names a dispensed drug; this holds on its own).
 */
export function pricedLines(items: readonly PrescriptionItem[], lines: readonly FeeLineRequest[]): DispenseFeeLine[] {
  const errors: FieldError[] = [];
  const priced = lines.flatMap((line, i): DispenseFeeLine[] => {
    const item = items.find((it) => it.drugCode === line.drugCode);
    if (!item) {
      errors.push({ field: `feeLines[${i}].drugCode`, message: DISPENSED_DRUG });
      return [];
    }
    const standard = item.coverage.paymentStandardFen;
    if (standard !== undefined && line.unitPriceFen > standard) {
      errors.push({ field: `feeLines[${i}].unitPriceFen`, message: `must not exceed the payment standard of ${standard} fen` });
    }
    return [{ item: item.name, drugCode: line.drugCode, unitPriceFen: line.unitPriceFen, quantity: line.quantity, amountFen: line.amountFen, coverage: { ...item.coverage } }];
  });
  if (errors.length > 0) throw invalidFields(errors);
  return priced;
}
