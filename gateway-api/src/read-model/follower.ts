import type { Checkpoint, CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import type { common } from '@hyperledger/fabric-protos';
import type { Logger } from 'pino';
import { decodeBlock } from './block-decoder';
import type { BlockSource } from './block-source';
import {
  readModelApplySeconds,
  readModelBatches,
  readModelBlocks,
  readModelChainHeight,
  readModelErrors,
  readModelHeight,
  readModelLag,
  readModelVersions,
} from './metrics';
import { ChainMismatchError, type ReadModelStore } from './store';

/** Blocks applied in one transaction at most, and blocks read ahead of the database at most. */
const MAX_BATCH = 100;
const MAX_QUEUE = 500;

export interface FollowerOptions {
  /** Chaincode namespace whose writes are copied. */
  namespace: string;
  logger: Logger;
  /** Pause before reconnecting after the stream or the database failed. */
  retryMs?: number;
  /** How often the chain height is read for the lag figure. */
  heightPollMs?: number;
}

export interface FollowerStatus {
  running: boolean;
  /** Blocks applied: the checkpoint's next block number. */
  processedHeight: string;
  /** Channel height last seen; null before the first read. */
  chainHeight: string | null;
  lagBlocks: number | null;
  /** Since this follower started. */
  blocksApplied: number;
  recordVersionsWritten: number;
  /** The last failure; the follower retries from its checkpoint unless `halted`. */
  error?: string;
  /** Set when the database holds another chain: following stops until it is rebuilt. */
  halted?: boolean;
}

/**
 * Follows the channel's committed blocks into the read-model store. The store's checkpoint is
 * the only position there is: every (re)connection asks the peer for blocks from it, and every
 * block moves it forward in the same transaction as the block's rows. A failure at any point —
 * stream lost, database down, process killed — leaves the checkpoint at the last block fully
 * applied, so following resumes exactly there.
 */
export class BlockFollower {
  private closed = true;
  private loop: Promise<void> | undefined;
  private stream: CloseableAsyncIterable<common.Block> | undefined;
  private heightTimer: NodeJS.Timeout | undefined;
  private cancelPause: (() => void) | undefined;
  private readonly waiters = new Set<() => void>();
  private processed = 0n;
  private chain: bigint | undefined;
  private blocksApplied = 0;
  private versionsWritten = 0;
  private lastError: string | undefined;
  private halted = false;

  constructor(
    private readonly source: BlockSource,
    private readonly store: ReadModelStore,
    private readonly options: FollowerOptions,
  ) {}

  /** Starts following from the store's checkpoint; resolves once the checkpoint is read. */
  async start(): Promise<void> {
    if (!this.closed) return;
    // Read before flipping to running, so a database that fails here leaves nothing to stop.
    const checkpoint = await this.store.checkpoint();
    this.closed = false;
    this.halted = false;
    this.processed = checkpoint.nextBlock;
    this.publish();
    this.loop = this.follow();
    const poll = () => {
      void this.refreshChainHeight().finally(() => {
        if (!this.closed) this.heightTimer = setTimeout(poll, this.options.heightPollMs ?? 1_000).unref();
      });
    };
    poll();
  }

  /** Stops following; resolves once the block being applied (if any) has committed or rolled back. */
  async stop(): Promise<void> {
    if (this.closed) return this.loop;
    this.closed = true;
    clearTimeout(this.heightTimer);
    this.stream?.close();
    this.cancelPause?.();
    for (const wake of this.waiters) wake();
    await this.loop;
  }

  status(): FollowerStatus {
    const chain = this.chainHeightSeen();
    return {
      running: !this.closed && !this.halted,
      processedHeight: this.processed.toString(),
      chainHeight: chain === undefined ? null : chain.toString(),
      lagBlocks: chain === undefined ? null : Number(chain - this.processed),
      blocksApplied: this.blocksApplied,
      recordVersionsWritten: this.versionsWritten,
      ...(this.lastError ? { error: this.lastError } : {}),
      ...(this.halted ? { halted: true } : {}),
    };
  }

  /** Resolves true once `height` blocks are applied, false after `timeoutMs` or on stop. */
  async waitForHeight(height: bigint, timeoutMs: number): Promise<boolean> {
    if (this.processed >= height) return true;
    if (this.closed) return false;
    return new Promise<boolean>((resolve) => {
      const check = () => {
        if (this.processed >= height || this.closed) finish(this.processed >= height);
      };
      const finish = (reached: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(reached);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Reads the chain height now (for /health and the verify route). */
  async refreshChainHeight(): Promise<bigint | undefined> {
    try {
      const height = await this.source.chainHeight();
      if (this.chain === undefined || height > this.chain) this.chain = height;
      this.publish();
    } catch {
      // The peer is unreachable; the follow loop reports the failure, the lag keeps its last value.
    }
    return this.chainHeightSeen();
  }

  private async follow(): Promise<void> {
    while (!this.closed) {
      try {
        const checkpoint = await this.store.checkpoint();
        const position: Checkpoint = { getBlockNumber: () => checkpoint.nextBlock, getTransactionId: () => undefined };
        this.stream = await this.source.blocks(position);
        if (this.closed) break;
        await this.drain(this.stream);
      } catch (err) {
        if (this.closed) break;
        readModelErrors.inc();
        this.lastError = err instanceof Error ? err.message : String(err);
        if (err instanceof ChainMismatchError) {
          // Retrying cannot help: the database holds another chain's blocks.
          this.halted = true;
          this.options.logger.error({ err }, 'read model halted: its database does not match this chain');
          break;
        }
        this.options.logger.warn({ err: this.lastError, processedHeight: this.processed.toString() }, 'read model follower failed; resuming from its checkpoint');
      } finally {
        this.stream?.close();
        this.stream = undefined;
      }
      if (!this.closed) await this.pause(this.options.retryMs ?? 1_000);
    }
  }

  /**
   * Applies a stream's blocks as they arrive. A reader moves them into a bounded queue while the
   * previous transaction commits, and each transaction takes everything queued (up to
   * MAX_BATCH): a follower that falls behind — a burst of blocks, a slow database, a catch-up —
   * needs one commit per batch instead of one per block, and one that keeps up still applies
   * each block as soon as it comes.
   */
  private async drain(stream: CloseableAsyncIterable<common.Block>): Promise<void> {
    const queue: common.Block[] = [];
    let ended = false;
    let failure: unknown;
    let wakeApplier: (() => void) | undefined;
    let wakeReader: (() => void) | undefined;
    const reader = (async () => {
      try {
        for await (const block of stream) {
          queue.push(block);
          wakeApplier?.();
          // Back-pressure: the peer's stream waits while the queue is full.
          while (queue.length >= MAX_QUEUE && !this.closed) await new Promise<void>((resolve) => (wakeReader = resolve));
          if (this.closed) break;
        }
      } catch (err) {
        failure = err;
      } finally {
        ended = true;
        wakeApplier?.();
      }
    })();
    try {
      while (!this.closed) {
        if (queue.length === 0) {
          if (ended) break;
          await new Promise<void>((resolve) => (wakeApplier = resolve));
          wakeApplier = undefined;
          continue;
        }
        const batch = queue.splice(0, MAX_BATCH);
        wakeReader?.();
        await this.apply(batch);
      }
    } finally {
      stream.close();
      wakeReader?.();
      await reader;
    }
    // Blocks received before the stream broke are applied first; then the failure counts.
    if (failure !== undefined && !this.closed) throw failure;
  }

  private async apply(blocks: common.Block[]): Promise<void> {
    const stopTimer = readModelApplySeconds.startTimer();
    const decoded = blocks.map((block) => decodeBlock(block, this.options.namespace));
    const applied = await this.store.applyBlocks(decoded);
    stopTimer();
    readModelBatches.inc();
    if (applied === 0) return;
    // The blocks applied are the batch's tail: those before it were already in the database.
    const fresh = decoded.slice(decoded.length - applied);
    const versions = fresh.reduce((n, block) => n + block.writes.length, 0);
    this.processed = fresh[fresh.length - 1].number + 1n;
    this.blocksApplied += applied;
    this.versionsWritten += versions;
    readModelBlocks.inc(applied);
    readModelVersions.inc(versions);
    this.lastError = undefined;
    this.publish();
    for (const wake of this.waiters) wake();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.cancelPause = done;
    });
  }

  /** The chain is at least as high as what was applied from it, even between height reads. */
  private chainHeightSeen(): bigint | undefined {
    if (this.chain === undefined) return undefined;
    return this.chain > this.processed ? this.chain : this.processed;
  }

  private publish(): void {
    readModelHeight.set(Number(this.processed));
    const chain = this.chainHeightSeen();
    if (chain !== undefined) {
      readModelChainHeight.set(Number(chain));
      readModelLag.set(Number(chain - this.processed));
    }
  }
}
