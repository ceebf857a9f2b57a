import type { Stamp } from './audit';

/** A minimal record for checking the network end to end and the benchmark's baseline blind write. */
export interface ProbeRecord {
  docType: 'probe';
  id: string;
  note: string;
  written: Stamp;
}
