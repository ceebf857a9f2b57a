/**
 * The session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (other sites' pages
 * do not send it), Path=/, Secure when the connection is HTTPS. No Max-Age: it lasts as long as
 * the browser session at most, and the server decides when the session ends.
 */
export const SESSION_COOKIE = 'rxchain_session';

const attributes = (secure: boolean): string => `HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;

export const sessionCookie = (id: string, secure: boolean): string => `${SESSION_COOKIE}=${id}; ${attributes(secure)}`;

export const clearedSessionCookie = (secure: boolean): string => `${SESSION_COOKIE}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; ${attributes(secure)}`;

/** The session id in a Cookie header, if it carries one that could be ours (base64url). */
export function sessionIdOf(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (/^[A-Za-z0-9_-]{16,128}$/.test(value)) return value;
  }
  return undefined;
}
