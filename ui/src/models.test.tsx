import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, describedText, jsonResponse, mockApi, renderApp, signedIn } from './test/render';

const demo = {
  id: 'ds1', name: 'Demo sales', driver: 'h2', driverName: 'H2', driverAvailable: true, host: '', port: 0,
  database: 'demo/sales', user: 'reader', password: { set: true }, options: {}, tls: { mode: 'DISABLE' }, ssh: null,
  readOnlyEnforced: true, queryTimeoutSeconds: 120, writeAccess: null, server: null, metadataReadAt: null,
};

const schema = {
  readAt: '2026-11-23T08:00:00Z',
  schemas: [
    {
      name: 'PUBLIC',
      tables: [
        { name: 'ORDERS', kind: 'TABLE', columns: [{ name: 'ID', type: 'INTEGER', nullable: false }, { name: 'ORDERED_ON', type: 'DATE', nullable: false }] },
        { name: 'COUNTRIES', kind: 'TABLE', columns: [{ name: 'NAME', type: 'VARCHAR', nullable: false }, { name: 'REGION', type: 'VARCHAR', nullable: false }] },
      ],
    },
  ],
};

const model = {
  id: 'm1', name: 'Sales', description: 'Orders by time', dataSourceId: 'ds1', createdBy: 'u1',
  createdAt: '2026-11-23T08:00:00Z', updatedAt: '2026-11-23T08:00:00Z', access: 'OWNER',
  definition: {
    tables: [{ name: 'orders', schema: 'PUBLIC', table: 'ORDERS' }], joins: [], baseTable: 'orders',
    dimensions: [{ name: 'ordered_on', label: 'Order date', table: 'orders', column: 'ORDERED_ON', type: 'DATE', timeGrains: ['MONTH', 'YEAR'] }],
    metrics: [{ name: 'orders', label: 'Orders', aggregation: 'COUNT', table: null, column: null, expression: null }],
  },
};

function api(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/datasources': () => jsonResponse(200, [demo]),
    'GET /api/datasources/ds1/schema': () => jsonResponse(200, schema),
    'GET /api/models': () => jsonResponse(200, [model]),
    'GET /api/models/m1': () => jsonResponse(200, model),
    ...extra,
  });
}

describe('semantic models', () => {
  it('lists the models the caller may read; Members only read', async () => {
    signedIn({ role: 'MEMBER' });
    api();
    renderApp('/models');
    const row = await screen.findByTestId('model-row');
    expect(row).toHaveTextContent('Sales');
    expect(row).toHaveTextContent('1 dimensions, 1 metrics');
    expect(row).toHaveTextContent('Yours');
    expect(screen.getByTestId('models-readonly')).toBeInTheDocument();
    expect(screen.queryByTestId('model-add')).toBeNull();
  });

  it('builds a model from the schema and shows the server’s error at its field', async () => {
    signedIn({ role: 'ADMIN' });
    const calls = api({
      'POST /api/models': [
        () => apiError(400, 'invalid', "The table 'PUBLIC.ORDERS' has no column 'ID2'.", 'definition.dimensions[0].column'),
        () => jsonResponse(201, { ...model, id: 'm2', name: 'Regions' }),
      ],
      'GET /api/models/m2': () => jsonResponse(200, { ...model, id: 'm2', name: 'Regions' }),
    });
    renderApp('/models/new');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Name'), 'Regions');
    await user.click(screen.getByTestId('model-add-table'));
    await waitFor(() => expect(screen.getByLabelText('Table 1: database table')).toHaveTextContent('PUBLIC.ORDERS'));
    await user.selectOptions(screen.getByLabelText('Table 1: database table'), 'PUBLIC.ORDERS');
    expect(screen.getByLabelText('Table 1: name in the model')).toHaveValue('orders');
    await user.selectOptions(screen.getByLabelText('Base table (every query starts here)'), 'orders');
    await user.click(screen.getByTestId('model-add-dimension'));
    await user.type(screen.getByLabelText('Dimension 1: name'), 'ordered_on');
    const column = screen.getByLabelText('Dimension 1: column');
    expect(within(column).getAllByRole('option').map((o) => o.textContent)).toEqual(['Pick', 'ID', 'ORDERED_ON']);
    await user.selectOptions(column, 'ORDERED_ON');
    await user.selectOptions(screen.getByLabelText('Dimension 1: type'), 'DATE');
    await user.click(screen.getByRole('checkbox', { name: 'MONTH' }));
    await user.click(screen.getByTestId('model-save'));

    await waitFor(() => expect(describedText(column)).toContain("has no column 'ID2'"));
    expect(column).toHaveFocus();
    const body = calls.callsTo('POST /api/models')[0].body as { name: string; dataSourceId: string; definition: Record<string, unknown> };
    expect(body.name).toBe('Regions');
    expect(body.dataSourceId).toBe('ds1');
    expect(body.definition).toEqual({
      tables: [{ name: 'orders', schema: 'PUBLIC', table: 'ORDERS' }],
      joins: [],
      baseTable: 'orders',
      dimensions: [{ name: 'ordered_on', label: null, table: 'orders', column: 'ORDERED_ON', type: 'DATE', timeGrains: ['MONTH'] }],
      metrics: [],
    });

    await user.click(screen.getByTestId('model-save'));
    expect(await screen.findByTestId('form-message')).toHaveTextContent('Saved “Regions”.');
  });

  it('tries a selection: compiles it, shows the SQL and runs it through the query API', async () => {
    signedIn({ role: 'MEMBER' });
    const compiled = {
      dataSourceId: 'ds1',
      sql: 'SELECT CAST(DATE_TRUNC(\'MONTH\', "orders"."ORDERED_ON") AS DATE) AS "ordered_on", COUNT(*) AS "orders" FROM …',
      parameters: [],
      values: {},
    };
    const calls = api({
      'POST /api/models/m1/compile': () => jsonResponse(200, compiled),
      'POST /api/queries': () =>
        jsonResponse(200, {
          id: 'q1', dataSourceId: 'ds1', sql: { sql: compiled.sql, values: [], display: compiled.sql },
          columns: [{ name: 'ordered_on', databaseType: 'DATE', kind: 'date' }, { name: 'orders', databaseType: 'BIGINT', kind: 'number' }],
          rows: [['2026-01-01', 42]], rowCount: 1, limitReached: false, maxRows: 1000, durationMillis: 3,
          computedAt: '2026-11-23T08:00:00Z', fromCache: false,
        }),
    });
    renderApp('/models/m1');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('try-dim-ordered_on'));
    await user.selectOptions(screen.getByLabelText('Grain of Order date'), 'MONTH');
    await user.click(screen.getByTestId('try-metric-orders'));
    await user.click(screen.getByTestId('try-run'));

    expect(await screen.findByTestId('try-result')).toHaveTextContent('42');
    expect(screen.getByTestId('try-sql')).toHaveTextContent('DATE_TRUNC');
    expect(calls.callsTo('POST /api/models/m1/compile')[0].body).toEqual({
      dimensions: [{ name: 'ordered_on', grain: 'MONTH' }],
      metrics: ['orders'],
    });
    expect(calls.callsTo('POST /api/queries')[0].body).toMatchObject({ dataSourceId: 'ds1', sql: compiled.sql, values: {} });
    expect(screen.queryByTestId('model-save')).toBeNull(); // a Member does not change models
  });

  it('says so when the model is not there for the caller', async () => {
    signedIn({ role: 'MEMBER' });
    api({ 'GET /api/models/m9': () => apiError(404, 'not_found', 'No model with this id.') });
    renderApp('/models/m9');
    expect(await screen.findByTestId('form-error')).toHaveTextContent('This model does not exist, or it is not shared with you.');
  });
});
