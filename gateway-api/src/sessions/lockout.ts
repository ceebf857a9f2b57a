/**
 * The lockout after repeated wrong passwords: `maxFailures` consecutive failures for a user
 * name within `windowMs` lock it for `lockMs`; a success clears the count. Every attempt is
 * counted before its password is checked, so parallel guesses cannot slip past the limit while
 * the slow hash runs. User names that do not exist are counted the same way, so the answers do
 * not tell which exist. Kept in the gateway process's memory.
 */
export interface LockoutPolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

interface Streak {
  /** Attempts counted in this window: failures plus those still being checked. */
  count: number;
  firstAt: number;
  lockedUntil?: number;
}

/** Above this many names tracked, streaks that can no longer matter are dropped. */
const PRUNE_ABOVE = 10_000;

export class Lockout {
  private readonly streaks = new Map<string, Streak>();

  constructor(
    private readonly policy: LockoutPolicy,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts an attempt about to be checked; the milliseconds to wait instead when the name is locked. */
  attempt(username: string): { retryAfterMs: number } | undefined {
    const now = this.clock();
    let streak = this.streaks.get(username);
    if (streak?.lockedUntil !== undefined && now < streak.lockedUntil) return { retryAfterMs: streak.lockedUntil - now };
    if (!streak || streak.lockedUntil !== undefined || now - streak.firstAt >= this.policy.windowMs) {
      if (this.streaks.size >= PRUNE_ABOVE) this.prune(now);
      streak = { count: 0, firstAt: now };
      this.streaks.set(username, streak);
    }
    // More attempts in flight than failures allowed: lock now, before checking another password.
    if (streak.count >= this.policy.maxFailures) return this.lock(streak, now);
    streak.count++;
    return undefined;
  }

  /** The counted attempt failed; the wait when it was the failure that locks the name. */
  failed(username: string): { retryAfterMs: number } | undefined {
    const streak = this.streaks.get(username);
    if (!streak) return undefined;
    if (streak.lockedUntil !== undefined) return { retryAfterMs: Math.max(0, streak.lockedUntil - this.clock()) };
    return streak.count >= this.policy.maxFailures ? this.lock(streak, this.clock()) : undefined;
  }

  /** The counted attempt succeeded: the streak is over. */
  succeeded(username: string): void {
    this.streaks.delete(username);
  }

  private lock(streak: Streak, now: number): { retryAfterMs: number } {
    streak.lockedUntil = now + this.policy.lockMs;
    return { retryAfterMs: this.policy.lockMs };
  }

  private prune(now: number): void {
    for (const [name, s] of this.streaks) {
      const over = s.lockedUntil !== undefined ? now >= s.lockedUntil : now - s.firstAt >= this.policy.windowMs;
      if (over) this.streaks.delete(name);
    }
  }
}
