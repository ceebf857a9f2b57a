/**
 * The LedgerPort over Fabric: evaluates and submits the shared transaction definitions as the
 * calling user's own identity through that user's org peer, keeps read-your-writes across orgs,
 * and reports failures as LedgerErrors. It knows nothing of HTTP.
 */
import type { ChaincodeEvent, CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import type { AnyTx, ArgsOf, ResultOf } from '@rxchain/chaincode/dist/shared';
import type { GatewayConfig } from '../config';
import { committed, withRaceRetries } from './commit';
import { classify } from './failures';
import type { AuthenticatedUser } from './identities';
import type { LedgerMetrics } from './ledger-metrics';
import { LedgerError, type CallOptions, type ChainHeight, type Committed, type LedgerEventStream, type LedgerPort } from './ledger-port';
import type { NetworkProfile } from './network-profile';
import type { PeerClients } from './peer-clients';
import { PeerHeights } from './peer-heights';
import { UserGateways } from './user-gateways';
import { decodeResult, proposalOf } from './wire';

type LedgerConfig = Pick<GatewayConfig, 'deadlines' | 'mvccRetries' | 'endorseSyncMs'>;

export class FabricLedger implements LedgerPort {
  private readonly gateways: UserGateways;
  /** Height each org's peer is known to have reached (last block number + 1). */
  private readonly heights = new PeerHeights();
  /** The newest block holding a transaction this gateway committed; -1 before the first. */
  private newestCommitted = -1n;

  constructor(
    private readonly profile: Pick<NetworkProfile, 'channel' | 'chaincode'>,
    clients: Pick<PeerClients, 'forOrg'>,
    private readonly config: LedgerConfig,
    private readonly metrics: LedgerMetrics,
  ) {
    this.gateways = new UserGateways(clients, profile.channel, config.deadlines);
  }

  async evaluate<X extends AnyTx>(user: AuthenticatedUser, tx: X, args: ArgsOf<X>, options?: CallOptions<X>): Promise<ResultOf<X>> {
    const stop = this.metrics.phase('evaluate');
    try {
      const bytes = await this.contractOf(user).evaluate(tx.id, proposalOf(tx, args, options));
      return decodeResult<ResultOf<X>>(bytes);
    } catch (err) {
      throw classify(err);
    } finally {
      stop();
    }
  }

  /**
   * Endorses, submits and waits for commit. A transaction that lost a race is simulated again
   * under a new tx id, a bounded number of times, before it fails as a conflict.
   */
  async submit<X extends AnyTx>(user: AuthenticatedUser, tx: X, args: ArgsOf<X>, options?: CallOptions<X>): Promise<Committed<ResultOf<X>>> {
    const contract = this.contractOf(user);
    const attempt = async (): Promise<Committed<ResultOf<X>>> => {
      // Endorsers of other orgs must have what this gateway committed, or they simulate against stale state.
      if (this.config.endorseSyncMs > 0) await this.heights.allAt(this.newestCommitted, this.config.endorseSyncMs);
      const stopEndorse = this.metrics.phase('endorse');
      const transaction = await contract.newProposal(tx.id, proposalOf(tx, args, options)).endorse().finally(stopEndorse);
      const status = await committed(transaction, this.config.deadlines, this.metrics);
      this.noteCommitted(user.org, status.blockNumber);
      return { result: decodeResult<ResultOf<X>>(transaction.getResult()), txId: status.transactionId, blockNumber: status.blockNumber.toString() };
    };
    try {
      return await withRaceRetries(attempt, this.config.mvccRetries);
    } catch (err) {
      throw classify(err);
    }
  }

  /** Block height of the channel as the user's org peer reports it (system chaincode qscc). */
  async chainHeight(user: AuthenticatedUser): Promise<ChainHeight> {
    const qscc = this.gateways.networkOf(user).getContract('qscc');
    const stop = this.metrics.phase('evaluate');
    try {
      const bytes = await qscc.evaluateTransaction('GetChainInfo', this.profile.channel);
      const info = common.BlockchainInfo.deserializeBinary(bytes);
      this.heights.note(user.org, BigInt(info.getHeight()));
      return { height: String(info.getHeight()), currentBlockHash: Buffer.from(info.getCurrentblockhash_asU8()).toString('hex') };
    } catch (err) {
      throw classify(err);
    } finally {
      stop();
    }
  }

  /**
   * Read-your-writes across orgs for everything sent through this gateway: before serving a
   * user, their org's peer must have the newest block this gateway committed (or the block the
   * client names, X-Min-Block, for writes it made elsewhere). Costs a height query only when
   * that peer is not already known to be there.
   */
  async catchUp(user: AuthenticatedUser, clientMinBlock?: bigint): Promise<void> {
    const target = clientMinBlock !== undefined && clientMinBlock > this.newestCommitted ? clientMinBlock : this.newestCommitted;
    if (target >= 0n) await this.waitForBlock(user, target);
  }

  private async waitForBlock(user: AuthenticatedUser, blockNumber: bigint, timeoutMs = 10_000): Promise<void> {
    if ((this.heights.heightOf(user.org) ?? 0n) > blockNumber) return;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { height } = await this.chainHeight(user);
      if (BigInt(height) > blockNumber) return;
      if (Date.now() > deadline) throw new LedgerError({ kind: 'unavailable' }, `the ${user.org} peer has not reached block ${blockNumber} yet`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Follows every org's peer height through a block event stream, as that org's service user. */
  watchPeers(serviceUsers: AuthenticatedUser[]): void {
    for (const user of serviceUsers) this.heights.watch(user.org, () => this.gateways.networkOf(user));
  }

  /** Committed chaincode events from a block on, as seen by the user's org peer. */
  async chaincodeEvents(user: AuthenticatedUser, startBlock: bigint): Promise<LedgerEventStream> {
    let events: CloseableAsyncIterable<ChaincodeEvent>;
    try {
      events = await this.gateways.networkOf(user).getChaincodeEvents(this.profile.chaincode, { startBlock });
    } catch (err) {
      throw classify(err);
    }
    return {
      close: () => events.close(),
      async *[Symbol.asyncIterator]() {
        for await (const e of events) yield { name: e.eventName, payload: e.payload, txId: e.transactionId, blockNumber: e.blockNumber };
      },
    };
  }

  close(): void {
    this.heights.close();
    this.gateways.close();
  }

  private contractOf(user: AuthenticatedUser) {
    return this.gateways.networkOf(user).getContract(this.profile.chaincode);
  }

  private noteCommitted(org: string, blockNumber: bigint): void {
    if (blockNumber > this.newestCommitted) this.newestCommitted = blockNumber;
    this.heights.note(org, blockNumber + 1n);
  }
}
