/** Doctors' registrations and points files: key doctorId (licence id). */
import { RecordStore } from '../ledger/record-store';
import type { PractitionerRecord } from '../model/practitioner';

export const practitioners = new RecordStore<PractitionerRecord>('practitioner', (p) => p.doctorId);
