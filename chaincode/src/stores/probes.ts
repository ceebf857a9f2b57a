/** Probe records: the network self-check and the benchmark's blind write. */
import { RecordStore } from '../ledger/record-store';
import type { ProbeRecord } from '../model/probe';

export const probes = new RecordStore<ProbeRecord>('probe', (p) => p.id);
