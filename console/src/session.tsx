/**
 * The signed-in user, as the gateway's session says (GET /sessions/current): sign-in, sign-out,
 * and the moment the gateway answers 401, the session is over and the app shows the expiry screen.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiFailure, answer, api, onUnauthenticated } from './api/client';
import type { paths } from './api/schema';

/** The session as the gateway's OpenAPI document describes GET /sessions/current's answer. */
export type Session = paths['/sessions/current']['get']['responses'][200]['content']['application/json']['session'];

type SessionState =
  | { phase: 'loading' }
  | { phase: 'signedOut'; expired: boolean }
  | { phase: 'signedIn'; session: Session };

interface SessionApi {
  state: SessionState;
  signIn(username: string, password: string): Promise<Session>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ phase: 'loading' });

  useEffect(() => {
    let live = true;
    answer<{ session: Session }>(api.GET('/sessions/current'))
      .then(({ session }) => live && setState({ phase: 'signedIn', session }))
      .catch((err: unknown) => live && setState({ phase: 'signedOut', expired: err instanceof ApiFailure && err.code === 'SESSION_EXPIRED' }));
    return () => {
      live = false;
    };
  }, []);

  // Any 401 of any call ends the session on screen; a sign-in attempt's own 401 is its answer, not an expiry.
  useEffect(
    () =>
      onUnauthenticated((code) => {
        if (code === 'INVALID_CREDENTIALS') return;
        setState((s) => (s.phase === 'signedIn' ? { phase: 'signedOut', expired: true } : s));
      }),
    [],
  );

  const signIn = useCallback(async (username: string, password: string) => {
    const { session } = await answer<{ session: Session }>(api.POST('/sessions', { body: { username, password } }));
    setState({ phase: 'signedIn', session });
    return session;
  }, []);

  const signOut = useCallback(async () => {
    await answer<unknown>(api.DELETE('/sessions/current')).catch(() => undefined);
    setState({ phase: 'signedOut', expired: false });
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSessionState outside SessionProvider');
  return ctx;
}

/** The session of a signed-in screen (only rendered inside the signed-in layout). */
export function useSession(): Session {
  const { state } = useSessionState();
  if (state.phase !== 'signedIn') throw new Error('useSession without a session');
  return state.session;
}
