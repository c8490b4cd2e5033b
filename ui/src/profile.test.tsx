import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  apiError,
  describedText,
  jsonResponse,
  mockApi,
  noContent,
  renderApp,
  signedIn,
  storedSession,
} from './test/render';
import { browserTimeZone, effectiveTimeZone } from './timeZone';

const ciToken = {
  id: 't1',
  name: 'CI export',
  role: 'VIEWER',
  createdAt: '2026-01-05T10:00:00Z',
  expiresAt: '2026-04-05T10:00:00Z',
  lastUsedAt: null,
};

describe('profile', () => {
  it('saves the display name and shows it in the header', async () => {
    signedIn();
    const api = mockApi({
      'GET /api/me/tokens': () => jsonResponse(200, []),
      'PATCH /api/me': (call) =>
        jsonResponse(200, {
          user: { id: 'u1', email: 'ann@example.com', displayName: (call.body as { displayName: string }).displayName },
          organization: { id: 'o1', name: 'Acme', role: 'OWNER' },
          organizations: [{ id: 'o1', name: 'Acme', role: 'OWNER' }],
        }),
    });
    renderApp('/profile');
    const user = userEvent.setup();
    const name = screen.getByLabelText('Display name');
    expect(name).toHaveValue('Ann Lee');
    await user.clear(name);
    await user.type(name, 'Ann Lee-Smith');
    await user.click(screen.getByTestId('profile-name-submit'));

    expect(await screen.findByTestId('form-message')).toHaveTextContent('Your name is saved.');
    expect(api.callsTo('PATCH /api/me')[0].body).toEqual({ displayName: 'Ann Lee-Smith' });
    expect(screen.getByTestId('profile-link')).toHaveTextContent('Ann Lee-Smith');
    expect(storedSession()?.user.displayName).toBe('Ann Lee-Smith');
  });

  it('chooses a time zone from every zone, or the browser default, and runs follow it', async () => {
    signedIn();
    const api = mockApi({
      'GET /api/me/tokens': () => jsonResponse(200, []),
      'PATCH /api/me': (call) =>
        jsonResponse(200, {
          user: { id: 'u1', email: 'ann@example.com', displayName: 'Ann Lee', timeZone: (call.body as { timeZone: string | null }).timeZone },
          organization: { id: 'o1', name: 'Acme', role: 'OWNER' },
          organizations: [{ id: 'o1', name: 'Acme', role: 'OWNER' }],
        }),
    });
    renderApp('/profile');
    const user = userEvent.setup();
    const select = screen.getByTestId('profile-time-zone');
    const options = within(select).getAllByRole('option');
    expect(options[0]).toHaveTextContent(`Browser default (${browserTimeZone()})`);
    expect(options[0]).toHaveValue('');
    expect(options.length).toBe(Intl.supportedValuesOf('timeZone').length + 1);
    expect(select).toHaveValue('');

    await user.selectOptions(select, 'Asia/Tokyo');
    await user.click(screen.getByTestId('profile-time-zone-submit'));
    await waitFor(() => expect(api.callsTo('PATCH /api/me')).toHaveLength(1));
    expect(api.callsTo('PATCH /api/me')[0].body).toEqual({ timeZone: 'Asia/Tokyo' });
    expect(await screen.findByText('Dates and times now follow Asia/Tokyo.')).toBeInTheDocument();
    expect(storedSession()?.user.timeZone).toBe('Asia/Tokyo');
    expect(effectiveTimeZone()).toBe('Asia/Tokyo');

    await user.selectOptions(select, '');
    await user.click(screen.getByTestId('profile-time-zone-submit'));
    await waitFor(() => expect(api.callsTo('PATCH /api/me')).toHaveLength(2));
    expect(api.callsTo('PATCH /api/me')[1].body).toEqual({ timeZone: null });
    await waitFor(() => expect(storedSession()?.user.timeZone).toBeUndefined());
    expect(effectiveTimeZone()).toBe(browserTimeZone());
  });

  it('shows the server’s word on a time zone it refuses', async () => {
    signedIn({ user: { id: 'u1', email: 'ann@example.com', displayName: 'Ann Lee', timeZone: 'Europe/Paris' } });
    mockApi({
      'GET /api/me/tokens': () => jsonResponse(200, []),
      'PATCH /api/me': () => apiError(400, 'invalid', "'Europe/Paris' is not a time zone; use an IANA name.", 'timeZone'),
    });
    renderApp('/profile');
    const user = userEvent.setup();
    expect(screen.getByTestId('profile-time-zone')).toHaveValue('Europe/Paris');
    await user.click(screen.getByTestId('profile-time-zone-submit'));
    expect(await screen.findByText("'Europe/Paris' is not a time zone; use an IANA name.")).toBeInTheDocument();
  });

  it('changes the email address: new address and current password, then "check your inbox"', async () => {
    signedIn();
    const api = mockApi({
      'GET /api/me/tokens': () => jsonResponse(200, []),
      'POST /api/me/email': () => jsonResponse(202, { message: 'Check your inbox at ann@new.example.' }),
    });
    renderApp('/profile');
    const form = screen.getByTestId('email-form');
    const user = userEvent.setup();
    await user.type(within(form).getByLabelText('New email address'), 'ann@new.example');
    await user.type(within(form).getByLabelText('Current password'), 'my password');
    await user.click(within(form).getByTestId('email-submit'));

    expect(await within(form).findByTestId('form-message')).toHaveTextContent('Check your inbox at ann@new.example.');
    expect(api.callsTo('POST /api/me/email')[0].body).toEqual({ email: 'ann@new.example', password: 'my password' });
  });

  it('changes the password; the repeat must match and a wrong current password shows at its field', async () => {
    signedIn();
    const api = mockApi({
      'GET /api/me/tokens': () => jsonResponse(200, []),
      'POST /api/me/password': [
        () => apiError(400, 'wrong_password', 'The current password is not right.', 'currentPassword'),
        () => noContent(),
      ],
    });
    renderApp('/profile');
    const form = screen.getByTestId('password-form');
    const user = userEvent.setup();
    await user.type(screen.getByTestId('password-current'), 'old password');
    await user.type(screen.getByTestId('password-new'), 'new password 1');
    await user.type(screen.getByTestId('password-repeat'), 'new password 2');
    await user.click(screen.getByTestId('password-submit'));
    expect(describedText(screen.getByTestId('password-repeat'))).toBe('The two passwords do not match.');
    expect(api.callsTo('POST /api/me/password')).toHaveLength(0);

    await user.clear(screen.getByTestId('password-repeat'));
    await user.type(screen.getByTestId('password-repeat'), 'new password 1');
    await user.click(screen.getByTestId('password-submit'));
    const current = screen.getByTestId('password-current');
    await waitFor(() => expect(current).toHaveAttribute('aria-invalid', 'true'));
    expect(describedText(current)).toBe('The current password is not right.');
    expect(api.callsTo('POST /api/me/password')[0].body).toEqual({
      currentPassword: 'old password',
      newPassword: 'new password 1',
    });

    await user.click(screen.getByTestId('password-submit'));
    expect(await within(form).findByTestId('form-message')).toHaveTextContent('Your password has been changed.');
    expect(screen.getByTestId('password-new')).toHaveValue('');
  });
});

describe('personal API tokens', () => {
  it('lists tokens and teaches when there are none', async () => {
    signedIn();
    mockApi({ 'GET /api/me/tokens': [() => jsonResponse(200, []), () => jsonResponse(200, [ciToken])] });
    const { unmount } = renderApp('/profile');
    expect(await screen.findByTestId('empty-state')).toHaveTextContent(/no API tokens yet/);
    unmount();

    renderApp('/profile');
    const table = await screen.findByTestId('tokens-table');
    const row = within(table).getByTestId('token-row');
    expect(row).toHaveTextContent('CI export');
    expect(row).toHaveTextContent('Viewer');
    expect(within(row).getAllByRole('cell')[4]).toHaveTextContent('Never');
  });

  it('offers roles up to the user’s own and 90 days by default', async () => {
    signedIn({ role: 'MEMBER' });
    mockApi({ 'GET /api/me/tokens': () => jsonResponse(200, []) });
    renderApp('/profile');
    const form = screen.getByTestId('token-create-form');
    const role = within(form).getByLabelText('Role');
    expect([...role.querySelectorAll('option')].map((o) => o.value)).toEqual(['VIEWER', 'MEMBER']);
    expect(within(form).getByLabelText('Expires in (days)')).toHaveValue(90);
  });

  it('shows a new token once, with a Copy button, and never again', async () => {
    signedIn({ role: 'ADMIN' });
    const api = mockApi({
      'GET /api/me/tokens': () => jsonResponse(200, []),
      'POST /api/me/tokens': () =>
        jsonResponse(201, {
          id: 't2',
          name: 'Nightly export',
          role: 'MEMBER',
          createdAt: '2026-03-01T10:00:00Z',
          expiresAt: '2026-05-30T10:00:00Z',
          token: 'slp_0123456789secret',
        }),
    });
    renderApp('/profile');
    await screen.findByTestId('empty-state');
    const form = screen.getByTestId('token-create-form');
    const user = userEvent.setup();
    await user.type(within(form).getByLabelText('Name'), 'Nightly export');
    await user.selectOptions(within(form).getByLabelText('Role'), 'MEMBER');
    await user.clear(within(form).getByLabelText('Expires in (days)'));
    await user.type(within(form).getByLabelText('Expires in (days)'), '30');
    await user.click(within(form).getByTestId('token-create-submit'));

    const value = await screen.findByTestId('token-value');
    expect(value).toHaveValue('slp_0123456789secret');
    expect(value).toHaveAttribute('readonly');
    expect(value).toHaveFocus();
    expect(describedText(value)).toMatch(/only time the token “Nightly export” is shown/);
    expect(screen.getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(api.callsTo('POST /api/me/tokens')[0].body).toEqual({ name: 'Nightly export', role: 'MEMBER', expiresInDays: 30 });
    // Listed without the secret.
    const row = within(screen.getByTestId('tokens-table')).getByTestId('token-row');
    expect(row).toHaveTextContent('Nightly export');
    expect(row).not.toHaveTextContent('secret');

    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText(/Copied to the clipboard|press Ctrl\+C/)).toBeInTheDocument();

    await user.click(screen.getByTestId('token-done'));
    expect(screen.queryByTestId('token-value')).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain('slp_0123456789secret');
    expect(JSON.stringify(sessionStorage)).not.toContain('slp_0123456789secret');
  });

  it('validates the expiry', async () => {
    signedIn();
    const api = mockApi({ 'GET /api/me/tokens': () => jsonResponse(200, []) });
    renderApp('/profile');
    const form = screen.getByTestId('token-create-form');
    const user = userEvent.setup();
    await user.type(within(form).getByLabelText('Name'), 'x');
    await user.clear(within(form).getByLabelText('Expires in (days)'));
    await user.type(within(form).getByLabelText('Expires in (days)'), '0');
    await user.click(within(form).getByTestId('token-create-submit'));
    expect(describedText(within(form).getByLabelText('Expires in (days)'))).toMatch(/from 1 to 365/);
    expect(api.callsTo('POST /api/me/tokens')).toHaveLength(0);
  });

  it('revokes a token after the confirm step', async () => {
    signedIn();
    const api = mockApi({
      'GET /api/me/tokens': () => jsonResponse(200, [ciToken]),
      'DELETE /api/me/tokens/t1': () => noContent(),
    });
    renderApp('/profile');
    const table = await screen.findByTestId('tokens-table');
    const user = userEvent.setup();
    await user.click(within(table).getByRole('button', { name: 'Revoke CI export' }));
    expect(api.callsTo('DELETE /api/me/tokens/t1')).toHaveLength(0);
    expect(within(table).getByText(/Scripts using it stop working/)).toBeInTheDocument();
    await user.click(screen.getByTestId('token-revoke-confirm'));

    expect(await screen.findByText('The token “CI export” was revoked.')).toBeInTheDocument();
    expect(api.callsTo('DELETE /api/me/tokens/t1')).toHaveLength(1);
    expect(screen.queryByTestId('tokens-table')).not.toBeInTheDocument();
    expect(screen.getByTestId('empty-state')).toBeInTheDocument();
  });
});
