import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, describedText, jsonResponse, mockApi, noContent, renderApp, signedIn } from './test/render';
import type { Role } from './session';

const postgresql = {
  id: 'postgresql',
  displayName: 'PostgreSQL',
  defaultPort: 5432,
  options: { currentSchema: 'Schema searched first', applicationName: 'Name shown in pg_stat_activity' },
};
const mariadb = {
  id: 'mariadb',
  displayName: 'MariaDB/MySQL',
  defaultPort: 3306,
  options: { useCompression: 'Compress traffic between Sightline and the server' },
};

const sales = {
  id: 'ds1',
  name: 'Sales DB',
  driver: 'postgresql',
  driverName: 'PostgreSQL',
  driverAvailable: true,
  host: 'db.example.com',
  port: 5432,
  database: 'sales',
  user: 'reader',
  password: { set: true },
  options: { currentSchema: 'public' },
  tls: { mode: 'VERIFY_FULL', caCertificate: null },
  ssh: null,
  readOnlyEnforced: true,
  queryTimeoutSeconds: 120,
  cacheTtlSeconds: 3600,
  operatorDefined: false,
  writeAccess: { canWrite: true, detail: 'INSERT, UPDATE on 3 tables' },
  server: { product: 'PostgreSQL', version: '15.19', timeZone: 'UTC', maxConnections: 100 },
  metadataReadAt: '2026-11-23T08:00:00Z',
  createdAt: '2026-11-20T08:00:00Z',
  updatedAt: '2026-11-22T08:00:00Z',
};

const legacy = {
  ...sales,
  id: 'ds2',
  name: 'Legacy',
  driver: 'derby',
  driverName: 'Apache Derby',
  driverAvailable: false,
  host: 'legacy.internal',
  port: 1527,
  database: 'app',
  options: {},
  ssh: {
    host: 'bastion.example.com',
    port: 22,
    user: 'tunnel',
    privateKey: { set: true },
    passphrase: { set: true },
    password: { set: false },
    hostKeyFingerprint: 'SHA256:oldKEY',
  },
  readOnlyEnforced: false,
  writeAccess: { canWrite: false, detail: null },
};

/** The demo data source ops define in etc/: an embedded H2 database, so no host and port 0. */
const demo = {
  ...sales,
  id: 'demo1',
  name: 'Demo sales',
  driver: 'h2',
  driverName: 'H2',
  host: '',
  port: 0,
  database: 'demo/sales',
  user: 'DEMO_READER',
  options: {},
  tls: null,
  queryTimeoutSeconds: 60,
  cacheTtlSeconds: 3600,
  operatorDefined: true,
  writeAccess: { canWrite: false, detail: null },
  server: { product: 'H2', version: '2.3.232', timeZone: 'UTC', maxConnections: null },
};

const OPERATOR_NOTE = 'Set up by your operators in etc/; it cannot be changed here.';
const TTL_RANGE = 'From 0 (never cache) to 86400 seconds (24 hours).';

const outbound = { addresses: ['10.0.0.5', '2001:db8::5'], note: 'Both nodes of the cluster connect from these.' };

function dsApi(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/datasources': () => jsonResponse(200, [sales, legacy]),
    'GET /api/datasources/outbound-addresses': () => jsonResponse(200, outbound),
    'GET /api/drivers': () => jsonResponse(200, [postgresql, mariadb]),
    ...extra,
  });
}

function asRole(role: Role) {
  signedIn({ role });
}

/** Replaces a field's text. */
async function typeInto(user: ReturnType<typeof userEvent.setup>, testId: string, text: string) {
  const input = screen.getByTestId(testId);
  await user.clear(input);
  if (text) await user.type(input, text);
}

async function openNewForm() {
  renderApp('/datasources/new');
  const form = await screen.findByTestId('datasource-form');
  return { form, user: userEvent.setup() };
}

/** The connection fields of a new PostgreSQL data source. */
async function fillConnection(user: ReturnType<typeof userEvent.setup>) {
  await typeInto(user, 'ds-name', 'Sales DB');
  await typeInto(user, 'ds-host', 'db.example.com');
  await typeInto(user, 'ds-database', 'sales');
  await typeInto(user, 'ds-user', 'reader');
}

const BASE_BODY = {
  name: 'Sales DB',
  driver: 'postgresql',
  host: 'db.example.com',
  port: 5432,
  database: 'sales',
  user: 'reader',
  options: {},
  tls: { mode: 'VERIFY_FULL', caCertificate: null },
  ssh: null,
  readOnlyEnforced: true,
  queryTimeoutSeconds: 120,
  cacheTtlSeconds: 3600,
};

describe('data sources list', () => {
  it('lists data sources with their driver, connection and badges', async () => {
    asRole('ADMIN');
    const api = dsApi();
    renderApp('/datasources');
    const table = await screen.findByTestId('datasources-table');
    expect(api.callsTo('GET /api/datasources')[0].auth).toBe('Bearer tok-abc');

    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Name',
      'Driver',
      'Connection',
      'Safety',
      'Links',
    ]);
    const [first, second] = within(table).getAllByTestId('datasource-row');
    expect(within(first).getByRole('link', { name: 'Sales DB' })).toHaveAttribute('href', '/datasources/ds1');
    expect(first).toHaveTextContent('PostgreSQL');
    expect(first).toHaveTextContent('db.example.com:5432/sales');
    expect(within(first).getByTestId('read-only-badge')).toHaveTextContent('Read-only');
    expect(within(first).getByTestId('write-warning')).toHaveTextContent('User can write');
    expect(first).toHaveTextContent('INSERT, UPDATE on 3 tables');
    expect(within(first).queryByTestId('driver-missing')).not.toBeInTheDocument();
    expect(within(first).getByRole('link', { name: 'Schema of Sales DB' })).toHaveAttribute('href', '/datasources/ds1/schema');
    expect(within(first).getByRole('link', { name: 'Edit Sales DB' })).toHaveAttribute('href', '/datasources/ds1');

    expect(within(second).getByTestId('driver-missing')).toHaveTextContent('Driver not installed');
    expect(second).toHaveTextContent('through SSH at bastion.example.com');
    expect(within(second).queryByTestId('read-only-badge')).not.toBeInTheDocument();
    expect(within(second).queryByTestId('write-warning')).not.toBeInTheDocument();

    expect(screen.getByTestId('datasource-add')).toHaveAttribute('href', '/datasources/new');
    expect(screen.queryByTestId('empty-state')).not.toBeInTheDocument();
  });

  it('shows the addresses Sightline connects from (DS-8)', async () => {
    asRole('OWNER');
    dsApi();
    renderApp('/datasources');
    const panel = screen.getByTestId('outbound-panel');
    expect(within(panel).getByRole('heading', { name: 'Connections come from' })).toBeInTheDocument();
    await waitFor(() =>
      expect(within(panel).getAllByTestId('outbound-address').map((a) => a.textContent)).toEqual(['10.0.0.5', '2001:db8::5']),
    );
    expect(panel).toHaveTextContent('Both nodes of the cluster connect from these.');
    expect(panel).toHaveTextContent('allow them in');
  });

  it('shows a Viewer a read-only list, without Add or Edit', async () => {
    asRole('VIEWER');
    const api = dsApi();
    renderApp('/datasources');
    const table = await screen.findByTestId('datasources-table');
    expect(screen.queryByTestId('datasource-add')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Add data source' })).not.toBeInTheDocument();
    expect(screen.getByTestId('datasources-readonly')).toHaveTextContent('Only Admins and Owners can add or change data sources.');
    const [first] = within(table).getAllByTestId('datasource-row');
    // The name leads to what a Viewer can do: browse the schema.
    expect(within(first).getByRole('link', { name: 'Sales DB' })).toHaveAttribute('href', '/datasources/ds1/schema');
    expect(within(first).queryByRole('link', { name: 'Edit Sales DB' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('outbound-panel')).not.toBeInTheDocument();
    expect(api.callsTo('GET /api/datasources/outbound-addresses')).toHaveLength(0);
  });

  it('teaches an Admin how to add the first data source', async () => {
    asRole('ADMIN');
    dsApi({ 'GET /api/datasources': () => jsonResponse(200, []) });
    renderApp('/datasources');
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('Connect your PostgreSQL, MariaDB/MySQL, Derby or H2 database');
    expect(empty).toHaveTextContent('Test connection');
    expect(screen.queryByTestId('datasources-table')).not.toBeInTheDocument();
    expect(screen.getByTestId('datasource-add')).toBeInTheDocument();
  });

  it('tells a Member who connects the first data source', async () => {
    asRole('MEMBER');
    dsApi({ 'GET /api/datasources': () => jsonResponse(200, []) });
    renderApp('/datasources');
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('An Admin or Owner of Acme connects your PostgreSQL, MariaDB/MySQL, Derby or H2 database here');
    expect(screen.queryByTestId('datasource-add')).not.toBeInTheDocument();
  });

  it('says in plain words when the list cannot be loaded', async () => {
    asRole('ADMIN');
    dsApi({ 'GET /api/datasources': () => new Response('<html>Bad gateway</html>', { status: 502 }) });
    renderApp('/datasources');
    expect(await screen.findByTestId('form-error')).toHaveTextContent(
      'Loading data sources is not available right now: the server answered 502.',
    );
  });

  it('leads from Add data source to the form', async () => {
    asRole('ADMIN');
    dsApi();
    renderApp('/datasources');
    await userEvent.setup().click(screen.getByTestId('datasource-add'));
    expect(screen.getByTestId('location')).toHaveTextContent('/datasources/new');
    expect(await screen.findByTestId('datasource-form')).toBeInTheDocument();
    expect(screen.getByTestId('page-title')).toHaveTextContent('Add a data source');
  });
});

describe('adding a data source', () => {
  it('labels every field and offers the installed drivers', async () => {
    asRole('ADMIN');
    dsApi();
    const { user } = await openNewForm();
    for (const label of [
      'Name',
      'Driver',
      'Host',
      'Port',
      'Database',
      'User',
      'Password',
      'Query timeout (seconds)',
      'Cache results for (seconds)',
    ]) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
    const driver = screen.getByTestId('ds-driver');
    expect([...driver.querySelectorAll('option')].map((o) => [o.value, o.textContent])).toEqual([
      ['postgresql', 'PostgreSQL'],
      ['mariadb', 'MariaDB/MySQL'],
    ]);
    // The port shows the driver's default until one is typed.
    expect(screen.getByTestId('ds-port')).toHaveAttribute('placeholder', '5432');
    await user.selectOptions(driver, 'mariadb');
    expect(screen.getByTestId('ds-port')).toHaveAttribute('placeholder', '3306');
    expect(screen.getByTestId('ds-port-hint')).toHaveTextContent('Empty: 3306, the MariaDB/MySQL default.');
    expect(screen.getByTestId('ds-password')).toHaveAttribute('type', 'password');
    expect(screen.getByTestId('ds-password')).toHaveAttribute('autocomplete', 'new-password');
    expect(screen.getByTestId('ds-read-only')).toBeChecked();
    expect(screen.getByTestId('ds-timeout')).toHaveValue('120');
    expect(screen.getByTestId('ds-cache-ttl')).toHaveValue('3600');
    expect(describedText(screen.getByTestId('ds-cache-ttl'))).toBe('0 = never cache; at most 86400 (24 h)');
    expect(screen.getByTestId('ds-tls-mode-VERIFY_FULL')).toBeChecked();
    expect(screen.getByTestId('ds-ssh-toggle')).not.toBeChecked();
    expect(screen.queryByTestId('ds-delete')).not.toBeInTheDocument();
  });

  it('posts the form, then opens the new data source with the write-access warning', async () => {
    asRole('ADMIN');
    const api = dsApi({ 'POST /api/datasources': () => jsonResponse(201, sales) });
    const { user } = await openNewForm();
    await fillConnection(user);
    await typeInto(user, 'ds-password', 's3cret pw');
    await user.click(screen.getByTestId('ds-save'));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/datasources\/ds1$/));
    const post = api.callsTo('POST /api/datasources')[0];
    expect(post.auth).toBe('Bearer tok-abc');
    expect(post.body).toEqual({ ...BASE_BODY, password: 's3cret pw' });

    expect(await screen.findByTestId('form-message')).toHaveTextContent('Sales DB was added.');
    expect(screen.getByTestId('ds-write-warning')).toHaveTextContent(
      'This user can change data (INSERT, UPDATE on 3 tables). Sightline runs every query read-only, but a read-only database user is safer.',
    );
    expect(screen.getByTestId('page-title')).toHaveTextContent('Edit Sales DB');
    expect(screen.getByTestId('ds-password-hint')).toHaveTextContent('Set — type a new one to replace it');
    // The view came with the navigation: no reload of the list.
    expect(api.callsTo('GET /api/datasources')).toHaveLength(0);
  });

  it('picks up the write access read just after saving', async () => {
    asRole('ADMIN');
    const fresh = { ...sales, writeAccess: null, server: null, metadataReadAt: null, updatedAt: '2026-11-23T09:00:00.123456Z' };
    const api = dsApi({
      'POST /api/datasources': () => jsonResponse(201, fresh),
      'GET /api/datasources/ds1': [
        () => jsonResponse(200, fresh),
        () => jsonResponse(200, { ...sales, updatedAt: fresh.updatedAt, metadataReadAt: '2026-11-23T09:00:00.5Z' }),
      ],
    });
    const { user } = await openNewForm();
    await fillConnection(user);
    await user.click(screen.getByTestId('ds-save'));
    expect(await screen.findByTestId('form-message')).toHaveTextContent('Sales DB was added.');
    expect(screen.queryByTestId('ds-write-warning')).toBeNull();
    expect(await screen.findByTestId('ds-write-warning', {}, { timeout: 4000 })).toHaveTextContent('INSERT, UPDATE on 3 tables');
    expect(api.callsTo('GET /api/datasources/ds1').length).toBeGreaterThanOrEqual(2);
  });

  it('sends no password when none was typed', async () => {
    asRole('OWNER');
    const api = dsApi({ 'POST /api/datasources': () => jsonResponse(201, { ...sales, password: { set: false }, writeAccess: null }) });
    const { user } = await openNewForm();
    await fillConnection(user);
    await user.click(screen.getByTestId('ds-save'));
    await waitFor(() => expect(api.callsTo('POST /api/datasources')).toHaveLength(1));
    const body = api.callsTo('POST /api/datasources')[0].body as Record<string, unknown>;
    expect(body).toEqual(BASE_BODY);
    expect('password' in body).toBe(false);
    expect(await screen.findByTestId('form-message')).toHaveTextContent('Sales DB was added.');
    expect(screen.queryByTestId('ds-write-warning')).not.toBeInTheDocument();
  });

  it('sends options, TLS, SSH and safety settings', async () => {
    asRole('ADMIN');
    const api = dsApi({ 'POST /api/datasources': () => jsonResponse(201, sales) });
    const { user } = await openNewForm();
    await fillConnection(user);
    await typeInto(user, 'ds-port', '6432');

    await user.click(screen.getByTestId('ds-option-add'));
    const row = screen.getByTestId('ds-option-row');
    expect(within(row).getByTestId('ds-option-key')).toHaveFocus();
    await user.type(within(row).getByTestId('ds-option-key'), 'currentSchema');
    expect(within(row).getByTestId('ds-option-key-hint')).toHaveTextContent('Schema searched first');
    await user.type(within(row).getByTestId('ds-option-value'), 'reporting');

    await user.click(screen.getByTestId('ds-tls-mode-VERIFY_CA'));
    await user.click(screen.getByTestId('ds-ca'));
    await user.paste('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----');

    await user.click(screen.getByTestId('ds-ssh-toggle'));
    await typeInto(user, 'ds-ssh-host', 'bastion.example.com');
    await typeInto(user, 'ds-ssh-user', 'tunnel');
    await user.click(screen.getByTestId('ds-ssh-key'));
    await user.paste('-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----');
    await typeInto(user, 'ds-ssh-fingerprint', 'SHA256:abc');

    await user.click(screen.getByTestId('ds-read-only'));
    await typeInto(user, 'ds-timeout', '30');
    await typeInto(user, 'ds-cache-ttl', '0');
    await user.click(screen.getByTestId('ds-save'));

    await waitFor(() => expect(api.callsTo('POST /api/datasources')).toHaveLength(1));
    expect(api.callsTo('POST /api/datasources')[0].body).toEqual({
      ...BASE_BODY,
      port: 6432,
      options: { currentSchema: 'reporting' },
      tls: { mode: 'VERIFY_CA', caCertificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' },
      ssh: {
        host: 'bastion.example.com',
        port: 22,
        user: 'tunnel',
        privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----',
        hostKeyFingerprint: 'SHA256:abc',
      },
      readOnlyEnforced: false,
      queryTimeoutSeconds: 30,
      cacheTtlSeconds: 0,
    });
  });

  it('explains each TLS mode and asks for a CA certificate only when one is checked', async () => {
    asRole('ADMIN');
    dsApi();
    const { user } = await openNewForm();
    const disable = screen.getByTestId('ds-tls-mode-DISABLE');
    expect(describedText(disable)).toMatch(/No encryption/);
    expect(describedText(screen.getByTestId('ds-tls-mode-REQUIRE'))).toMatch(/does not check the server’s certificate/);
    expect(screen.getByTestId('ds-ca')).toBeInTheDocument();
    await user.click(disable);
    expect(screen.queryByTestId('ds-ca')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('ds-tls-mode-REQUIRE'));
    expect(screen.queryByTestId('ds-ca')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('ds-tls-mode-VERIFY_FULL'));
    expect(screen.getByLabelText('CA certificate (optional)')).toBeInTheDocument();
  });

  it('checks the form before sending and focuses the first error', async () => {
    asRole('ADMIN');
    const api = dsApi();
    const { user } = await openNewForm();
    await typeInto(user, 'ds-port', '99999');
    await user.click(screen.getByTestId('ds-save'));

    expect(await screen.findByTestId('ds-name-error')).toHaveTextContent('Name the data source');
    expect(screen.getByTestId('ds-host-error')).toHaveTextContent('Enter the host name or IP address');
    expect(screen.getByTestId('ds-port-error')).toHaveTextContent('Enter a port from 1 to 65535.');
    await waitFor(() => expect(screen.getByTestId('ds-name')).toHaveFocus());
    expect(screen.getByTestId('ds-name')).toHaveAttribute('aria-invalid', 'true');
    expect(api.callsTo('POST /api/datasources')).toHaveLength(0);

    // Typing clears that field's error.
    await user.type(screen.getByTestId('ds-name'), 'S');
    expect(screen.queryByTestId('ds-name-error')).not.toBeInTheDocument();
    expect(screen.getByTestId('ds-host-error')).toBeInTheDocument();
  });

  it('asks for the SSH host key before saving a tunnel', async () => {
    asRole('ADMIN');
    const api = dsApi();
    const { user } = await openNewForm();
    await fillConnection(user);
    await user.click(screen.getByTestId('ds-ssh-toggle'));
    await typeInto(user, 'ds-ssh-host', 'bastion.example.com');
    await typeInto(user, 'ds-ssh-user', 'tunnel');
    await user.click(screen.getByTestId('ds-ssh-auth-password'));
    await typeInto(user, 'ds-ssh-password', 'tunnel-pw');
    await user.click(screen.getByTestId('ds-save'));
    expect(await screen.findByTestId('ds-ssh-fingerprint-error')).toHaveTextContent(
      'Test the connection to see the key the SSH server presents',
    );
    await waitFor(() => expect(screen.getByTestId('ds-ssh-fingerprint')).toHaveFocus());
    expect(api.callsTo('POST /api/datasources')).toHaveLength(0);
  });

  it('shows a refused option at its row', async () => {
    asRole('ADMIN');
    dsApi({
      'POST /api/datasources': () =>
        apiError(
          400,
          'option_not_allowed',
          'allowLoadLocalInfile is not allowed: it lets the database server read files on the Sightline server.',
          'options.allowLoadLocalInfile',
        ),
    });
    const { user } = await openNewForm();
    await user.selectOptions(screen.getByTestId('ds-driver'), 'mariadb');
    await fillConnection(user);
    await user.click(screen.getByTestId('ds-option-add'));
    await user.click(screen.getByTestId('ds-option-add'));
    const [first, second] = screen.getAllByTestId('ds-option-row');
    await user.type(within(first).getByTestId('ds-option-key'), 'useCompression');
    await user.type(within(first).getByTestId('ds-option-value'), 'true');
    await user.type(within(second).getByTestId('ds-option-key'), 'allowLoadLocalInfile');
    expect(within(second).getByTestId('ds-option-key-hint')).toHaveTextContent(
      'MariaDB/MySQL does not list this option; the server will refuse it.',
    );
    await user.type(within(second).getByTestId('ds-option-value'), 'true');
    await user.click(screen.getByTestId('ds-save'));

    const error = await within(second).findByTestId('ds-option-key-error');
    expect(error).toHaveTextContent('allowLoadLocalInfile is not allowed');
    const key = within(second).getByTestId('ds-option-key');
    expect(key).toHaveAttribute('aria-invalid', 'true');
    expect(describedText(key)).toContain('allowLoadLocalInfile is not allowed');
    await waitFor(() => expect(key).toHaveFocus());
    expect(within(first).queryByTestId('ds-option-key-error')).not.toBeInTheDocument();
    expect(screen.queryByTestId('form-error')).not.toBeInTheDocument();

    // Removing the row removes its error; the option is not sent any more.
    await user.click(within(second).getByRole('button', { name: 'Remove allowLoadLocalInfile' }));
    expect(screen.getAllByTestId('ds-option-row')).toHaveLength(1);
    expect(screen.getByTestId('ds-option-add')).toHaveFocus();
  });

  it('shows an error about an option the form has no row for at the options editor', async () => {
    asRole('ADMIN');
    dsApi({ 'POST /api/datasources': () => apiError(400, 'invalid', 'ssl must be on for this server.', 'options.ssl') });
    const { user } = await openNewForm();
    await fillConnection(user);
    await user.click(screen.getByTestId('ds-save'));
    expect(await screen.findByTestId('ds-options-error')).toHaveTextContent('ssl must be on for this server.');
    await waitFor(() => expect(screen.getByTestId('ds-option-add')).toHaveFocus());
    expect(describedText(screen.getByTestId('ds-option-add'))).toBe('ssl must be on for this server.');
  });

  it('shows a host error at the host field', async () => {
    asRole('ADMIN');
    dsApi({
      'POST /api/datasources': () => apiError(400, 'invalid', 'db.example.con does not resolve to an address.', 'host'),
    });
    const { user } = await openNewForm();
    await fillConnection(user);
    await user.click(screen.getByTestId('ds-save'));
    expect(await screen.findByTestId('ds-host-error')).toHaveTextContent('db.example.con does not resolve to an address.');
    await waitFor(() => expect(screen.getByTestId('ds-host')).toHaveFocus());
    expect(screen.getByTestId('ds-host')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows an error without a field of the form next to the buttons', async () => {
    asRole('ADMIN');
    dsApi({ 'POST /api/datasources': () => apiError(409, 'name_taken', 'There is already a data source named Sales DB.', 'nickname') });
    const { user } = await openNewForm();
    await fillConnection(user);
    await user.click(screen.getByTestId('ds-save'));
    expect(await screen.findByTestId('form-error')).toHaveTextContent('There is already a data source named Sales DB.');
  });

  it('says how drivers get installed when there is none', async () => {
    asRole('ADMIN');
    dsApi({ 'GET /api/drivers': () => jsonResponse(200, []) });
    renderApp('/datasources/new');
    expect(await screen.findByTestId('no-drivers')).toHaveTextContent('feature:install sightline-driver-postgresql');
    expect(screen.queryByTestId('datasource-form')).not.toBeInTheDocument();
  });

  it.each(['VIEWER', 'MEMBER'] as const)('tells a %s that only Admins and Owners add data sources', (role) => {
    asRole(role);
    const api = dsApi();
    renderApp('/datasources/new');
    expect(screen.getByTestId('datasource-forbidden')).toHaveTextContent('Only Admins and Owners can add or change data sources.');
    expect(screen.queryByTestId('datasource-form')).not.toBeInTheDocument();
    expect(api.calls).toHaveLength(0);
  });
});

describe('testing a connection', () => {
  const failedAuth = {
    ok: false,
    steps: [
      { step: 'DNS', ok: true, millis: 2, message: 'db.example.com is 10.0.0.7' },
      { step: 'TCP', ok: true, millis: 3, message: 'Connected to 10.0.0.7:5432' },
      { step: 'TLS', ok: true, millis: 12, message: 'TLSv1.3, certificate for db.example.com' },
      { step: 'AUTHENTICATION', ok: false, millis: 40, message: 'Password authentication failed for user reader.' },
    ],
    server: null,
    writeAccess: null,
  };

  it('tests the unsaved form and lists each step', async () => {
    asRole('ADMIN');
    const api = dsApi({ 'POST /api/datasources/test': () => jsonResponse(200, failedAuth) });
    const { user } = await openNewForm();
    await fillConnection(user);
    await typeInto(user, 'ds-password', 'wrong');
    await user.click(screen.getByTestId('ds-test'));

    const result = await screen.findByTestId('test-result');
    expect(api.callsTo('POST /api/datasources/test')[0].body).toEqual({ ...BASE_BODY, password: 'wrong' });
    expect(within(result).getByRole('heading')).toHaveTextContent('Connection failed at Sign-in');
    const steps = within(result).getAllByTestId('test-step');
    expect(steps).toHaveLength(4);
    expect(steps[0]).toHaveTextContent('✓');
    expect(steps[0]).toHaveTextContent('DNS lookup, passed');
    expect(steps[0]).toHaveTextContent('2 ms');
    expect(steps[0]).toHaveTextContent('db.example.com is 10.0.0.7');
    expect(steps[3]).toHaveTextContent('✗');
    expect(steps[3]).toHaveTextContent('Sign-in, failed');
    expect(steps[3]).toHaveTextContent('40 ms');
    expect(steps[3]).toHaveTextContent('Password authentication failed for user reader.');
    expect(screen.getByText('The connection failed at Sign-in: Password authentication failed for user reader.')).toBeInTheDocument();
    // A test saves nothing.
    expect(api.callsTo('POST /api/datasources')).toHaveLength(0);
  });

  it('shows the server and the write-access warning of a working connection', async () => {
    asRole('ADMIN');
    dsApi({
      'POST /api/datasources/test': () =>
        jsonResponse(200, {
          ok: true,
          steps: [
            { step: 'TCP', ok: true, millis: 3, message: 'Connected.' },
            { step: 'AUTHENTICATION', ok: true, millis: 20, message: 'Signed in as reader.' },
            { step: 'QUERY', ok: true, millis: 5, message: 'SELECT 1 answered.' },
          ],
          server: sales.server,
          writeAccess: sales.writeAccess,
        }),
    });
    const { user } = await openNewForm();
    await fillConnection(user);
    await user.click(screen.getByTestId('ds-test'));
    const result = await screen.findByTestId('test-result');
    expect(within(result).getByRole('heading')).toHaveTextContent('Connection works');
    expect(within(result).getAllByTestId('test-step').every((s) => s.textContent?.includes('✓'))).toBe(true);
    expect(within(result).getByTestId('test-server')).toHaveTextContent(
      'Server: PostgreSQL 15.19, time zone UTC, up to 100 connections.',
    );
    expect(within(result).getByTestId('test-write-warning')).toHaveTextContent('This user can change data (INSERT, UPDATE on 3 tables).');
  });

  it('confirms the key an SSH server presents into the fingerprint field', async () => {
    asRole('ADMIN');
    const presented = 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8';
    const api = dsApi({
      'POST /api/datasources/test': [
        () =>
          jsonResponse(200, {
            ok: false,
            steps: [
              { step: 'DNS', ok: true, millis: 1, message: 'bastion.example.com is 10.0.0.9' },
              { step: 'TCP', ok: true, millis: 2, message: 'Connected to 10.0.0.9:22' },
              { step: 'SSH', ok: false, millis: 30, message: 'The SSH server’s host key is not known yet.', hostKeyFingerprint: presented },
            ],
            server: null,
            writeAccess: null,
          }),
        () => jsonResponse(200, { ok: true, steps: [{ step: 'SSH', ok: true, millis: 25, message: 'Tunnel open.' }], server: null, writeAccess: null }),
      ],
      'POST /api/datasources': () => jsonResponse(201, sales),
    });
    const { user } = await openNewForm();
    await fillConnection(user);
    await user.click(screen.getByTestId('ds-ssh-toggle'));
    await typeInto(user, 'ds-ssh-host', 'bastion.example.com');
    await typeInto(user, 'ds-ssh-user', 'tunnel');
    await user.click(screen.getByTestId('ds-ssh-key'));
    await user.paste('KEY');
    // A test needs no confirmed key: it is how the admin learns it.
    await user.click(screen.getByTestId('ds-test'));

    const key = await screen.findByTestId('ssh-key-presented');
    expect(key).toHaveTextContent(`The SSH server presented key ${presented} — check it with the server’s admin, then confirm.`);
    expect(api.callsTo('POST /api/datasources/test')[0].body).toMatchObject({
      ssh: { host: 'bastion.example.com', port: 22, user: 'tunnel', privateKey: 'KEY', hostKeyFingerprint: null },
    });
    await user.click(within(key).getByRole('button', { name: 'Confirm this key' }));
    expect(screen.getByTestId('ds-ssh-fingerprint')).toHaveValue(presented);
    expect(screen.getByTestId('ssh-key-confirmed')).toHaveTextContent('Test again');
    expect(screen.getByTestId('ssh-key-confirmed')).toHaveFocus();

    await user.click(screen.getByTestId('ds-test'));
    await waitFor(() => expect(api.callsTo('POST /api/datasources/test')).toHaveLength(2));
    expect(api.callsTo('POST /api/datasources/test')[1].body).toMatchObject({ ssh: { hostKeyFingerprint: presented } });
    await waitFor(() => expect(within(screen.getByTestId('test-result')).getByRole('heading')).toHaveTextContent('Connection works'));

    await user.click(screen.getByTestId('ds-save'));
    await waitFor(() => expect(api.callsTo('POST /api/datasources')).toHaveLength(1));
    expect(api.callsTo('POST /api/datasources')[0].body).toMatchObject({ ssh: { hostKeyFingerprint: presented } });
  });

  it('warns when the SSH server presents another key than the confirmed one', async () => {
    asRole('ADMIN');
    dsApi({
      'POST /api/datasources/ds2/test': () =>
        jsonResponse(200, {
          ok: false,
          steps: [{ step: 'SSH', ok: false, millis: 30, message: 'Host key mismatch.', hostKeyFingerprint: 'SHA256:newKEY' }],
          server: null,
          writeAccess: null,
        }),
    });
    renderApp('/datasources/ds2');
    await screen.findByTestId('datasource-form');
    await userEvent.setup().click(screen.getByTestId('ds-test'));
    const key = await screen.findByTestId('ssh-key-presented');
    expect(key).toHaveTextContent('This is not the key confirmed before (SHA256:oldKEY)');
  });

  it('tests a saved, unchanged data source as stored, and an edited one with its id', async () => {
    asRole('ADMIN');
    const ok = { ok: true, steps: [{ step: 'TCP', ok: true, millis: 1, message: 'Connected.' }], server: null, writeAccess: null };
    const api = dsApi({
      'POST /api/datasources/ds1/test': () => jsonResponse(200, ok),
      'POST /api/datasources/test': () => jsonResponse(200, ok),
    });
    renderApp('/datasources/ds1');
    await screen.findByTestId('datasource-form');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('ds-test'));
    await screen.findByTestId('test-result');
    expect(api.callsTo('POST /api/datasources/ds1/test')).toHaveLength(1);
    expect(api.callsTo('POST /api/datasources/ds1/test')[0].body).toBeUndefined();

    await typeInto(user, 'ds-host', 'db2.example.com');
    await user.click(screen.getByTestId('ds-test'));
    await waitFor(() => expect(api.callsTo('POST /api/datasources/test')).toHaveLength(1));
    const body = api.callsTo('POST /api/datasources/test')[0].body as Record<string, unknown>;
    expect(body).toMatchObject({ id: 'ds1', host: 'db2.example.com' });
    // The stored password is used: none is sent.
    expect('password' in body).toBe(false);
  });

  it('shows a failed test request in plain words next to the button', async () => {
    asRole('ADMIN');
    dsApi({ 'POST /api/datasources/test': () => new Response(null, { status: 503 }) });
    const { user } = await openNewForm();
    await fillConnection(user);
    await user.click(screen.getByTestId('ds-test'));
    const error = await screen.findByTestId('ds-test-error');
    expect(error).toHaveTextContent('Testing connections is not available right now: the server answered 503.');
    expect(screen.getByTestId('ds-test')).toHaveAttribute('aria-describedby', error.id);
    expect(screen.queryByTestId('test-result')).not.toBeInTheDocument();
  });
});

describe('editing a data source', () => {
  it('loads the data source into the form, secrets only as Set or Not set', async () => {
    asRole('ADMIN');
    dsApi();
    renderApp('/datasources/ds2');
    await screen.findByTestId('datasource-form');
    expect(screen.getByTestId('page-title')).toHaveTextContent('Edit Legacy');
    expect(screen.getByTestId('ds-name')).toHaveValue('Legacy');
    expect(screen.getByTestId('ds-host')).toHaveValue('legacy.internal');
    expect(screen.getByTestId('ds-port')).toHaveValue('1527');
    expect(screen.getByTestId('ds-password')).toHaveValue('');
    expect(screen.getByTestId('ds-password-hint')).toHaveTextContent('Set — type a new one to replace it');
    expect(screen.getByTestId('ds-ssh-toggle')).toBeChecked();
    expect(screen.getByTestId('ds-ssh-host')).toHaveValue('bastion.example.com');
    expect(screen.getByTestId('ds-ssh-auth-key')).toBeChecked();
    expect(screen.getByTestId('ds-ssh-key')).toHaveValue('');
    expect(screen.getByTestId('ds-ssh-key-hint')).toHaveTextContent('Set —');
    expect(screen.getByTestId('ds-ssh-fingerprint')).toHaveValue('SHA256:oldKEY');
    expect(screen.getByTestId('ds-read-only')).not.toBeChecked();
    // Its driver module is gone: said, and still selectable.
    expect(screen.getByTestId('ds-driver-missing')).toHaveTextContent('The Apache Derby driver is not installed');
    expect(screen.getByTestId('ds-driver')).toHaveValue('derby');
    expect(screen.getByRole('option', { name: 'Apache Derby (not installed)' })).toBeInTheDocument();
    expect(screen.getByTestId('ds-schema-link')).toHaveAttribute('href', '/datasources/ds2/schema');
  });

  it('PUTs the changes, keeping secrets that were not replaced', async () => {
    asRole('OWNER');
    const api = dsApi({
      'PUT /api/datasources/ds1': (call) => jsonResponse(200, { ...sales, ...(call.body as object), password: { set: true } }),
    });
    renderApp('/datasources/ds1');
    await screen.findByTestId('datasource-form');
    const user = userEvent.setup();
    expect(screen.getAllByTestId('ds-option-key').map((k) => (k as HTMLInputElement).value)).toEqual(['currentSchema']);
    await typeInto(user, 'ds-host', 'db2.example.com');
    await user.click(screen.getByTestId('ds-save'));

    await waitFor(() => expect(api.callsTo('PUT /api/datasources/ds1')).toHaveLength(1));
    const body = api.callsTo('PUT /api/datasources/ds1')[0].body as Record<string, unknown>;
    expect(body).toEqual({ ...BASE_BODY, host: 'db2.example.com', options: { currentSchema: 'public' } });
    expect('password' in body).toBe(false);
    expect(await screen.findByTestId('form-message')).toHaveTextContent('Sales DB was saved.');
    expect(screen.getByTestId('ds-write-warning')).toHaveTextContent('This user can change data (INSERT, UPDATE on 3 tables).');
    expect(screen.getByTestId('ds-host')).toHaveValue('db2.example.com');
  });

  it('sends "" for a secret the admin removes, and the new one for a replaced secret', async () => {
    asRole('ADMIN');
    const api = dsApi({ 'PUT /api/datasources/ds2': () => jsonResponse(200, legacy) });
    renderApp('/datasources/ds2');
    await screen.findByTestId('datasource-form');
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Remove the stored password' }));
    expect(screen.getByTestId('ds-password-hint')).toHaveTextContent('Will be removed when you save.');
    expect(screen.getByTestId('ds-password-undo')).toBeInTheDocument();
    await user.click(screen.getByTestId('ds-ssh-key'));
    await user.paste('NEW KEY');
    await user.click(screen.getByTestId('ds-save'));

    await waitFor(() => expect(api.callsTo('PUT /api/datasources/ds2')).toHaveLength(1));
    const body = api.callsTo('PUT /api/datasources/ds2')[0].body as { password?: string; ssh: Record<string, unknown> };
    expect(body.password).toBe('');
    expect(body.ssh).toEqual({
      host: 'bastion.example.com',
      port: 22,
      user: 'tunnel',
      privateKey: 'NEW KEY',
      hostKeyFingerprint: 'SHA256:oldKEY',
    });
    // The stored passphrase is kept: not sent.
    expect('passphrase' in body.ssh).toBe(false);
  });

  it('keeps a secret after all when Remove is undone', async () => {
    asRole('ADMIN');
    const api = dsApi({ 'PUT /api/datasources/ds1': () => jsonResponse(200, sales) });
    renderApp('/datasources/ds1');
    await screen.findByTestId('datasource-form');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('ds-password-remove'));
    await user.click(screen.getByRole('button', { name: 'Keep the stored password' }));
    await user.click(screen.getByTestId('ds-save'));
    await waitFor(() => expect(api.callsTo('PUT /api/datasources/ds1')).toHaveLength(1));
    expect('password' in (api.callsTo('PUT /api/datasources/ds1')[0].body as object)).toBe(false);
  });

  it('removes the key and passphrase when the tunnel switches to password sign-in', async () => {
    asRole('ADMIN');
    const api = dsApi({ 'PUT /api/datasources/ds2': () => jsonResponse(200, legacy) });
    renderApp('/datasources/ds2');
    await screen.findByTestId('datasource-form');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('ds-ssh-auth-password'));
    expect(screen.queryByTestId('ds-ssh-key')).not.toBeInTheDocument();
    expect(screen.getByTestId('ds-ssh-password-hint')).toHaveTextContent('Not set.');
    await typeInto(user, 'ds-ssh-password', 'tunnel-pw');
    await user.click(screen.getByTestId('ds-save'));
    await waitFor(() => expect(api.callsTo('PUT /api/datasources/ds2')).toHaveLength(1));
    const ssh = (api.callsTo('PUT /api/datasources/ds2')[0].body as { ssh: object }).ssh;
    expect(ssh).toEqual({
      host: 'bastion.example.com',
      port: 22,
      user: 'tunnel',
      privateKey: '',
      passphrase: '',
      password: 'tunnel-pw',
      hostKeyFingerprint: 'SHA256:oldKEY',
    });
  });

  it('turns the tunnel off with ssh: null', async () => {
    asRole('ADMIN');
    const api = dsApi({ 'PUT /api/datasources/ds2': () => jsonResponse(200, { ...legacy, ssh: null }) });
    renderApp('/datasources/ds2');
    await screen.findByTestId('datasource-form');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('ds-ssh-toggle'));
    expect(screen.queryByTestId('ds-ssh-fields')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('ds-save'));
    await waitFor(() => expect(api.callsTo('PUT /api/datasources/ds2')).toHaveLength(1));
    expect((api.callsTo('PUT /api/datasources/ds2')[0].body as { ssh: unknown }).ssh).toBeNull();
  });

  it('deletes only after the confirm step, then lists the rest', async () => {
    asRole('ADMIN');
    const api = dsApi({
      'DELETE /api/datasources/ds1': () => noContent(),
      'GET /api/datasources': [() => jsonResponse(200, [sales, legacy]), () => jsonResponse(200, [legacy])],
    });
    renderApp('/datasources/ds1');
    await screen.findByTestId('datasource-form');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete Sales DB' }));
    expect(api.callsTo('DELETE /api/datasources/ds1')).toHaveLength(0);
    expect(screen.getByText('Delete Sales DB? Queries and dashboards that use it stop working.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(screen.getByTestId('ds-delete-confirm'));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/datasources$/));
    expect(api.callsTo('DELETE /api/datasources/ds1')).toHaveLength(1);
    expect(screen.getByTestId('form-message')).toHaveTextContent('Sales DB was deleted.');
    await waitFor(() => expect(screen.getAllByTestId('datasource-row')).toHaveLength(1));
  });

  it('shows a failed delete next to the button', async () => {
    asRole('ADMIN');
    dsApi({ 'DELETE /api/datasources/ds1': () => apiError(409, 'in_use', 'Sales DB is used by 3 dashboards.') });
    renderApp('/datasources/ds1');
    await screen.findByTestId('datasource-form');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('ds-delete'));
    await user.click(screen.getByTestId('ds-delete-confirm'));
    expect(await screen.findByTestId('ds-delete-error')).toHaveTextContent('Sales DB is used by 3 dashboards.');
    expect(screen.getByTestId('location')).toHaveTextContent('/datasources/ds1');
  });

  it('says when the data source does not exist', async () => {
    asRole('ADMIN');
    dsApi();
    renderApp('/datasources/nope');
    expect(await screen.findByTestId('datasource-missing')).toHaveTextContent('There is no such data source in Acme');
  });

  it('sends a Viewer to the schema instead of the form', () => {
    asRole('VIEWER');
    const api = dsApi();
    renderApp('/datasources/ds1');
    const notice = screen.getByTestId('datasource-forbidden');
    expect(within(notice).getByRole('link', { name: 'Browse its schema' })).toHaveAttribute('href', '/datasources/ds1/schema');
    expect(api.calls).toHaveLength(0);
  });
});

describe('TLS client certificate (DS-3)', () => {
  const CERT = '-----BEGIN CERTIFICATE-----\nMIIBclient\n-----END CERTIFICATE-----';
  const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEkey\n-----END PRIVATE KEY-----';
  const NEW_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEnew\n-----END PRIVATE KEY-----';
  const OPENSSL = 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem';
  /** Sales DB signing in with a client certificate; its key stored in the vault. */
  const certified = {
    ...sales,
    tls: { mode: 'VERIFY_FULL', caCertificate: null, clientCertificate: CERT, clientKey: { set: true } },
  };

  function certApi(extra: Parameters<typeof mockApi>[0] = {}) {
    return dsApi({ 'GET /api/datasources': () => jsonResponse(200, [certified, legacy]), ...extra });
  }

  async function openCertified() {
    renderApp('/datasources/ds1');
    await screen.findByTestId('datasource-form');
    return userEvent.setup();
  }

  /** Pastes `text` into an empty field (user.type would read the braces of PEM-free text as keys). */
  async function pasteInto(user: ReturnType<typeof userEvent.setup>, testId: string, text: string) {
    await user.click(screen.getByTestId(testId));
    await user.paste(text);
  }

  it('asks for them for PostgreSQL with TLS on, not with TLS off or for MariaDB', async () => {
    asRole('ADMIN');
    dsApi();
    const { user } = await openNewForm();
    const cert = screen.getByLabelText('Client certificate (PEM)');
    expect(cert.tagName).toBe('TEXTAREA');
    expect(cert).toHaveAttribute('data-testid', 'ds-tls-client-cert');
    expect(describedText(cert)).toContain('when the database requires a client certificate (PostgreSQL cert authentication)');
    const key = screen.getByLabelText('Client private key (PEM, unencrypted PKCS#8)');
    expect(key.tagName).toBe('TEXTAREA');
    expect(key).toHaveAttribute('data-testid', 'ds-tls-client-key');
    expect(key).toHaveAttribute('autocomplete', 'new-password');
    expect(describedText(key)).toContain('Stored encrypted and never shown again.');
    // A new data source has no stored key: nothing to keep or remove.
    expect(screen.queryByTestId('ds-tls-client-key-remove')).not.toBeInTheDocument();

    // Encrypt only (no CA field) still can present a certificate.
    await user.click(screen.getByTestId('ds-tls-mode-REQUIRE'));
    expect(screen.queryByTestId('ds-ca')).not.toBeInTheDocument();
    expect(screen.getByTestId('ds-tls-client-cert')).toBeInTheDocument();
    expect(screen.getByTestId('ds-tls-client-key')).toBeInTheDocument();

    await user.click(screen.getByTestId('ds-tls-mode-DISABLE'));
    expect(screen.queryByTestId('ds-tls-client-cert')).not.toBeInTheDocument();
    expect(screen.queryByTestId('ds-tls-client-key')).not.toBeInTheDocument();

    await user.click(screen.getByTestId('ds-tls-mode-VERIFY_CA'));
    expect(screen.getByTestId('ds-tls-client-cert')).toBeInTheDocument();
    await user.selectOptions(screen.getByTestId('ds-driver'), 'mariadb');
    expect(screen.queryByTestId('ds-tls-client-fields')).not.toBeInTheDocument();
    expect(screen.queryByTestId('ds-tls-client-cert')).not.toBeInTheDocument();
    expect(screen.queryByTestId('ds-tls-client-key')).not.toBeInTheDocument();
    expect(screen.getByTestId('ds-ca')).toBeInTheDocument();
  });

  it('sends a new certificate and key, then shows the key only as Set', async () => {
    asRole('ADMIN');
    const api = dsApi({ 'POST /api/datasources': () => jsonResponse(201, certified) });
    const { user } = await openNewForm();
    await fillConnection(user);
    await pasteInto(user, 'ds-tls-client-cert', `${CERT}\n`);
    await pasteInto(user, 'ds-tls-client-key', `\n${KEY}\n`);
    await user.click(screen.getByTestId('ds-save'));

    await waitFor(() => expect(api.callsTo('POST /api/datasources')).toHaveLength(1));
    expect(api.callsTo('POST /api/datasources')[0].body).toEqual({
      ...BASE_BODY,
      tls: { mode: 'VERIFY_FULL', caCertificate: null, clientCertificate: CERT, clientKey: KEY },
    });
    expect(await screen.findByTestId('form-message')).toHaveTextContent('Sales DB was added.');
    expect(screen.getByTestId('ds-tls-client-cert')).toHaveValue(CERT);
    expect(screen.getByTestId('ds-tls-client-key')).toHaveValue('');
    expect(screen.getByTestId('ds-tls-client-key-hint')).toHaveTextContent('Set — type a new one to replace it');
    expect(screen.getByTestId('ds-tls-client-key-remove')).toHaveAccessibleName('Remove the stored client private key');
  });

  it('keeps the stored key when it is not touched, and sends a replaced one', async () => {
    asRole('OWNER');
    const api = certApi({ 'PUT /api/datasources/ds1': () => jsonResponse(200, certified) });
    const user = await openCertified();
    expect(screen.getByTestId('ds-tls-client-cert')).toHaveValue(CERT);
    expect(screen.getByTestId('ds-tls-client-key')).toHaveValue('');
    expect(screen.getByTestId('ds-tls-client-key-hint')).toHaveTextContent('Set —');
    expect(screen.getByTestId('ds-tls-client-key')).not.toHaveTextContent('MIIE');

    await typeInto(user, 'ds-host', 'db2.example.com');
    await user.click(screen.getByTestId('ds-save'));
    await waitFor(() => expect(api.callsTo('PUT /api/datasources/ds1')).toHaveLength(1));
    const tls = (api.callsTo('PUT /api/datasources/ds1')[0].body as { tls: Record<string, unknown> }).tls;
    expect(tls).toEqual({ mode: 'VERIFY_FULL', caCertificate: null, clientCertificate: CERT });
    expect('clientKey' in tls).toBe(false);
    expect(await screen.findByTestId('form-message')).toHaveTextContent('Sales DB was saved.');

    await pasteInto(user, 'ds-tls-client-key', NEW_KEY);
    await user.click(screen.getByTestId('ds-save'));
    await waitFor(() => expect(api.callsTo('PUT /api/datasources/ds1')).toHaveLength(2));
    expect((api.callsTo('PUT /api/datasources/ds1')[1].body as { tls: unknown }).tls).toEqual({
      mode: 'VERIFY_FULL',
      caCertificate: null,
      clientCertificate: CERT,
      clientKey: NEW_KEY,
    });
  });

  it('tests an unchanged data source with a certificate as stored', async () => {
    asRole('ADMIN');
    const api = certApi({
      'POST /api/datasources/ds1/test': () =>
        jsonResponse(200, {
          ok: true,
          steps: [{ step: 'TLS', ok: true, millis: 9, message: 'Encrypted (verify-full, with the client certificate).' }],
          server: null,
          writeAccess: null,
        }),
    });
    const user = await openCertified();
    await user.click(screen.getByTestId('ds-test'));
    const result = await screen.findByTestId('test-result');
    expect(api.callsTo('POST /api/datasources/ds1/test')).toHaveLength(1);
    expect(within(result).getByTestId('test-step')).toHaveTextContent('Encrypted (verify-full, with the client certificate).');
  });

  it('removes the key with the certificate: both sent as ""', async () => {
    asRole('ADMIN');
    const api = certApi({ 'PUT /api/datasources/ds1': () => jsonResponse(200, sales) });
    const user = await openCertified();
    await typeInto(user, 'ds-tls-client-cert', '');
    expect(screen.getByTestId('ds-tls-client-cert-hint')).toHaveTextContent(
      'Empty: the stored client certificate and its private key are removed when you save.',
    );
    expect(screen.getByTestId('ds-tls-client-key-hint')).toHaveTextContent('Will be removed with the client certificate when you save.');
    expect(screen.queryByTestId('ds-tls-client-key-remove')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('ds-save'));

    await waitFor(() => expect(api.callsTo('PUT /api/datasources/ds1')).toHaveLength(1));
    expect((api.callsTo('PUT /api/datasources/ds1')[0].body as { tls: unknown }).tls).toEqual({
      mode: 'VERIFY_FULL',
      caCertificate: null,
      clientCertificate: '',
      clientKey: '',
    });
    expect(await screen.findByTestId('form-message')).toHaveTextContent('Sales DB was saved.');
    expect(screen.getByTestId('ds-tls-client-key-hint')).toHaveTextContent('Not set.');
  });

  it('removes a stored certificate when the driver changes to one that cannot use it', async () => {
    asRole('ADMIN');
    const api = certApi({ 'PUT /api/datasources/ds1': () => jsonResponse(200, sales) });
    const user = await openCertified();
    await user.selectOptions(screen.getByTestId('ds-driver'), 'mariadb');
    await user.click(screen.getByTestId('ds-option-remove'));
    expect(screen.queryByTestId('ds-tls-client-cert')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('ds-save'));
    await waitFor(() => expect(api.callsTo('PUT /api/datasources/ds1')).toHaveLength(1));
    expect((api.callsTo('PUT /api/datasources/ds1')[0].body as { tls: unknown }).tls).toEqual({
      mode: 'VERIFY_FULL',
      caCertificate: null,
      clientCertificate: '',
      clientKey: '',
    });
  });

  it('keeps a stored certificate, unused, while TLS is off', async () => {
    asRole('ADMIN');
    const api = certApi({ 'PUT /api/datasources/ds1': () => jsonResponse(200, certified) });
    const user = await openCertified();
    await user.click(screen.getByTestId('ds-tls-mode-DISABLE'));
    expect(screen.queryByTestId('ds-tls-client-cert')).not.toBeInTheDocument();
    expect(screen.getByTestId('ds-tls-client-kept')).toHaveTextContent('kept, unused while TLS is off');
    await user.click(screen.getByTestId('ds-save'));
    await waitFor(() => expect(api.callsTo('PUT /api/datasources/ds1')).toHaveLength(1));
    expect((api.callsTo('PUT /api/datasources/ds1')[0].body as { tls: unknown }).tls).toEqual({ mode: 'DISABLE', caCertificate: null });
  });

  it.each([
    ['a certificate that is not PEM', 'MIIBclient', KEY, 'ds-tls-client-cert', 'Paste the certificate in PEM form, starting with -----BEGIN CERTIFICATE-----.'],
    ['a private key in the certificate field', KEY, KEY, 'ds-tls-client-cert', 'This field takes the certificate only'],
    ['a key that is not PEM', CERT, 'MIIEkey', 'ds-tls-client-key', 'Paste the private key in PEM form'],
    [
      'a passphrase-protected PKCS#8 key',
      CERT,
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHz\n-----END ENCRYPTED PRIVATE KEY-----',
      'ds-tls-client-key',
      `protected by a passphrase, which Sightline cannot use. Convert it to an unencrypted PKCS#8 key with ${OPENSSL}`,
    ],
    [
      'a passphrase-protected OpenSSL key',
      CERT,
      '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,AB\n\nMIIE\n-----END RSA PRIVATE KEY-----',
      'ds-tls-client-key',
      OPENSSL,
    ],
    ['a key without a certificate', '', KEY, 'ds-tls-client-key', 'Paste the client certificate this key belongs to as well'],
    ['a certificate without a key', CERT, '', 'ds-tls-client-key', 'Paste the private key of the client certificate.'],
  ])('refuses %s before sending, at the field', async (_case, cert, key, field, message) => {
    asRole('ADMIN');
    const api = dsApi();
    const { user } = await openNewForm();
    await fillConnection(user);
    if (cert) await pasteInto(user, 'ds-tls-client-cert', cert);
    if (key) await pasteInto(user, 'ds-tls-client-key', key);
    await user.click(screen.getByTestId('ds-save'));

    expect(await screen.findByTestId(`${field}-error`)).toHaveTextContent(message);
    const control = screen.getByTestId(field);
    expect(control).toHaveAttribute('aria-invalid', 'true');
    expect(describedText(control)).toContain(message);
    await waitFor(() => expect(control).toHaveFocus());
    expect(api.callsTo('POST /api/datasources')).toHaveLength(0);
    // A test is refused too: the server would refuse the body.
    await user.click(screen.getByTestId('ds-test'));
    expect(api.callsTo('POST /api/datasources/test')).toHaveLength(0);
  });

  it('needs a new key, or the certificate removed too, when the stored key is removed', async () => {
    asRole('ADMIN');
    const api = certApi();
    const user = await openCertified();
    await user.click(screen.getByRole('button', { name: 'Remove the stored client private key' }));
    expect(screen.getByTestId('ds-tls-client-key-hint')).toHaveTextContent('Will be removed when you save.');
    await user.click(screen.getByTestId('ds-save'));
    expect(await screen.findByTestId('ds-tls-client-key-error')).toHaveTextContent(
      'The client certificate needs its private key: paste a new key, or empty the certificate field to remove both.',
    );
    expect(api.callsTo('PUT /api/datasources/ds1')).toHaveLength(0);
    // Editing the certificate clears the key's error too.
    await typeInto(user, 'ds-tls-client-cert', '');
    expect(screen.queryByTestId('ds-tls-client-key-error')).not.toBeInTheDocument();
  });

  it.each([
    ['tls.clientKey', 'ds-tls-client-key', 'The private key does not belong to the client certificate.'],
    [
      'tls.clientKey',
      'ds-tls-client-key',
      'The private key is protected by a passphrase. Sightline keeps it encrypted in its vault and needs it without one: convert it with openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem and paste the result.',
    ],
    ['tls.clientCertificate', 'ds-tls-client-cert', 'The client certificate has expired.'],
  ])('shows the server’s %s error at its field', async (apiField, testId, message) => {
    asRole('ADMIN');
    dsApi({ 'POST /api/datasources': () => apiError(400, 'invalid', message, apiField) });
    const { user } = await openNewForm();
    await fillConnection(user);
    await pasteInto(user, 'ds-tls-client-cert', CERT);
    await pasteInto(user, 'ds-tls-client-key', KEY);
    await user.click(screen.getByTestId('ds-save'));

    const error = await screen.findByTestId(`${testId}-error`);
    expect(error).toHaveTextContent(message);
    const control = screen.getByTestId(testId);
    expect(control).toHaveAttribute('aria-invalid', 'true');
    expect(describedText(control)).toContain(message);
    await waitFor(() => expect(control).toHaveFocus());
    expect(screen.queryByTestId('form-error')).not.toBeInTheDocument();
    // The typed key is not shown back, and stays for the next try.
    expect(error).not.toHaveTextContent('MIIEkey');
    expect(screen.getByTestId('ds-tls-client-key')).toHaveValue(KEY);
  });

  it('shows a key error of a connection test at the key field', async () => {
    asRole('ADMIN');
    const api = dsApi({
      'POST /api/datasources/test': () =>
        apiError(400, 'invalid', 'The private key does not belong to the client certificate.', 'tls.clientKey'),
    });
    const { user } = await openNewForm();
    await fillConnection(user);
    await pasteInto(user, 'ds-tls-client-cert', CERT);
    await pasteInto(user, 'ds-tls-client-key', KEY);
    await user.click(screen.getByTestId('ds-test'));
    expect(await screen.findByTestId('ds-tls-client-key-error')).toHaveTextContent('does not belong to the client certificate');
    expect(api.callsTo('POST /api/datasources/test')[0].body).toMatchObject({
      tls: { mode: 'VERIFY_FULL', caCertificate: null, clientCertificate: CERT, clientKey: KEY },
    });
    expect(screen.queryByTestId('ds-test-error')).not.toBeInTheDocument();
  });

  it('says "with client certificate" in the details of one defined by ops', async () => {
    asRole('ADMIN');
    const warehouse = {
      ...demo,
      driver: 'postgresql',
      driverName: 'PostgreSQL',
      host: 'warehouse.internal',
      port: 5432,
      tls: { mode: 'VERIFY_FULL', caCertificate: null, clientCertificate: CERT, clientKey: { set: true } },
    };
    dsApi({ 'GET /api/datasources': () => jsonResponse(200, [warehouse, { ...warehouse, id: 'demo2', tls: sales.tls }]) });
    renderApp('/datasources/demo1');
    expect(await screen.findByTestId('ds-detail-tls')).toHaveTextContent(
      /^Encrypt and check the certificate fully \(recommended\), with client certificate$/,
    );
    expect(screen.getByTestId('ds-details')).not.toHaveTextContent('MIIBclient');
  });

  it('does not say "with client certificate" when none is set', async () => {
    asRole('ADMIN');
    dsApi({
      'GET /api/datasources': () =>
        jsonResponse(200, [{ ...demo, driver: 'postgresql', host: 'warehouse.internal', port: 5432, tls: sales.tls }]),
    });
    renderApp('/datasources/demo1');
    expect(await screen.findByTestId('ds-detail-tls')).toHaveTextContent(/^Encrypt and check the certificate fully \(recommended\)$/);
  });
});

describe('result cache lifetime (cacheTtlSeconds)', () => {
  it('sends the default 3600 when the field is left empty', async () => {
    asRole('ADMIN');
    const api = dsApi({ 'POST /api/datasources': () => jsonResponse(201, sales) });
    const { user } = await openNewForm();
    await fillConnection(user);
    await typeInto(user, 'ds-cache-ttl', '');
    await user.click(screen.getByTestId('ds-save'));
    await waitFor(() => expect(api.callsTo('POST /api/datasources')).toHaveLength(1));
    expect(api.callsTo('POST /api/datasources')[0].body).toEqual(BASE_BODY);
  });

  it('loads the stored lifetime and PUTs a changed one', async () => {
    asRole('ADMIN');
    const api = dsApi({
      'GET /api/datasources': () => jsonResponse(200, [{ ...sales, cacheTtlSeconds: 600 }, legacy]),
      'PUT /api/datasources/ds1': (call) => jsonResponse(200, { ...sales, ...(call.body as object) }),
    });
    renderApp('/datasources/ds1');
    await screen.findByTestId('datasource-form');
    const user = userEvent.setup();
    expect(screen.getByTestId('ds-cache-ttl')).toHaveValue('600');
    await typeInto(user, 'ds-cache-ttl', '86400');
    await user.click(screen.getByTestId('ds-save'));
    await waitFor(() => expect(api.callsTo('PUT /api/datasources/ds1')).toHaveLength(1));
    expect(api.callsTo('PUT /api/datasources/ds1')[0].body).toEqual({
      ...BASE_BODY,
      options: { currentSchema: 'public' },
      cacheTtlSeconds: 86400,
    });
    expect(await screen.findByTestId('form-message')).toHaveTextContent('Sales DB was saved.');
    expect(screen.getByTestId('ds-cache-ttl')).toHaveValue('86400');
  });

  it.each(['86401', '-1', '1.5', 'an hour'])('refuses %s before sending, at the field', async (typed) => {
    asRole('ADMIN');
    const api = dsApi();
    const { user } = await openNewForm();
    await fillConnection(user);
    await typeInto(user, 'ds-cache-ttl', typed);
    await user.click(screen.getByTestId('ds-save'));

    const error = await screen.findByTestId('ds-cache-ttl-error');
    expect(error).toHaveTextContent('Enter a whole number of seconds from 0 (never cache) to 86400 (24 hours).');
    const input = screen.getByTestId('ds-cache-ttl');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(describedText(input)).toContain('from 0 (never cache) to 86400');
    await waitFor(() => expect(input).toHaveFocus());
    expect(api.callsTo('POST /api/datasources')).toHaveLength(0);
    // A test is refused too: the server would refuse the body.
    await user.click(screen.getByTestId('ds-test'));
    expect(api.callsTo('POST /api/datasources/test')).toHaveLength(0);
  });

  it.each([
    ['0', 0],
    ['86400', 86400],
    [' 60 ', 60],
  ])('accepts %j and sends %d', async (typed, sent) => {
    asRole('ADMIN');
    const api = dsApi({ 'POST /api/datasources': () => jsonResponse(201, sales) });
    const { user } = await openNewForm();
    await fillConnection(user);
    await typeInto(user, 'ds-cache-ttl', typed);
    await user.click(screen.getByTestId('ds-save'));
    await waitFor(() => expect(api.callsTo('POST /api/datasources')).toHaveLength(1));
    expect(api.callsTo('POST /api/datasources')[0].body).toMatchObject({ cacheTtlSeconds: sent });
    expect(screen.queryByTestId('ds-cache-ttl-error')).not.toBeInTheDocument();
    expect(await screen.findByTestId('form-message')).toHaveTextContent('Sales DB was added.');
  });

  it('shows the server’s cacheTtlSeconds error at the field, until it is edited', async () => {
    asRole('ADMIN');
    dsApi({ 'POST /api/datasources': () => apiError(400, 'invalid', TTL_RANGE, 'cacheTtlSeconds') });
    const { user } = await openNewForm();
    await fillConnection(user);
    await user.click(screen.getByTestId('ds-save'));

    const error = await screen.findByTestId('ds-cache-ttl-error');
    expect(error).toHaveTextContent(TTL_RANGE);
    const input = screen.getByTestId('ds-cache-ttl');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(describedText(input)).toContain(TTL_RANGE);
    await waitFor(() => expect(input).toHaveFocus());
    expect(screen.queryByTestId('form-error')).not.toBeInTheDocument();

    await user.type(input, '0');
    expect(screen.queryByTestId('ds-cache-ttl-error')).not.toBeInTheDocument();
  });
});

describe('data sources defined by ops', () => {
  function demoApi(extra: Parameters<typeof mockApi>[0] = {}) {
    return dsApi({ 'GET /api/datasources': () => jsonResponse(200, [sales, demo]), ...extra });
  }

  it('marks them in the list, without Edit, and shows an embedded database as on the server', async () => {
    asRole('ADMIN');
    demoApi();
    renderApp('/datasources');
    const table = await screen.findByTestId('datasources-table');
    const [first, second] = within(table).getAllByTestId('datasource-row');

    const badge = within(second).getByTestId('ds-operator-defined');
    expect(badge).toHaveTextContent('Defined by ops');
    expect(badge).toHaveAttribute('title', OPERATOR_NOTE);
    // Said to screen readers too, not only as a tooltip.
    expect(badge).toHaveTextContent(OPERATOR_NOTE);
    expect(within(second).getByTestId('ds-embedded')).toHaveTextContent('embedded (on the server)');
    expect(second).toHaveTextContent('database demo/sales');
    expect(second).not.toHaveTextContent(':0');
    expect(within(second).queryByRole('link', { name: 'Edit Demo sales' })).not.toBeInTheDocument();
    expect(within(second).getByRole('link', { name: 'Details of Demo sales' })).toHaveAttribute('href', '/datasources/demo1');
    expect(within(second).getByRole('link', { name: 'Schema of Demo sales' })).toHaveAttribute('href', '/datasources/demo1/schema');

    expect(within(first).queryByTestId('ds-operator-defined')).not.toBeInTheDocument();
    expect(within(first).queryByTestId('ds-embedded')).not.toBeInTheDocument();
    expect(within(first).getByRole('link', { name: 'Edit Sales DB' })).toBeInTheDocument();
  });

  it('shows a Viewer the badge and the schema link only', async () => {
    asRole('VIEWER');
    demoApi();
    renderApp('/datasources');
    const table = await screen.findByTestId('datasources-table');
    const row = within(table).getAllByTestId('datasource-row')[1];
    expect(within(row).getByTestId('ds-operator-defined')).toHaveTextContent('Defined by ops');
    expect(within(row).getByRole('link', { name: 'Demo sales' })).toHaveAttribute('href', '/datasources/demo1/schema');
    expect(within(row).queryByRole('link', { name: 'Details of Demo sales' })).not.toBeInTheDocument();
  });

  it('shows its details read-only, with the note and no Save', async () => {
    asRole('ADMIN');
    const api = demoApi();
    renderApp('/datasources/demo1');
    const details = await screen.findByTestId('ds-details');
    expect(screen.getByTestId('page-title')).toHaveTextContent(/^Demo sales$/);
    const note = screen.getByTestId('ds-operator-note');
    expect(within(note).getByTestId('ds-operator-defined')).toHaveTextContent(/^Defined by ops$/);
    expect(within(note).getByTestId('ds-operator-defined')).toHaveAttribute('title', OPERATOR_NOTE);
    expect(note).toHaveTextContent(OPERATOR_NOTE);

    // Nothing to edit: no form, no inputs, no Save.
    expect(screen.queryByTestId('datasource-form')).not.toBeInTheDocument();
    expect(screen.queryByTestId('ds-save')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    expect(within(details).queryAllByRole('textbox')).toHaveLength(0);
    expect(screen.queryByTestId('ds-name')).not.toBeInTheDocument();
    expect(screen.queryByTestId('ds-cache-ttl')).not.toBeInTheDocument();

    expect(screen.getByTestId('ds-detail-driver')).toHaveTextContent('H2');
    expect(screen.getByTestId('ds-detail-connection')).toHaveTextContent(/^embedded \(on the server\)$/);
    expect(screen.getByTestId('ds-detail-database')).toHaveTextContent('demo/sales');
    expect(screen.getByTestId('ds-detail-user')).toHaveTextContent('DEMO_READER');
    expect(screen.getByTestId('ds-detail-password')).toHaveTextContent('Set');
    expect(screen.queryByTestId('ds-detail-tls')).not.toBeInTheDocument();
    expect(screen.getByTestId('ds-detail-read-only')).toHaveTextContent('Yes');
    expect(screen.getByTestId('ds-detail-timeout')).toHaveTextContent('60 seconds');
    expect(screen.getByTestId('ds-detail-cache-ttl')).toHaveTextContent('3600 seconds (1 hour)');
    expect(screen.getByTestId('ds-detail-server')).toHaveTextContent('H2 2.3.232');

    // Still there: the schema, Test connection and Delete.
    expect(screen.getByTestId('ds-schema-link')).toHaveAttribute('href', '/datasources/demo1/schema');
    expect(screen.getByRole('button', { name: 'Test connection' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete Demo sales' })).toBeInTheDocument();
    expect(api.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('says when one is never cached', async () => {
    asRole('OWNER');
    dsApi({ 'GET /api/datasources': () => jsonResponse(200, [{ ...demo, cacheTtlSeconds: 0 }]) });
    renderApp('/datasources/demo1');
    expect(await screen.findByTestId('ds-detail-cache-ttl')).toHaveTextContent(/^Never cached$/);
  });

  it('tests its connection as stored', async () => {
    asRole('ADMIN');
    const api = demoApi({
      'POST /api/datasources/demo1/test': () =>
        jsonResponse(200, {
          ok: true,
          steps: [{ step: 'QUERY', ok: true, millis: 2, message: 'SELECT 1 answered.' }],
          server: demo.server,
          writeAccess: { canWrite: false, detail: null },
        }),
    });
    renderApp('/datasources/demo1');
    await screen.findByTestId('ds-details');
    await userEvent.setup().click(screen.getByTestId('ds-test'));
    const result = await screen.findByTestId('test-result');
    expect(within(result).getByRole('heading')).toHaveTextContent('Connection works');
    expect(api.callsTo('POST /api/datasources/demo1/test')).toHaveLength(1);
    expect(api.callsTo('POST /api/datasources/demo1/test')[0].body).toBeUndefined();
    expect(api.callsTo('POST /api/datasources/test')).toHaveLength(0);
  });

  it('shows a failed test request in plain words', async () => {
    asRole('ADMIN');
    demoApi({ 'POST /api/datasources/demo1/test': () => new Response(null, { status: 503 }) });
    renderApp('/datasources/demo1');
    await screen.findByTestId('ds-details');
    await userEvent.setup().click(screen.getByTestId('ds-test'));
    expect(await screen.findByTestId('ds-test-error')).toHaveTextContent(
      'Testing connections is not available right now: the server answered 503.',
    );
  });

  it('offers no Confirm for a key an SSH server presents: ops own the definition', async () => {
    asRole('ADMIN');
    const tunnelled = {
      ...demo,
      host: 'warehouse.internal',
      port: 5432,
      ssh: { ...legacy.ssh },
    };
    dsApi({
      'GET /api/datasources': () => jsonResponse(200, [tunnelled]),
      'POST /api/datasources/demo1/test': () =>
        jsonResponse(200, {
          ok: false,
          steps: [{ step: 'SSH', ok: false, millis: 30, message: 'Host key mismatch.', hostKeyFingerprint: 'SHA256:newKEY' }],
          server: null,
          writeAccess: null,
        }),
    });
    renderApp('/datasources/demo1');
    await screen.findByTestId('ds-details');
    expect(screen.getByTestId('ds-detail-connection')).toHaveTextContent('warehouse.internal:5432');
    expect(screen.getByTestId('ds-detail-ssh')).toHaveTextContent('Through bastion.example.com:22 as tunnel');
    await userEvent.setup().click(screen.getByTestId('ds-test'));
    const key = await screen.findByTestId('ssh-key-presented');
    expect(key).toHaveTextContent('SHA256:newKEY');
    expect(key).toHaveTextContent('not the one confirmed before (SHA256:oldKEY)');
    expect(key).toHaveTextContent('ask them to check the key');
    expect(within(key).queryByRole('button', { name: 'Confirm this key' })).not.toBeInTheDocument();
  });

  it('deletes one after the confirm step', async () => {
    asRole('ADMIN');
    const api = demoApi({
      'DELETE /api/datasources/demo1': () => noContent(),
      'GET /api/datasources': [() => jsonResponse(200, [sales, demo]), () => jsonResponse(200, [sales])],
    });
    renderApp('/datasources/demo1');
    await screen.findByTestId('ds-details');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete Demo sales' }));
    expect(api.callsTo('DELETE /api/datasources/demo1')).toHaveLength(0);
    await user.click(screen.getByTestId('ds-delete-confirm'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/datasources$/));
    expect(api.callsTo('DELETE /api/datasources/demo1')).toHaveLength(1);
    expect(screen.getByTestId('form-message')).toHaveTextContent('Demo sales was deleted.');
  });

  it('shows a failed delete next to the button', async () => {
    asRole('ADMIN');
    demoApi({ 'DELETE /api/datasources/demo1': () => apiError(409, 'in_use', 'Demo sales is used by 2 dashboards.') });
    renderApp('/datasources/demo1');
    await screen.findByTestId('ds-details');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('ds-delete'));
    await user.click(screen.getByTestId('ds-delete-confirm'));
    expect(await screen.findByTestId('ds-delete-error')).toHaveTextContent('Demo sales is used by 2 dashboards.');
  });

  it('sends a Viewer to the schema, as for any data source', () => {
    asRole('VIEWER');
    demoApi();
    renderApp('/datasources/demo1');
    expect(screen.getByTestId('datasource-forbidden')).toBeInTheDocument();
    expect(screen.queryByTestId('ds-operator-note')).not.toBeInTheDocument();
  });

  it('says in plain words when the server refuses a change with 409 operator_defined', async () => {
    asRole('ADMIN');
    // An answer that did not (yet) say operatorDefined: the form is offered, the server refuses.
    const api = dsApi({
      'PUT /api/datasources/ds1': () =>
        apiError(
          409,
          'operator_defined',
          'Ops defined this data source in etc/: it cannot be changed here. It can be deleted.',
        ),
    });
    renderApp('/datasources/ds1');
    await screen.findByTestId('datasource-form');
    const user = userEvent.setup();
    await typeInto(user, 'ds-cache-ttl', '60');
    await user.click(screen.getByTestId('ds-save'));
    await waitFor(() => expect(api.callsTo('PUT /api/datasources/ds1')).toHaveLength(1));
    const error = await screen.findByTestId('form-error');
    expect(error).toHaveTextContent(
      'Your operators set up this data source in etc/, so it cannot be changed here: your changes were not saved. You can still test it, browse its schema or delete it.',
    );
    expect(screen.getByRole('alert')).not.toHaveTextContent('operator_defined');
    expect(screen.queryByTestId('form-message')).not.toBeInTheDocument();
    expect(screen.queryByTestId('ds-cache-ttl-error')).not.toBeInTheDocument();
  });
});

describe('database drivers panel', () => {
  it('lists the installed drivers on the Admin page', async () => {
    asRole('ADMIN');
    const api = dsApi();
    renderApp('/admin');
    const panel = screen.getByTestId('drivers-panel');
    expect(within(panel).getByRole('heading', { name: 'Database drivers' })).toBeInTheDocument();
    expect(panel).toHaveTextContent('feature:install sightline-driver-mariadb');
    const rows = await within(panel).findAllByTestId('driver-row');
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['PostgreSQL', 'postgresql', '5432', '2'],
      ['MariaDB/MySQL', 'mariadb', '3306', '1'],
    ]);
    expect(api.callsTo('GET /api/drivers')[0].auth).toBe('Bearer tok-abc');

    // Drivers come and go at run time: Check again asks anew.
    await userEvent.setup().click(within(panel).getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(api.callsTo('GET /api/drivers')).toHaveLength(2));
  });

  it('says when no driver is installed', async () => {
    asRole('OWNER');
    dsApi({ 'GET /api/drivers': () => jsonResponse(200, []) });
    renderApp('/admin');
    expect(await screen.findByTestId('drivers-empty')).toHaveTextContent('No driver is installed');
  });

  it.each(['MEMBER', 'VIEWER'] as const)('is not shown to a %s, and not asked for', (role) => {
    asRole(role);
    const api = dsApi();
    renderApp('/admin');
    expect(screen.queryByTestId('drivers-panel')).not.toBeInTheDocument();
    expect(api.callsTo('GET /api/drivers')).toHaveLength(0);
  });
});
