/** Dispenses: key dispenseId, listed per pharmacy. */
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, lastAttribute, pageOf, type Paging } from '../ledger/record-store';
import type { Page } from '../model/audit';
import type { DispenseRecord } from '../model/dispense';

/** [pharmacyId, dispenseId] */
export const DISPENSE_BY_PHARMACY = 'dispense-by-pharmacy';

export const dispenses = new RecordStore<DispenseRecord>('dispense', (d) => d.dispenseId, [
  index(DISPENSE_BY_PHARMACY, (d) => [[d.pharmacyId, d.dispenseId]]),
]);

/** One page of a pharmacy's dispenses, in dispenseId order. */
export async function dispensesOfPharmacy(ctx: Context, pharmacyId: string, paging: Paging): Promise<Page<DispenseRecord>> {
  return pageOf(ctx, DISPENSE_BY_PHARMACY, [pharmacyId], paging, (attrs) => dispenses.get(ctx, lastAttribute(attrs)));
}
