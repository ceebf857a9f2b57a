/**
 * Getting an endorsed transaction committed: ordering with resubmission when its commit status
 * stays silent, and simulating again (under a new tx id) when it lost a race.
 */
import { CommitError, type Status } from '@hyperledger/fabric-gateway';
import { isLostRace, isSilentCommit } from './failures';
import type { LedgerMetrics } from './ledger-metrics';

export interface CommitDeadlines {
  /** How long to wait for the commit status in all. */
  commitMs: number;
  /** Silence after which the same signed envelope goes to ordering again. */
  resubmitMs: number;
}

/** What ordering needs of an endorsed transaction (fabric-gateway's Transaction). */
export interface Orderable {
  submit(): Promise<{ getStatus(options?: { deadline?: number }): Promise<Status> }>;
}

/**
 * Sends an endorsed transaction to ordering and waits for its commit status. An orderer that
 * dies (a Raft leader, say) can take queued transactions with it, and their status would never
 * come; after `resubmitMs` of silence the same signed envelope goes out again. That is safe: a
 * tx id commits at most once, a second copy is invalidated as a duplicate.
 * Throws CommitError when the transaction was ordered but invalidated.
 */
export async function committed(transaction: Orderable, { commitMs, resubmitMs }: CommitDeadlines, metrics: LedgerMetrics): Promise<Status> {
  const giveUpAt = Date.now() + commitMs;
  for (;;) {
    const stopSubmit = metrics.phase('submit');
    const commit = await transaction.submit().finally(stopSubmit);
    const stopCommit = metrics.phase('commit');
    let status: Status;
    try {
      status = await commit.getStatus({ deadline: Math.min(giveUpAt, Date.now() + resubmitMs) });
    } catch (err) {
      if (!isSilentCommit(err) || Date.now() >= giveUpAt) throw err;
      metrics.resubmitted();
      continue;
    } finally {
      stopCommit();
    }
    if (!status.successful) {
      throw new CommitError({ code: status.code, transactionId: status.transactionId, message: `transaction ${status.transactionId} failed to commit with status code ${status.code}` });
    }
    return status;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the winner's block to reach the peers; jitter keeps racers from colliding again in lockstep. */
export const jitteredPause = (attempt: number): Promise<void> => sleep(50 * (attempt + 1) + Math.floor(Math.random() * 50));

/** Runs a whole endorse-and-commit attempt again after a lost race, at most `retries` more times. */
export async function withRaceRetries<T>(attempt: () => Promise<T>, retries: number, pause: (attempt: number) => Promise<void> = jitteredPause): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isLostRace(err) || n >= retries) throw err;
      await pause(n);
    }
  }
}
