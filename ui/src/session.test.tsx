import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  apiError,
  jsonResponse,
  makeSession,
  mockApi,
  renderApp,
  signedIn,
  storedSession,
} from './test/render';

const MEMBERS = 'GET /api/orgs/o1/members';
const ME = { id: 'm1', userId: 'u1', email: 'ann@example.com', displayName: 'Ann Lee', role: 'OWNER', createdAt: '2026-01-05T10:00:00Z' };
const expired = () => apiError(401, 'token_expired', 'Your session has expired.');

describe('authenticated calls', () => {
  it('send the access token', async () => {
    signedIn();
    const api = mockApi({ [MEMBERS]: () => jsonResponse(200, [ME]), 'GET /api/orgs/o1/invitations': () => jsonResponse(200, []) });
    renderApp('/admin/members');
    await screen.findByTestId('members-table');
    expect(api.callsTo(MEMBERS)[0].auth).toBe('Bearer tok-abc');
  });

  it('on a 401 refresh once, keep the new session and retry the call', async () => {
    signedIn();
    const renewed = makeSession({ accessToken: 'tok-new', refreshToken: 'ref-new' });
    const api = mockApi({
      [MEMBERS]: [expired, () => jsonResponse(200, [ME])],
      'GET /api/orgs/o1/invitations': [expired, () => jsonResponse(200, [])],
      'POST /api/auth/refresh': () => jsonResponse(200, renewed),
    });
    renderApp('/admin/members');

    expect(await screen.findByTestId('members-table')).toHaveTextContent('Ann Lee');
    // Two calls failed together; they share one refresh.
    expect(api.callsTo('POST /api/auth/refresh')).toHaveLength(1);
    expect(api.callsTo('POST /api/auth/refresh')[0].body).toEqual({ refreshToken: 'ref-abc' });
    expect(api.callsTo(MEMBERS).map((c) => c.auth)).toEqual(['Bearer tok-abc', 'Bearer tok-new']);
    await waitFor(() =>
      expect(api.callsTo('GET /api/orgs/o1/invitations').map((c) => c.auth)).toEqual([
        'Bearer tok-abc',
        'Bearer tok-new',
      ]),
    );
    expect(storedSession()).toEqual(renewed);
    expect(screen.getByTestId('location')).toHaveTextContent('/admin/members');
  });

  it('after a failed refresh go to /login, then back to the page after signing in', async () => {
    signedIn();
    const api = mockApi({
      [MEMBERS]: [expired, () => jsonResponse(200, [ME])],
      'GET /api/orgs/o1/invitations': () => jsonResponse(200, []),
      'POST /api/auth/refresh': () => apiError(401, 'invalid_refresh_token', 'Sign in again.'),
      'POST /api/auth/login': () => jsonResponse(200, makeSession({ accessToken: 'tok-2' })),
    });
    renderApp('/admin/members?tab=all');

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/login$/));
    expect(storedSession()).toBeNull();
    expect(screen.getByTestId('session-ended')).toHaveTextContent('Your session has ended.');
    expect(api.callsTo('POST /api/auth/refresh')).toHaveLength(1);

    const user = userEvent.setup();
    await user.type(screen.getByTestId('login-email'), 'ann@example.com');
    await user.type(screen.getByTestId('login-password'), 'secret pass');
    await user.click(screen.getByTestId('login-submit'));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/admin/members?tab=all'));
    expect(await screen.findByTestId('members-table')).toBeInTheDocument();
    expect(api.callsTo(MEMBERS).at(-1)?.auth).toBe('Bearer tok-2');
  });

  it('a retry that is refused again also ends the session', async () => {
    signedIn();
    mockApi({
      [MEMBERS]: expired,
      'GET /api/orgs/o1/invitations': () => jsonResponse(200, []),
      'POST /api/auth/refresh': () => jsonResponse(200, makeSession({ accessToken: 'tok-new' })),
    });
    renderApp('/admin/members');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/login$/));
    expect(storedSession()).toBeNull();
  });

  it('keep the session when the refresh cannot reach the server', async () => {
    signedIn();
    const api = mockApi({
      [MEMBERS]: expired,
      'GET /api/orgs/o1/invitations': () => jsonResponse(200, []),
      'POST /api/auth/refresh': () => Promise.reject(new TypeError('offline')),
    });
    renderApp('/admin/members');
    expect(await screen.findByTestId('form-error')).toHaveTextContent('the server could not be reached');
    expect(storedSession()?.accessToken).toBe('tok-abc');
    expect(screen.getByTestId('location')).toHaveTextContent('/admin/members');
    expect(api.callsTo('POST /api/auth/refresh')).toHaveLength(1);
  });
});
