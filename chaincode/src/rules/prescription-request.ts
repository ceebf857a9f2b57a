/**
 * Cross-field checks of Issue and Dispense requests, after their schemas have checked each
 * field: what no single field's schema can say. Field paths are argument paths.
 */
import { invalidFields, type FieldError } from '../ledger/errors';
import type { PrescriptionKind } from '../model/prescription';
import { DISPENSED_DRUG, type FeeLineRequest } from './dispense-pricing';

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
  items: readonly { drugCode: string; quantity: number }[];
  feeLines: readonly FeeLineRequest[];
}

/**
 * Drugs once each, and fee lines that are exactly the dispensed items (RX-12): one line per
 * dispensed drug, with its quantity, at unit price × quantity (BigInt, so no rounding can hide a
 * difference). Whether each unit price keeps to the payment standard needs the prescription
 * (rules/dispense-pricing.ts).
 */
export function checkDispenseRequest(req: DispenseLines): void {
  const errors = repeatedDrugs(req.items);
  const lineOf = new Map<string, number>();
  req.feeLines.forEach((line, i) => {
    const item = req.items.find((it) => it.drugCode === line.drugCode);
    const first = lineOf.get(line.drugCode);
    if (!item) errors.push({ field: `feeLines[${i}].drugCode`, message: DISPENSED_DRUG });
    else if (first !== undefined) errors.push({ field: `feeLines[${i}].drugCode`, message: `repeats the drug of feeLines[${first}]; give one line per dispensed drug` });
    else {
      lineOf.set(line.drugCode, i);
      if (line.quantity !== item.quantity) errors.push({ field: `feeLines[${i}].quantity`, message: `must equal the dispensed quantity of ${item.drugCode} (${item.quantity})` });
    }
    if (BigInt(line.unitPriceFen) * BigInt(line.quantity) !== BigInt(line.amountFen)) {
      errors.push({ field: `feeLines[${i}].amountFen`, message: 'must equal unitPriceFen × quantity' });
    }
  });
  req.items.forEach((item, i) => {
    if (!req.feeLines.some((line) => line.drugCode === item.drugCode)) {
      errors.push({ field: 'feeLines', message: `must include a line for items[${i}] (${item.drugCode})` });
    }
  });
  refuse(errors);
}
