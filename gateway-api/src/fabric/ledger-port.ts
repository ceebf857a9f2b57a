/**
 * What the HTTP layer needs of the ledger, and nothing about HTTP: typed calls through the
 * shared transaction definitions, read-your-writes, heights and events. The Fabric adapter
 * implements it; gateway unit tests use a fake.
 */
import type { AnyTx, ArgsOf, ErrorCode, FieldError, ResultOf, TransientOf } from '@rxchain/chaincode/dist/shared';
import type { AuthenticatedUser } from './identities';

export interface Committed<T> {
  result: T;
  txId: string;
  blockNumber: string;
}

export interface CallOptions<X extends AnyTx> {
  transient?: TransientOf<X>;
  /** Restricts endorsement to these MSPs (used to prove single-org writes are refused). */
  endorsingOrganizations?: string[];
}

export interface ChainHeight {
  height: string;
  currentBlockHash: string;
}

/** A committed chaincode event. */
export interface LedgerEvent {
  name: string;
  payload: Uint8Array;
  txId: string;
  blockNumber: bigint;
}

export interface LedgerEventStream extends AsyncIterable<LedgerEvent> {
  close(): void;
}

export interface LedgerPort {
  evaluate<X extends AnyTx>(user: AuthenticatedUser, tx: X, args: ArgsOf<X>, options?: CallOptions<X>): Promise<ResultOf<X>>;
  submit<X extends AnyTx>(user: AuthenticatedUser, tx: X, args: ArgsOf<X>, options?: CallOptions<X>): Promise<Committed<ResultOf<X>>>;
  /** Waits until the user's org peer has every block this gateway committed (and `clientMinBlock`). */
  catchUp(user: AuthenticatedUser, clientMinBlock?: bigint): Promise<void>;
  chainHeight(user: AuthenticatedUser): Promise<ChainHeight>;
  chaincodeEvents(user: AuthenticatedUser, startBlock: bigint): Promise<LedgerEventStream>;
  close(): void;
}

/** Why a ledger call failed, in the ledger's own terms; the HTTP layer maps each kind to a status. */
export type LedgerFailure =
  /** The chaincode refused: its error code, reason and refused fields. */
  | { kind: 'rejected'; code: ErrorCode; reason: string; details: FieldError[] }
  /** A concurrent transaction won every retry (MVCC or phantom read conflict). */
  | { kind: 'conflict'; txId?: string }
  /** Peers or orderers unreachable or too slow, or a peer behind the block asked for. */
  | { kind: 'unavailable'; grpcCode?: number }
  /** Endorsement failed for a reason other than a chaincode refusal. */
  | { kind: 'endorsement-failed'; reasons: string[] }
  /** Ordered but invalidated at commit (e.g. ENDORSEMENT_POLICY_FAILURE). */
  | { kind: 'commit-rejected'; txId: string; validationCode: number }
  /** The network refused the caller's identity. */
  | { kind: 'identity-refused' }
  /** Anything else the ledger reported. */
  | { kind: 'ledger-error'; reasons: string[] };

export class LedgerError extends Error {
  constructor(
    readonly failure: LedgerFailure,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}
