/**
 * Signed-in sessions, in the gateway process's memory: a restart signs everyone out. The
 * session id is 32 random bytes handed to the browser once (in the cookie); only its SHA-256
 * is kept. A session ends after `idleMs` without a request (sliding) and at the latest
 * `maxMs` after sign-in. An ended session is remembered for a while as expired, so the
 * console can say "your session expired" instead of "sign in".
 */
import crypto from 'node:crypto';
import { hashToken } from '../fabric/identities';

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

export interface SessionTimes {
  username: string;
  /** Hash of the session id. */
  hash: string;
  /** The absolute end (sign-in + maxMs). */
  expiresAt: number;
  /** When it ends without further requests: min(last request + idleMs, expiresAt). */
  idleExpiresAt: number;
}

export type SessionLookup = { state: 'active'; session: SessionTimes } | { state: 'expired' } | { state: 'unknown' };

interface Entry {
  username: string;
  expiresAt: number;
  lastSeenAt: number;
}

/** How long an expired session is still recognised as such before it is forgotten. */
const REMEMBER_EXPIRED_MS = 24 * 3600_000;

export class SessionStore {
  private readonly entries = new Map<string, Entry>();
  private lastSweep = 0;

  constructor(
    private readonly policy: SessionPolicy,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A new session; the returned id goes to the client and is not kept. */
  create(username: string): { id: string; session: SessionTimes } {
    const now = this.clock();
    this.sweep(now);
    const id = crypto.randomBytes(32).toString('base64url');
    const hash = hashToken(id);
    const entry = { username, expiresAt: now + this.policy.maxMs, lastSeenAt: now };
    this.entries.set(hash, entry);
    return { id, session: this.timesOf(hash, entry) };
  }

  /** The session behind the id; an active one counts this as activity (the idle timer restarts). */
  use(id: string): SessionLookup {
    const hash = hashToken(id);
    const entry = this.entries.get(hash);
    if (!entry) return { state: 'unknown' };
    const now = this.clock();
    if (now >= this.timesOf(hash, entry).idleExpiresAt) return { state: 'expired' };
    entry.lastSeenAt = now;
    return { state: 'active', session: this.timesOf(hash, entry) };
  }

  /** The active session with this hash (AuthenticatedUser.tokenHash of a cookie request), without counting it as activity. */
  active(hash: string): SessionTimes | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    const times = this.timesOf(hash, entry);
    return this.clock() < times.idleExpiresAt ? times : undefined;
  }

  /**
   * Calls `onEnd` once the session is over (signed out or expired), checking every `everyMs`,
   * for a long response (an event stream) that must not outlive the session it was opened
   * with. Does nothing for a hash that is not an active session (a bearer token's). Returns
   * the function that stops watching.
   */
  watch(hash: string, onEnd: () => void, everyMs = 1_000): () => void {
    if (!this.active(hash)) return () => undefined;
    const timer = setInterval(() => {
      if (this.active(hash)) return;
      clearInterval(timer);
      onEnd();
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Ends the session at once (sign-out): its id is refused from now on. */
  end(hash: string): boolean {
    return this.entries.delete(hash);
  }

  /** Ends every session of the user (their password was changed or removed); how many were active. */
  endAllOf(username: string): number {
    let active = 0;
    for (const [hash, entry] of this.entries) {
      if (entry.username !== username) continue;
      if (this.active(hash)) active++;
      this.entries.delete(hash);
    }
    return active;
  }

  private timesOf(hash: string, entry: Entry): SessionTimes {
    const idleExpiresAt = Math.min(entry.lastSeenAt + this.policy.idleMs, entry.expiresAt);
    return { username: entry.username, hash, expiresAt: entry.expiresAt, idleExpiresAt };
  }

  /** Forgets sessions that ended long ago; at most once a minute. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [hash, entry] of this.entries) {
      if (now >= this.timesOf(hash, entry).idleExpiresAt + REMEMBER_EXPIRED_MS) this.entries.delete(hash);
    }
  }
}
