/**
 * What a pharmacy may do with a prescription now (§3.3): the verify answer and the arithmetic of
 * a dispense, which can never take an item beyond what remains (RX-01 over-quantity).
 */
import { ChaincodeError, conflict, ruleViolation } from '../ledger/errors';
import type { DispensedItem } from '../model/dispense';
import type { PrescriptionItem, PrescriptionRecord, PrescriptionStatus, VerifyStatus } from '../model/prescription';
import { validityAt } from './validity';

/**
 * One answer, most final first: a revoked or fully dispensed prescription stays so whatever
 * the clock says; then time; then the prescriber's standing at this moment (CR-01).
 */
export function verifyStatusAt(rx: PrescriptionRecord, atMs: number, prescriberActive: boolean): VerifyStatus {
  if (rx.status === 'REVOKED') return 'REVOKED';
  if (rx.status === 'DISPENSED') return 'FULLY_DISPENSED';
  const phase = validityAt(Date.parse(rx.issuedAt), Date.parse(rx.validUntil), atMs);
  if (phase !== 'VALID') return phase;
  return prescriberActive ? 'VALID' : 'PRESCRIBER_SUSPENDED';
}

/** Why a dispense is refused in this state: CONFLICT for final states, RULE for time and prescriber. */
export function dispenseRefusal(rxId: string, status: VerifyStatus): ChaincodeError | undefined {
  switch (status) {
    case 'VALID':
      return undefined;
    case 'REVOKED':
      return conflict(`prescription ${rxId} is revoked`);
    case 'FULLY_DISPENSED':
      return conflict(`prescription ${rxId} is already fully dispensed`);
    case 'EXPIRED':
      return ruleViolation(`prescription ${rxId} has expired`);
    case 'NOT_YET_VALID':
      return ruleViolation(`prescription ${rxId} is not valid yet`);
    case 'PRESCRIBER_SUSPENDED':
      return ruleViolation(`the prescriber of ${rxId} has had prescribing rights suspended (CR-01)`);
  }
}

export interface DispenseOutcome {
  items: PrescriptionItem[];
  dispensed: DispensedItem[];
  status: PrescriptionStatus;
}

/**
 * Takes the requested quantities off the prescription's remaining quantities. Asking for a drug
 * the prescription does not hold is a RULE error; asking for more than remains is a CONFLICT —
 * typically another pharmacy got there first.
 */
export function applyDispense(
  rxId: string,
  items: readonly PrescriptionItem[],
  request: readonly { drugCode: string; quantity: number }[],
): DispenseOutcome {
  const next = items.map((item) => ({ ...item }));
  const dispensed = request.map((req, i): DispensedItem => {
    const item = next.find((it) => it.drugCode === req.drugCode);
    if (!item) throw ruleViolation(`items[${i}].drugCode ${req.drugCode} is not on prescription ${rxId}`);
    if (req.quantity > item.remainingQuantity) {
      throw conflict(`items[${i}].quantity ${req.quantity} exceeds the ${item.remainingQuantity} remaining of ${req.drugCode} on ${rxId}`);
    }
    item.remainingQuantity -= req.quantity;
    return { drugCode: req.drugCode, quantity: req.quantity, remainingAfter: item.remainingQuantity };
  });
  const status = next.every((item) => item.remainingQuantity === 0) ? 'DISPENSED' : 'PARTIALLY_DISPENSED';
  return { items: next, dispensed, status };
}
