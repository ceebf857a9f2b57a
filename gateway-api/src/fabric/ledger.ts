import * as grpc from '@grpc/grpc-js';
import {
  CommitError,
  EndorseError,
  GatewayError,
  connect,
  hash,
  signers,
  type ChaincodeEvent,
  type CloseableAsyncIterable,
  type Gateway,
  type Identity,
  type Signer,
  type Status,
  type Transaction,
} from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { ApiError, fromChaincodeMessage } from '../http/api-error';
import type { GatewayConfig } from '../config';
import type { AuthenticatedUser } from './identities';
import type { NetworkProfile } from './network-profile';
import type { PeerClients } from './peer-clients';
import { PeerHeights } from './peer-heights';
import { fabricDuration, resubmissions } from '../http/metrics';

export interface SubmitResult<T> {
  result: T;
  txId: string;
  blockNumber: string;
}

export interface CallOptions {
  transient?: Record<string, string>;
  /** Restricts endorsement to these MSPs (used to prove single-org writes are refused). */
  endorsingOrganizations?: string[];
}

// Fabric's TxValidationCode for a read-write set that lost a race with another transaction.
const MVCC_READ_CONFLICT = 11;
const PHANTOM_READ_CONFLICT = 12;

/**
 * Evaluates and submits chaincode transactions as the calling user's own enrolled identity,
 * through that user's org peer. Maps every Fabric failure to an ApiError.
 */
export class Ledger {
  private readonly gateways = new Map<string, Gateway>();
  /** Height each org's peer is known to have reached (last block number + 1). */
  private readonly heights = new PeerHeights();
  /** The newest block holding a transaction this gateway committed; -1 before the first. */
  private newestCommitted = -1n;

  constructor(
    private readonly profile: NetworkProfile,
    private readonly clients: PeerClients,
    private readonly config: GatewayConfig,
  ) {}

  async evaluate<T>(user: AuthenticatedUser, fn: string, args: string[], options: CallOptions = {}): Promise<T> {
    const contract = this.contractFor(user);
    const stop = fabricDuration.startTimer({ phase: 'evaluate' });
    try {
      const bytes = await contract.evaluate(fn, {
        arguments: args,
        transientData: options.transient,
        ...(options.endorsingOrganizations ? { endorsingOrganizations: options.endorsingOrganizations } : {}),
      });
      return decode<T>(bytes);
    } catch (err) {
      throw toApiError(err);
    } finally {
      stop();
    }
  }

  /**
   * Endorses, submits and waits for commit. A transaction invalidated by an MVCC conflict is
   * simulated again under a new tx id, a bounded number of times, before answering 409.
   */
  async submit<T>(user: AuthenticatedUser, fn: string, args: string[], options: CallOptions = {}): Promise<SubmitResult<T>> {
    const contract = this.contractFor(user);
    for (let attempt = 0; ; attempt++) {
      try {
        // Endorsers of other orgs must have what this gateway committed, or they simulate
        // against stale state.
        if (this.config.endorseSyncMs > 0) await this.heights.allAt(this.newestCommitted, this.config.endorseSyncMs);
        const proposal = contract.newProposal(fn, {
          arguments: args,
          transientData: options.transient,
          ...(options.endorsingOrganizations ? { endorsingOrganizations: options.endorsingOrganizations } : {}),
        });
        const endorseTimer = fabricDuration.startTimer({ phase: 'endorse' });
        const transaction = await proposal.endorse().finally(() => endorseTimer());
        const status = await this.ordered(transaction);
        if (!status.successful) {
          throw new CommitError({ code: status.code, transactionId: status.transactionId, message: `transaction ${status.transactionId} failed to commit with status code ${status.code}` });
        }
        this.noteCommitted(user.org, status.blockNumber);
        return { result: decode<T>(transaction.getResult()), txId: status.transactionId, blockNumber: status.blockNumber.toString() };
      } catch (err) {
        if (isLostRace(err) && attempt < this.config.mvccRetries) {
          // Simulate again under a new tx id once the winner's block has reached the peers;
          // jitter keeps the racers from colliding again in lockstep.
          await sleep(50 * (attempt + 1) + Math.floor(Math.random() * 50));
          continue;
        }
        throw toApiError(err);
      }
    }
  }

  /**
   * Sends an endorsed transaction to ordering and waits for its commit status. An orderer that
   * dies (a Raft leader, say) can take queued transactions with it, and their status would never
   * come; after `resubmitMs` of silence the same signed envelope goes out again. That is safe: a
   * tx id commits at most once, a second copy is invalidated as a duplicate.
   */
  private async ordered(transaction: Transaction): Promise<Status> {
    const { commitMs, resubmitMs } = this.config.deadlines;
    const giveUpAt = Date.now() + commitMs;
    for (;;) {
      const submitTimer = fabricDuration.startTimer({ phase: 'submit' });
      const commit = await transaction.submit().finally(() => submitTimer());
      const commitTimer = fabricDuration.startTimer({ phase: 'commit' });
      try {
        return await commit.getStatus({ deadline: Math.min(giveUpAt, Date.now() + resubmitMs) });
      } catch (err) {
        const silent = err instanceof GatewayError && err.code === grpc.status.DEADLINE_EXCEEDED;
        if (!silent || Date.now() >= giveUpAt) throw err;
        resubmissions.inc();
      } finally {
        commitTimer();
      }
    }
  }

  /** Block height of the channel as the user's org peer reports it (system chaincode qscc). */
  async chainHeight(user: AuthenticatedUser): Promise<{ height: string; currentBlockHash: string }> {
    this.contractFor(user);
    const gateway = this.gateways.get(user.name) as Gateway;
    const qscc = gateway.getNetwork(this.profile.channel).getContract('qscc');
    const stop = fabricDuration.startTimer({ phase: 'evaluate' });
    try {
      const bytes = await qscc.evaluateTransaction('GetChainInfo', this.profile.channel);
      const info = common.BlockchainInfo.deserializeBinary(bytes);
      this.noteHeight(user.org, BigInt(info.getHeight()));
      return { height: String(info.getHeight()), currentBlockHash: Buffer.from(info.getCurrentblockhash_asU8()).toString('hex') };
    } catch (err) {
      throw toApiError(err);
    } finally {
      stop();
    }
  }

  /**
   * Waits until the user's org peer has committed block `blockNumber`. A write is confirmed by
   * the submitter's own org peer; another org's peer may take a few milliseconds longer, so a
   * client that acts on its write through another org sends the block number back
   * (X-Min-Block) to read its own writes.
   */
  async waitForBlock(user: AuthenticatedUser, blockNumber: bigint, timeoutMs = 10_000): Promise<void> {
    if ((this.heights.heightOf(user.org) ?? 0n) > blockNumber) return;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { height } = await this.chainHeight(user);
      if (BigInt(height) > blockNumber) return;
      if (Date.now() > deadline) {
        throw new ApiError(503, 'UNAVAILABLE', `the ${user.org} peer has not reached block ${blockNumber} yet`, [], { 'Retry-After': '1' });
      }
      await sleep(20);
    }
  }

  /**
   * Read-your-writes across orgs for everything sent through this gateway: before serving a
   * user, their org's peer must have the newest block this gateway committed to. Costs a
   * height query only when that peer is not already known to be there.
   */
  async catchUp(user: AuthenticatedUser, clientMinBlock?: bigint): Promise<void> {
    const target = clientMinBlock !== undefined && clientMinBlock > this.newestCommitted ? clientMinBlock : this.newestCommitted;
    if (target >= 0n) await this.waitForBlock(user, target);
  }

  /** Follows every org's peer height through a block event stream, as that org's service user. */
  watchPeers(serviceUsers: AuthenticatedUser[]): void {
    for (const user of serviceUsers) {
      this.heights.watch(user.org, () => {
        this.contractFor(user);
        return (this.gateways.get(user.name) as Gateway).getNetwork(this.profile.channel);
      });
    }
  }

  private noteCommitted(org: string, blockNumber: bigint): void {
    if (blockNumber > this.newestCommitted) this.newestCommitted = blockNumber;
    this.noteHeight(org, blockNumber + 1n);
  }

  private noteHeight(org: string, height: bigint): void {
    this.heights.note(org, height);
  }

  /** Committed chaincode events from a block on, as seen by the user's org peer. */
  async chaincodeEvents(user: AuthenticatedUser, startBlock: bigint): Promise<CloseableAsyncIterable<ChaincodeEvent>> {
    this.contractFor(user);
    const gateway = this.gateways.get(user.name) as Gateway;
    try {
      return await gateway.getNetwork(this.profile.channel).getChaincodeEvents(this.profile.chaincode, { startBlock });
    } catch (err) {
      throw toApiError(err);
    }
  }

  close(): void {
    this.heights.close();
    for (const gateway of this.gateways.values()) gateway.close();
    this.gateways.clear();
  }

  private contractFor(user: AuthenticatedUser) {
    let gateway = this.gateways.get(user.name);
    if (!gateway) {
      const { deadlines } = this.config;
      gateway = connect({
        client: this.clients.forOrg(user.org),
        identity: identityOf(user),
        signer: signerOf(user),
        hash: hash.sha256,
        evaluateOptions: () => ({ deadline: Date.now() + deadlines.evaluateMs }),
        endorseOptions: () => ({ deadline: Date.now() + deadlines.endorseMs }),
        submitOptions: () => ({ deadline: Date.now() + deadlines.submitMs }),
        commitStatusOptions: () => ({ deadline: Date.now() + deadlines.commitMs }),
      });
      this.gateways.set(user.name, gateway);
    }
    return gateway.getNetwork(this.profile.channel).getContract(this.profile.chaincode);
  }
}

/**
 * A transaction that lost a race: invalidated at commit by a conflicting read, or endorsed by
 * peers that had not yet all committed the same latest block, so their results differ.
 */
function isLostRace(err: unknown): boolean {
  if (err instanceof CommitError) return err.code === MVCC_READ_CONFLICT || err.code === PHANTOM_READ_CONFLICT;
  if (err instanceof EndorseError) return err.details.some((d) => /ProposalResponsePayloads do not match/.test(d.message));
  return false;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function identityOf(user: AuthenticatedUser): Identity {
  return { mspId: user.mspId, credentials: fs.readFileSync(user.certPath) };
}

function signerOf(user: AuthenticatedUser): Signer {
  return signers.newPrivateKeySigner(crypto.createPrivateKey(fs.readFileSync(user.keyPath)));
}

function decode<T>(bytes: Uint8Array): T {
  const text = Buffer.from(bytes).toString('utf8');
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

const UNAVAILABLE_CODES = new Set([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED, grpc.status.RESOURCE_EXHAUSTED]);

/** Fabric failures by type: chaincode rejection → its 4xx; lost race → 409; unreachable → 503. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof CommitError) {
    if (err.code === MVCC_READ_CONFLICT || err.code === PHANTOM_READ_CONFLICT) {
      return new ApiError(409, 'CONFLICT', 'the record was changed by a concurrent transaction; retries were exhausted', { txId: err.transactionId });
    }
    return new ApiError(409, 'COMMIT_REJECTED', `the transaction was not committed (validation code ${err.code})`, { txId: err.transactionId, validationCode: err.code });
  }
  if (isLostRace(err)) {
    return new ApiError(409, 'CONFLICT', 'the record was changed by a concurrent transaction; retries were exhausted');
  }
  if (err instanceof GatewayError) {
    const texts = [err.message, ...err.details.map((d) => d.message)];
    for (const text of texts) {
      const mapped = fromChaincodeMessage(text);
      if (mapped) return mapped;
    }
    if (texts.some((t) => /access denied|creator.*(unknown|not.*valid)|certificate.*(unknown|invalid)/i.test(t))) {
      return new ApiError(403, 'FORBIDDEN', 'the network refused the caller identity');
    }
    if (UNAVAILABLE_CODES.has(err.code)) {
      return new ApiError(503, 'UNAVAILABLE', 'the ledger is unreachable or too slow; try again', { grpcCode: err.code }, { 'Retry-After': '2' });
    }
    if (err instanceof EndorseError) {
      return new ApiError(502, 'ENDORSEMENT_FAILED', 'the transaction could not be endorsed', { reasons: texts });
    }
    return new ApiError(502, 'LEDGER_ERROR', err.message, { reasons: texts });
  }
  return new ApiError(500, 'INTERNAL', err instanceof Error ? err.message : String(err));
}
