import type { Logger } from 'pino';
import { ApiError } from '../http/api-error';
import type { BlockSource } from './block-source';
import type { SqlDatabase } from './database';
import { BlockFollower, type FollowerStatus } from './follower';
import { ChainMismatchError, ReadModelStore } from './store';

/** What the service runs on; opened at start, closed at stop. */
export interface ReadModelParts {
  database: SqlDatabase;
  source: BlockSource;
}

export interface ReadModelOptions {
  /** Which database the parts will open, known before they are (for /health while starting). */
  databaseKind: 'pglite' | 'postgres';
  channel: string;
  namespace: string;
  logger: Logger;
  retryMs?: number;
  heightPollMs?: number;
}

/** The read model as /health shows it. */
export interface ReadModelStatus {
  database: 'pglite' | 'postgres';
  state: 'starting' | 'following' | 'halted' | 'failed' | 'stopped';
  processedHeight: string | null;
  chainHeight: string | null;
  lagBlocks: number | null;
  error?: string;
  /** The follower's own figures (blocks and versions applied since start …) while it exists. */
  follower?: FollowerStatus;
}

/**
 * The oversight read model as one service: a database, a block source and the follower
 * between them. Opened and started once at boot, stopped at shutdown; a start that fails
 * (database unreachable) leaves the gateway serving everything else, with the reason on /health.
 */
export class ReadModelService {
  private parts: ReadModelParts | undefined;
  private storeRef: ReadModelStore | undefined;
  private followerRef: BlockFollower | undefined;
  private failure: string | undefined;
  private state: ReadModelStatus['state'] = 'stopped';
  private starting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopRequested = false;

  constructor(
    private readonly open: () => Promise<ReadModelParts>,
    private readonly options: ReadModelOptions,
  ) {}

  /**
   * Starts without blocking the caller, and while the database or the peer is unreachable tries
   * again every `retryMs` until started or stopped. A database that belongs to another channel
   * is not retried: that needs an operator.
   */
  startInBackground(retryMs = 5_000): void {
    this.stopRequested = false;
    const attempt = (n: number) => {
      this.start().catch((err: unknown) => {
        const fatal = err instanceof ChainMismatchError;
        this.options.logger[n === 1 || fatal ? 'error' : 'warn']({ err: err instanceof Error ? err.message : String(err), attempt: n }, fatal ? 'read model cannot start' : 'read model did not start; retrying');
        if (fatal || this.stopRequested) return;
        this.retryTimer = setTimeout(() => attempt(n + 1), retryMs);
      });
    };
    attempt(1);
  }

  start(): Promise<void> {
    if (this.parts) return Promise.resolve();
    this.starting ??= this.startOnce().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async startOnce(): Promise<void> {
    this.state = 'starting';
    this.failure = undefined;
    let parts: ReadModelParts | undefined;
    try {
      parts = await this.open();
      const store = new ReadModelStore(parts.database, this.options.channel);
      await store.init();
      const follower = new BlockFollower(parts.source, store, {
        namespace: this.options.namespace,
        logger: this.options.logger,
        ...(this.options.retryMs !== undefined ? { retryMs: this.options.retryMs } : {}),
        ...(this.options.heightPollMs !== undefined ? { heightPollMs: this.options.heightPollMs } : {}),
      });
      await follower.start();
      this.parts = parts;
      this.storeRef = store;
      this.followerRef = follower;
      this.state = 'following';
      this.options.logger.info({ database: parts.database.kind, processedHeight: follower.status().processedHeight }, 'read model following the channel');
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
      this.state = 'failed';
      if (parts) await closeParts(parts);
      throw err;
    }
  }

  /** Stops following and closes the database; the checkpoint stays where the last block left it. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    clearTimeout(this.retryTimer);
    // A database still being opened (PGlite's first start initialises its cluster) is let
    // finish, so it is closed cleanly instead of being cut off half-written at exit.
    await this.starting?.catch(() => undefined);
    const parts = this.parts;
    if (!parts) return;
    this.parts = undefined;
    await this.followerRef?.stop();
    this.followerRef = undefined;
    this.storeRef = undefined;
    await closeParts(parts);
    this.state = 'stopped';
  }

  status(): ReadModelStatus {
    const follower = this.followerRef?.status();
    const state = follower?.halted ? 'halted' : this.state;
    const error = follower?.error ?? this.failure;
    return {
      database: this.options.databaseKind,
      state,
      processedHeight: follower?.processedHeight ?? null,
      chainHeight: follower?.chainHeight ?? null,
      lagBlocks: follower?.lagBlocks ?? null,
      ...(error ? { error } : {}),
      ...(follower ? { follower } : {}),
    };
  }

  /** The store and follower for routes; 503 while the read model is not running. */
  running(): { store: ReadModelStore; follower: BlockFollower } {
    if (!this.storeRef || !this.followerRef) {
      throw new ApiError(503, 'READ_MODEL_UNAVAILABLE', `the read model is ${this.state}${this.failure ? `: ${this.failure}` : ''}`, [], { 'Retry-After': '5' });
    }
    return { store: this.storeRef, follower: this.followerRef };
  }
}

async function closeParts(parts: ReadModelParts): Promise<void> {
  parts.source.close();
  await parts.database.close();
}
