import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderApp, signedIn, type Call } from './test/render';
import { browserTimeZone } from './timeZone';

// ECharts draws on a canvas/SVG that happy-dom cannot lay out; a stand-in chart offers one button per
// bar, with the same selection the real chart's click gives (selectionOf over the built option).
vi.mock('./charts/EChart', async () => {
  const { selectionOf } = await import('./charts/settings');
  return {
    default: ({ model, onSelect, label }: { model: import('./charts/settings').ChartModel; onSelect?(s: unknown): void; label: string }) => (
      <div data-testid="echart" aria-label={label}>
        {model.selectValues.map((v, i) => (
          <button key={i} type="button" data-testid="fake-bar" onClick={() => onSelect?.(selectionOf(model, i))}>
            {String(v)}
          </button>
        ))}
      </div>
    ),
  };
});

function report(id: string, name: string, type: string, parameters: unknown[] = []) {
  return { id, name, description: '', dataSourceId: 'ds1', sql: 'SELECT 1', parameters, modelId: null, modelQuery: null, visualization: { type, settings: {} }, access: 'READ', updatedAt: '2026-11-20T10:00:00Z' };
}

const reports = [
  report('r1', 'Revenue by region', 'bar', [{ name: 'region', type: 'TEXT', required: false, defaultValue: null, label: 'region' }]),
  report('r2', 'Monthly revenue', 'table'),
  report('r3', 'Units by product', 'table'),
];

function dashboard(access: string, extra: Record<string, unknown> = {}) {
  return {
    id: 'd1',
    name: 'Sales overview',
    description: '',
    filters: [{ name: 'region', label: 'Region', type: 'TEXT', defaultValue: null, savedFilterId: null }],
    tiles: [
      { id: 't1', kind: 'report', reportId: 'r1', text: null, x: 0, y: 0, w: 6, h: 4, parameterMap: { region: 'region' } },
      { id: 't2', kind: 'report', reportId: 'r2', text: null, x: 6, y: 0, w: 6, h: 4, parameterMap: {} },
      { id: 't3', kind: 'report', reportId: 'r3', text: null, x: 0, y: 4, w: 6, h: 4, parameterMap: {} },
      { id: 't4', kind: 'text', reportId: null, text: 'Numbers are in EUR.', x: 6, y: 4, w: 6, h: 2, parameterMap: {} },
    ],
    autoRefreshSeconds: 0,
    access,
    hiddenTiles: 0,
    ...extra,
  };
}

function result(columns: [string, string][], rows: unknown[][], extra: Record<string, unknown> = {}) {
  return {
    id: 'q',
    dataSourceId: 'ds1',
    sql: { sql: 'SELECT 1', values: [], display: 'SELECT 1' },
    columns: columns.map(([name, kind]) => ({ name, kind, databaseType: kind })),
    rows,
    rowCount: rows.length,
    limitReached: false,
    maxRows: 10000,
    durationMillis: 120,
    computedAt: new Date(Date.now() - 3 * 60_000).toISOString(),
    fromCache: false,
    ...extra,
  };
}

const byRegion = result([['region', 'text'], ['revenue', 'number']], [['EMEA', 100], ['APAC', 50]]);
const monthly = result([['region', 'text'], ['month', 'date'], ['revenue', 'number']], [['EMEA', '2026-01-01', 100]], { fromCache: true });
const units = result([['product', 'text'], ['units', 'number']], [['Bike', 3]]);

const RUN = (t: string) => `POST /api/dashboards/d1/tiles/${t}/run`;

type Routes = Parameters<typeof mockApi>[0];

function dashboardApi(access = 'READ', extra: Routes = {}, dash: Record<string, unknown> = {}) {
  return mockApi({
    'GET /api/dashboards/d1': () => jsonResponse(200, dashboard(access, dash)),
    'GET /api/reports': () => jsonResponse(200, reports),
    [RUN('t1')]: () => jsonResponse(200, byRegion),
    [RUN('t2')]: () => jsonResponse(200, monthly),
    [RUN('t3')]: () => jsonResponse(200, units),
    ...extra,
  });
}

function tile(id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-tile-id="${id}"]`);
  if (!el) throw new Error(`no tile ${id}`);
  return el;
}

async function openDashboard(access = 'READ', extra: Routes = {}, dash: Record<string, unknown> = {}, timeZone: string | null = null) {
  signedIn({ role: 'MEMBER', user: { id: 'u1', email: 'ann@example.com', displayName: 'Ann Lee', timeZone } });
  const api = dashboardApi(access, extra, dash);
  renderApp('/dashboards/d1');
  await screen.findByTestId('dashboard-grid');
  return { api, user: userEvent.setup() };
}

function bodyOf(call: Call) {
  return call.body as { values: Record<string, unknown>; refresh: boolean; where: unknown[] };
}

describe('dashboard', () => {
  it('runs every tile in parallel and shows each tile’s own state', async () => {
    const pending: ((r: Response) => void)[] = [];
    const hold = () => new Promise<Response>((resolve) => pending.push(resolve));
    const { api } = await openDashboard('READ', { [RUN('t1')]: hold, [RUN('t2')]: hold, [RUN('t3')]: hold });

    // All three requests are out while none has answered.
    await waitFor(() => expect(pending).toHaveLength(3));
    expect(api.calls.filter((c) => c.url.endsWith('/run')).map((c) => c.url)).toEqual([
      '/api/dashboards/d1/tiles/t1/run',
      '/api/dashboards/d1/tiles/t2/run',
      '/api/dashboards/d1/tiles/t3/run',
    ]);
    expect(bodyOf(api.callsTo(RUN('t1'))[0])).toEqual({ values: {}, refresh: false, where: [], timeZone: browserTimeZone() });
    for (const id of ['t1', 't2', 't3']) expect(within(tile(id)).getByTestId('tile-status')).toHaveTextContent('Loading…');

    pending[0](jsonResponse(200, byRegion));
    pending[1](jsonResponse(200, monthly));
    pending[2](jsonResponse(500, { error: { code: 'database', message: 'Table UNITS does not exist.', field: null } }));
    await waitFor(() => expect(within(tile('t1')).getByTestId('tile-status')).toHaveTextContent('fresh · 120 ms'));
    expect(within(tile('t2')).getByTestId('tile-status')).toHaveTextContent('cached · computed 3 min ago');
    expect(within(tile('t3')).getByTestId('tile-error')).toHaveTextContent('Table UNITS does not exist.');
    expect(within(tile('t3')).getByTestId('tile-error')).toHaveTextContent('Check the names of tables and columns');
    expect(tile('t4')).toHaveTextContent('Numbers are in EUR.');
    expect(screen.queryByTestId('dashboard-hidden-tiles')).not.toBeInTheDocument();
  });

  it('re-runs the tiles a filter feeds, with its value, when it changes', async () => {
    const { api, user } = await openDashboard();
    await waitFor(() => expect(within(tile('t1')).getByTestId('tile-status')).toHaveTextContent('fresh'));

    const input = screen.getByLabelText('Region');
    await user.type(input, 'EMEA{Enter}');
    await waitFor(() => expect(api.callsTo(RUN('t1'))).toHaveLength(2));
    expect(bodyOf(api.callsTo(RUN('t1'))[1])).toEqual({ values: { region: 'EMEA' }, refresh: false, where: [], timeZone: browserTimeZone() });
    // t2 and t3 take no filter: not re-run.
    expect(api.callsTo(RUN('t2'))).toHaveLength(1);
    expect(api.callsTo(RUN('t3'))).toHaveLength(1);
  });

  it('offers relative periods in a date range filter and sends them with the profile’s time zone', async () => {
    const period = { name: 'period', label: 'Period of orders', type: 'DATE_RANGE', defaultValue: null, savedFilterId: null };
    const tiles = dashboard('READ').tiles.map((t) => (t.id === 't1' ? { ...t, parameterMap: { region: 'period' } } : t));
    const { api, user } = await openDashboard('READ', {}, { filters: [period], tiles }, 'Asia/Tokyo');
    await waitFor(() => expect(within(tile('t1')).getByTestId('tile-status')).toHaveTextContent('fresh'));
    expect(bodyOf(api.callsTo(RUN('t1'))[0])).toEqual({ values: {}, refresh: false, where: [], timeZone: 'Asia/Tokyo' });

    const relative = screen.getByTestId('dash-filter-period-relative');
    expect(within(relative).getByRole('option', { name: 'Last 7 days' })).toBeInTheDocument();
    await user.selectOptions(relative, 'last 7 days');
    await waitFor(() => expect(api.callsTo(RUN('t1'))).toHaveLength(2));
    expect(bodyOf(api.callsTo(RUN('t1'))[1])).toEqual({ values: { period: 'last 7 days' }, refresh: false, where: [], timeZone: 'Asia/Tokyo' });
    // A relative period hides the fixed dates; "Fixed dates" brings them back.
    expect(screen.queryByTestId('dash-filter-period')).not.toBeInTheDocument();
    await user.selectOptions(relative, 'this month');
    await waitFor(() => expect(api.callsTo(RUN('t1'))).toHaveLength(3));
    expect(bodyOf(api.callsTo(RUN('t1'))[2]).values).toEqual({ period: 'this month' });
    await user.selectOptions(relative, '');
    expect(screen.getByTestId('dash-filter-period')).toHaveValue('');
    expect(api.callsTo(RUN('t2'))).toHaveLength(1);
  });

  it('shows the time zone of a tile’s rows', async () => {
    const { user } = await openDashboard('READ', {
      [RUN('t2')]: () => jsonResponse(200, { ...monthly, sql: { ...monthly.sql, timeZone: 'Europe/Paris' } }),
    });
    await waitFor(() => expect(within(tile('t2')).getByTestId('tile-status')).toHaveTextContent('cached'));
    await user.click(within(tile('t2')).getByTestId('tile-menu'));
    await user.click(within(tile('t2')).getByTestId('tile-show-rows'));
    expect(await screen.findByTestId('drill-times-in')).toHaveTextContent('Times in Europe/Paris');
  });

  it('cross-filters the other tiles that have the clicked column, and the breadcrumb undoes it', async () => {
    const { api, user } = await openDashboard();
    await waitFor(() => expect(within(tile('t2')).getByTestId('query-result')).toBeInTheDocument());
    await waitFor(() => expect(within(tile('t1')).getAllByTestId('fake-bar')).toHaveLength(2));

    await user.click(within(tile('t1')).getByRole('button', { name: 'EMEA' }));
    await waitFor(() => expect(api.callsTo(RUN('t2'))).toHaveLength(2));
    expect(bodyOf(api.callsTo(RUN('t2'))[1]).where).toEqual([{ column: 'region', value: 'EMEA' }]);
    expect(api.callsTo(RUN('t1'))).toHaveLength(1); // the clicked tile itself
    expect(api.callsTo(RUN('t3'))).toHaveLength(1); // has no region column
    const crumb = within(screen.getByTestId('cross-filters')).getByTestId('cross-filter');
    expect(crumb).toHaveTextContent('region = EMEA');
    await waitFor(() => expect(within(tile('t2')).getByTestId('tile-status')).toHaveTextContent('cross-filtered'));

    await user.click(crumb);
    await waitFor(() => expect(api.callsTo(RUN('t2'))).toHaveLength(3));
    expect(bodyOf(api.callsTo(RUN('t2'))[2]).where).toEqual([]);
    expect(screen.queryByTestId('cross-filters')).not.toBeInTheDocument();
    expect(api.callsTo(RUN('t3'))).toHaveLength(1);
  });

  it('cross-filters from a table cell too, with the keyboard', async () => {
    const { api, user } = await openDashboard();
    const table = await within(tile('t2')).findByTestId('query-result');
    await waitFor(() => expect(within(tile('t1')).getAllByTestId('fake-bar')).toHaveLength(2));
    within(table).getAllByRole('gridcell')[0].focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.callsTo(RUN('t1'))).toHaveLength(2));
    expect(bodyOf(api.callsTo(RUN('t1'))[1]).where).toEqual([{ column: 'region', value: 'EMEA' }]);
  });

  it('refreshes one tile or all of them bypassing the cache, and shows the rows of a tile', async () => {
    const { api, user } = await openDashboard();
    await waitFor(() => expect(within(tile('t1')).getByTestId('tile-status')).toHaveTextContent('fresh'));
    await user.click(within(tile('t2')).getByTestId('tile-refresh'));
    await waitFor(() => expect(api.callsTo(RUN('t2'))).toHaveLength(2));
    expect(bodyOf(api.callsTo(RUN('t2'))[1]).refresh).toBe(true);
    expect(api.callsTo(RUN('t1'))).toHaveLength(1);

    await user.click(screen.getByTestId('dashboard-refresh-all'));
    await waitFor(() => expect(api.callsTo(RUN('t3'))).toHaveLength(2));
    expect(bodyOf(api.callsTo(RUN('t1'))[1]).refresh).toBe(true);

    await user.click(within(tile('t1')).getByTestId('tile-show-rows'));
    const dialog = await screen.findByTestId('drill-dialog');
    expect(await within(dialog).findByTestId('query-result')).toHaveTextContent('APAC');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('drill-dialog')).not.toBeInTheDocument();
  });

  it('says how many tiles are hidden, and has no edit controls for a reader', async () => {
    await openDashboard('READ', {}, { hiddenTiles: 2 });
    expect(screen.getByTestId('dashboard-hidden-tiles')).toHaveTextContent('2 tiles hidden (not shared with you)');
    expect(screen.queryByTestId('dashboard-edit')).not.toBeInTheDocument();
    expect(screen.queryByTestId('dashboard-share')).not.toBeInTheDocument();
    expect(screen.queryByTestId('dashboard-delete')).not.toBeInTheDocument();
    expect(screen.queryByTestId('tile-remove')).not.toBeInTheDocument();
  });

  it('lets an editor add a text tile, map a filter, and save the layout', async () => {
    const saved = { ...dashboard('EDIT') };
    const { api, user } = await openDashboard('EDIT', {
      'PUT /api/dashboards/d1': (call) => jsonResponse(200, { ...saved, ...(call.body as object), access: 'EDIT', hiddenTiles: 0 }),
      [RUN('t5')]: () => jsonResponse(200, units),
    });
    expect(screen.queryByTestId('dashboard-share')).not.toBeInTheDocument(); // only the owner shares
    await user.click(screen.getByTestId('dashboard-edit'));
    expect(screen.getByTestId('dashboard-editor')).toBeInTheDocument();
    expect(screen.getAllByTestId('tile-remove')).toHaveLength(4);

    await user.type(screen.getByLabelText('Text tile content'), 'Hello');
    await user.click(screen.getByTestId('dashboard-add-text-submit'));
    expect(screen.getAllByTestId('tile')).toHaveLength(5);
    await user.click(within(tile('t3')).getByTestId('tile-remove'));
    await user.selectOptions(screen.getByTestId('map-t1-region'), '');
    await user.click(screen.getByTestId('dashboard-save'));

    await waitFor(() => expect(api.callsTo('PUT /api/dashboards/d1')).toHaveLength(1));
    const body = api.callsTo('PUT /api/dashboards/d1')[0].body as { tiles: { id: string; kind: string; text: string | null; parameterMap: object }[]; autoRefreshSeconds: number };
    expect(body.tiles.map((t) => t.kind)).toEqual(['report', 'report', 'text', 'text']);
    expect(body.tiles[3].text).toBe('Hello');
    expect(body.tiles[0].parameterMap).toEqual({});
    expect(body.tiles.some((t) => t.id === 't3')).toBe(false);
    expect(await screen.findByTestId('form-message')).toHaveTextContent('Dashboard saved.');
    expect(screen.queryByTestId('dashboard-editor')).not.toBeInTheDocument();
  });

  it('adds a filter whose choices come from a saved filter picked by name', async () => {
    const saved = { ...dashboard('EDIT') };
    const { api, user } = await openDashboard('EDIT', {
      'GET /api/filters': () => jsonResponse(200, [{ id: 'f9', name: 'Regions', values: ['APAC', 'EMEA'], refreshedAt: null }]),
      'PUT /api/dashboards/d1': (call) => jsonResponse(200, { ...saved, ...(call.body as object), access: 'EDIT', hiddenTiles: 0 }),
    });
    await user.click(screen.getByTestId('dashboard-edit'));
    await user.type(screen.getByTestId('filter-new-name'), 'area');
    await user.type(screen.getByTestId('filter-new-label'), 'Area');
    await screen.findByRole('option', { name: 'Regions (2 values)' });
    await user.selectOptions(screen.getByTestId('filter-new-saved'), 'f9');
    await user.click(screen.getByTestId('filter-add'));
    await user.click(screen.getByTestId('dashboard-save'));

    await waitFor(() => expect(api.callsTo('PUT /api/dashboards/d1')).toHaveLength(1));
    const body = api.callsTo('PUT /api/dashboards/d1')[0].body as { filters: { name: string; savedFilterId: string | null }[] };
    expect(body.filters.find((f) => f.name === 'area')?.savedFilterId).toBe('f9');
  });

  it('saves the auto-refresh interval', async () => {
    const { api, user } = await openDashboard('OWNER', {
      'PUT /api/dashboards/d1': (call) => jsonResponse(200, { ...dashboard('OWNER'), ...(call.body as object) }),
    });
    await user.selectOptions(screen.getByLabelText('Auto-refresh'), 'Every 5 minutes');
    await waitFor(() => expect(api.callsTo('PUT /api/dashboards/d1')).toHaveLength(1));
    expect((api.callsTo('PUT /api/dashboards/d1')[0].body as { autoRefreshSeconds: number }).autoRefreshSeconds).toBe(300);
  });
});

describe('dashboards list and import', () => {
  it('teaches how to add the first dashboard', async () => {
    signedIn({ role: 'MEMBER' });
    mockApi({ 'GET /api/dashboards': () => jsonResponse(200, []) });
    renderApp('/dashboards');
    expect(await screen.findByTestId('empty-state')).toHaveTextContent('No dashboards yet');
  });

  it('imports after a dry run, listing what is created', async () => {
    signedIn({ role: 'MEMBER' });
    const api = mockApi({
      'GET /api/dashboards': () => jsonResponse(200, []),
      'POST /api/imports?dryRun=true': () => jsonResponse(200, { dryRun: true, created: [{ type: 'dashboard', key: 'd1', name: 'Sales' }, { type: 'report', key: 'r1', name: 'Revenue' }], conflicts: [] }),
      'POST /api/imports?dryRun=false': () => jsonResponse(200, { dryRun: false, created: [{ type: 'dashboard', key: 'd1', name: 'Sales' }, { type: 'report', key: 'r1', name: 'Revenue' }], conflicts: [] }),
    });
    renderApp('/dashboards');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('dashboard-import'));
    const dialog = screen.getByTestId('import-dialog');
    await user.click(within(dialog).getByLabelText('Or paste its content'));
    await user.paste('{"format":"sightline-content","version":1,"dashboards":[],"reports":[]}');
    expect(within(dialog).queryByTestId('import-confirm')).not.toBeInTheDocument();
    await user.click(within(dialog).getByTestId('import-check'));
    expect(await within(dialog).findByTestId('import-created')).toHaveTextContent('report “Revenue”');
    expect(api.callsTo('POST /api/imports?dryRun=false')).toHaveLength(0);
    expect(api.callsTo('POST /api/imports?dryRun=true')[0].body).toEqual({ format: 'sightline-content', version: 1, dashboards: [], reports: [] });

    await user.click(within(dialog).getByTestId('import-confirm'));
    expect(await within(dialog).findByTestId('form-message')).toHaveTextContent('Imported 2 items.');
    expect(api.callsTo('POST /api/imports?dryRun=false')).toHaveLength(1);
    await waitFor(() => expect(api.callsTo('GET /api/dashboards')).toHaveLength(2));
  });

  it('shows conflicts and offers no import', async () => {
    signedIn({ role: 'MEMBER' });
    mockApi({
      'GET /api/dashboards': () => jsonResponse(200, []),
      'POST /api/imports?dryRun=true': () =>
        jsonResponse(200, { dryRun: true, created: [], conflicts: [{ type: 'report', key: 'r1', name: 'Revenue', reason: 'No data source named “Sales DB”.' }] }),
    });
    renderApp('/dashboards');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('dashboard-import'));
    await user.click(screen.getByLabelText('Or paste its content'));
    await user.paste('{}');
    await user.click(screen.getByTestId('import-check'));
    expect(await screen.findByTestId('import-conflicts')).toHaveTextContent('No data source named “Sales DB”.');
    expect(screen.queryByTestId('import-confirm')).not.toBeInTheDocument();
  });
});
