import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { editorReady as waitForEditor, setEditorText } from './test/editor';
import { salesDb } from './test/fixtures';
import { apiError, jsonResponse, mockApi, noContent, renderApp, signedIn } from './test/render';
import { browserTimeZone } from './timeZone';
import type { Role } from './session';

const ds = salesDb;

const members = [
  { id: 'm1', userId: 'u1', email: 'ann@example.com', displayName: 'Ann Lee', role: 'OWNER' },
  { id: 'm2', userId: 'u2', email: 'bob@example.com', displayName: 'Bob Roe', role: 'MEMBER' },
];

const SECRET_URL = 'https://hooks.slack.com/services/T000/B000/s3cr3tTOKEN';

function stored(extra: Record<string, unknown> = {}) {
  return {
    id: 'a1',
    name: 'Big orders',
    dataSourceId: 'ds1',
    sql: 'SELECT count(*) AS n FROM orders',
    reportId: null,
    condition: { type: 'VALUE', column: 'n', operator: 'ABOVE', threshold: 100 },
    schedule: { id: 's1', cron: null, intervalSeconds: 300, timeZone: 'UTC', enabled: true, nextRunAt: '2026-11-23T15:00:00Z' },
    notify: { userIds: ['u2'], webhooks: [{ host: 'hooks.slack.com' }], everyRun: false },
    state: 'TRIGGERED',
    lastValue: '142',
    lastCheckedAt: '2026-11-23T14:55:00Z',
    lastMessage: '1 row; condition held',
    createdBy: 'u1',
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    ...extra,
  };
}

const runs = [
  {
    id: 'r2',
    scheduleId: 's1',
    kind: 'ALERT',
    targetId: 'a1',
    targetName: 'Big orders',
    startedAt: '2026-11-23T14:55:00Z',
    endedAt: '2026-11-23T14:55:00Z',
    durationMs: 120,
    outcome: 'TRIGGERED',
    message: '1 row; condition held',
    node: 'n1',
  },
  {
    id: 'r1',
    scheduleId: 's1',
    kind: 'ALERT',
    targetId: 'a1',
    targetName: 'Big orders',
    startedAt: '2026-11-23T14:50:00Z',
    endedAt: '2026-11-23T14:50:02Z',
    durationMs: 2400,
    outcome: 'FAILED',
    message: 'relation "orders" does not exist',
    node: 'n1',
  },
];

type Routes = Parameters<typeof mockApi>[0];

function alertsApi(extra: Routes = {}) {
  return mockApi({
    'GET /api/datasources': () => jsonResponse(200, [ds]),
    'GET /api/datasources/ds1/schema': () => jsonResponse(200, { schemas: [] }),
    'GET /api/orgs/o1/members': () => jsonResponse(200, members),
    'GET /api/alerts/a1': () => jsonResponse(200, stored()),
    'GET /api/schedules/s1/runs?limit=50': () => jsonResponse(200, runs),
    ...extra,
  });
}

const setSql = (text: string) => setEditorText('alert-sql', text);
const editorReady = () => waitForEditor('alert-sql');

describe('alerts list', () => {
  it('lists alerts with their state, schedule and last check', async () => {
    signedIn({ role: 'ADMIN' });
    mockApi({
      'GET /api/alerts': () =>
        jsonResponse(200, [
          stored(),
          stored({
            id: 'a2',
            name: 'Nightly sign-ups',
            state: 'UNKNOWN',
            lastValue: null,
            lastCheckedAt: null,
            lastMessage: null,
            schedule: { id: 's2', cron: '0 7 * * 1-5', intervalSeconds: null, timeZone: 'Europe/Berlin', enabled: false, nextRunAt: null },
          }),
        ]),
    });
    renderApp('/alerts');
    const table = await screen.findByTestId('alerts-table');
    const rows = within(table).getAllByTestId('alert-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByRole('link', { name: 'Big orders' })).toHaveAttribute('href', '/alerts/a1');
    expect(within(rows[0]).getByTestId('alert-state')).toHaveTextContent('Triggered');
    expect(within(rows[0]).getByTestId('alert-state')).toHaveClass('badge-warning');
    expect(rows[0]).toHaveTextContent('value 142');
    expect(within(rows[0]).getByTestId('alert-schedule')).toHaveTextContent('every 5 minutes');
    expect(rows[0]).toHaveTextContent('1 row; condition held');
    expect(within(rows[1]).getByTestId('alert-state')).toHaveTextContent('Not checked yet');
    expect(within(rows[1]).getByTestId('alert-schedule')).toHaveTextContent('cron 0 7 * * 1-5 (Europe/Berlin)');
    expect(rows[1]).toHaveTextContent('Paused');
    expect(rows[1]).toHaveTextContent('Never');
    expect(screen.getByTestId('alert-new')).toHaveAttribute('href', '/alerts/new');
  });

  it('teaches how to create the first alert', async () => {
    signedIn({ role: 'OWNER' });
    mockApi({ 'GET /api/alerts': () => jsonResponse(200, []) });
    renderApp('/alerts');
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('No alerts yet.');
    expect(within(empty).getByRole('link', { name: 'New alert' })).toHaveAttribute('href', '/alerts/new');
  });

  it.each<Role>(['MEMBER', 'VIEWER'])('keeps a %s out: no navigation entry, a notice, no requests', async (role) => {
    signedIn({ role });
    const api = mockApi({});
    renderApp('/alerts');
    expect(await screen.findByTestId('alerts-forbidden')).toHaveTextContent('Only Admins and Owners');
    const nav = screen.getByTestId('main-nav');
    expect(within(nav).queryByRole('link', { name: 'Alerts' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Schedules' })).not.toBeInTheDocument();
    expect(api.calls).toHaveLength(0);
  });
});

describe('alert editor', () => {
  it('shows the fields each condition type needs', async () => {
    signedIn();
    alertsApi();
    renderApp('/alerts/new');
    await editorReady();
    const user = userEvent.setup();
    const type = screen.getByTestId('alert-condition-type');
    const shown = () => ['alert-column', 'alert-operator', 'alert-threshold'].filter((id) => screen.queryByTestId(id));

    expect(type).toHaveValue('ANY_ROWS');
    expect(shown()).toEqual([]);
    await user.selectOptions(type, 'ROW_COUNT');
    expect(shown()).toEqual(['alert-operator', 'alert-threshold']);
    expect(screen.getByLabelText('The row count')).toBe(screen.getByTestId('alert-operator'));
    await user.selectOptions(type, 'VALUE');
    expect(shown()).toEqual(['alert-column', 'alert-operator', 'alert-threshold']);
    expect([...(screen.getByTestId('alert-operator') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['ABOVE', 'BELOW', 'EQUAL']);
    await user.selectOptions(type, 'CHANGED');
    expect(shown()).toEqual(['alert-column']);
    expect(screen.getByLabelText('Column (optional)')).toBe(screen.getByTestId('alert-column'));
  });

  it('checks the form, posts the alert, and never shows the webhook URL again', async () => {
    signedIn();
    const created = stored({
      id: 'a9',
      name: 'Low stock',
      state: 'UNKNOWN',
      notify: { userIds: ['u2'], webhooks: [{ host: 'hooks.slack.com' }], everyRun: true },
      schedule: { id: 's9', cron: null, intervalSeconds: 7200, timeZone: 'UTC', enabled: true, nextRunAt: null },
    });
    const api = alertsApi({
      'POST /api/alerts': () => jsonResponse(201, created),
      'GET /api/alerts/a9': () => jsonResponse(200, created),
      'GET /api/schedules/s9/runs?limit=50': () => jsonResponse(200, []),
    });
    renderApp('/alerts/new');
    await editorReady();
    const user = userEvent.setup();

    // Nothing sent while the form is incomplete: said at the fields, the first one focused.
    await user.click(screen.getByTestId('alert-save'));
    expect(screen.getByTestId('alert-name-error')).toHaveTextContent('Give the alert a name.');
    expect(screen.getByTestId('alert-sql-error')).toHaveTextContent('Write the query to check');
    expect(screen.getByTestId('alert-name')).toHaveFocus();
    expect(api.callsTo('POST /api/alerts')).toHaveLength(0);

    await user.type(screen.getByTestId('alert-name'), 'Low stock');
    setSql('SELECT total FROM stock');
    await user.selectOptions(screen.getByTestId('alert-condition-type'), 'VALUE');
    await user.type(screen.getByTestId('alert-column'), 'total');
    await user.selectOptions(screen.getByTestId('alert-operator'), 'BELOW');
    await user.type(screen.getByTestId('alert-threshold'), '5');
    await user.clear(screen.getByTestId('alert-interval'));
    await user.type(screen.getByTestId('alert-interval'), '2');
    await user.selectOptions(screen.getByTestId('alert-interval-unit'), 'hours');
    await user.click(await screen.findByTestId('alert-member-u2'));
    await user.type(screen.getByTestId('alert-webhooks'), SECRET_URL);
    await user.click(screen.getByTestId('alert-every-run'));
    await user.click(screen.getByTestId('alert-save'));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/alerts/a9'));
    expect(api.callsTo('POST /api/alerts')[0].body).toEqual({
      name: 'Low stock',
      dataSourceId: 'ds1',
      sql: 'SELECT total FROM stock',
      reportId: null,
      condition: { type: 'VALUE', column: 'total', operator: 'BELOW', threshold: 5 },
      schedule: { cron: null, intervalSeconds: 7200, timeZone: browserTimeZone(), enabled: true },
      notify: { userIds: ['u2'], webhookUrls: [SECRET_URL], everyRun: true },
    });
    expect(await screen.findByTestId('form-message')).toHaveTextContent('“Low stock” was created.');
    expect(await screen.findByTestId('alert-webhook-host')).toHaveTextContent('hooks.slack.com');
    expect(screen.getByTestId('alert-webhooks')).toHaveValue('');
    expect(document.body.innerHTML).not.toContain('s3cr3tTOKEN');
    expect(document.body.innerHTML).not.toContain('T000/B000');
    expect(screen.getByTestId('alert-interval')).toHaveValue(2);
    expect(screen.getByTestId('alert-interval-unit')).toHaveValue('hours');
    expect(await screen.findByTestId('alert-runs-empty')).toHaveTextContent('Not checked yet');
  });

  it('shows the server’s validation errors at the field they name', async () => {
    signedIn();
    const api = alertsApi({
      'PUT /api/alerts/a1': [
        () => apiError(400, 'invalid', 'Give a number.', 'condition.threshold'),
        () => apiError(400, 'invalid', 'Give either cron or intervalSeconds.', 'schedule.cron'),
        () => apiError(400, 'invalid', 'Use an https:// URL.', 'notify.webhookUrls[0]'),
        () => apiError(400, 'invalid', 'Not a cron expression: 99 * * * *', 'schedule.cron'),
      ],
    });
    renderApp('/alerts/a1');
    await editorReady();
    const user = userEvent.setup();
    const save = () => user.click(screen.getByTestId('alert-save'));

    await save();
    expect(await screen.findByTestId('alert-threshold-error')).toHaveTextContent('Give a number.');
    expect(screen.getByTestId('alert-threshold')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('alert-threshold')).toHaveFocus();

    // An interval schedule has no cron field: the error shows at the interval.
    await save();
    expect(await screen.findByTestId('alert-interval-error')).toHaveTextContent('Give either cron or intervalSeconds.');
    expect(screen.queryByTestId('alert-threshold-error')).not.toBeInTheDocument();

    await save();
    expect(await screen.findByTestId('alert-webhooks-error')).toHaveTextContent('Use an https:// URL.');

    await user.selectOptions(screen.getByTestId('alert-schedule-mode'), 'cron');
    await user.type(screen.getByTestId('alert-cron'), '99 * * * *');
    expect(screen.getByTestId('alert-timezone')).toHaveValue('UTC');
    await save();
    expect(await screen.findByTestId('alert-cron-error')).toHaveTextContent('Not a cron expression: 99 * * * *');
    expect(screen.getByTestId('alert-cron')).toHaveFocus();
    expect(api.callsTo('PUT /api/alerts/a1')[3].body).toMatchObject({
      schedule: { cron: '99 * * * *', intervalSeconds: null, timeZone: 'UTC', enabled: true },
    });
  });

  it('keeps, replaces or removes the stored webhooks, and shows only their hosts', async () => {
    signedIn();
    const api = alertsApi({
      'PUT /api/alerts/a1': (call) => {
        const urls = (call.body as { notify: { webhookUrls: string[] | null } }).notify.webhookUrls;
        const webhooks = urls === null ? [{ host: 'hooks.slack.com' }] : urls.map((u) => ({ host: new URL(u).host }));
        return jsonResponse(200, stored({ notify: { userIds: ['u2'], webhooks, everyRun: false } }));
      },
    });
    renderApp('/alerts/a1');
    await editorReady();
    const user = userEvent.setup();
    expect(screen.getByTestId('alert-webhook-host')).toHaveTextContent('hooks.slack.com');
    expect(screen.getByTestId('alert-member-u2')).toBeChecked();

    // Untouched: null keeps them.
    await user.click(screen.getByTestId('alert-save'));
    await waitFor(() => expect(api.callsTo('PUT /api/alerts/a1')).toHaveLength(1));
    expect(api.callsTo('PUT /api/alerts/a1')[0].body).toMatchObject({ notify: { userIds: ['u2'], webhookUrls: null, everyRun: false } });

    // Typed: they replace the stored ones, and are gone from the page once saved.
    await user.type(screen.getByTestId('alert-webhooks'), 'https://example.webhook.office.com/webhookb2/s3cr3tTOKEN');
    await user.click(screen.getByTestId('alert-save'));
    await waitFor(() => expect(api.callsTo('PUT /api/alerts/a1')).toHaveLength(2));
    expect(api.callsTo('PUT /api/alerts/a1')[1].body).toMatchObject({
      notify: { webhookUrls: ['https://example.webhook.office.com/webhookb2/s3cr3tTOKEN'] },
    });
    expect(await screen.findByText('“Big orders” was saved.')).toBeInTheDocument();
    expect(screen.getByTestId('alert-webhook-host')).toHaveTextContent('example.webhook.office.com');
    expect(screen.getByTestId('alert-webhooks')).toHaveValue('');
    expect(document.body.innerHTML).not.toContain('s3cr3tTOKEN');

    // Remove all sends [] (Undo takes it back first).
    await user.click(screen.getByTestId('alert-webhooks-remove'));
    await user.click(screen.getByTestId('alert-webhooks-undo'));
    await user.click(screen.getByTestId('alert-webhooks-remove'));
    expect(screen.getByTestId('alert-webhooks-removing')).toHaveTextContent('Removed when you save.');
    await user.click(screen.getByTestId('alert-save'));
    await waitFor(() => expect(api.callsTo('PUT /api/alerts/a1')).toHaveLength(3));
    expect(api.callsTo('PUT /api/alerts/a1')[2].body).toMatchObject({ notify: { webhookUrls: [] } });
    await waitFor(() => expect(screen.queryByTestId('alert-webhook-host')).not.toBeInTheDocument());
  });

  it('tests the saved alert and shows what the condition found', async () => {
    signedIn();
    const api = alertsApi({
      'POST /api/alerts/a1/test': [
        () => jsonResponse(200, { holds: true, value: '142', rowCount: 1, message: '1 row; 142 is above 100' }),
        () => apiError(400, 'query_failed', 'relation "orders" does not exist'),
      ],
    });
    renderApp('/alerts/a1');
    await editorReady();
    const user = userEvent.setup();
    expect(screen.getByTestId('alert-summary')).toHaveTextContent('Triggered');
    await user.click(screen.getByTestId('alert-test'));
    const result = await screen.findByTestId('alert-test-result');
    expect(within(result).getByTestId('alert-test-holds')).toHaveTextContent('The condition holds');
    expect(within(result).getByTestId('alert-test-value')).toHaveTextContent('142');
    expect(within(result).getByTestId('alert-test-rows')).toHaveTextContent('1');
    expect(within(result).getByTestId('alert-test-message')).toHaveTextContent('1 row; 142 is above 100');
    expect(api.callsTo('POST /api/alerts/a1/test')).toHaveLength(1);

    // Unsaved changes are not tested: the hint says so.
    await user.type(screen.getByTestId('alert-threshold'), '0');
    expect(screen.getByTestId('alert-test-hint')).toHaveTextContent('save your changes first');

    await user.click(screen.getByTestId('alert-test'));
    expect(await screen.findByText('The test could not run')).toBeInTheDocument();
    expect(screen.getByTestId('alert-test-message')).toHaveTextContent('relation "orders" does not exist');
  });

  it('shows the run history, newest first, with outcomes, durations and messages', async () => {
    signedIn();
    alertsApi();
    renderApp('/alerts/a1');
    const panel = await screen.findByTestId('alert-runs');
    const rows = await within(panel).findAllByTestId('alert-run-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByTestId('run-outcome')).toHaveTextContent('Triggered');
    expect(rows[0]).toHaveTextContent('120 ms');
    expect(rows[0]).toHaveTextContent('1 row; condition held');
    expect(within(rows[1]).getByTestId('run-outcome')).toHaveTextContent('Failed');
    expect(within(rows[1]).getByTestId('run-outcome')).toHaveClass('badge-error');
    expect(rows[1]).toHaveTextContent('2.4 s');
    expect(rows[1]).toHaveTextContent('relation "orders" does not exist');
  });

  it('deletes after a confirm step and says so on the list', async () => {
    signedIn();
    const api = alertsApi({
      'DELETE /api/alerts/a1': () => noContent(),
      'GET /api/alerts': () => jsonResponse(200, []),
    });
    renderApp('/alerts/a1');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('alert-delete'));
    expect(api.callsTo('DELETE /api/alerts/a1')).toHaveLength(0);
    await user.click(screen.getByTestId('alert-delete-confirm'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/alerts$/));
    expect(await screen.findByTestId('form-message')).toHaveTextContent('“Big orders” was deleted.');
    expect(api.callsTo('DELETE /api/alerts/a1')).toHaveLength(1);
  });
});
