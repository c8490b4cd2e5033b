import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, jsonResponse, mockApi, renderApp, signedIn } from './test/render';
import type { Role } from './session';

const SCHEMA_URL = '/api/datasources/ds1/schema';

const schema = {
  readAt: '2026-11-23T08:00:00Z',
  schemas: [
    {
      name: 'public',
      tables: [
        {
          name: 'orders',
          kind: 'TABLE',
          columns: [
            { name: 'id', type: 'int4', nullable: false },
            { name: 'customer_id', type: 'int4', nullable: false },
            { name: 'ordered_at', type: 'timestamptz', nullable: true },
          ],
        },
        {
          name: 'customers',
          kind: 'TABLE',
          columns: [
            { name: 'id', type: 'int4', nullable: false },
            { name: 'email', type: 'text', nullable: true },
          ],
        },
        { name: 'monthly_revenue', kind: 'VIEW', columns: [{ name: 'month', type: 'date', nullable: true }] },
      ],
    },
    {
      name: 'audit',
      tables: [{ name: 'events', kind: 'TABLE', columns: [{ name: 'order_ref', type: 'text', nullable: true }] }],
    },
  ],
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
  options: {},
  tls: { mode: 'VERIFY_FULL', caCertificate: null },
  ssh: null,
  readOnlyEnforced: true,
  queryTimeoutSeconds: 120,
  writeAccess: null,
  server: null,
  metadataReadAt: '2026-11-23T08:00:00Z',
};

function schemaApi(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/datasources': () => jsonResponse(200, [sales]),
    [`GET ${SCHEMA_URL}`]: () => jsonResponse(200, schema),
    ...extra,
  });
}

function asRole(role: Role) {
  signedIn({ role });
}

function tableNames(): string[] {
  return screen.getAllByTestId('schema-table-name').map((t) => t.textContent ?? '');
}

function columnNames(): string[] {
  return screen.queryAllByTestId('schema-column').map((c) => c.querySelector('code')?.textContent ?? '');
}

async function openSchema(role: Role = 'VIEWER') {
  asRole(role);
  const api = schemaApi();
  renderApp('/datasources/ds1/schema');
  await screen.findAllByTestId('schema-table');
  return { api, user: userEvent.setup() };
}

describe('schema browser', () => {
  it('lists schemas, tables and views, and when the schema was read', async () => {
    const { api, user } = await openSchema();
    expect(await screen.findByTestId('page-title')).toHaveTextContent('Schema of Sales DB');
    expect(api.callsTo(`GET ${SCHEMA_URL}`)[0].auth).toBe('Bearer tok-abc');
    expect(screen.getAllByTestId('schema-schema').map((s) => s.querySelector('h2')?.textContent)).toEqual([
      'public · schema',
      'audit · schema',
    ]);
    expect(tableNames()).toEqual(['orders', 'customers', 'monthly_revenue', 'events']);
    const [orders, , revenue] = screen.getAllByTestId('schema-table');
    expect(orders).toHaveTextContent('Table');
    expect(orders).toHaveTextContent('3 columns');
    expect(revenue).toHaveTextContent('View');
    expect(screen.getByTestId('schema-count')).toHaveTextContent('4 tables and views in 2 schemas.');
    const readAt = screen.getByTestId('schema-read-at');
    expect(readAt.querySelector('time')).toHaveAttribute('dateTime', '2026-11-23T08:00:00Z');
    expect(readAt).toHaveTextContent('2026');

    // Columns show when a table is opened.
    expect(columnNames()).toEqual([]);
    const toggle = within(orders).getByRole('button');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(columnNames()).toEqual(['id', 'customer_id', 'ordered_at']);
    expect(screen.getAllByTestId('schema-column')[0]).toHaveTextContent('int4');
    expect(screen.getAllByTestId('schema-column')[0]).toHaveTextContent('not null');
    expect(screen.getAllByTestId('schema-column')[2]).not.toHaveTextContent('not null');
    await user.click(toggle);
    expect(columnNames()).toEqual([]);
  });

  it('filters tables by name, and shows the matching columns of other tables', async () => {
    const { user } = await openSchema();
    const search = screen.getByTestId('schema-search');
    expect(search).toHaveAccessibleName('Search tables and columns');
    await user.type(search, 'ORDER');

    // "orders" matches by name (closed, all columns); "events" by its column order_ref (open, that column).
    expect(tableNames()).toEqual(['orders', 'events']);
    expect(screen.getByTestId('schema-count')).toHaveTextContent('2 tables of 4 match “ORDER”.');
    expect(columnNames()).toEqual(['order_ref']);
    const events = screen.getAllByTestId('schema-table')[1];
    expect(events).toHaveTextContent('1 of 1 column matches');
    expect(within(events).getByRole('button')).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getAllByTestId('schema-schema')).toHaveLength(2);

    await user.clear(search);
    await user.type(search, 'email');
    expect(tableNames()).toEqual(['customers']);
    expect(columnNames()).toEqual(['email']);
    expect(screen.getByTestId('schema-count')).toHaveTextContent('1 table of 4 matches “email”.');
    expect(screen.getAllByTestId('schema-schema')).toHaveLength(1);

    await user.clear(search);
    await user.type(search, 'zzz');
    expect(screen.queryAllByTestId('schema-table')).toHaveLength(0);
    expect(screen.getByTestId('schema-count')).toHaveTextContent('No table or column matches “zzz”.');

    // Escape clears the search.
    await user.keyboard('{Escape}');
    expect(search).toHaveValue('');
    expect(tableNames()).toHaveLength(4);
  });

  it('focuses the search with / and moves through the tables with arrows', async () => {
    const { user } = await openSchema();
    const search = screen.getByTestId('schema-search');
    expect(search).not.toHaveFocus();
    await user.keyboard('/');
    expect(search).toHaveFocus();
    expect(search).toHaveValue('');

    const toggles = screen.getAllByTestId('schema-table').map((t) => within(t).getByRole('button'));
    await user.keyboard('{ArrowDown}');
    expect(toggles[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(toggles[1]).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(toggles[1]).toHaveAttribute('aria-expanded', 'true');
    expect(columnNames()).toEqual(['id', 'email']);
    await user.keyboard('{ArrowLeft}');
    expect(toggles[1]).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{End}');
    expect(toggles[3]).toHaveFocus();
    await user.keyboard('{Home}');
    expect(toggles[0]).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(search).toHaveFocus();

    // `/` typed into a field is text, not the shortcut.
    await user.keyboard('a/b');
    expect(search).toHaveValue('a/b');
  });

  it('says the schema was not read yet, and Refresh reads it (Admin)', async () => {
    asRole('ADMIN');
    const api = schemaApi({
      [`GET ${SCHEMA_URL}`]: () => apiError(409, 'metadata_not_read', 'The schema of Sales DB has not been read yet.'),
      [`POST ${SCHEMA_URL}/refresh`]: () => jsonResponse(200, schema),
    });
    renderApp('/datasources/ds1/schema');
    expect(await screen.findByTestId('schema-not-read')).toHaveTextContent('Not read yet — Refresh reads it now.');
    expect(screen.queryByTestId('form-error')).not.toBeInTheDocument();
    expect(screen.queryByTestId('schema-table')).not.toBeInTheDocument();

    await userEvent.setup().click(screen.getByTestId('schema-refresh'));
    expect(await screen.findAllByTestId('schema-table')).toHaveLength(4);
    expect(api.callsTo(`POST ${SCHEMA_URL}/refresh`)).toHaveLength(1);
    expect(api.callsTo(`POST ${SCHEMA_URL}/refresh`)[0].auth).toBe('Bearer tok-abc');
    expect(screen.queryByTestId('schema-not-read')).not.toBeInTheDocument();
    expect(screen.getByTestId('schema-read-at')).toHaveTextContent('or now with Refresh');
  });

  it('refreshes a schema already read', async () => {
    const changed = {
      readAt: '2026-11-24T09:00:00Z',
      schemas: [{ name: 'public', tables: [{ name: 'invoices', kind: 'TABLE', columns: [] }] }],
    };
    asRole('OWNER');
    schemaApi({ [`POST ${SCHEMA_URL}/refresh`]: () => jsonResponse(200, changed) });
    renderApp('/datasources/ds1/schema');
    await screen.findAllByTestId('schema-table');
    const refresh = screen.getByRole('button', { name: 'Refresh' });
    await userEvent.setup().click(refresh);
    await waitFor(() => expect(tableNames()).toEqual(['invoices']));
    expect(screen.getByTestId('schema-read-at').querySelector('time')).toHaveAttribute('dateTime', '2026-11-24T09:00:00Z');
  });

  it('shows a failed refresh next to the button', async () => {
    asRole('ADMIN');
    schemaApi({
      [`POST ${SCHEMA_URL}/refresh`]: () => apiError(502, 'connect_failed', 'db.example.com refused the connection.'),
    });
    renderApp('/datasources/ds1/schema');
    await screen.findAllByTestId('schema-table');
    await userEvent.setup().click(screen.getByTestId('schema-refresh'));
    const error = await screen.findByTestId('schema-refresh-error');
    expect(error).toHaveTextContent('Reading schemas is not available right now: the server answered 502.');
    expect(screen.getByTestId('schema-refresh')).toHaveAttribute('aria-describedby', error.id);
    // The schema read before stays.
    expect(screen.getAllByTestId('schema-table')).toHaveLength(4);
  });

  it('gives a Viewer no Refresh, and says who can read a schema not read yet', async () => {
    asRole('VIEWER');
    schemaApi({
      [`GET ${SCHEMA_URL}`]: () => apiError(409, 'metadata_not_read', 'The schema of Sales DB has not been read yet.'),
    });
    renderApp('/datasources/ds1/schema');
    expect(await screen.findByTestId('schema-not-read')).toHaveTextContent('Not read yet — an Admin or Owner can read it now');
    expect(screen.queryByTestId('schema-refresh')).not.toBeInTheDocument();
  });

  it('shows other failures in plain words', async () => {
    asRole('ADMIN');
    schemaApi({ [`GET ${SCHEMA_URL}`]: () => new Response('<html>oops</html>', { status: 500 }) });
    renderApp('/datasources/ds1/schema');
    expect(await screen.findByTestId('form-error')).toHaveTextContent('Reading the schema is not available right now: the server answered 500.');
    expect(screen.queryByTestId('schema-not-read')).not.toBeInTheDocument();
  });

  it('says when the user can see no tables', async () => {
    asRole('ADMIN');
    schemaApi({ [`GET ${SCHEMA_URL}`]: () => jsonResponse(200, { readAt: '2026-11-23T08:00:00Z', schemas: [] }) });
    renderApp('/datasources/ds1/schema');
    expect(await screen.findByTestId('schema-empty')).toHaveTextContent('No tables or views were found.');
  });

  it('draws at most 200 tables and says how to find the others', async () => {
    asRole('VIEWER');
    const many = Array.from({ length: 250 }, (_, i) => ({ name: `t${String(i).padStart(3, '0')}`, kind: 'TABLE', columns: [] }));
    schemaApi({ [`GET ${SCHEMA_URL}`]: () => jsonResponse(200, { readAt: null, schemas: [{ name: 'big', tables: many }] }) });
    renderApp('/datasources/ds1/schema');
    expect(await screen.findByTestId('schema-truncated')).toHaveTextContent('Showing the first 200 of 250; search to find the others.');
    expect(screen.getAllByTestId('schema-table')).toHaveLength(200);
    fireEvent.change(screen.getByTestId('schema-search'), { target: { value: 't24' } });
    expect(tableNames()).toEqual(Array.from({ length: 10 }, (_, i) => `t24${i}`));
    expect(screen.queryByTestId('schema-truncated')).not.toBeInTheDocument();
  });
});
