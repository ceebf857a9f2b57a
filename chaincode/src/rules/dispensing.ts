/**
 * What a pharmacy may do with a prescription now (§3.3): the verify answer and the arithmetic of
 * a dispense, which can never take an item beyond what remains (RX-01 over-quantity).
 */
import { canonicalJson } from '../ledger/canonical-json';
import { ChaincodeError, conflict, ruleViolation } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { DispensedItem, DispenseFeeLine, DispenseRecord } from '../model/dispense';
import type { PrescriptionItem, PrescriptionRecord, PrescriptionStatus, VerifyResult, VerifyStatus } from '../model/prescription';
import type { FeeLineRequest } from './dispense-pricing';
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

/** The verify answer at an instant, from the prescription, its dispenses and the prescriber's standing then. */
export function verificationOf(rx: PrescriptionRecord, dispenses: DispenseRecord[], atMs: number, prescriberActive: boolean): VerifyResult {
  return {
    rxId: rx.rxId,
    status: verifyStatusAt(rx, atMs, prescriberActive),
    recordedStatus: rx.status,
    checkedAt: new Date(atMs).toISOString(),
    issuedAt: rx.issuedAt,
    validUntil: rx.validUntil,
    kind: rx.kind,
    patientRef: rx.patientRef,
    prescriber: { ...rx.prescriber, rxRight: prescriberActive ? 'ACTIVE' : 'SUSPENDED' },
    catalogueVersion: rx.catalogueVersion,
    docHash: rx.docHash,
    items: rx.items.map((item) => ({
      drugCode: item.drugCode,
      name: item.name,
      coverage: item.coverage,
      prescribed: item.quantity,
      dispensed: item.quantity - item.remainingQuantity,
      remaining: item.remainingQuantity,
    })),
    dispenses,
  };
}

/** What a pharmacy asks to dispense, and for whom it acts. */
export interface DispenseRequest {
  rxId: string;
  dispenseId: string;
  pharmacyId: string;
  items: readonly { drugCode: string; quantity: number }[];
  feeLines: readonly FeeLineRequest[];
}

/** The parts of a dispense a retry must repeat exactly to be recognised as the same dispense. */
function contentOf(d: Pick<DispenseRequest, 'rxId' | 'pharmacyId' | 'items' | 'feeLines'>): string {
  return canonicalJson({
    rxId: d.rxId,
    pharmacyId: d.pharmacyId,
    items: d.items.map(({ drugCode, quantity }) => ({ drugCode, quantity })),
    feeLines: d.feeLines.map(({ drugCode, unitPriceFen, quantity, amountFen }) => ({ drugCode, unitPriceFen, quantity, amountFen })),
  });
}

export const isSameDispense = (earlier: DispenseRecord, request: DispenseRequest): boolean => contentOf(earlier) === contentOf(request);

/**
 * The dispense record and the prescription after it, from the outcome applyDispense computed
 * and the fee lines pricedLines recorded.
 */
export function dispensed(
  rx: PrescriptionRecord,
  request: Pick<DispenseRequest, 'dispenseId' | 'pharmacyId'>,
  outcome: DispenseOutcome & { feeLines: readonly DispenseFeeLine[] },
  pharmacistId: string,
  stamp: Stamp,
): { dispense: DispenseRecord; rx: PrescriptionRecord } {
  const dispense: DispenseRecord = {
    docType: 'dispense',
    dispenseId: request.dispenseId,
    rxId: rx.rxId,
    patientRef: rx.patientRef,
    pharmacyId: request.pharmacyId,
    pharmacistId,
    items: outcome.dispensed,
    feeLines: [...outcome.feeLines],
    totalFen: outcome.feeLines.reduce((sum, line) => sum + line.amountFen, 0),
    rxStatusAfter: outcome.status,
    dispensed: stamp,
  };
  const next: PrescriptionRecord = { ...rx, status: outcome.status, items: outcome.items, dispenseIds: [...rx.dispenseIds, request.dispenseId], updated: stamp };
  return { dispense, rx: next };
}
