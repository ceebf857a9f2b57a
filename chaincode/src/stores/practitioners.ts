/** Doctors' registrations and points files: key doctorId (licence id). */
import type { Context } from 'fabric-contract-api';
import { RecordStore } from '../ledger/record-store';
import type { PractitionerRecord } from '../model/practitioner';

export const practitioners = new RecordStore<PractitionerRecord>('practitioner', (p) => p.doctorId);

/** Whether the doctor may prescribe now (CR-01); an unregistered doctor may not. */
export async function hasActiveRight(ctx: Context, doctorId: string): Promise<boolean> {
  return (await practitioners.get(ctx, doctorId))?.rxRight === 'ACTIVE';
}
