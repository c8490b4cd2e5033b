import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { editorReady as waitForEditor, setEditorText } from './test/editor';
import { salesDb } from './test/fixtures';
import { apiError, jsonResponse, mockApi, noContent, renderApp, signedIn } from './test/render';
import { browserTimeZone } from './timeZone';

const ds = salesDb;

const result = {
  id: 'q1',
  dataSourceId: 'ds1',
  sql: { sql: 'SELECT region, revenue FROM sales', values: [], display: 'SELECT region, revenue FROM sales' },
  columns: [
    { name: 'region', kind: 'text', databaseType: 'text' },
    { name: 'revenue', kind: 'number', databaseType: 'numeric' },
  ],
  rows: [
    ['EMEA', 1200],
    ['APAC', 800],
  ],
  rowCount: 2,
  limitReached: false,
  maxRows: 10000,
  durationMillis: 42,
  computedAt: '2026-11-23T08:00:00Z',
  fromCache: false,
};

function saved(access: string, extra: Record<string, unknown> = {}) {
  return {
    id: 'r1',
    name: 'Revenue by region',
    description: '',
    dataSourceId: 'ds1',
    sql: 'SELECT region, revenue FROM sales WHERE region <> {{skip}}',
    parameters: [{ name: 'skip', type: 'TEXT', required: false, defaultValue: 'none', label: 'skip' }],
    modelId: null,
    modelQuery: null,
    visualization: { type: 'table', settings: {} },
    createdBy: 'u2',
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    access,
    ...extra,
  };
}

type Routes = Parameters<typeof mockApi>[0];

function reportsApi(extra: Routes = {}) {
  return mockApi({
    'GET /api/datasources': () => jsonResponse(200, [ds]),
    'GET /api/datasources/ds1/schema': () => jsonResponse(200, { schemas: [] }),
    ...extra,
  });
}

const setSql = (text: string) => setEditorText('report-sql', text);
const editorReady = () => waitForEditor('report-sql');

describe('reports list', () => {
  it('teaches how to add the first report', async () => {
    signedIn({ role: 'MEMBER' });
    mockApi({ 'GET /api/reports': () => jsonResponse(200, []) });
    renderApp('/reports');
    expect(await screen.findByTestId('empty-state')).toHaveTextContent('No reports yet');
    expect(screen.getByTestId('report-new')).toHaveAttribute('href', '/reports/new');
  });

  it('lists own and shared reports with the caller’s access', async () => {
    signedIn({ role: 'VIEWER' });
    mockApi({ 'GET /api/reports': () => jsonResponse(200, [saved('OWNER'), saved('READ', { id: 'r2', name: 'Shared one', visualization: { type: 'bar', settings: {} } })]) });
    renderApp('/reports');
    const rows = await screen.findAllByTestId('report-row');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('OwnerNov'), expect.stringContaining('BarCan view')]);
    expect(screen.queryByTestId('report-new')).not.toBeInTheDocument();
    await userEvent.setup().type(screen.getByLabelText('Search reports by name'), 'shared');
    expect(screen.getAllByTestId('report-row')).toHaveLength(1);
  });
});

describe('report editor', () => {
  it('runs a preview with Ctrl+Enter, draws it, and saves a new report', async () => {
    signedIn({ role: 'MEMBER' });
    const api = reportsApi({
      'POST /api/reports/preview': () => jsonResponse(200, result),
      'POST /api/reports': (call) => jsonResponse(201, { ...saved('OWNER'), ...(call.body as object), id: 'r9' }),
      'GET /api/reports/r9': () => jsonResponse(200, { ...saved('OWNER'), id: 'r9', name: 'Revenue' }),
      'POST /api/reports/r9/run': () => jsonResponse(200, result),
    });
    renderApp('/reports/new');
    await editorReady();
    const user = userEvent.setup();

    // Nothing to run yet: said at the field, nothing sent.
    await user.click(screen.getByTestId('report-run'));
    expect(screen.getByTestId('report-sql-error')).toHaveTextContent('Write a query first');
    expect(api.callsTo('POST /api/reports/preview')).toHaveLength(0);

    setSql('SELECT region, revenue FROM sales WHERE revenue > {{min}}');
    await user.type(await screen.findByTestId('param-min'), '10');
    await user.selectOptions(screen.getByTestId('param-type-min'), 'number');
    await user.selectOptions(screen.getByLabelText('Show as'), 'number');
    await user.click(screen.getByLabelText('Name'));
    await user.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(api.callsTo('POST /api/reports/preview')).toHaveLength(1));
    expect(api.callsTo('POST /api/reports/preview')[0].body).toEqual({
      name: '',
      description: '',
      dataSourceId: 'ds1',
      sql: 'SELECT region, revenue FROM sales WHERE revenue > {{min}}',
      parameters: [{ name: 'min', type: 'NUMBER', required: false, defaultValue: 10, label: 'min' }],
      modelId: null,
      modelQuery: null,
      visualization: { type: 'number', settings: {} },
      values: { min: 10 },
      timeZone: browserTimeZone(),
    });
    expect(await screen.findByTestId('big-number-value')).toHaveTextContent('800');
    expect(screen.getByTestId('report-status')).toHaveTextContent('fresh · 42 ms');

    // The settings offer the result's columns.
    await user.selectOptions(screen.getByLabelText('Compare with'), 'The previous row');
    expect(screen.getByTestId('big-number-change')).toHaveTextContent('−33.3 % vs previous row');

    await user.click(screen.getByTestId('report-save'));
    expect(await screen.findByText('Give the report a name.')).toBeInTheDocument();
    expect(api.callsTo('POST /api/reports')).toHaveLength(0);
    await user.type(screen.getByLabelText('Name'), 'Revenue');
    await user.click(screen.getByTestId('report-save'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/reports/r9'));
    const body = api.callsTo('POST /api/reports')[0].body as Record<string, unknown>;
    expect(body.name).toBe('Revenue');
    expect(body.visualization).toEqual({ type: 'number', settings: { compare: 'previousRow' } });
    expect(body).not.toHaveProperty('values');
  });

  it('shows the server’s error at the field', async () => {
    signedIn({ role: 'MEMBER' });
    reportsApi({
      'POST /api/reports/preview': () => jsonResponse(200, result),
      'POST /api/reports': () => apiError(400, 'invalid', 'A report with this name exists already.', 'name'),
    });
    renderApp('/reports/new');
    await editorReady();
    const user = userEvent.setup();
    setSql('SELECT 1');
    await user.type(screen.getByLabelText('Name'), 'Revenue');
    await user.click(screen.getByTestId('report-save'));
    expect(await screen.findByTestId('report-name-error')).toHaveTextContent('A report with this name exists already.');
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
  });

  it('is read-only for READ access and runs the saved report', async () => {
    signedIn({ role: 'VIEWER' });
    const api = reportsApi({
      'GET /api/reports/r1': () => jsonResponse(200, saved('READ')),
      'POST /api/reports/r1/run': () => jsonResponse(200, { ...result, fromCache: true, computedAt: new Date(Date.now() - 3 * 60_000).toISOString() }),
    });
    renderApp('/reports/r1');
    expect(await screen.findByTestId('report-readonly')).toHaveTextContent('Shared with you to view');
    await editorReady();
    expect(await screen.findByTestId('report-status')).toHaveTextContent('cached · computed 3 min ago');
    expect(api.callsTo('POST /api/reports/r1/run')[0].body).toEqual({ values: { skip: 'none' }, refresh: false, timeZone: browserTimeZone() });
    expect(screen.getByLabelText('Name')).toBeDisabled();
    expect(screen.getByTestId('report-sql').querySelector('.cm-content')).toHaveAttribute('aria-readonly', 'true');
    expect(screen.getByTestId('report-sql').querySelector('.cm-content')).toHaveAttribute('contenteditable', 'false');
    for (const id of ['report-save', 'report-delete', 'report-share']) expect(screen.queryByTestId(id)).not.toBeInTheDocument();
    expect(screen.getByTestId('report-export')).toBeInTheDocument();
    expect(api.callsTo('POST /api/reports/preview')).toHaveLength(0);
    expect(api.callsTo('GET /api/datasources')).toHaveLength(0);
  });

  it('builds a model query from picked dimensions, grain and metrics', async () => {
    signedIn({ role: 'MEMBER' });
    const api = reportsApi({
      'GET /api/models': () => jsonResponse(200, [{ id: 'm1', name: 'Orders', dataSourceId: 'ds1' }]),
      'GET /api/models/m1/fields': () =>
        jsonResponse(200, {
          dimensions: [
            { name: 'order_date', label: 'Order date', type: 'DATE', timeGrains: ['DAY', 'MONTH', 'YEAR'] },
            { name: 'region', label: 'Region', type: 'TEXT', timeGrains: [] },
          ],
          metrics: [
            { name: 'revenue', label: 'Revenue' },
            { name: 'orders', label: 'Orders' },
          ],
        }),
      'POST /api/reports/preview': () => jsonResponse(200, result),
    });
    renderApp('/reports/new');
    await editorReady();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('A semantic model'));
    await user.selectOptions(await screen.findByLabelText('Model'), 'Orders');
    await user.click(await screen.findByLabelText('Order date'));
    await user.selectOptions(screen.getByTestId('model-dim-order_date-grain'), 'MONTH');
    await user.click(screen.getByLabelText('Revenue'));
    await user.click(screen.getByTestId('model-filter-add'));
    await user.selectOptions(screen.getByLabelText('Field'), 'region');
    await user.type(screen.getByLabelText('Values'), 'EMEA, APAC');
    await user.selectOptions(screen.getByLabelText('Sort by'), 'revenue');
    await user.click(screen.getByLabelText('Descending'));
    await user.clear(screen.getByLabelText('Row limit'));
    await user.type(screen.getByLabelText('Row limit'), '50');
    await user.click(screen.getByTestId('report-run'));

    await waitFor(() => expect(api.callsTo('POST /api/reports/preview')).toHaveLength(1));
    const body = api.callsTo('POST /api/reports/preview')[0].body as Record<string, unknown>;
    expect(body).toMatchObject({ sql: null, modelId: 'm1', dataSourceId: 'ds1', parameters: [] });
    expect(body.modelQuery).toEqual({
      dimensions: [{ name: 'order_date', grain: 'MONTH' }],
      metrics: ['revenue'],
      filters: [{ field: 'region', operator: '=', values: ['EMEA', 'APAC'], parameter: null }],
      sort: [{ field: 'revenue', descending: true }],
      limit: 50,
    });
  });

  it('links to the Models page when there is no model', async () => {
    signedIn({ role: 'MEMBER' });
    reportsApi({ 'GET /api/models': () => jsonResponse(200, []) });
    renderApp('/reports/new');
    await editorReady();
    await userEvent.setup().click(screen.getByLabelText('A semantic model'));
    expect(await screen.findByTestId('model-empty')).toHaveTextContent('No semantic model yet');
    expect(within(screen.getByTestId('model-empty')).getByRole('link', { name: 'Models' })).toHaveAttribute('href', '/models');
  });
});

describe('share dialog', () => {
  it('lists, adds and removes shares for the owner', async () => {
    signedIn({ role: 'MEMBER' });
    const shares = [{ id: 's1', objectType: 'report', objectId: 'r1', userId: null, access: 'READ', grantedBy: 'u1', createdAt: '2026-11-20T10:00:00Z' }];
    const api = reportsApi({
      'GET /api/reports/r1': () => jsonResponse(200, saved('OWNER')),
      'POST /api/reports/r1/run': () => jsonResponse(200, result),
      'GET /api/shares?objectType=report&objectId=r1': () => jsonResponse(200, shares),
      'GET /api/orgs/o1/members': () =>
        jsonResponse(200, [
          { id: 'm1', userId: 'u1', email: 'ann@example.com', displayName: 'Ann Lee', role: 'OWNER' },
          { id: 'm2', userId: 'u2', email: 'bob@example.com', displayName: 'Bob Roe', role: 'VIEWER' },
        ]),
      'POST /api/shares': (call) => {
        shares.push({ ...(call.body as typeof shares[0]), id: 's2', grantedBy: 'u1', createdAt: '' });
        return jsonResponse(201, shares[1]);
      },
      'DELETE /api/shares/s1': () => noContent(),
    });
    renderApp('/reports/r1');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('report-share'));
    const dialog = screen.getByTestId('share-dialog');
    expect(await within(dialog).findByTestId('share-row')).toHaveTextContent('Everyone in the organizationCan view');
    // Oneself is not offered.
    const who = within(dialog).getByLabelText('Share with');
    expect([...(who as HTMLSelectElement).options].map((o) => o.text)).toEqual(['Everyone in the organization', 'Bob Roe (bob@example.com)']);

    await user.selectOptions(who, 'u2');
    await user.selectOptions(within(dialog).getByLabelText('Access'), 'EDIT');
    await user.click(within(dialog).getByTestId('share-add'));
    await waitFor(() => expect(within(dialog).getAllByTestId('share-row')).toHaveLength(2));
    expect(api.callsTo('POST /api/shares')[0].body).toEqual({ objectType: 'report', objectId: 'r1', userId: 'u2', access: 'EDIT' });
    expect(within(dialog).getAllByTestId('share-row')[1]).toHaveTextContent('Bob RoeCan edit');

    await user.click(within(dialog).getByRole('button', { name: 'Stop sharing with Everyone in the organization' }));
    await waitFor(() => expect(within(dialog).getAllByTestId('share-row')).toHaveLength(1));
    expect(api.callsTo('DELETE /api/shares/s1')).toHaveLength(1);
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('share-dialog')).not.toBeInTheDocument();
  });

  it('says at the field why a member cannot be added', async () => {
    signedIn({ role: 'MEMBER' });
    reportsApi({
      'GET /api/reports/r1': () => jsonResponse(200, saved('OWNER')),
      'POST /api/reports/r1/run': () => jsonResponse(200, result),
      'GET /api/shares?objectType=report&objectId=r1': () => jsonResponse(200, []),
      'GET /api/orgs/o1/members': () => jsonResponse(200, [{ id: 'm2', userId: 'u2', email: 'bob@example.com', displayName: 'Bob Roe', role: 'VIEWER' }]),
      'POST /api/shares': () => apiError(400, 'invalid', 'Bob Roe is no longer a member of this organization.', 'userId'),
    });
    renderApp('/reports/r1');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('report-share'));
    expect(await screen.findByTestId('share-none')).toHaveTextContent('Not shared with anyone yet.');
    await user.selectOptions(screen.getByLabelText('Share with'), 'u2');
    await user.click(screen.getByTestId('share-add'));
    expect(await screen.findByText('Bob Roe is no longer a member of this organization.')).toBeInTheDocument();
    expect(screen.getByLabelText('Share with')).toHaveAttribute('aria-invalid', 'true');
  });
});
