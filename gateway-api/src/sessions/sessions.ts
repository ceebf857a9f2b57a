/**
 * Password sign-in and the sessions it opens, as the HTTP layer uses them: the lockout is
 * consulted before the (slow) password check, a success opens a session, and the session
 * store answers for every later request that carries the cookie.
 */
import type { GatewayConfig } from '../config';
import type { IdentityStore } from '../fabric/identities';
import { Lockout } from './lockout';
import { verifyPassword } from './password-hash';
import { SessionStore, type SessionTimes } from './session-store';

export type SignInOutcome =
  | { outcome: 'signed-in'; id: string; session: SessionTimes }
  | { outcome: 'invalid' }
  | { outcome: 'locked'; retryAfterSeconds: number };

export class Sessions {
  readonly store: SessionStore;
  private readonly lockout: Lockout;

  constructor(
    private readonly identities: IdentityStore,
    policy: GatewayConfig['sessions'],
    clock: () => number = Date.now,
  ) {
    this.store = new SessionStore({ idleMs: policy.idleSeconds * 1000, maxMs: policy.maxSeconds * 1000 }, clock);
    this.lockout = new Lockout({ maxFailures: policy.maxFailures, windowMs: policy.failureWindowSeconds * 1000, lockMs: policy.lockSeconds * 1000 }, clock);
  }

  async signIn(username: string, password: string): Promise<SignInOutcome> {
    const locked = this.lockout.attempt(username);
    if (locked) return { outcome: 'locked', retryAfterSeconds: Math.ceil(locked.retryAfterMs / 1000) };
    if (!(await verifyPassword(password, this.identities.passwordHashOf(username)))) {
      const nowLocked = this.lockout.failed(username);
      return nowLocked ? { outcome: 'locked', retryAfterSeconds: Math.ceil(nowLocked.retryAfterMs / 1000) } : { outcome: 'invalid' };
    }
    this.lockout.succeeded(username);
    return { outcome: 'signed-in', ...this.store.create(username) };
  }
}
