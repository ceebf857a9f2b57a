/**
 * Who is calling: a bearer token (system integrations: HIS, pharmacy POS) or the console's
 * session cookie. A request that sends an Authorization header is judged by it alone. With the
 * cookie, unsafe methods must also carry `X-Requested-With: rxchain-console`, a header no other
 * site's page can add without the CORS preflight the gateway refuses (CSRF guard).
 */
import type { Request } from 'express';
import type { AuthenticatedUser, IdentityStore } from '../fabric/identities';
import { sessionIdOf } from '../sessions/session-cookie';
import type { SessionStore } from '../sessions/session-store';
import { ApiError } from './api-error';

export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_VALUE = 'rxchain-console';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The user behind the request's bearer token or session cookie, or a 401 (403 for a cookie without the CSRF header). */
export function authenticate(req: Request, identities: IdentityStore, sessions: SessionStore): AuthenticatedUser {
  const header = req.get('authorization');
  if (header) return bearerUser(header, identities);
  const sessionId = sessionIdOf(req.get('cookie'));
  if (sessionId === undefined) {
    throw new ApiError(401, 'UNAUTHENTICATED', 'send Authorization: Bearer <token>, or sign in (POST /sessions)', [], { 'WWW-Authenticate': 'Bearer' });
  }
  if (!SAFE_METHODS.has(req.method) && req.get(CSRF_HEADER) !== CSRF_VALUE) {
    throw new ApiError(403, 'CSRF', `a ${req.method} with the session cookie must send ${CSRF_HEADER}: ${CSRF_VALUE}`);
  }
  const found = sessions.use(sessionId);
  if (found.state === 'expired') throw new ApiError(401, 'SESSION_EXPIRED', 'your session expired; sign in again');
  const user = found.state === 'active' ? identities.sessionUser(found.session.username) : undefined;
  if (found.state !== 'active' || !user) throw new ApiError(401, 'UNAUTHENTICATED', 'no such session (signed out, or the gateway restarted); sign in again');
  return { ...user, name: found.session.username, tokenHash: found.session.hash };
}

function bearerUser(header: string, identities: IdentityStore): AuthenticatedUser {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw new ApiError(401, 'UNAUTHENTICATED', 'send Authorization: Bearer <token>', [], { 'WWW-Authenticate': 'Bearer' });
  }
  const user = identities.authenticate(match[1]);
  if (!user) {
    throw new ApiError(401, 'UNAUTHENTICATED', 'unknown or revoked token', [], { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  }
  return user;
}
