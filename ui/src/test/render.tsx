import { render } from '@testing-library/react';
import { StrictMode } from 'react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { vi } from 'vitest';
import { App } from '../App';
import { SESSION_KEY, type Role, type Session } from '../session';

/** Shows the router's current path (and query) so tests can assert redirects. */
function LocationProbe() {
  const { pathname, search } = useLocation();
  return <output data-testid="location">{pathname + search}</output>;
}

export function renderApp(path: string, { strict = false } = {}) {
  const tree = (
    <MemoryRouter initialEntries={[path]}>
      <App />
      <LocationProbe />
    </MemoryRouter>
  );
  return render(strict ? <StrictMode>{tree}</StrictMode> : tree);
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function apiError(status: number, code: string, message: string, field: string | null = null): Response {
  return jsonResponse(status, { error: { code, message, field } });
}

export function makeSession(overrides: Partial<Session> & { role?: Role } = {}): Session {
  const { role = 'OWNER', ...rest } = overrides;
  const organization = { id: 'o1', name: 'Acme', role };
  return {
    accessToken: 'tok-abc',
    refreshToken: 'ref-abc',
    expiresIn: 1800,
    user: { id: 'u1', email: 'ann@example.com', displayName: 'Ann Lee' },
    organization,
    organizations: [organization],
    ...rest,
  };
}

/** Puts a session into sessionStorage, as after a sign-in. */
export function signedIn(overrides: Partial<Session> & { role?: Role } = {}): Session {
  const session = makeSession(overrides);
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}

export function storedSession(): Session | null {
  const raw = sessionStorage.getItem(SESSION_KEY);
  return raw ? (JSON.parse(raw) as Session) : null;
}

export interface Call {
  method: string;
  url: string;
  body: unknown;
  auth: string | null;
}

type Handler = (call: Call) => Response | Promise<Response>;

/**
 * Stubs fetch with routes keyed "METHOD /path"; a route may be one handler or a list used in
 * turn (the last one repeats). Unrouted calls answer the generic JSON 404.
 */
export function mockApi(routes: Record<string, Handler | Handler[]>) {
  const calls: Call[] = [];
  const seen = new Map<string, number>();
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const call: Call = { method, url, body, auth: new Headers(init?.headers).get('Authorization') };
    calls.push(call);
    const key = `${method} ${url}`;
    const route = routes[key];
    if (!route) return apiError(404, 'not_found', `No API route for ${url}`);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const handler = Array.isArray(route) ? route[Math.min(n, route.length - 1)] : route;
    return handler(call);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    fetchMock,
    calls,
    /** The calls to one route, e.g. callsTo('POST /api/auth/refresh'). */
    callsTo(key: string): Call[] {
      return calls.filter((c) => `${c.method} ${c.url}` === key);
    },
  };
}

/** The text of the element an input's aria-describedby points at (all of them, joined). */
export function describedText(input: HTMLElement): string | null {
  const ids = input.getAttribute('aria-describedby');
  if (!ids) return null;
  return ids
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}
