import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DATA_SOURCE_KEY } from './pages/QueriesPage';
import { findParameters, paramValue, type ParamState } from './queries';
import type { Role } from './session';
import { editorViewIn, setEditorText } from './test/editor';
import { apiError, jsonResponse, mockApi, noContent, renderApp, signedIn, type Call } from './test/render';
import { browserTimeZone } from './timeZone';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HISTORY = '/api/queries/history?limit=50';

function dataSource(id: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
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
    metadataReadAt: null,
    ...extra,
  };
}

const sales = dataSource('ds1', 'Sales DB');
const crm = dataSource('ds2', 'CRM', { driver: 'mariadb', driverName: 'MariaDB' });

function resultOf(overrides: Record<string, unknown> = {}) {
  return {
    id: 'q-1',
    dataSourceId: 'ds1',
    sql: {
      sql: 'SELECT region, revenue FROM sales',
      values: [],
      display: 'SELECT region, revenue FROM sales',
    },
    columns: [
      { name: 'region', databaseType: 'text', kind: 'text' },
      { name: 'revenue', databaseType: 'numeric', kind: 'number' },
    ],
    rows: [
      ['West', 1250.5],
      [null, 99],
    ],
    rowCount: 2,
    limitReached: false,
    maxRows: 10000,
    durationMillis: 123,
    computedAt: '2026-11-23T08:00:00Z',
    fromCache: false,
    ...overrides,
  };
}

function historyEntry(n: number, extra: Record<string, unknown> = {}) {
  return {
    id: `h${n}`,
    dataSourceId: 'ds1',
    sql: `SELECT ${n}`,
    startedAt: new Date(Date.UTC(2026, 10, 23, 8, 0, 0) - n * 60_000).toISOString(),
    durationMillis: 40 + n,
    rowCount: 1,
    status: 'SUCCEEDED',
    error: null,
    ...extra,
  };
}

type Routes = Parameters<typeof mockApi>[0];

/** The stubbed API; `routes` stays live, so a test may add a route once it knows a URL. */
function queryApi(extra: Routes = {}) {
  const routes: Routes = {
    'GET /api/datasources': () => jsonResponse(200, [sales, crm]),
    [`GET ${HISTORY}`]: () => jsonResponse(200, []),
    'GET /api/snippets': () => jsonResponse(200, []),
    ...extra,
  };
  return { ...mockApi(routes), routes };
}

const editorView = () => editorViewIn('query-editor');
const setSql = (text: string) => setEditorText('query-editor', text);

function editorText(): string {
  return editorView().state.doc.toString();
}

async function openPage(role: Role = 'MEMBER', routes: Routes = {}, timeZone: string | null = null) {
  signedIn({ role, user: { id: 'u1', email: 'ann@example.com', displayName: 'Ann Lee', timeZone } });
  const api = queryApi(routes);
  renderApp('/queries');
  // The editor mounts in an effect after the page's data arrives: wait for CodeMirror itself.
  await waitFor(() => expect(screen.getByTestId('query-editor').querySelector('.cm-content')).not.toBeNull());
  return { api, user: userEvent.setup() };
}

function body(call: Call): Record<string, unknown> {
  return call.body as Record<string, unknown>;
}

/** A response the test releases when it wants. */
function deferred() {
  let release!: (r: Response) => void;
  const promise = new Promise<Response>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

describe('finding parameters in SQL', () => {
  it('finds {{name}}, {{name.start}} and {{name.end}} outside quotes and comments, in order', () => {
    const sql = [
      "SELECT * FROM orders WHERE region = {{ region }} AND note <> '{{not_in_text}}'",
      '  AND amount > {{min_amount}} -- {{not_in_comment}}',
      '  /* {{nor /* nested */ here}} */ AND day BETWEEN {{period.start}} AND {{period.end}}',
      '  AND "{{quoted}}" = $tag${{dollar}}$tag$ AND id IN ({{ids}}) {{snippet:active customers}} {{region}}',
    ].join('\n');
    expect(findParameters(sql)).toEqual([
      { name: 'region', range: false },
      { name: 'min_amount', range: false },
      { name: 'period', range: true },
      { name: 'ids', range: false },
    ]);
  });

  it('converts values to their JSON types', () => {
    const p = (type: ParamState['type'], value: string, end = ''): unknown => paramValue({ type, required: false, value, end });
    expect(p('text', 'West')).toBe('West');
    expect(p('text', '')).toBeUndefined();
    expect(p('number', ' 42 ')).toBe(42);
    expect(p('number', '3.50')).toBe('3.50'); // kept exact as text; the server reads it
    expect(p('date', '2026-01-31')).toBe('2026-01-31');
    expect(p('date_range', '2026-01-01', '2026-01-31')).toEqual({ start: '2026-01-01', end: '2026-01-31' });
    expect(p('date_range', '', '')).toBeUndefined();
    expect(p('list', '1, 2,3')).toEqual([1, 2, 3]);
    expect(p('list', 'EU, 2')).toEqual(['EU', '2']);
    expect(p('list', ' , ')).toBeUndefined();
  });
});

describe('query editor', () => {
  it('runs a query and shows the rows, the status line and the SQL sent', async () => {
    const { api, user } = await openPage('MEMBER', {
      'POST /api/queries': () =>
        jsonResponse(
          200,
          resultOf({
            sql: {
              sql: 'SELECT region, revenue FROM sales WHERE revenue > ?',
              values: [{ index: 1, parameter: 'min', type: 'number', value: '10' }],
              display: 'SELECT region, revenue FROM sales WHERE revenue > ?\n-- 1: min = 10',
            },
          }),
        ),
    });
    expect(screen.getByTestId('page-title')).toHaveTextContent('Queries');
    expect(screen.getByTestId('query-datasource')).toHaveValue('ds1');
    expect(screen.getByTestId('query-datasource')).toHaveAccessibleName('Data source');
    expect(screen.getByTestId('query-editor').querySelector('.cm-content')).toHaveAccessibleName('SQL');

    setSql('SELECT region, revenue FROM sales');
    await user.click(screen.getByTestId('query-run'));

    const table = await screen.findByTestId('query-result');
    const [runCall] = api.callsTo('POST /api/queries');
    expect(runCall.auth).toBe('Bearer tok-abc');
    expect(body(runCall)).toEqual({
      id: expect.stringMatching(UUID),
      dataSourceId: 'ds1',
      sql: 'SELECT region, revenue FROM sales',
      parameters: [],
      values: {},
      useCache: true,
      timeZone: browserTimeZone(),
    });

    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['region', 'revenue']);
    expect(headers[1]).toHaveClass('num');
    const cells = within(table).getAllByRole('gridcell');
    expect(cells.map((c) => c.textContent)).toEqual(['West', '1250.5', 'null', '99']);
    expect(cells[1]).toHaveClass('num');
    expect(cells[2].querySelector('.null-value')).toHaveTextContent('null');

    const status = screen.getByTestId('query-status');
    expect(status).toHaveTextContent(/^2 rows · 123 ms · computed at \S/);
    expect(status).not.toHaveTextContent('from cache');
    expect(status).not.toHaveTextContent('Showing the first');

    const sent = screen.getByTestId('query-sql-sent');
    expect(sent.tagName).toBe('DETAILS');
    expect(sent.querySelector('summary')).toHaveTextContent('SQL sent · Times in UTC');
    expect(sent).toHaveTextContent('-- 1: min = 10');
    expect(within(sent).getByRole('table')).toHaveTextContent('min');
    expect(screen.queryByTestId('query-error')).not.toBeInTheDocument();
  });

  it('says when the result came from the cache or was cut at the row limit; Run without cache skips the cache', async () => {
    const { api, user } = await openPage('MEMBER', {
      'POST /api/queries': [
        () => jsonResponse(200, resultOf({ fromCache: true, limitReached: true, rowCount: 2, maxRows: 10000 })),
        () => jsonResponse(200, resultOf()),
      ],
    });
    setSql('SELECT * FROM big');
    await user.click(screen.getByTestId('query-run'));
    const status = await screen.findByTestId('query-status');
    expect(status).toHaveTextContent('from cache');
    expect(status).toHaveTextContent('Showing the first 10,000 rows — export for all');

    await user.click(screen.getByTestId('query-run-fresh'));
    await waitFor(() => expect(api.callsTo('POST /api/queries')).toHaveLength(2));
    expect(body(api.callsTo('POST /api/queries')[1]).useCache).toBe(false);
    await waitFor(() => expect(screen.getByTestId('query-status')).not.toHaveTextContent('from cache'));
  });

  it('moves between cells with the arrow keys and shows 100 rows a page', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => [`r${i + 1}`, i + 1]);
    const { user } = await openPage('MEMBER', {
      'POST /api/queries': () => jsonResponse(200, resultOf({ rows, rowCount: 250 })),
    });
    setSql('SELECT * FROM many');
    await user.click(screen.getByTestId('query-run'));
    const table = await screen.findByTestId('query-result');
    expect(within(table).getAllByRole('row')).toHaveLength(101);
    expect(screen.getByTestId('result-range')).toHaveTextContent('Rows 1–100 of 250');

    const [first] = within(table).getAllByRole('columnheader');
    expect(first).toHaveAttribute('tabIndex', '0');
    act(() => first.focus());
    await user.keyboard('{ArrowDown}{ArrowRight}');
    expect(document.activeElement).toHaveTextContent(/^1$/);
    await user.keyboard('{ArrowDown}{ArrowLeft}');
    expect(document.activeElement).toHaveTextContent(/^r2$/);
    expect(document.activeElement).toHaveAttribute('tabIndex', '0');
    await user.keyboard('{Control>}{End}{/Control}');
    expect(document.activeElement).toHaveTextContent(/^100$/);

    await user.click(screen.getByTestId('result-next'));
    expect(screen.getByTestId('result-range')).toHaveTextContent('Rows 101–200 of 250');
    expect(within(table).getAllByRole('gridcell')[0]).toHaveTextContent('r101');
  });

  it('runs with Ctrl+Enter in the editor', async () => {
    const { api } = await openPage('MEMBER', { 'POST /api/queries': () => jsonResponse(200, resultOf()) });
    setSql('SELECT 1');
    const content = screen.getByTestId('query-editor').querySelector('.cm-content')!;
    fireEvent.keyDown(content, { key: 'Enter', code: 'Enter', keyCode: 13, ctrlKey: true });
    await screen.findByTestId('query-result');
    expect(api.callsTo('POST /api/queries')).toHaveLength(1);
    expect(editorText()).toBe('SELECT 1'); // no new line typed
  });

  it('shows the database’s error in plain words with what to do next', async () => {
    const { user } = await openPage('MEMBER', {
      'POST /api/queries': [
        () => apiError(422, 'database', 'ERROR: relation "sale" does not exist'),
        () => apiError(504, 'timeout', 'The query ran longer than 120 seconds and was stopped.'),
      ],
    });
    setSql('SELECT * FROM sale');
    await user.click(screen.getByTestId('query-run'));
    const error = await screen.findByTestId('query-error');
    expect(error).toHaveAttribute('role', 'alert');
    expect(error).toHaveTextContent('ERROR: relation "sale" does not exist');
    expect(error).toHaveTextContent('Check the names of tables and columns');
    expect(screen.queryByTestId('query-result')).not.toBeInTheDocument();

    // A 504 here is the database's time limit, not Sightline being away.
    await user.click(screen.getByTestId('query-run'));
    await waitFor(() => expect(screen.getByTestId('query-error')).toHaveTextContent('longer than 120 seconds'));
    expect(screen.getByTestId('query-error')).not.toHaveTextContent('not available right now');
  });

  it('marks the line a 400 error points at, until the SQL changes', async () => {
    const { user } = await openPage('MEMBER', {
      'POST /api/queries': () =>
        apiError(400, 'invalid', "A text in quotes starting at line 2, column 8 is never closed: add the closing '.", 'sql'),
    });
    setSql("SELECT *\nWHERE a = 'x");
    await user.click(screen.getByTestId('query-run'));
    expect(await screen.findByTestId('query-error')).toHaveTextContent('line 2, column 8 is never closed');
    const marked = screen.getByTestId('query-editor').querySelectorAll('[data-error-line]');
    expect(marked).toHaveLength(1);
    expect(marked[0]).toHaveTextContent("WHERE a = 'x");
    expect(screen.getByTestId('query-editor').querySelector('.cm-content')).toHaveAttribute('aria-invalid', 'true');

    setSql("SELECT *\nWHERE a = 'x'");
    expect(screen.getByTestId('query-editor').querySelectorAll('[data-error-line]')).toHaveLength(0);
    expect(screen.queryByTestId('query-error')).not.toBeInTheDocument();
  });

  it('says to write a query first when the editor is empty, without calling the server', async () => {
    const { api, user } = await openPage();
    await user.click(screen.getByTestId('query-run'));
    expect(await screen.findByTestId('query-error')).toHaveTextContent('Write a query first.');
    expect(api.callsTo('POST /api/queries')).toHaveLength(0);
  });

  it('shows an input per parameter found in the SQL and sends typed values', async () => {
    const { api, user } = await openPage('MEMBER', {
      'POST /api/queries': [
        () => apiError(400, 'invalid', "Parameter 'min_amount': 'lots' is not a number.", 'values.min_amount'),
        () => jsonResponse(200, resultOf()),
      ],
    });
    setSql(
      [
        'SELECT * FROM orders',
        'WHERE region = {{region}} AND amount > {{min_amount}}',
        "  AND day BETWEEN {{period.start}} AND {{period.end}} AND id IN ({{ids}}) -- {{ignored}}",
        "  AND note <> '{{not_a_parameter}}'",
      ].join('\n'),
    );

    expect(await screen.findByTestId('param-region')).toHaveAccessibleName('Value');
    expect(screen.getAllByTestId('param-row').map((r) => r.querySelector('code')?.textContent)).toEqual([
      'region',
      'min_amount',
      'period',
      'ids',
    ]);
    expect(screen.queryByTestId('param-ignored')).not.toBeInTheDocument();
    expect(screen.queryByTestId('param-not_a_parameter')).not.toBeInTheDocument();
    expect(screen.getByTestId('param-type-region')).toHaveValue('text');
    expect(screen.getByTestId('param-type-period')).toHaveValue('date_range');
    expect(screen.getByTestId('param-period')).toHaveAttribute('type', 'date');

    await user.type(screen.getByTestId('param-region'), 'West');
    await user.selectOptions(screen.getByTestId('param-type-min_amount'), 'number');
    await user.type(screen.getByTestId('param-min_amount'), 'lots');
    fireEvent.change(screen.getByTestId('param-period'), { target: { value: '2026-01-01' } });
    fireEvent.change(screen.getByTestId('param-period-end'), { target: { value: '2026-01-31' } });
    await user.selectOptions(screen.getByTestId('param-type-ids'), 'list');
    await user.type(screen.getByTestId('param-ids'), '1, 2, 3');
    await user.click(screen.getByTestId('param-required-region'));

    // The server's complaint about one value is shown at that value.
    await user.click(screen.getByTestId('query-run'));
    const amount = screen.getByTestId('param-min_amount');
    await waitFor(() => expect(amount).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByTestId('param-min_amount-error')).toHaveTextContent("'lots' is not a number.");
    expect(screen.getByTestId('query-error')).toHaveTextContent("'lots' is not a number.");

    await user.clear(amount);
    await user.type(amount, '100');
    expect(amount).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByTestId('query-run'));
    await screen.findByTestId('query-result');

    const sent = body(api.callsTo('POST /api/queries')[1]);
    expect(sent.parameters).toEqual([
      { name: 'region', type: 'text', required: true, defaultValue: null, label: 'region' },
      { name: 'min_amount', type: 'number', required: false, defaultValue: null, label: 'min_amount' },
      { name: 'period', type: 'date_range', required: false, defaultValue: null, label: 'period' },
      { name: 'ids', type: 'list', required: false, defaultValue: null, label: 'ids' },
    ]);
    expect(sent.values).toEqual({
      region: 'West',
      min_amount: 100,
      period: { start: '2026-01-01', end: '2026-01-31' },
      ids: [1, 2, 3],
    });
  });

  it('sends relative dates and the profile’s time zone, and says which zone the times are in', async () => {
    const { api, user } = await openPage(
      'MEMBER',
      {
        'POST /api/queries': () =>
          jsonResponse(
            200,
            resultOf({
              sql: {
                sql: 'SELECT * FROM orders WHERE day BETWEEN ? AND ?',
                values: [
                  { index: 1, parameter: 'period', type: 'date_range', value: '2026-02-23' },
                  { index: 2, parameter: 'period', type: 'date_range', value: '2026-03-01' },
                ],
                display: 'SELECT * FROM orders WHERE day BETWEEN ? AND ?',
                timeZone: 'Asia/Tokyo',
              },
            }),
          ),
      },
      'Asia/Tokyo',
    );
    setSql('SELECT * FROM orders WHERE day BETWEEN {{period.start}} AND {{period.end}} AND shipped <= {{until}}');
    await user.selectOptions(await screen.findByTestId('param-period-relative'), 'last 7 days');
    expect(screen.queryByTestId('param-period')).not.toBeInTheDocument();
    await user.selectOptions(screen.getByTestId('param-type-until'), 'date');
    await user.selectOptions(screen.getByTestId('param-until-relative'), 'yesterday');
    await user.click(screen.getByTestId('query-run'));
    await screen.findByTestId('query-result');

    const sent = body(api.callsTo('POST /api/queries')[0]);
    expect(sent.timeZone).toBe('Asia/Tokyo');
    expect(sent.values).toEqual({ period: 'last 7 days', until: 'yesterday' });
    const view = screen.getByTestId('query-sql-sent');
    expect(within(view).getByTestId('times-in')).toHaveTextContent('Times in Asia/Tokyo');
    expect(within(view).getByRole('table')).toHaveTextContent('2026-02-23');
    expect(within(view).getByRole('table')).toHaveTextContent('2026-03-01');
  });

  it('shows elapsed time while running, and Cancel sends DELETE with the run’s own id', async () => {
    const run = deferred();
    const { api, user } = await openPage('MEMBER', {
      'POST /api/queries': () => run.promise,
    });
    setSql('SELECT pg_sleep(60)');
    expect(screen.queryByTestId('query-cancel')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('query-run'));

    expect(await screen.findByTestId('query-elapsed')).toHaveTextContent(/Running… \d+\.\d s/);
    expect(screen.getByTestId('query-run')).toBeDisabled();
    const cancel = screen.getByTestId('query-cancel');
    expect(cancel).toHaveFocus();
    const id = body(api.callsTo('POST /api/queries')[0]).id as string;
    expect(id).toMatch(UUID);

    api.routes[`DELETE /api/queries/${id}`] = () => noContent();
    await user.click(cancel);
    await waitFor(() => expect(api.callsTo(`DELETE /api/queries/${id}`)).toHaveLength(1));
    expect(screen.getByTestId('query-cancel')).toHaveTextContent('Cancelling…');

    await act(async () => run.release(apiError(409, 'cancelled', 'The query was cancelled.')));
    expect(await screen.findByTestId('query-note')).toHaveTextContent('Query cancelled after');
    expect(screen.queryByTestId('query-elapsed')).not.toBeInTheDocument();
    expect(screen.getByTestId('query-run')).toBeEnabled();
    expect(screen.queryByTestId('query-error')).not.toBeInTheDocument();
  });

  it('remembers the data source chosen, per organization', async () => {
    localStorage.setItem(`${DATA_SOURCE_KEY}.o1`, 'ds2');
    const { api, user } = await openPage('MEMBER', { 'POST /api/queries': () => jsonResponse(200, resultOf()) });
    const picker = screen.getByTestId('query-datasource');
    expect(picker).toHaveValue('ds2');
    await user.selectOptions(picker, 'ds1');
    expect(localStorage.getItem(`${DATA_SOURCE_KEY}.o1`)).toBe('ds1');
    setSql('SELECT 1');
    await user.click(screen.getByTestId('query-run'));
    await screen.findByTestId('query-result');
    expect(body(api.callsTo('POST /api/queries')[0]).dataSourceId).toBe('ds1');
  });

  it('warns when the data source’s driver is not installed', async () => {
    signedIn({ role: 'MEMBER' });
    queryApi({ 'GET /api/datasources': () => jsonResponse(200, [dataSource('ds9', 'Old', { driverAvailable: false })]) });
    renderApp('/queries');
    expect(await screen.findByTestId('query-driver-missing')).toHaveTextContent('driver module is not installed');
  });
});

describe('exports', () => {
  it('downloads CSV with the bearer token, showing progress, and names the file', async () => {
    const created = vi.fn(() => 'blob:export');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const { api, user } = await openPage('MEMBER', {
      'POST /api/queries/export?format=csv': () =>
        new Response('region,revenue\nWest,1250.5\n', {
          status: 200,
          headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="sightline-2026-11-23.csv"' },
        }),
    });
    setSql('SELECT region, revenue FROM sales');
    await user.click(screen.getByTestId('query-export-csv'));
    expect(await screen.findByTestId('query-export-message')).toHaveTextContent('Exported sightline-2026-11-23.csv (27 B)');
    const [call] = api.callsTo('POST /api/queries/export?format=csv');
    expect(call.auth).toBe('Bearer tok-abc');
    expect(body(call)).toMatchObject({ dataSourceId: 'ds1', sql: 'SELECT region, revenue FROM sales', id: expect.stringMatching(UUID) });
    expect(created).toHaveBeenCalledTimes(1);
  });

  it('shows an export’s error, and can cancel one under way', async () => {
    const { user } = await openPage('MEMBER', {
      'POST /api/queries/export?format=xlsx': () => apiError(400, 'invalid', "Parameter 'x' needs a value.", 'values.x'),
    });
    setSql('SELECT {{x}}');
    await user.click(screen.getByTestId('query-export-xlsx'));
    expect(await screen.findByTestId('query-export-error')).toHaveTextContent("The export failed: Parameter 'x' needs a value.");

    // An export that keeps streaming until it is cancelled.
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new Uint8Array(2048));
            init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
          },
        });
        return new Response(stream, { status: 200, headers: { 'Content-Type': 'text/csv' } });
      }),
    );
    await user.click(screen.getByTestId('query-export-csv'));
    expect(await screen.findByTestId('query-export-progress')).toHaveTextContent('Exporting CSV… 2 KB');
    await user.click(screen.getByTestId('query-export-cancel'));
    expect(await screen.findByTestId('query-export-message')).toHaveTextContent('Export cancelled.');
    expect(screen.queryByTestId('query-export-progress')).not.toBeInTheDocument();
  });
});

describe('query history', () => {
  it('lists runs newest first; choosing one loads its SQL and data source into the editor', async () => {
    const { user } = await openPage('MEMBER', {
      [`GET ${HISTORY}`]: () =>
        jsonResponse(200, [
          historyEntry(1, { sql: 'SELECT name FROM customers', dataSourceId: 'ds2', rowCount: 1200 }),
          historyEntry(2, { status: 'FAILED', rowCount: -1, error: 'relation "x" does not exist' }),
          historyEntry(3, { status: 'CACHED', durationMillis: 0 }),
        ]),
    });
    const items = await screen.findAllByTestId('query-history-item');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('Succeeded');
    expect(items[0]).toHaveTextContent('SELECT name FROM customers');
    expect(items[0]).toHaveTextContent('CRM · 41 ms · 1,200 rows');
    expect(items[1]).toHaveTextContent('Failed');
    expect(items[1]).toHaveTextContent('relation "x" does not exist');
    expect(items[2]).toHaveTextContent('From cache');

    await user.click(items[0]);
    expect(editorText()).toBe('SELECT name FROM customers');
    expect(screen.getByTestId('query-datasource')).toHaveValue('ds2');
  });

  it('searches with / and pages with Load more', async () => {
    const firstPage = Array.from({ length: 50 }, (_, i) => historyEntry(i + 1));
    const last = firstPage[49].startedAt;
    const { api, user } = await openPage('MEMBER', {
      [`GET ${HISTORY}`]: () => jsonResponse(200, firstPage),
      [`GET /api/queries/history?before=${encodeURIComponent(last)}&limit=50`]: () => jsonResponse(200, [historyEntry(51)]),
      'GET /api/queries/history?q=orders&limit=50': () => jsonResponse(200, []),
    });
    expect(await screen.findAllByTestId('query-history-item')).toHaveLength(50);
    await user.click(screen.getByTestId('query-history-more'));
    await waitFor(() => expect(screen.getAllByTestId('query-history-item')).toHaveLength(51));
    expect(screen.queryByTestId('query-history-more')).not.toBeInTheDocument();

    // `/` from the page (not while typing) goes to the search, also from the Snippets tab.
    await user.click(screen.getByTestId('query-snippets-tab'));
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('/');
    const search = screen.getByTestId('query-history-search');
    expect(search).toHaveFocus();
    expect(search).toHaveValue('');
    expect(screen.getByTestId('query-history-tab')).toHaveAttribute('aria-selected', 'true');

    await user.type(search, 'orders');
    await waitFor(() => expect(api.callsTo('GET /api/queries/history?q=orders&limit=50')).toHaveLength(1));
    expect(await screen.findByTestId('query-history-empty')).toHaveTextContent('No query in your history matches “orders”.');
  });

  it('says that runs appear there when there are none yet', async () => {
    await openPage();
    expect(await screen.findByTestId('query-history-empty')).toHaveTextContent('Queries you run appear here.');
  });

  it('shows a new run in the history', async () => {
    const { api, user } = await openPage('MEMBER', {
      'POST /api/queries': () => jsonResponse(200, resultOf()),
      [`GET ${HISTORY}`]: [() => jsonResponse(200, []), () => jsonResponse(200, [historyEntry(1)])],
    });
    await screen.findByTestId('query-history-empty');
    setSql('SELECT 1');
    await user.click(screen.getByTestId('query-run'));
    expect(await screen.findAllByTestId('query-history-item')).toHaveLength(1);
    expect(api.callsTo(`GET ${HISTORY}`)).toHaveLength(2);
  });
});

describe('snippets', () => {
  it('teaches how to add the first one, and shows the API’s field errors at the field', async () => {
    const saved = { id: 's1', name: 'active', description: 'Active customers', sql: 'status = 1', createdBy: 'u1', updatedAt: null };
    const { api, user } = await openPage('MEMBER', {
      'GET /api/snippets': [() => jsonResponse(200, []), () => jsonResponse(200, [saved])],
      'POST /api/snippets': [
        () => apiError(400, 'invalid', '1 to 100 letters, digits, spaces, _, - and ., starting with a letter, digit or _.', 'name'),
        () => jsonResponse(201, saved),
      ],
    });
    await user.click(screen.getByTestId('query-snippets-tab'));
    expect(screen.getByTestId('query-snippets-tab')).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByTestId('snippets-empty')).toHaveTextContent('{{snippet:name}}');

    // A new snippet starts from the SQL selected in the editor.
    setSql('SELECT * FROM c WHERE status = 1');
    act(() => editorView().dispatch({ selection: { anchor: 22, head: 32 } }));
    await user.click(screen.getByTestId('snippet-new'));
    expect(screen.getByTestId('snippet-sql')).toHaveValue('status = 1');
    const name = screen.getByTestId('snippet-name');
    expect(name).toHaveFocus();
    await user.type(name, '!bad');
    await user.type(screen.getByTestId('snippet-description'), 'Active customers');
    await user.click(screen.getByTestId('snippet-save'));

    expect(await screen.findByTestId('snippet-name-error')).toHaveTextContent('starting with a letter, digit or _.');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveFocus();
    expect(body(api.callsTo('POST /api/snippets')[0])).toEqual({ name: '!bad', description: 'Active customers', sql: 'status = 1' });

    await user.clear(name);
    await user.type(name, 'active');
    await user.click(screen.getByTestId('snippet-save'));
    expect(await screen.findByTestId('form-message')).toHaveTextContent('Snippet active added.');
    const item = await screen.findByTestId('snippet-item');
    expect(item).toHaveTextContent('Active customers');

    // Insert puts the reference at the cursor.
    act(() => editorView().dispatch({ selection: { anchor: 22, head: 32 } }));
    await user.click(within(item).getByTestId('snippet-insert'));
    expect(editorText()).toBe('SELECT * FROM c WHERE {{snippet:active}}');
  });

  it('edits and deletes a snippet', async () => {
    const snippet = { id: 's1', name: 'eu', description: null, sql: "region = 'EU'", createdBy: 'u1', updatedAt: null };
    const { api, user } = await openPage('MEMBER', {
      'GET /api/snippets': () => jsonResponse(200, [snippet]),
      'PUT /api/snippets/s1': () => apiError(400, 'invalid', 'Write the SQL fragment.', 'sql'),
      'DELETE /api/snippets/s1': () => noContent(),
    });
    await user.click(screen.getByTestId('query-snippets-tab'));
    await user.click(await screen.findByTestId('snippet-edit'));
    const sql = screen.getByTestId('snippet-sql');
    expect(sql).toHaveValue("region = 'EU'");
    fireEvent.change(sql, { target: { value: "region IN ('EU', 'UK')" } });
    await user.click(screen.getByTestId('snippet-save'));
    expect(await screen.findByTestId('snippet-sql-error')).toHaveTextContent('Write the SQL fragment.');
    expect(body(api.callsTo('PUT /api/snippets/s1')[0])).toEqual({ name: 'eu', description: '', sql: "region IN ('EU', 'UK')" });
    await user.click(screen.getByTestId('snippet-cancel'));

    await user.click(screen.getByTestId('snippet-delete'));
    await user.click(screen.getByTestId('snippet-delete-confirm'));
    await waitFor(() => expect(screen.queryByTestId('snippet-item')).not.toBeInTheDocument());
    expect(api.callsTo('DELETE /api/snippets/s1')).toHaveLength(1);
  });

  it('offers Edit and Delete only to the creator, Admins and Owners', async () => {
    const theirs = { id: 's2', name: 'theirs', description: null, sql: '1 = 1', createdBy: 'u9', updatedAt: null };
    const { user } = await openPage('MEMBER', { 'GET /api/snippets': () => jsonResponse(200, [theirs]) });
    await user.click(screen.getByTestId('query-snippets-tab'));
    await screen.findByTestId('snippet-item');
    expect(screen.getByTestId('snippet-insert')).toBeInTheDocument();
    expect(screen.queryByTestId('snippet-edit')).not.toBeInTheDocument();
    expect(screen.queryByTestId('snippet-delete')).not.toBeInTheDocument();
  });
});

describe('queries page empty states and roles', () => {
  it('tells Admins to add a data source first, with a link', async () => {
    signedIn({ role: 'ADMIN' });
    queryApi({ 'GET /api/datasources': () => jsonResponse(200, []) });
    renderApp('/queries');
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('Add a data source first.');
    expect(within(empty).getByRole('link', { name: 'Add a data source' })).toHaveAttribute('href', '/datasources/new');
    expect(screen.queryByTestId('query-editor')).not.toBeInTheDocument();
  });

  it('tells Members to ask an Admin', async () => {
    signedIn({ role: 'MEMBER' });
    queryApi({ 'GET /api/datasources': () => jsonResponse(200, []) });
    renderApp('/queries');
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('Add a data source first.');
    expect(empty).toHaveTextContent('Ask an Admin or Owner of your organization to add one');
    expect(within(empty).queryByRole('link')).not.toBeInTheDocument();
  });

  it('keeps Viewers out: no navigation entry, a notice and no requests', async () => {
    signedIn({ role: 'VIEWER' });
    const api = queryApi();
    renderApp('/queries');
    expect(await screen.findByTestId('empty-state')).toHaveTextContent('needs the Member role');
    const nav = screen.getByTestId('main-nav');
    expect(within(nav).queryByRole('link', { name: 'Queries' })).not.toBeInTheDocument();
    expect(api.calls).toHaveLength(0);
  });

  it('shows Queries in the navigation to Members', () => {
    signedIn({ role: 'MEMBER' });
    queryApi();
    renderApp('/dashboards');
    expect(within(screen.getByTestId('main-nav')).getByRole('link', { name: 'Queries' })).toHaveAttribute('href', '/queries');
  });
});
