/**
 * Lifecycle states written to the ledger (§3.3). EXPIRED is never written: expiry is a matter of
 * time, not of a transaction, so Verify derives it from the transaction clock. A file of its own
 * so that dispenses (which record the status they left behind) and prescriptions (whose
 * verification lists their dispenses) do not import each other.
 */
export const PRESCRIPTION_STATUSES = ['ISSUED', 'PARTIALLY_DISPENSED', 'DISPENSED', 'REVOKED'] as const;
export type PrescriptionStatus = (typeof PRESCRIPTION_STATUSES)[number];
