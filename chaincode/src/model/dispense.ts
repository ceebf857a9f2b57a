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
 * A priced line as the pharmacy charged it; all money in integer fen. Each line is one dispensed
 * drug × its dispensed quantity, at a unit price no higher than the payment standard recorded on
 * the prescription, where the drug has one (RX-12: nothing else, such as a health supplement, can
 * be charged). It has no category: a claim for a dispense prices it as 'drug', line for line.
 */
export interface DispenseFeeLine {
  /** The drug's name in the catalogue version of issue. */
  item: string;
  /** The dispensed drug this line charges for. */
  drugCode: string;
  unitPriceFen: number;
  /** The dispensed quantity of that drug. */
  quantity: number;
  /** Always unitPriceFen × quantity. */
  amountFen: number;
  /** How the catalogue covered the drug, as recorded on the prescription at issue (RX-07): what the claim splits by. */
  coverage: Coverage;
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
