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

/**
 * The one mark of history brought onto the chain (Archive:ImportVisits): the act happened at the
 * stamp's `at`, before the chain knew of it, and was recorded by the stamp's txId (in the import
 * batch named here) at `recordedAt`. A stamp without it is a live act, at its transaction's time.
 */
export interface ImportMark {
  /** The import batch of a visit's records; absent on a historical policy version (Archive:ImportPolicy), which is imported alone. */
  batchId?: string;
  /** ISO-8601 timestamp of the import transaction. */
  recordedAt: string;
}

export interface Stamp {
  by: Actor;
  /** ISO-8601 transaction timestamp; for imported history, when the act happened. */
  at: string;
  txId: string;
  imported?: ImportMark;
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
