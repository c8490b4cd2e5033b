import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { postJson } from './api';

const TOKEN_KEY = 'sightline.accessToken';

export function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

interface AuthState {
  token: string | null;
  signIn(token: string): void;
  signOut(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(readToken);

  const signIn = useCallback((next: string) => {
    sessionStorage.setItem(TOKEN_KEY, next);
    setToken(next);
  }, []);

  const signOut = useCallback(() => {
    const old = readToken();
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
    // Best effort: the session is over on this side whatever the server says.
    void postJson('/api/auth/logout', {}, old ? { Authorization: `Bearer ${old}` } : {});
  }, []);

  const value = useMemo(() => ({ token, signIn, signOut }), [token, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an <AuthProvider>');
  return auth;
}
