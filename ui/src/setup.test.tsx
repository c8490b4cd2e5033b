import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, describedText, jsonResponse, makeSession, mockApi, renderApp, signedIn, storedSession } from './test/render';

const PASSWORD = 'violet-tractor-harbour-93';

async function fillSetup(fields: { email?: string; name?: string; password?: string; org?: string }) {
  const user = userEvent.setup();
  if (fields.email) await user.type(screen.getByTestId('setup-email'), fields.email);
  if (fields.name) await user.type(screen.getByTestId('setup-name'), fields.name);
  if (fields.password) await user.type(screen.getByTestId('setup-password'), fields.password);
  if (fields.org) await user.type(screen.getByTestId('setup-org'), fields.org);
  await user.click(screen.getByTestId('setup-submit'));
}

const DEMO = { id: 'd1', name: 'Demo sales', filters: [], tiles: [], access: 'OWNER' };

describe('setup page (SPEC A-10)', () => {
  it('takes the token from the link, creates the owner and lands signed in on the demo dashboard', async () => {
    const api = mockApi({
      'GET /api/setup': () => jsonResponse(200, { required: true }),
      'POST /api/setup': () => jsonResponse(200, makeSession({ accessToken: 'tok-setup' })),
      'GET /api/dashboards': () => jsonResponse(200, [DEMO]),
    });
    renderApp('/setup?token=abc_DEF-123');
    expect(screen.getByTestId('setup-token')).toHaveValue('abc_DEF-123');
    await fillSetup({ email: 'root@example.com', name: 'Root', password: PASSWORD, org: 'Acme' });

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/dashboards/d1'));
    expect(storedSession()?.accessToken).toBe('tok-setup');
    expect(api.callsTo('POST /api/setup')[0].body).toEqual({
      token: 'abc_DEF-123',
      email: 'root@example.com',
      displayName: 'Root',
      password: PASSWORD,
      organizationName: 'Acme',
    });
  });

  it('checks the fields before calling the server, the token first', async () => {
    const api = mockApi({ 'GET /api/setup': () => jsonResponse(200, { required: true }) });
    renderApp('/setup');
    await fillSetup({ email: 'not-an-email' });
    expect(describedText(screen.getByTestId('setup-token'))).toMatch(/setup token/);
    expect(screen.getByTestId('setup-token')).toHaveFocus();
    expect(describedText(screen.getByTestId('setup-email'))).toMatch(/name@example\.com/);
    expect(api.callsTo('POST /api/setup')).toHaveLength(0);
  });

  it('shows a wrong token at the token field', async () => {
    mockApi({
      'GET /api/setup': () => jsonResponse(200, { required: true }),
      'POST /api/setup': () => apiError(403, 'forbidden', 'The setup token is wrong.', 'token'),
    });
    renderApp('/setup?token=nope');
    await fillSetup({ email: 'root@example.com', name: 'Root', password: PASSWORD, org: 'Acme' });
    await waitFor(() => expect(describedText(screen.getByTestId('setup-token'))).toMatch('The setup token is wrong.'));
    expect(screen.getByTestId('setup-token')).toHaveAttribute('aria-invalid', 'true');
    expect(storedSession()).toBeNull();
  });

  it('says setup is done once an owner exists', async () => {
    mockApi({ 'GET /api/setup': () => jsonResponse(200, { required: false }) });
    renderApp('/setup?token=old');
    expect(await screen.findByTestId('setup-done')).toHaveTextContent(/already has its owner/);
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
  });

  it('says so when the server answers 404 to a late setup', async () => {
    mockApi({
      'GET /api/setup': () => jsonResponse(200, { required: true }),
      'POST /api/setup': () => apiError(404, 'not_found', 'Setup is done: sign in instead.'),
    });
    renderApp('/setup?token=abc');
    await fillSetup({ email: 'root@example.com', name: 'Root', password: PASSWORD, org: 'Acme' });
    expect(await screen.findByTestId('setup-done')).toBeInTheDocument();
  });
});

describe('setup notice on the sign-in and sign-up pages', () => {
  it.each(['/login', '/signup'])('%s links to the setup page while setup is due', async (path) => {
    mockApi({ 'GET /api/setup': () => jsonResponse(200, { required: true }) });
    renderApp(path);
    const notice = await screen.findByTestId('setup-notice');
    expect(notice).toHaveTextContent('Finish setup first: open the link printed in the server console');
    expect(within(notice).getByTestId('setup-link')).toHaveAttribute('href', '/setup');
  });

  it.each(['/login', '/signup'])('%s shows no notice once setup is done', async (path) => {
    const api = mockApi({ 'GET /api/setup': () => jsonResponse(200, { required: false }) });
    renderApp(path);
    await waitFor(() => expect(api.callsTo('GET /api/setup')).toHaveLength(1));
    expect(screen.queryByTestId('setup-notice')).toBeNull();
  });
});

describe('home page', () => {
  it('opens the only dashboard there is (the demo after setup)', async () => {
    signedIn();
    mockApi({ 'GET /api/dashboards': () => jsonResponse(200, [DEMO]) });
    renderApp('/');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/dashboards/d1'));
  });

  it('lists the dashboards when there are several, and /dashboards itself never jumps', async () => {
    signedIn();
    mockApi({ 'GET /api/dashboards': () => jsonResponse(200, [DEMO, { ...DEMO, id: 'd2', name: 'Mine' }]) });
    renderApp('/');
    expect(await screen.findByTestId('dashboard-list')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/dashboards?home');
  });

  it('stays on the list when opened directly with one dashboard', async () => {
    signedIn();
    mockApi({ 'GET /api/dashboards': () => jsonResponse(200, [DEMO]) });
    renderApp('/dashboards');
    expect(await screen.findByTestId('dashboard-list')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/dashboards$/);
  });
});

describe('admin mail panel (SPEC A-11)', () => {
  const KEYS = ['smtp.host', 'smtp.password', 'smtp.port', 'smtp.security', 'smtp.trust', 'smtp.username', 'from.address'];

  it('says mail is not configured, where emails go, and which keys to set', async () => {
    signedIn({ role: 'ADMIN' });
    mockApi({
      'GET /api/admin/mail': () =>
        jsonResponse(200, { configured: false, host: null, fromAddress: 'sightline@localhost', configFile: 'etc/io.sightline.notify.cfg', keys: KEYS }),
    });
    renderApp('/admin');
    const notice = await screen.findByTestId('mail-not-configured');
    expect(notice).toHaveTextContent('Mail is not configured: emails are written to the server log');
    expect(notice).toHaveTextContent('etc/io.sightline.notify.cfg');
    expect(within(screen.getByTestId('mail-keys')).getAllByRole('listitem').map((li) => li.textContent)).toEqual(KEYS);
  });

  it('names the SMTP host when mail is configured', async () => {
    signedIn({ role: 'OWNER' });
    mockApi({
      'GET /api/admin/mail': () =>
        jsonResponse(200, { configured: true, host: 'smtp.example.com', fromAddress: 'bi@example.com', configFile: 'etc/io.sightline.notify.cfg', keys: KEYS }),
    });
    renderApp('/admin');
    expect(await screen.findByTestId('mail-configured')).toHaveTextContent('smtp.example.com');
    expect(screen.queryByTestId('mail-not-configured')).toBeNull();
  });

  it('is not shown to Members', async () => {
    signedIn({ role: 'MEMBER' });
    const api = mockApi({});
    renderApp('/admin');
    expect(await screen.findByTestId('admin-members')).toBeInTheDocument();
    expect(screen.queryByTestId('mail-panel')).toBeNull();
    expect(api.callsTo('GET /api/admin/mail')).toHaveLength(0);
  });
});

describe('empty lists say how to add the first item (SPEC U-5)', () => {
  it('models: Admins are told to add one, Members who writes them', async () => {
    signedIn({ role: 'ADMIN' });
    mockApi({ 'GET /api/models': () => jsonResponse(200, []) });
    const { unmount } = renderApp('/models');
    expect(await screen.findByTestId('empty-state')).toHaveTextContent(/Choose Add model, pick the data source/);
    unmount();
    signedIn({ role: 'MEMBER' });
    renderApp('/models');
    expect(await screen.findByTestId('empty-state')).toHaveTextContent(/An Admin or Owner of Acme writes models/);
  });

  it.each([
    ['/dashboards', 'GET /api/dashboards', /create a dashboard above/],
    ['/reports', 'GET /api/reports', /Choose New report, write a query/],
    ['/datasources', 'GET /api/datasources', /choose Add data source/],
  ])('%s', async (path, route, text) => {
    signedIn({ role: 'OWNER' });
    mockApi({ [route]: () => jsonResponse(200, []) });
    renderApp(path);
    expect(await screen.findByTestId('empty-state')).toHaveTextContent(text);
  });
});
