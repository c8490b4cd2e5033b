import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { apiRequest, failureOf } from '../api';
import { useSession } from '../auth';
import { ConfirmAction } from '../ConfirmAction';
import { asDataSources, dsPath } from '../datasources';
import { CheckboxField, describedBy, FieldNotes, focusById, formatDateTime, FormError, FormMessage, SelectField, TextAreaField, TextField } from '../forms';
import {
  alertBody,
  alertErrors,
  alertFieldOf,
  alertFormOf,
  alertPath,
  asAlert,
  asAlerts,
  asAlertTest,
  asRuns,
  conditionOf,
  CONDITION_TYPES,
  describeTiming,
  hostOf,
  OPERATOR_LABELS,
  OPERATORS,
  runsPath,
  STATE_BADGES,
  STATE_LABELS,
  webhookUrls,
  type Alert,
  type AlertErrors,
  type AlertField,
  type AlertForm,
  type AlertState,
  type AlertTest,
  type ConditionType,
  type Operator,
  type TimingField,
} from '../schedules';
import { canManageSchedules } from '../session';
import { SqlEditor, type SqlEditorHandle } from '../SqlEditor';
import { useHandoffMessage } from '../useHandoff';
import { asList, useLoad } from '../useLoad';
import { useSchemaCompletion } from '../useSchemaCompletion';
import { ItemLoading } from './ContentList';
import type { Member } from './MembersPage';
import { RunsTable } from './RunsTable';
import { LoadNotes, ScrollTable } from './ScrollTable';
import { ScheduleFields, timingControlId } from './ScheduleFields';
import { RestrictedPage, SectionHead, SECTIONS } from './SectionPage';

const SECTION = SECTIONS.find((s) => s.path === 'alerts')!;

export function StateBadge({ state }: { state: AlertState }) {
  return (
    <span className={STATE_BADGES[state]} data-testid="alert-state">
      {STATE_LABELS[state]}
    </span>
  );
}

/** What Members and Viewers see instead: the API would answer 403. */
function Forbidden({ title }: { title: string }) {
  return (
    <RestrictedPage section={SECTION} title={title} testId="alerts-forbidden">
      Only Admins and Owners set up alerts. Ask one of them to add an alert and to tell you when it triggers.
    </RestrictedPage>
  );
}

/** /alerts: every alert of the organization with its state. */
export function AlertsPage() {
  const session = useSession();
  const manage = canManageSchedules(session.organization.role);
  const list = useLoad(manage ? alertPath() : null, 'Loading alerts', asAlerts);
  // What the page before said (an alert deleted), shown once.
  const status = useHandoffMessage();
  if (!manage) return <Forbidden title={SECTION.title} />;
  const items = list.data ?? [];

  return (
    <section className="page page-wide" aria-labelledby="page-title">
      <SectionHead
        section={SECTION}
        status={status}
        action={
          <Link className="button button-primary" to="/alerts/new" data-testid="alert-new">
            New alert
          </Link>
        }
      />
      <LoadNotes load={list} what="alerts" />
      {items.length > 0 && (
        <ScrollTable id="alerts" caption={`Alerts of ${session.organization.name}`} testId="alerts-table" busy={list.loading}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">Checked</th>
              <th scope="col">Last checked</th>
              <th scope="col">Next check</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} data-testid="alert-row">
                <th scope="row" className="break">
                  <Link to={`/alerts/${encodeURIComponent(a.id)}`}>{a.name}</Link>
                </th>
                <td>
                  <StateBadge state={a.state} />
                  {a.lastValue !== null && <span className="muted sub-line">value {a.lastValue}</span>}
                </td>
                <td>
                  <span data-testid="alert-schedule">{describeTiming(a.schedule)}</span>
                  {!a.schedule.enabled && <span className="badge badge-view">Paused</span>}
                </td>
                <td>
                  {formatDateTime(a.lastCheckedAt, 'Never')}
                  {a.lastMessage && <span className="muted sub-line break">{a.lastMessage}</span>}
                </td>
                <td className="nowrap">{a.schedule.enabled ? formatDateTime(a.schedule.nextRunAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {list.data !== null && items.length === 0 && (
        <div className="empty-state" data-testid="empty-state">
          <p>
            <strong>No alerts yet.</strong> Choose <Link to="/alerts/new">New alert</Link>, pick a data source and write
            the query to watch. Then say when it should alert — the query returns rows, the row count or a value crosses
            a threshold, or the result changes — and how often to check.
          </p>
          <p>
            When the alert triggers, Sightline emails the members you choose and posts to your webhooks (Slack, Teams or
            your own). Test now checks the query and the condition at once without telling anyone.
          </p>
        </div>
      )}
    </section>
  );
}

/** /alerts/new and /alerts/:id */
export function AlertEditorRoute() {
  const { id } = useParams();
  const session = useSession();
  if (!canManageSchedules(session.organization.role)) return <Forbidden title={id ? 'Alert' : 'New alert'} />;
  // Keyed by id: after a create, the saved alert's page opens afresh and reads what was handed over.
  return <AlertLoader key={id ?? ''} id={id ?? null} />;
}

function AlertLoader({ id }: { id: string | null }) {
  const loaded = useLoad(id ? alertPath(id) : null, 'Loading the alert', asAlert);
  const created = useHandoffMessage();
  if (!id) return <AlertEditor alert={null} message={null} />;
  if (!loaded.data) {
    return <ItemLoading noun="alert" listPath="/alerts" listTitle="Alerts" failure={loaded.failure} missing="This alert does not exist: it may have been deleted." />;
  }
  return <AlertEditor alert={loaded.data} message={created} />;
}

/** The control an error of `field` is shown at, for focusing it. */
function controlId(field: AlertField, form: AlertForm): string {
  if (field.startsWith('schedule.')) return timingControlId('alert', form.timing, field.slice('schedule.'.length) as TimingField);
  const ids: Partial<Record<AlertField, string>> = {
    name: 'alert-name',
    dataSourceId: 'alert-datasource',
    'condition.type': 'alert-condition-type',
    'condition.column': 'alert-column',
    'condition.operator': 'alert-operator',
    'condition.threshold': 'alert-threshold',
    'notify.userIds': 'alert-members',
    'notify.webhookUrls': 'alert-webhooks',
  };
  return ids[field] ?? 'alert-name';
}

type Busy = null | 'save' | 'test' | 'delete';

function AlertEditor({ alert: initial, message: initialMessage }: { alert: Alert | null; message: string | null }) {
  const navigate = useNavigate();
  const session = useSession();
  const orgId = String(session.organization.id);
  const dataSources = useLoad(dsPath(), 'Loading data sources', asDataSources);
  const members = useLoad(`/api/orgs/${encodeURIComponent(orgId)}/members`, 'Loading members', (d) => asList<Member>(d));
  const [alert, setAlert] = useState<Alert | null>(initial);
  const runs = useLoad(alert?.schedule.id ? runsPath(alert.schedule.id) : null, 'Loading the runs', asRuns);

  const [form, setForm] = useState<AlertForm>(() => alertFormOf(initial));
  const editorRef = useRef<SqlEditorHandle>(null);
  const [sql, setSql] = useState(initial?.sql ?? '');
  const [errors, setErrors] = useState<AlertErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(initialMessage);
  const [busy, setBusy] = useState<Busy>(null);
  const [test, setTest] = useState<AlertTest | null>(null);
  const [testError, setTestError] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const dsList = dataSources.data ?? [];
  // A new alert starts on the first data source.
  const dataSourceId = form.dataSourceId || dsList[0]?.id || '';
  const dataSource = dsList.find((d) => d.id === dataSourceId) ?? null;
  const completion = useSchemaCompletion(dataSourceId || null);
  const condition = conditionOf(form.conditionType);
  const current = { ...form, dataSourceId };
  // Test now runs the saved alert: say so while the form differs from it.
  const changed = alert !== null && JSON.stringify(alertBody(current, sql, alert)) !== JSON.stringify(alertBody(alertFormOf(alert), alert.sql, alert));

  /** Editing a field takes away the errors it answers. */
  function clear(fields: AlertField[]) {
    setErrors((e) => {
      if (!fields.some((c) => e[c])) return e;
      const copy = { ...e };
      fields.forEach((c) => delete copy[c]);
      return copy;
    });
  }

  function set<K extends keyof AlertForm>(key: K, value: AlertForm[K], cleared: AlertField[] = []) {
    setForm((f) => ({ ...f, [key]: value }));
    clear(cleared);
  }

  function focusError(field: AlertField) {
    if (field === 'sql') editorRef.current?.focus();
    else focusById(controlId(field, current));
  }

  /** Errors at their fields, the first one focused; true when there are none. */
  function checked(text: string): boolean {
    const found = alertErrors(current, text);
    setErrors(found);
    const first = (Object.keys(found) as AlertField[])[0];
    if (first) focusError(first);
    return !first;
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setFormError(null);
    setMessage(null);
    const text = editorRef.current?.getValue() ?? sql;
    if (!checked(text)) return;
    setBusy('save');
    const body = alertBody(current, text, alert);
    const answer = alert ? await apiRequest<unknown>('PUT', alertPath(alert.id), body) : await apiRequest<unknown>('POST', alertPath(), body);
    setBusy(null);
    const stored = answer.kind === 'ok' ? asAlert(answer.data) : null;
    if (stored) {
      if (!alert) {
        navigate(`/alerts/${encodeURIComponent(stored.id)}`, { replace: true, state: { message: `“${stored.name}” was created.` } });
        return;
      }
      // The typed webhook URLs are gone from the page now: the answer has their hosts only.
      setAlert(stored);
      setForm(alertFormOf(stored));
      setSql(stored.sql);
      setMessage(`“${stored.name}” was saved.`);
      runs.reload();
      return;
    }
    if (answer.kind === 'ok') {
      setFormError('The alert was saved, but the server’s answer could not be understood. Reload the page to see it.');
      return;
    }
    const f = failureOf(answer, 'Saving alerts');
    const field = alertFieldOf(f.field, current);
    if (field) {
      setErrors({ [field]: f.message });
      focusError(field);
    } else setFormError(f.message);
  }

  async function runTest() {
    if (!alert || busy) return;
    setBusy('test');
    setTest(null);
    setTestError(null);
    const answer = await apiRequest<unknown>('POST', alertPath(alert.id, '/test'));
    setBusy(null);
    const parsed = answer.kind === 'ok' ? asAlertTest(answer.data) : null;
    if (parsed) setTest(parsed);
    else setTestError(answer.kind === 'ok' ? 'The test ran, but the server’s answer could not be understood.' : failureOf(answer, 'Testing alerts').message);
  }

  async function remove() {
    if (!alert || busy) return;
    setBusy('delete');
    setDeleteError(null);
    const answer = await apiRequest<unknown>('DELETE', alertPath(alert.id));
    setBusy(null);
    if (answer.kind === 'ok') navigate('/alerts', { replace: true, state: { message: `“${alert.name}” was deleted.` } });
    else setDeleteError(failureOf(answer, 'Deleting alerts').message);
  }

  const memberList = members.data ?? [];
  // Chosen people who have left the organization stay listed, so they can be taken off.
  const gone = form.userIds.filter((u) => !memberList.some((m) => String(m.userId) === u));
  const storedHosts = alert?.notify.webhookHosts ?? [];
  const typedUrls = webhookUrls(form.webhookText);
  const title = alert ? alert.name : 'New alert';

  return (
    <section className="page page-wide alert-editor" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/alerts">Alerts</Link>
      </p>
      <div className="page-head">
        <h1 id="page-title" data-testid="page-title">
          {title}
        </h1>
        {alert && (
          <div className="button-row">
            <ConfirmAction
              label="Delete"
              accessibleLabel={`Delete ${alert.name}`}
              question={`Delete “${alert.name}” and its run history?`}
              busyLabel="Deleting…"
              busy={busy === 'delete'}
              onConfirm={() => void remove()}
              testId="alert-delete"
            />
          </div>
        )}
      </div>
      {deleteError && <FormError message={`The alert was not deleted: ${deleteError}`} />}
      {alert && (
        <p className="alert-summary" data-testid="alert-summary">
          <StateBadge state={alert.state} /> Last checked {formatDateTime(alert.lastCheckedAt, 'never')}
          {alert.lastValue !== null && <> · value {alert.lastValue}</>}
          {alert.lastMessage && <> · {alert.lastMessage}</>}
        </p>
      )}

      <form onSubmit={(e) => void save(e)} noValidate aria-labelledby="page-title" data-testid="alert-form">
        <section className="panel" aria-labelledby="alert-what-title">
          <h2 id="alert-what-title">What to check</h2>
          <TextField
            id="alert-name"
            testId="alert-name"
            label="Name"
            value={form.name}
            onValue={(v) => set('name', v, ['name'])}
            error={errors.name}
            hint="Says in the notification what went off, e.g. “Daily sign-ups below 100”."
            maxLength={200}
            autoComplete="off"
          />
          <SelectField
            id="alert-datasource"
            testId="alert-datasource"
            label="Data source"
            value={dataSourceId}
            onValue={(v) => set('dataSourceId', v, ['dataSourceId'])}
            options={
              dsList.length > 0
                ? dsList.map((d) => ({ value: d.id, label: `${d.name} (${d.driverName})` }))
                : [{ value: '', label: dataSources.data ? 'No data source yet' : 'Loading…' }]
            }
            error={errors.dataSourceId ?? dataSources.failure?.message}
          />
          {dataSources.data?.length === 0 && (
            <p className="field-hint" data-testid="alert-no-datasource">
              Alerts query a data source: <Link to="/datasources/new">add one</Link> first.
            </p>
          )}
          <div className="field query-editor-field">
            <span id="alert-sql-label" className="label" onClick={() => editorRef.current?.focus()}>
              SQL
            </span>
            <SqlEditor
              ref={editorRef}
              initialValue={initial?.sql ?? ''}
              labelId="alert-sql-label"
              describedBy={errors.sql ? 'alert-sql-hint alert-sql-error' : 'alert-sql-hint'}
              invalid={Boolean(errors.sql)}
              driver={dataSource?.driver ?? null}
              schema={completion.schema}
              defaultSchema={completion.defaultSchema}
              onChange={(text) => {
                setSql(text);
                clear(['sql']);
              }}
              onRun={() => void runTest()}
              testId="alert-sql"
            />
            <p id="alert-sql-hint" className="field-hint">
              The condition reads the rows it returns; keep it small, e.g. <code>SELECT count(*) AS signups FROM users WHERE created_at &gt;= CURRENT_DATE</code>.
              {alert && (
                <>
                  {' '}
                  <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (<kbd>⌘</kbd>+<kbd>Enter</kbd>) tests the saved alert.
                </>
              )}
            </p>
            {errors.sql && (
              <p id="alert-sql-error" className="field-error" data-testid="alert-sql-error">
                {errors.sql}
              </p>
            )}
          </div>
        </section>

        <section className="panel" aria-labelledby="alert-when-title">
          <h2 id="alert-when-title">When to alert</h2>
          <SelectField
            id="alert-condition-type"
            testId="alert-condition-type"
            label="Alert when"
            value={form.conditionType}
            onValue={(v) => set('conditionType', v as ConditionType, ['condition.type', 'condition.column', 'condition.operator', 'condition.threshold'])}
            options={CONDITION_TYPES}
            error={errors['condition.type']}
          />
          {(condition.column || condition.compares) && (
            <div className="form-row">
              {condition.column && (
                <TextField
                  id="alert-column"
                  testId="alert-column"
                  label={condition.column === 'optional' ? 'Column (optional)' : 'Column'}
                  value={form.column}
                  onValue={(v) => set('column', v, ['condition.column'])}
                  error={errors['condition.column']}
                  hint={
                    condition.column === 'optional'
                      ? 'The first row’s value of this column is compared with the last check’s; without one, the row count is.'
                      : 'Its value in the first row is compared; the name as the query returns it.'
                  }
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
              {condition.compares && (
                <>
                  <SelectField
                    id="alert-operator"
                    testId="alert-operator"
                    label={form.conditionType === 'ROW_COUNT' ? 'The row count' : 'The value'}
                    value={form.operator}
                    onValue={(v) => set('operator', v as Operator, ['condition.operator'])}
                    options={OPERATORS.map((o) => ({ value: o, label: OPERATOR_LABELS[o] }))}
                    error={errors['condition.operator']}
                  />
                  <TextField
                    id="alert-threshold"
                    testId="alert-threshold"
                    label="Threshold"
                    inputMode="decimal"
                    value={form.threshold}
                    onValue={(v) => set('threshold', v, ['condition.threshold'])}
                    error={errors['condition.threshold']}
                    autoComplete="off"
                  />
                </>
              )}
            </div>
          )}
        </section>

        <section className="panel" aria-labelledby="alert-schedule-title">
          <h2 id="alert-schedule-title">How often to check</h2>
          <ScheduleFields
            prefix="alert"
            form={form.timing}
            onChange={(timing, cleared) => set('timing', timing, cleared.map((c) => `schedule.${c}` as AlertField))}
            errors={{ cron: errors['schedule.cron'], intervalSeconds: errors['schedule.intervalSeconds'], timeZone: errors['schedule.timeZone'] }}
          />
          <CheckboxField
            id="alert-enabled"
            testId="alert-enabled"
            label="Enabled"
            checked={form.timing.enabled}
            onChecked={(on) => set('timing', { ...form.timing, enabled: on })}
            hint="A paused alert keeps its settings and history but is not checked."
          />
        </section>

        <section className="panel" aria-labelledby="alert-notify-title">
          <h2 id="alert-notify-title">Who to tell</h2>
          <fieldset className="field checkbox-list" id="alert-members" tabIndex={-1} data-testid="alert-members" {...describedBy({ id: 'alert-members', error: errors['notify.userIds'] })}>
            <legend>Email these members</legend>
            {members.failure && <p className="field-error">{members.failure.message}</p>}
            {members.data === null && !members.failure && <p className="busy-text">Loading members…</p>}
            {[...memberList.map((m) => ({ id: String(m.userId), label: `${m.displayName || m.email} (${m.email})` })), ...gone.map((u) => ({ id: u, label: 'A former member' }))].map((m) => (
              <div className="check" key={m.id}>
                <input
                  type="checkbox"
                  id={`alert-member-${m.id}`}
                  checked={form.userIds.includes(m.id)}
                  onChange={(e) =>
                    set('userIds', e.target.checked ? [...form.userIds, m.id] : form.userIds.filter((u) => u !== m.id), ['notify.userIds'])
                  }
                  data-testid={`alert-member-${m.id}`}
                />
                <label htmlFor={`alert-member-${m.id}`}>{m.label}</label>
              </div>
            ))}
            <FieldNotes id="alert-members" error={errors['notify.userIds']} testId="alert-members" />
          </fieldset>

          <Webhooks
            stored={storedHosts}
            removing={form.removeWebhooks}
            onRemoving={(on) => set('removeWebhooks', on, ['notify.webhookUrls'])}
            text={form.webhookText}
            onText={(v) => set('webhookText', v, ['notify.webhookUrls'])}
            typedHosts={typedUrls.map(hostOf)}
            error={errors['notify.webhookUrls']}
          />
          <CheckboxField
            id="alert-every-run"
            testId="alert-every-run"
            label="Notify on every run while triggered"
            checked={form.everyRun}
            onChecked={(on) => set('everyRun', on)}
            hint="Otherwise only when the alert starts to trigger: from OK or not checked yet to Triggered."
          />
        </section>

        {formError && <FormError message={`The alert was not saved: ${formError}`} />}
        {message && <FormMessage message={message} />}
        <div className="button-row form-buttons">
          <button type="submit" className="button button-primary" aria-disabled={busy === 'save' || undefined} data-testid="alert-save">
            {busy === 'save' ? 'Saving…' : alert ? 'Save' : 'Save alert'}
          </button>
          {alert && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => void runTest()}
              aria-disabled={busy === 'test' || undefined}
              aria-describedby="alert-test-hint"
              data-testid="alert-test"
            >
              {busy === 'test' ? 'Testing…' : 'Test now'}
            </button>
          )}
          {alert && (
            <span id="alert-test-hint" className="field-hint" data-testid="alert-test-hint">
              {changed
                ? 'Test now checks the saved alert: save your changes first to test them.'
                : 'Runs the query and checks the condition now; nobody is notified and the state stays.'}
            </span>
          )}
        </div>
      </form>

      {testError && (
        <div className="test-result test-failed" role="alert" data-testid="alert-test-result">
          <h3>The test could not run</h3>
          <p data-testid="alert-test-message">{testError}</p>
        </div>
      )}
      {test && <TestResult test={test} />}

      {alert && (
        <section className="panel" aria-labelledby="alert-runs-title" data-testid="alert-runs">
          <div className="page-head">
            <h2 id="alert-runs-title">Run history</h2>
            <button type="button" className="button button-quiet button-small" onClick={runs.reload} data-testid="alert-runs-refresh">
              Refresh
            </button>
          </div>
          <LoadNotes load={runs} what="the runs" />
          {runs.data?.length === 0 && (
            <p className="muted" data-testid="alert-runs-empty">
              Not checked yet. The first check runs {alert.schedule.enabled ? `at ${formatDateTime(alert.schedule.nextRunAt, 'the next scheduled time')}` : 'once you enable the alert'}.
            </p>
          )}
          {runs.data && runs.data.length > 0 && <RunsTable runs={runs.data} caption={`Runs of ${alert.name}, newest first`} rowTestId="alert-run-row" />}
        </section>
      )}
    </section>
  );
}

interface WebhooksProps {
  /** Hosts of the stored webhooks: the URLs themselves are never shown. */
  stored: string[];
  removing: boolean;
  onRemoving(on: boolean): void;
  text: string;
  onText(text: string): void;
  typedHosts: string[];
  error: string | undefined;
}

/** Write-only webhook URLs: the stored ones by host, Remove all, and new ones that replace them. */
function Webhooks({ stored, removing, onRemoving, text, onText, typedHosts, error }: WebhooksProps) {
  let hint: ReactNode = 'One https:// URL a line, e.g. a Slack or Teams incoming webhook. Stored encrypted; only its host is shown again.';
  if (stored.length > 0 && typedHosts.length > 0) hint = 'The URLs typed here replace the stored webhooks when you save: list all you want to keep.';
  return (
    <div className="webhooks" data-testid="alert-webhooks-panel">
      {stored.length > 0 && (
        <div className="field">
          <span className="label" id="alert-webhooks-stored-label">
            Stored webhooks
          </span>
          <ul className="host-list" aria-labelledby="alert-webhooks-stored-label">
            {stored.map((h, i) => (
              <li key={`${h}-${i}`} className={removing || typedHosts.length > 0 ? 'removed' : undefined}>
                <code data-testid="alert-webhook-host">{h}</code>
              </li>
            ))}
          </ul>
          {removing ? (
            <p className="field-hint">
              <span data-testid="alert-webhooks-removing">Removed when you save.</span>{' '}
              <button type="button" className="button button-quiet button-small" onClick={() => onRemoving(false)} data-testid="alert-webhooks-undo">
                Undo
              </button>
            </p>
          ) : (
            <button type="button" className="button button-quiet button-small" onClick={() => onRemoving(true)} data-testid="alert-webhooks-remove">
              Remove all
            </button>
          )}
        </div>
      )}
      <TextAreaField
        id="alert-webhooks"
        testId="alert-webhooks"
        label={stored.length > 0 ? 'Replace with these webhook URLs' : 'Webhook URLs'}
        value={text}
        onValue={onText}
        rows={2}
        autoComplete="off"
        placeholder="https://hooks.slack.com/services/…"
        hint={hint}
        error={error}
      />
    </div>
  );
}

function TestResult({ test }: { test: AlertTest }) {
  return (
    <div className={`test-result${test.holds ? ' test-holds' : ''}`} role="status" data-testid="alert-test-result">
      <h3 data-testid="alert-test-holds">{test.holds ? 'The condition holds: the alert would trigger.' : 'The condition does not hold: the alert would not trigger.'}</h3>
      <dl className="facts">
        <dt>Value</dt>
        <dd data-testid="alert-test-value">{test.value ?? '—'}</dd>
        <dt>Rows</dt>
        <dd data-testid="alert-test-rows">{test.rowCount ?? '—'}</dd>
        {test.message && (
          <>
            <dt>Message</dt>
            <dd data-testid="alert-test-message">{test.message}</dd>
          </>
        )}
      </dl>
      <p className="field-hint">Nobody was notified, and the alert’s state did not change.</p>
    </div>
  );
}
