import { connect, type Checkpoint, type CloseableAsyncIterable, type Gateway } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import type { AuthenticatedUser } from '../fabric/identities';
import type { NetworkProfile } from '../fabric/network-profile';
import type { PeerClients } from '../fabric/peer-clients';
import { signingAs } from '../fabric/signing';

/** Where the follower gets blocks and the chain height from; a fake in unit tests. */
export interface BlockSource {
  /** Committed blocks from the checkpoint's block on, in order, until closed. */
  blocks(checkpoint: Checkpoint): Promise<CloseableAsyncIterable<common.Block>>;
  /** Height of the channel (last block number + 1) on the peer the blocks come from. */
  chainHeight(): Promise<bigint>;
  close(): void;
}

/**
 * Blocks of the channel from one org's peer, as one enrolled user of that org. The connection
 * is the follower's own (not the request ledger's), over the gateway's shared gRPC client for
 * the org, so it lives and dies with the follower.
 */
export class FabricBlockSource implements BlockSource {
  private readonly gateway: Gateway;

  constructor(
    private readonly profile: NetworkProfile,
    clients: PeerClients,
    user: AuthenticatedUser,
    evaluateDeadlineMs: number,
  ) {
    this.gateway = connect({
      client: clients.forOrg(user.org),
      ...signingAs(user),
      evaluateOptions: () => ({ deadline: Date.now() + evaluateDeadlineMs }),
    });
  }

  blocks(checkpoint: Checkpoint): Promise<CloseableAsyncIterable<common.Block>> {
    return this.network().getBlockEvents({ checkpoint, startBlock: 0n });
  }

  async chainHeight(): Promise<bigint> {
    const bytes = await this.network().getContract('qscc').evaluateTransaction('GetChainInfo', this.profile.channel);
    return BigInt(common.BlockchainInfo.deserializeBinary(bytes).getHeight());
  }

  close(): void {
    this.gateway.close();
  }

  private network() {
    return this.gateway.getNetwork(this.profile.channel);
  }
}
