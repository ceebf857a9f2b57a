/** Insured persons: key patientRef (one record per person, in one insured region). */
import { RecordStore } from '../ledger/record-store';
import type { InsuredPersonRecord } from '../model/insured-person';

export const insuredPersons = new RecordStore<InsuredPersonRecord>('insured-person', (p) => p.patientRef);
