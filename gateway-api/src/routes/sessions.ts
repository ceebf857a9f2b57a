import { Type, type Static } from '@sinclair/typebox';
import { Closed, OneOf, ROLES } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../deps';
import { ApiError } from '../http/api-error';
import { plainRoute, publicRoute, type AnyRoute } from '../http/route';
import { clearedSessionCookie, sessionCookie } from '../sessions/session-cookie';
import type { SessionTimes } from '../sessions/session-store';

const SignInBody = Closed({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 128 }),
});

const Session = Type.Object(
  {
    username: Type.String(),
    role: OneOf(ROLES),
    org: Type.String(),
    mspId: Type.String(),
    region: Type.Optional(Type.String()),
    institutionId: Type.Optional(Type.String()),
    licenceId: Type.Optional(Type.String()),
    expiresAt: Type.String({ format: 'date-time', description: 'the absolute end: sign-in + RXCHAIN_SESSION_MAX_SECONDS (12 h)' }),
    idleExpiresAt: Type.String({ format: 'date-time', description: 'the end without further requests: last request + RXCHAIN_SESSION_IDLE_SECONDS (30 min), at most expiresAt' }),
  },
  { additionalProperties: false },
);
const SessionAnswer = Type.Object({ session: Session }, { additionalProperties: false });

const SESSION_401 = {
  SESSION_EXPIRED: 'the session expired (idle or absolute timeout); sign in again',
  UNAUTHENTICATED: 'no session cookie, or a session that was ended (signed out, gateway restarted)',
};
const NO_SESSION = { NO_SESSION: 'the request was authenticated by a bearer token, which has no session' };

/** The console's password sign-in: open a session (cookie), read it, end it. */
export function sessionRoutes({ sessions, identities, config, logger }: AppDeps): AnyRoute[] {
  const viewOf = (times: SessionTimes): Static<typeof SessionAnswer> => {
    const user = identities.sessionUser(times.username);
    if (!user) throw new ApiError(401, 'UNAUTHENTICATED', 'the user of this session is no longer enrolled');
    return {
      session: {
        username: times.username,
        role: user.attrs.role,
        org: user.org,
        mspId: user.mspId,
        ...(user.attrs.region !== undefined ? { region: user.attrs.region } : {}),
        ...(user.attrs.institutionId !== undefined ? { institutionId: user.attrs.institutionId } : {}),
        ...(user.attrs.licenceId !== undefined ? { licenceId: user.attrs.licenceId } : {}),
        expiresAt: new Date(times.expiresAt).toISOString(),
        idleExpiresAt: new Date(times.idleExpiresAt).toISOString(),
      },
    };
  };
  const secureCookie = (secure: boolean) => secure || config.sessions.secureCookie;
  const sessionOf = (tokenHash: string): SessionTimes => {
    const times = sessions.store.active(tokenHash);
    if (!times) throw new ApiError(404, 'NO_SESSION', NO_SESSION.NO_SESSION);
    return times;
  };
  return [
    publicRoute({
      method: 'post',
      path: '/sessions',
      operationId: 'signIn',
      summary: 'Sign in with user name and password; the session travels in the rxchain_session cookie (HttpOnly, SameSite=Strict)',
      description:
        'A wrong user name and a wrong password get the same answer. 5 failures in a row for a user name within 15 minutes lock it for ' +
        '15 minutes (429 ACCOUNT_LOCKED with Retry-After), the fifth failure included; a success clears the count ' +
        '(RXCHAIN_SIGNIN_MAX_FAILURES, RXCHAIN_SIGNIN_FAILURE_WINDOW_SECONDS, RXCHAIN_SIGNIN_LOCK_SECONDS). ' +
        'The session ends after 30 minutes without a request and 12 hours after sign-in at the latest.',
      tag: 'sessions',
      body: SignInBody,
      success: { status: 201, description: 'Signed in; Set-Cookie carries the session id' },
      response: SessionAnswer,
      errorCodes: {
        401: { INVALID_CREDENTIALS: 'wrong user name or password' },
        429: { ACCOUNT_LOCKED: 'too many failed sign-ins for this user name; retry after the Retry-After header', RATE_LIMITED: 'too many requests from this address' },
      },
      handler: async ({ body, secure }) => {
        const { username, password } = body as Static<typeof SignInBody>;
        const result = await sessions.signIn(username, password);
        if (result.outcome === 'locked') {
          if (identities.user(username)) logger.warn({ user: username, retryAfterSeconds: result.retryAfterSeconds }, 'sign-in locked');
          throw new ApiError(429, 'ACCOUNT_LOCKED', `too many failed sign-ins; try again in ${Math.ceil(result.retryAfterSeconds / 60)} min`, { retryAfterSeconds: result.retryAfterSeconds }, {
            'Retry-After': String(result.retryAfterSeconds),
          });
        }
        if (result.outcome === 'invalid') throw new ApiError(401, 'INVALID_CREDENTIALS', 'wrong user name or password');
        logger.info({ user: username }, 'signed in');
        return {
          status: 201,
          body: viewOf(result.session),
          headers: { 'Set-Cookie': sessionCookie(result.id, secureCookie(secure)), 'Cache-Control': 'no-store' },
        };
      },
    }),
    plainRoute({
      method: 'get',
      path: '/sessions/current',
      operationId: 'currentSession',
      summary: 'The signed-in user and when the session ends (a request, so it restarts the idle timer)',
      tag: 'sessions',
      roles: ROLES,
      success: { status: 200, description: 'The session' },
      response: SessionAnswer,
      errorCodes: { 401: SESSION_401, 404: NO_SESSION },
      handler: async ({ user }) => ({ body: viewOf(sessionOf(user.tokenHash)), headers: { 'Cache-Control': 'no-store' } }),
    }),
    plainRoute({
      method: 'delete',
      path: '/sessions/current',
      operationId: 'signOut',
      summary: 'Sign out: the session ends on the server and the cookie is cleared',
      tag: 'sessions',
      roles: ROLES,
      success: { status: 204, description: 'Signed out' },
      errorCodes: { 401: SESSION_401, 403: { CSRF: 'sent without X-Requested-With: rxchain-console' }, 404: NO_SESSION },
      handler: async ({ user, secure }) => {
        sessions.store.end(sessionOf(user.tokenHash).hash);
        logger.info({ user: user.name }, 'signed out');
        return { status: 204, body: undefined, headers: { 'Set-Cookie': clearedSessionCookie(secureCookie(secure)) } };
      },
    }),
  ];
}
