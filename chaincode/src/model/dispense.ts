import type { Stamp } from './audit';
import type { Coverage } from './coverage';
import type { PrescriptionStatus } from './prescription-status';

export interface DispensedItem {
  drugCode: string;
  quantity: number;
  /** What was left of this item on the prescription after this dispense. */
  remainingAfter: number;
}

/**
 * A priced line as the pharmacy charged it; all money in integer fen. It has no category: a
 * claim for a dispense prices it as 'drug', line for line.
 */
export interface DispenseFeeLine {
  item: string;
  unitPriceFen: number;
  quantity: number;
  /** Always unitPriceFen × quantity. */
  amountFen: number;
  /** The dispensed drug this line charges for (issue 11: every line is a dispensed drug). */
  drugCode?: string;
  /** How the catalogue covers it, as recorded on the prescription at issue (RX-07). */
  coverage?: Coverage;
}

/** One pharmacy sale against a prescription (§3.2 item 8); key: dispenseId. */
export interface DispenseRecord {
  docType: 'dispense';
  dispenseId: string;
  rxId: string;
  patientRef: string;
  pharmacyId: string;
  pharmacistId: string;
  items: DispensedItem[];
  feeLines: DispenseFeeLine[];
  totalFen: number;
  /** Prescription status this dispense left behind. */
  rxStatusAfter: PrescriptionStatus;
  dispensed: Stamp;
}
