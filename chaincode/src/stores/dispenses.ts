/** Dispenses: key dispenseId, listed per pharmacy. */
import { RecordStore, index } from '../ledger/record-store';
import type { DispenseRecord } from '../model/dispense';

/** [pharmacyId, dispenseId] */
export const DISPENSE_BY_PHARMACY = 'dispense-by-pharmacy';

export const dispenses = new RecordStore<DispenseRecord>('dispense', (d) => d.dispenseId, [
  index(DISPENSE_BY_PHARMACY, (d) => [[d.pharmacyId, d.dispenseId]]),
]);
