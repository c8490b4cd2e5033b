import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, jsonResponse, mockApi, noContent, renderApp, signedIn } from './test/render';
import { browserTimeZone } from './timeZone';

function schedule(id: string, kind: string, targetName: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    kind,
    targetId: `t-${id}`,
    targetName,
    cron: null,
    intervalSeconds: 3600,
    timeZone: 'UTC',
    description: 'every 1 hour',
    enabled: true,
    nextRunAt: '2026-11-23T15:00:00Z',
    lastRunAt: null,
    lastOutcome: null,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    ...extra,
  };
}

const schemaRefresh = schedule('s1', 'SCHEMA_REFRESH', 'Demo sales', { lastRunAt: '2026-11-23T14:00:00Z', lastOutcome: 'OK' });
const prewarm = schedule('s2', 'DASHBOARD_REFRESH', 'Sales overview', {
  cron: '0 7 * * 1-5',
  intervalSeconds: null,
  timeZone: 'Europe/Berlin',
  description: 'cron 0 7 * * 1-5 (Europe/Berlin)',
});
const alertSchedule = schedule('s3', 'ALERT', 'Big orders', { targetId: 'a1', intervalSeconds: 300, description: 'every 5 minutes' });
const cleanup = schedule('s4', 'CLEANUP', '', { intervalSeconds: 86400, description: 'every 1 day', targetId: '' });

function run(id: string, kind: string, targetName: string, outcome: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    scheduleId: 's1',
    kind,
    targetId: 't1',
    targetName,
    startedAt: '2026-11-23T14:00:00Z',
    endedAt: '2026-11-23T14:00:01Z',
    durationMs: 850,
    outcome,
    message: `${outcome.toLowerCase()} message`,
    node: 'n1',
    ...extra,
  };
}

const history = [
  run('r3', 'ALERT', 'Big orders', 'TRIGGERED', { targetId: 'a1' }),
  run('r2', 'SCHEMA_REFRESH', 'Demo sales', 'OK'),
  run('r1', 'DASHBOARD_REFRESH', 'Sales overview', 'TIMED_OUT', { durationMs: 60_000 }),
];

type Routes = Parameters<typeof mockApi>[0];

function schedulesApi(extra: Routes = {}) {
  return mockApi({
    'GET /api/schedules': () => jsonResponse(200, [schemaRefresh, prewarm, alertSchedule, cleanup]),
    'GET /api/schedules/runs?limit=100': () => jsonResponse(200, history),
    ...extra,
  });
}

describe('schedules page', () => {
  it('lists schedules grouped by kind, with what each row allows', async () => {
    signedIn({ role: 'OWNER' });
    schedulesApi();
    renderApp('/schedules');
    const table = await screen.findByTestId('schedules-table');
    const groups = within(table)
      .getAllByRole('columnheader')
      .filter((th) => th.getAttribute('scope') === 'colgroup')
      .map((th) => th.textContent);
    expect(groups).toEqual(['Schema refresh', 'Dashboard pre-warm', 'Alert', 'Clean-up']);

    const rows = within(table).getAllByTestId('schedule-row');
    expect(rows.map((r) => within(r).getByTestId('schedule-description').textContent)).toEqual([
      'every 1 hour',
      'cron 0 7 * * 1-5 (Europe/Berlin)',
      'every 5 minutes',
      'every 1 day',
    ]);
    expect(within(rows[0]).getByRole('link', { name: 'Demo sales' })).toHaveAttribute('href', '/datasources/t-s1/schema');
    expect(within(rows[0]).getByTestId('run-outcome')).toHaveTextContent('OK');
    expect(within(rows[1]).getByRole('link', { name: 'Sales overview' })).toHaveAttribute('href', '/dashboards/t-s2');
    expect(within(rows[2]).getByRole('link', { name: 'Big orders' })).toHaveAttribute('href', '/alerts/a1');
    expect(rows[1]).toHaveTextContent('Never');
    // Clean-up and an alert's schedule cannot be deleted here; all can be run and edited.
    expect(screen.getByTestId('schedule-delete-s1')).toBeInTheDocument();
    expect(screen.getByTestId('schedule-delete-s2')).toBeInTheDocument();
    expect(screen.queryByTestId('schedule-delete-s3')).not.toBeInTheDocument();
    expect(screen.queryByTestId('schedule-delete-s4')).not.toBeInTheDocument();
    for (const id of ['s1', 's2', 's3', 's4']) {
      expect(screen.getByTestId(`schedule-run-${id}`)).toBeInTheDocument();
      expect(screen.getByTestId(`schedule-edit-${id}`)).toBeInTheDocument();
    }
  });

  it('shows the history with an outcome filter', async () => {
    signedIn({ role: 'ADMIN' });
    schedulesApi();
    renderApp('/schedules');
    const panel = await screen.findByTestId('schedule-history');
    const rows = await within(panel).findAllByTestId('schedule-history-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Alert');
    expect(within(rows[0]).getByRole('link', { name: 'Big orders' })).toHaveAttribute('href', '/alerts/a1');
    expect(within(rows[0]).getByTestId('run-outcome')).toHaveTextContent('Triggered');
    expect(rows[0]).toHaveTextContent('850 ms');
    expect(rows[0]).toHaveTextContent('triggered message');
    expect(rows[2]).toHaveTextContent('Dashboard pre-warm');
    expect(rows[2]).toHaveTextContent('1 min 0 s');

    const user = userEvent.setup();
    await user.selectOptions(within(panel).getByTestId('schedule-history-outcome'), 'TIMED_OUT');
    expect(within(panel).getAllByTestId('schedule-history-row')).toHaveLength(1);
    expect(within(panel).getByTestId('run-outcome')).toHaveTextContent('Timed out');
    await user.selectOptions(within(panel).getByTestId('schedule-history-outcome'), 'SKIPPED');
    expect(within(panel).queryByTestId('schedule-history-row')).not.toBeInTheDocument();
    expect(within(panel).getByTestId('schedule-history-none')).toHaveTextContent('None of the last 3 runs is “Skipped”.');
  });

  it('has empty states for schedules and history', async () => {
    signedIn();
    schedulesApi({
      'GET /api/schedules': () => jsonResponse(200, []),
      'GET /api/schedules/runs?limit=100': () => jsonResponse(200, []),
    });
    renderApp('/schedules');
    expect(await screen.findByTestId('empty-state')).toHaveTextContent('No schedules yet. Choose New schedule');
    expect(await screen.findByTestId('schedule-history-empty')).toHaveTextContent('Nothing has run yet.');
    expect(screen.queryByTestId('schedules-table')).not.toBeInTheDocument();
  });

  it('keeps Members out: a notice and no requests', async () => {
    signedIn({ role: 'MEMBER' });
    const api = mockApi({});
    renderApp('/schedules');
    expect(screen.getByTestId('schedules-forbidden')).toHaveTextContent('Only Admins and Owners');
    expect(api.calls).toHaveLength(0);
  });

  it('pauses and enables a schedule with PUT', async () => {
    signedIn();
    const api = schedulesApi({
      'PUT /api/schedules/s2': (call) => jsonResponse(200, { ...prewarm, ...(call.body as object) }),
    });
    renderApp('/schedules');
    const toggle = await screen.findByTestId('schedule-enabled-s2');
    expect(toggle).toBeChecked();
    expect(toggle).toHaveAccessibleName('Dashboard pre-warm of Sales overview: enabled');
    const user = userEvent.setup();
    await user.click(toggle);
    await waitFor(() => expect(screen.getByTestId('schedule-enabled-s2')).not.toBeChecked());
    expect(api.callsTo('PUT /api/schedules/s2')[0].body).toEqual({
      cron: '0 7 * * 1-5',
      intervalSeconds: null,
      timeZone: 'Europe/Berlin',
      enabled: false,
    });
    expect(screen.getByTestId('form-message')).toHaveTextContent('Dashboard pre-warm of Sales overview paused.');
    await user.click(screen.getByTestId('schedule-enabled-s2'));
    await waitFor(() => expect(screen.getByTestId('schedule-enabled-s2')).toBeChecked());
    expect(api.callsTo('PUT /api/schedules/s2')[1].body).toMatchObject({ enabled: true });
  });

  it('says why a toggle failed next to the row', async () => {
    signedIn();
    schedulesApi({ 'PUT /api/schedules/s1': () => apiError(409, 'conflict', 'The data source was deleted.') });
    renderApp('/schedules');
    await userEvent.setup().click(await screen.findByTestId('schedule-enabled-s1'));
    expect(await screen.findByTestId('schedule-error')).toHaveTextContent('The data source was deleted.');
    expect(screen.getByTestId('schedule-enabled-s1')).toBeChecked();
  });

  it('runs a schedule now, then loads the list and the history again', async () => {
    signedIn();
    const api = schedulesApi({
      'POST /api/schedules/s1/run': () => jsonResponse(202, schemaRefresh),
    });
    renderApp('/schedules');
    await screen.findAllByTestId('schedule-history-row');
    expect(api.callsTo('GET /api/schedules')).toHaveLength(1);
    expect(api.callsTo('GET /api/schedules/runs?limit=100')).toHaveLength(1);
    await userEvent.setup().click(screen.getByTestId('schedule-run-s1'));
    await waitFor(() => expect(api.callsTo('POST /api/schedules/s1/run')).toHaveLength(1));
    await waitFor(() => expect(api.callsTo('GET /api/schedules')).toHaveLength(2));
    await waitFor(() => expect(api.callsTo('GET /api/schedules/runs?limit=100')).toHaveLength(2));
    expect(screen.getByTestId('form-message')).toHaveTextContent('Schema refresh of Demo sales starts within a few seconds.');
  });

  it('edits the timing in a dialog, with the server’s errors at the field', async () => {
    signedIn();
    const api = schedulesApi({
      'PUT /api/schedules/s1': [
        () => apiError(400, 'invalid', 'Not a cron expression: 0 25 * * *', 'cron'),
        (call) => jsonResponse(200, { ...schemaRefresh, ...(call.body as object), description: 'cron 0 6 * * * (Europe/Berlin)' }),
      ],
    });
    renderApp('/schedules');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('schedule-edit-s1'));
    const dialog = screen.getByTestId('schedule-dialog');
    expect(within(dialog).getByTestId('schedule-form-interval')).toHaveValue(1);
    expect(within(dialog).getByTestId('schedule-form-interval-unit')).toHaveValue('hours');
    await user.selectOptions(within(dialog).getByTestId('schedule-form-schedule-mode'), 'cron');
    await user.type(within(dialog).getByTestId('schedule-form-cron'), '0 25 * * *');
    await user.click(within(dialog).getByTestId('schedule-form-save'));
    expect(await within(dialog).findByTestId('schedule-form-cron-error')).toHaveTextContent('Not a cron expression: 0 25 * * *');
    expect(within(dialog).getByTestId('schedule-form-cron')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByTestId('schedule-form-cron')).toHaveFocus();

    await user.clear(within(dialog).getByTestId('schedule-form-cron'));
    await user.type(within(dialog).getByTestId('schedule-form-cron'), '0 6 * * *');
    expect(within(dialog).queryByTestId('schedule-form-cron-error')).not.toBeInTheDocument();
    await user.selectOptions(within(dialog).getByTestId('schedule-form-timezone'), 'Europe/Berlin');
    await user.click(within(dialog).getByTestId('schedule-form-save'));
    await waitFor(() => expect(screen.queryByTestId('schedule-dialog')).not.toBeInTheDocument());
    expect(api.callsTo('PUT /api/schedules/s1')[1].body).toEqual({ cron: '0 6 * * *', intervalSeconds: null, timeZone: 'Europe/Berlin', enabled: true });
    expect(screen.getAllByTestId('schedule-description')[0]).toHaveTextContent('cron 0 6 * * * (Europe/Berlin)');
  });

  it('checks the interval before sending', async () => {
    signedIn();
    const api = schedulesApi();
    renderApp('/schedules');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('schedule-edit-s1'));
    await user.selectOptions(screen.getByTestId('schedule-form-interval-unit'), 'days');
    await user.clear(screen.getByTestId('schedule-form-interval'));
    await user.type(screen.getByTestId('schedule-form-interval'), '31');
    await user.click(screen.getByTestId('schedule-form-save'));
    expect(screen.getByTestId('schedule-form-interval-error')).toHaveTextContent('From 1 minute to 30 days.');
    expect(api.callsTo('PUT /api/schedules/s1')).toHaveLength(0);
  });

  it('creates a schedule for a dashboard, and says at the target when it has one', async () => {
    signedIn();
    const created = schedule('s9', 'DASHBOARD_REFRESH', 'Ops board', { targetId: 'd2', intervalSeconds: 1800, description: 'every 30 minutes' });
    const api = schedulesApi({
      'GET /api/datasources': () => jsonResponse(200, []),
      'GET /api/dashboards': () =>
        jsonResponse(200, [
          { id: 't-s2', name: 'Sales overview', filters: [], tiles: [], access: 'OWNER' },
          { id: 'd2', name: 'Ops board', filters: [], tiles: [], access: 'OWNER' },
        ]),
      'POST /api/schedules': [() => apiError(409, 'schedule_exists', 'Ops board has a pre-warm schedule already.'), () => jsonResponse(201, created)],
    });
    renderApp('/schedules');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('schedule-new'));
    const dialog = screen.getByTestId('schedule-dialog');
    expect([...(within(dialog).getByTestId('schedule-form-kind') as HTMLSelectElement).options].map((o) => o.text)).toEqual([
      'Schema refresh',
      'Dashboard pre-warm',
      'Filter refresh',
    ]);
    await user.selectOptions(within(dialog).getByTestId('schedule-form-kind'), 'DASHBOARD_REFRESH');
    const target = within(dialog).getByTestId('schedule-form-target');
    await waitFor(() => expect((target as HTMLSelectElement).options).toHaveLength(2));
    // The dashboard that has a pre-warm schedule already is offered, but not chosen.
    expect((target as HTMLSelectElement).options[0]).toHaveTextContent('Sales overview (has a schedule)');
    expect((target as HTMLSelectElement).options[0]).toBeDisabled();
    expect(target).toHaveValue('d2');
    await user.clear(within(dialog).getByTestId('schedule-form-interval'));
    await user.type(within(dialog).getByTestId('schedule-form-interval'), '30');
    await user.selectOptions(within(dialog).getByTestId('schedule-form-interval-unit'), 'minutes');

    await user.click(within(dialog).getByTestId('schedule-form-save'));
    expect(await within(dialog).findByTestId('schedule-form-target-error')).toHaveTextContent('Ops board has a pre-warm schedule already.');
    await user.click(within(dialog).getByTestId('schedule-form-save'));
    await waitFor(() => expect(screen.queryByTestId('schedule-dialog')).not.toBeInTheDocument());
    expect(api.callsTo('POST /api/schedules')[1].body).toEqual({
      kind: 'DASHBOARD_REFRESH',
      targetId: 'd2',
      cron: null,
      intervalSeconds: 1800,
      timeZone: browserTimeZone(),
      enabled: true,
    });
    expect(screen.getByTestId('form-message')).toHaveTextContent('Dashboard pre-warm of Ops board runs every 30 minutes.');
    await waitFor(() => expect(api.callsTo('GET /api/schedules')).toHaveLength(2));
  });

  it('deletes a schedule after a confirm step', async () => {
    signedIn();
    const api = schedulesApi({ 'DELETE /api/schedules/s2': () => noContent() });
    renderApp('/schedules');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('schedule-delete-s2'));
    await user.click(screen.getByTestId('schedule-delete-s2-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('schedule-row')).toHaveLength(3));
    expect(api.callsTo('DELETE /api/schedules/s2')).toHaveLength(1);
    expect(screen.getByTestId('form-message')).toHaveTextContent('Dashboard pre-warm of Sales overview deleted.');
  });
});
