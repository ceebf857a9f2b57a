/** Insured persons: key patientRef. */
import { RecordStore } from '../ledger/record-store';
import type { InsuredPersonRecord } from '../model/insured-person';

export const insuredPersons = new RecordStore<InsuredPersonRecord>('insured-person', (p) => p.patientRef);
