import { createContext, useCallback, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { request } from './api';
import { endSession, readSession, saveSession, subscribeSession, type Profile, type Session } from './session';

interface AuthState {
  session: Session | null;
  /** The access token, or null when signed out. */
  token: string | null;
  signIn(session: Session): void;
  signOut(): void;
  /** Takes the {user, organization, organizations} of a /api/me answer into the session. */
  updateProfile(profile: Profile & Partial<Session>): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const session = useSyncExternalStore(subscribeSession, readSession, readSession);

  const signIn = useCallback((next: Session) => saveSession(next), []);

  const signOut = useCallback(() => {
    const old = readSession();
    endSession('signed-out');
    // Best effort: the session is over on this side whatever the server says.
    if (old) void request('POST', '/api/auth/logout', undefined, { Authorization: `Bearer ${old.accessToken}` });
  }, []);

  const updateProfile = useCallback((profile: Profile & Partial<Session>) => {
    const current = readSession();
    if (current) saveSession({ ...current, ...profile });
  }, []);

  const value = useMemo(
    () => ({ session, token: session?.accessToken ?? null, signIn, signOut, updateProfile }),
    [session, signIn, signOut, updateProfile],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an <AuthProvider>');
  return auth;
}

/** For pages inside RequireAuth, where a session always exists. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}
