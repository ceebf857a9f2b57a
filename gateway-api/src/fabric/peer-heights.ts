import type { CloseableAsyncIterable, Network } from '@hyperledger/fabric-gateway';
import type { peer } from '@hyperledger/fabric-protos';

/**
 * The block height each org's peer has reached, pushed by a filtered-block event stream per
 * peer. Endorsement runs on several orgs' peers, and one that has not yet committed the block
 * holding a record the transaction reads would simulate against stale state; waiting for the
 * heights here costs nothing when the peers are current, which is almost always.
 */
export class PeerHeights {
  private readonly heights = new Map<string, bigint>();
  private readonly streams = new Set<CloseableAsyncIterable<peer.FilteredBlock>>();
  private readonly waiters = new Set<() => void>();
  private closed = false;

  /** Follows one org's peer; reconnects after a failure until closed. */
  watch(org: string, network: () => Network): void {
    const follow = async (): Promise<void> => {
      while (!this.closed) {
        try {
          const stream = await network().getFilteredBlockEvents();
          this.streams.add(stream);
          try {
            for await (const block of stream) this.note(org, BigInt(block.getNumber()) + 1n);
          } finally {
            this.streams.delete(stream);
          }
        } catch {
          // Peer down or restarting: its height is unknown until the stream is back.
          this.heights.delete(org);
        }
        if (!this.closed) await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    };
    void follow();
  }

  note(org: string, height: bigint): void {
    if (height > (this.heights.get(org) ?? 0n)) {
      this.heights.set(org, height);
      for (const wake of this.waiters) wake();
    }
  }

  heightOf(org: string): bigint | undefined {
    return this.heights.get(org);
  }

  /**
   * Resolves once every peer with a known height has committed `blockNumber`, or after
   * `timeoutMs` (a lagging peer then costs one retried endorsement, not a failure).
   */
  async allAt(blockNumber: bigint, timeoutMs: number): Promise<void> {
    const reached = () => [...this.heights.values()].every((h) => h > blockNumber);
    if (blockNumber < 0n || reached()) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const check = () => {
        if (reached()) done();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(check);
    });
  }

  close(): void {
    this.closed = true;
    for (const stream of this.streams) stream.close();
    for (const wake of this.waiters) wake();
  }
}
