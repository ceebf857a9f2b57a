/**
 * Cross-field checks of Issue and Dispense requests, after their schemas have checked each
 * field: what no single field's schema can say. Field paths are argument paths.
 */
import { invalidFields, type FieldError } from '../ledger/errors';
import type { PrescriptionKind } from '../model/prescription';

/** One line per drug: every later line naming a drug already listed is refused. */
function repeatedDrugs(items: readonly { drugCode: string }[]): FieldError[] {
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    const first = items.findIndex((other) => other.drugCode === item.drugCode);
    if (first < i) errors.push({ field: `items[${i}].drugCode`, message: `repeats the drug of items[${first}]; give one line per drug` });
  });
  return errors;
}

function refuse(errors: FieldError[]): void {
  if (errors.length > 0) throw invalidFields(errors);
}

export interface IssueRequest {
  kind: PrescriptionKind;
  items: readonly { drugCode: string }[];
  chronicDisease?: string;
  selfPayConfirmed?: readonly string[];
}

/** Drugs once each; self-pay confirmations for drugs of this prescription; a LONG one names its chronic disease (RX-09). */
export function checkIssueRequest(req: IssueRequest): void {
  const errors = repeatedDrugs(req.items);
  (req.selfPayConfirmed ?? []).forEach((code, i) => {
    if (!req.items.some((item) => item.drugCode === code)) errors.push({ field: `selfPayConfirmed[${i}]`, message: 'must name a drug among items' });
  });
  if (req.kind === 'LONG' && req.chronicDisease === undefined) errors.push({ field: 'chronicDisease', message: 'is required for a LONG prescription (RX-09)' });
  refuse(errors);
}

export interface DispenseLines {
  items: readonly { drugCode: string }[];
  feeLines: readonly { unitPriceFen: number; quantity: number; amountFen: number }[];
}

/** Drugs once each, and every fee line exactly unit price × quantity (BigInt, so no rounding can hide a difference). */
export function checkDispenseRequest(req: DispenseLines): void {
  const errors = repeatedDrugs(req.items);
  req.feeLines.forEach((line, i) => {
    if (BigInt(line.unitPriceFen) * BigInt(line.quantity) !== BigInt(line.amountFen)) {
      errors.push({ field: `feeLines[${i}].amountFen`, message: 'must equal unitPriceFen × quantity' });
    }
  });
  refuse(errors);
}
