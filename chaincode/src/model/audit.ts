import type { Role } from './organisations';

/** Who changed a record, stamped on every write so key history names the actor. */
export interface Actor {
  mspId: string;
  /** x509 identity as Fabric reports it: subject and issuer distinguished names. */
  id: string;
  role: Role;
  /** Licence number or staff id from the certificate. */
  licenceId?: string;
  institutionId?: string;
  region?: string;
}

export interface Stamp {
  by: Actor;
  /** ISO-8601 transaction timestamp. */
  at: string;
  txId: string;
}

export interface HistoryEntry<T> {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  value?: T;
}

export interface Page<T> {
  records: T[];
  bookmark: string;
  fetchedCount: number;
}
