import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { apiRequest, failureOf } from '../api';
import { useSession } from '../auth';
import { ConfirmAction } from '../ConfirmAction';
import { asDataSources, dsPath } from '../datasources';
import { Dialog } from '../Dialog';
import { CheckboxField, focusById, formatDateTime, FormError, SelectField, SubmitButton } from '../forms';
import { asDashboards, asSavedFilters, dashboardPath } from '../reports';
import {
  asRuns,
  asSchedule,
  asSchedules,
  CREATABLE_KINDS,
  KIND_LABELS,
  newTimingForm,
  OUTCOME_LABELS,
  RECENT_RUNS_PATH,
  RUN_OUTCOMES,
  SCHEDULE_KINDS,
  schedulePath,
  targetHref,
  timingBody,
  timingErrors,
  timingFormOf,
  type CreatableKind,
  type RunOutcome,
  type Schedule,
  type TimingErrors,
  type TimingField,
  type TimingForm,
} from '../schedules';
import { canManageSchedules } from '../session';
import { useLoad } from '../useLoad';
import { OutcomeBadge, RunsTable } from './RunsTable';
import { ScheduleFields, timingControlId } from './ScheduleFields';
import { LoadNotes, ScrollTable } from './ScrollTable';
import { RestrictedPage, SectionHead, SECTIONS } from './SectionPage';

const SECTION = SECTIONS.find((s) => s.path === 'schedules')!;

/** Runs finish within a couple of seconds of Run now: look again after this long. */
const RUN_NOW_RELOAD_MS = 3000;

interface Target {
  id: string;
  name: string;
}

const named = (items: { id: string; name: string }[] | null): Target[] | null => items && items.map((i) => ({ id: i.id, name: i.name }));

/** Where the targets of each kind are listed, and how to read them. */
const TARGETS: Record<CreatableKind, { url: string; noun: string; read(data: unknown): Target[] | null }> = {
  SCHEMA_REFRESH: { url: dsPath(), noun: 'data source', read: (d) => named(asDataSources(d)) },
  DASHBOARD_REFRESH: { url: dashboardPath(), noun: 'dashboard', read: (d) => named(asDashboards(d)) },
  FILTER_REFRESH: { url: '/api/filters', noun: 'saved filter', read: (d) => named(asSavedFilters(d)) },
};

/** /schedules: every schedule of the organization, and the history of their runs. */
export function SchedulesPage() {
  const session = useSession();
  const manage = canManageSchedules(session.organization.role);
  const [historyVersion, setHistoryVersion] = useState(0);
  if (!manage) {
    return (
      <RestrictedPage section={SECTION} testId="schedules-forbidden">
        Only Admins and Owners see and change schedules.
      </RestrictedPage>
    );
  }
  return (
    <section className="page page-wide" aria-labelledby="page-title">
      <ScheduleList onRan={() => setHistoryVersion((v) => v + 1)} />
      <HistoryPanel version={historyVersion} />
    </section>
  );
}

type RowBusy = 'toggle' | 'run' | 'delete';

function ScheduleList({ onRan }: { onRan(): void }) {
  const session = useSession();
  const list = useLoad(schedulePath(), 'Loading schedules', asSchedules);
  const [editing, setEditing] = useState<Schedule | null>(null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState<Record<string, RowBusy | undefined>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, string | undefined>>({});
  const [message, setMessage] = useState<string | null>(null);
  const later = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(later.current ?? undefined), []);

  const items = list.data ?? [];
  const replace = (s: Schedule) => list.setData((l) => (l ?? []).map((x) => (x.id === s.id ? s : x)));

  async function act(s: Schedule, what: RowBusy, call: () => Promise<boolean | string>) {
    if (busy[s.id]) return;
    setBusy((b) => ({ ...b, [s.id]: what }));
    setRowErrors((e) => ({ ...e, [s.id]: undefined }));
    const outcome = await call();
    setBusy((b) => ({ ...b, [s.id]: undefined }));
    if (typeof outcome === 'string') setRowErrors((e) => ({ ...e, [s.id]: outcome }));
  }

  const toggle = (s: Schedule) =>
    act(s, 'toggle', async () => {
      const body = { cron: s.cron, intervalSeconds: s.intervalSeconds, timeZone: s.timeZone, enabled: !s.enabled };
      const answer = await apiRequest<unknown>('PUT', schedulePath(s.id), body);
      const stored = answer.kind === 'ok' ? asSchedule(answer.data) : null;
      if (stored) replace(stored);
      else if (answer.kind === 'ok') list.reload();
      else return failureOf(answer, s.enabled ? 'Pausing schedules' : 'Enabling schedules').message;
      setMessage(`${KIND_LABELS[s.kind]} of ${s.targetName || 'its target'} ${s.enabled ? 'paused' : 'enabled'}.`);
      return true;
    });

  const runNow = (s: Schedule) =>
    act(s, 'run', async () => {
      const answer = await apiRequest<unknown>('POST', schedulePath(s.id, '/run'));
      if (answer.kind !== 'ok') return failureOf(answer, 'Running schedules').message;
      setMessage(`${KIND_LABELS[s.kind]} of ${s.targetName || 'its target'} starts within a few seconds.`);
      list.reload();
      onRan();
      clearTimeout(later.current ?? undefined);
      later.current = setTimeout(() => {
        list.reload();
        onRan();
      }, RUN_NOW_RELOAD_MS);
      return true;
    });

  const remove = (s: Schedule) =>
    act(s, 'delete', async () => {
      const answer = await apiRequest<unknown>('DELETE', schedulePath(s.id));
      if (answer.kind !== 'ok') return failureOf(answer, 'Deleting schedules').message;
      list.setData((l) => (l ?? []).filter((x) => x.id !== s.id));
      setMessage(`${KIND_LABELS[s.kind]} of ${s.targetName || 'its target'} deleted.`);
      return true;
    });

  const groups = SCHEDULE_KINDS.map((kind) => ({ kind, rows: items.filter((s) => s.kind === kind) })).filter((g) => g.rows.length > 0);

  return (
    <>
      <SectionHead
        section={SECTION}
        status={message}
        action={
          <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="schedule-new">
            New schedule
          </button>
        }
      />
      <LoadNotes load={list} what="schedules" />
      {groups.length > 0 && (
        <ScrollTable
          id="schedules"
          caption={`Schedules of ${session.organization.name}, by kind`}
          className="schedules-table"
          testId="schedules-table"
          busy={list.loading}
        >
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">Runs</th>
              <th scope="col">Enabled</th>
              <th scope="col">Next run</th>
              <th scope="col">Last run</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.kind} data-testid={`schedule-group-${g.kind}`}>
              <tr className="group-row">
                <th scope="colgroup" colSpan={6}>
                  {KIND_LABELS[g.kind]}
                </th>
              </tr>
              {g.rows.map((s) => (
                <ScheduleRow
                  key={s.id}
                  schedule={s}
                  busy={busy[s.id]}
                  error={rowErrors[s.id]}
                  onToggle={() => void toggle(s)}
                  onRun={() => void runNow(s)}
                  onEdit={() => setEditing(s)}
                  onDelete={() => void remove(s)}
                />
              ))}
            </tbody>
          ))}
        </ScrollTable>
      )}
      {list.data !== null && items.length === 0 && (
        <div className="empty-state" data-testid="empty-state">
          <p>
            <strong>No schedules yet.</strong> Choose New schedule to read a data source’s schema anew, pre-warm a
            dashboard’s cache so it opens at once, or refresh a saved filter’s values — every few minutes, hours or days,
            or at set times with a cron expression.
          </p>
          <p>
            Alerts bring their own schedule: create one on the <Link to="/alerts">Alerts</Link> page and it is listed here.
          </p>
        </div>
      )}
      {editing && (
        <ScheduleDialog
          schedule={editing}
          existing={items}
          onClose={() => setEditing(null)}
          onSaved={(s) => {
            replace(s);
            setEditing(null);
            setMessage(`${KIND_LABELS[s.kind]} of ${s.targetName || 'its target'} now runs ${s.description}.`);
          }}
        />
      )}
      {creating && (
        <ScheduleDialog
          schedule={null}
          existing={items}
          onClose={() => setCreating(false)}
          onSaved={(s) => {
            setCreating(false);
            list.reload();
            setMessage(`${KIND_LABELS[s.kind]} of ${s.targetName || 'its target'} runs ${s.description}.`);
          }}
        />
      )}
    </>
  );
}

interface RowProps {
  schedule: Schedule;
  busy: RowBusy | undefined;
  error: string | undefined;
  onToggle(): void;
  onRun(): void;
  onEdit(): void;
  onDelete(): void;
}

function ScheduleRow({ schedule: s, busy, error, onToggle, onRun, onEdit, onDelete }: RowProps) {
  const href = targetHref(s.kind, s.targetId);
  const what = `${KIND_LABELS[s.kind]} of ${s.targetName || 'its target'}`;
  const errorId = `schedule-${s.id}-error`;
  return (
    <tr data-testid="schedule-row">
      <th scope="row" className="break">
        {href ? <Link to={href}>{s.targetName || s.targetId}</Link> : s.targetName || <span className="muted">{s.kind === 'CLEANUP' ? 'Sightline' : '—'}</span>}
        {error && (
          <p id={errorId} className="field-error" role="alert" data-testid="schedule-error">
            {error}
          </p>
        )}
      </th>
      <td data-testid="schedule-description">{s.description}</td>
      <td>
        <input
          type="checkbox"
          checked={s.enabled}
          onChange={onToggle}
          aria-label={`${what}: enabled`}
          aria-busy={busy === 'toggle' || undefined}
          aria-describedby={error ? errorId : undefined}
          data-testid={`schedule-enabled-${s.id}`}
        />
      </td>
      <td className="nowrap">{s.enabled ? formatDateTime(s.nextRunAt) : <span className="muted">Paused</span>}</td>
      <td className="nowrap">
        {s.lastRunAt ? (
          <>
            {formatDateTime(s.lastRunAt)} <OutcomeBadge outcome={s.lastOutcome} />
          </>
        ) : (
          <span className="muted">Never</span>
        )}
      </td>
      <td className="actions">
        <span className="row-links">
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={onRun}
            aria-disabled={busy === 'run' || undefined}
            aria-label={`Run ${what} now`}
            data-testid={`schedule-run-${s.id}`}
          >
            {busy === 'run' ? 'Starting…' : 'Run now'}
          </button>
          <button type="button" className="button button-quiet button-small" onClick={onEdit} aria-label={`Edit ${what}`} data-testid={`schedule-edit-${s.id}`}>
            Edit
          </button>
          {/* Clean-up is the platform's own; an alert's schedule goes with its alert. */}
          {s.kind !== 'CLEANUP' && s.kind !== 'ALERT' && (
            <ConfirmAction
              label="Delete"
              accessibleLabel={`Delete ${what}`}
              question={`Delete the ${what.charAt(0).toLowerCase() + what.slice(1)}?`}
              busyLabel="Deleting…"
              busy={busy === 'delete'}
              onConfirm={onDelete}
              testId={`schedule-delete-${s.id}`}
            />
          )}
        </span>
      </td>
    </tr>
  );
}

type DialogField = 'kind' | 'targetId' | TimingField;
const FIELD_ORDER: readonly DialogField[] = ['kind', 'targetId', 'intervalSeconds', 'cron', 'timeZone'];

interface DialogProps {
  /** null: a new schedule. */
  schedule: Schedule | null;
  /** The schedules there are, to mark targets that have one of the chosen kind. */
  existing: Schedule[];
  onClose(): void;
  onSaved(schedule: Schedule): void;
}

/** Changes when a schedule runs, or creates one for a data source, dashboard or saved filter. */
function ScheduleDialog({ schedule, existing, onClose, onSaved }: DialogProps) {
  const [kind, setKind] = useState<CreatableKind>('SCHEMA_REFRESH');
  const [targetId, setTargetId] = useState('');
  const [timing, setTiming] = useState<TimingForm>(() => (schedule ? timingFormOf(schedule) : newTimingForm(1, 'days')));
  const [errors, setErrors] = useState<Partial<Record<DialogField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const source = TARGETS[kind];
  const targets = useLoad(schedule ? null : source.url, `Loading ${source.noun}s`, source.read);
  const taken = new Set(existing.filter((s) => s.kind === kind).map((s) => s.targetId));
  const choices = targets.data ?? [];
  const chosen = targetId || choices.find((t) => !taken.has(t.id))?.id || '';

  const idOf = (field: DialogField) =>
    field === 'kind' ? 'schedule-form-kind' : field === 'targetId' ? 'schedule-form-target' : timingControlId('schedule-form', timing, field);

  function show(found: Partial<Record<DialogField, string>>): boolean {
    setErrors(found);
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) focusById(idOf(first));
    return !first;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setFormError(null);
    const found: Partial<Record<DialogField, string>> = { ...timingErrors(timing) };
    if (!schedule && !chosen) found.targetId = `Choose the ${source.noun} to refresh.`;
    if (!show(found)) return;
    setBusy(true);
    const body = timingBody(timing);
    const answer = schedule
      ? await apiRequest<unknown>('PUT', schedulePath(schedule.id), body)
      : await apiRequest<unknown>('POST', schedulePath(), { kind, targetId: chosen, ...body });
    setBusy(false);
    const stored = answer.kind === 'ok' ? asSchedule(answer.data) : null;
    if (stored) {
      onSaved(stored);
      return;
    }
    if (answer.kind === 'ok') {
      setFormError('The schedule was saved, but the server’s answer could not be understood. Reload the page to see it.');
      return;
    }
    const f = failureOf(answer, 'Saving schedules');
    const field = f.code === 'schedule_exists' ? 'targetId' : FIELD_ORDER.find((x) => x === f.field);
    // Kind and target are only shown for a new schedule.
    if (field && (!schedule || (field !== 'kind' && field !== 'targetId'))) show({ [field]: f.message });
    else setFormError(f.message);
  }

  const title = schedule ? `${KIND_LABELS[schedule.kind]} of ${schedule.targetName || 'its target'}` : 'New schedule';
  return (
    <Dialog title={title} onClose={onClose} testId="schedule-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="schedule-form">
        {!schedule && (
          <>
            <SelectField
              id="schedule-form-kind"
              testId="schedule-form-kind"
              label="What to run"
              value={kind}
              onValue={(v) => {
                setKind(v as CreatableKind);
                setTargetId('');
                setErrors({});
              }}
              options={CREATABLE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
              error={errors.kind}
            />
            <div className="field">
              <label htmlFor="schedule-form-target">{source.noun.charAt(0).toUpperCase() + source.noun.slice(1)}</label>
              <select
                id="schedule-form-target"
                value={chosen}
                onChange={(e) => {
                  setTargetId(e.target.value);
                  setErrors((x) => ({ ...x, targetId: undefined }));
                }}
                aria-invalid={errors.targetId ? true : undefined}
                aria-describedby={errors.targetId ? 'schedule-form-target-error' : undefined}
                data-testid="schedule-form-target"
              >
                {choices.length === 0 && <option value="">{targets.data ? `No ${source.noun} yet` : 'Loading…'}</option>}
                {choices.map((t) => (
                  <option key={t.id} value={t.id} disabled={taken.has(t.id)}>
                    {t.name}
                    {taken.has(t.id) ? ' (has a schedule)' : ''}
                  </option>
                ))}
              </select>
              {errors.targetId && (
                <p id="schedule-form-target-error" className="field-error" data-testid="schedule-form-target-error">
                  {errors.targetId}
                </p>
              )}
              {targets.failure && <p className="field-error">{targets.failure.message}</p>}
            </div>
          </>
        )}
        <ScheduleFields
          prefix="schedule-form"
          form={timing}
          onChange={(t, cleared) => {
            setTiming(t);
            setErrors((x) => ({ ...x, ...Object.fromEntries(cleared.map((c) => [c, undefined])) }));
          }}
          errors={{ cron: errors.cron, intervalSeconds: errors.intervalSeconds, timeZone: errors.timeZone } satisfies TimingErrors}
        />
        <CheckboxField
          id="schedule-form-enabled"
          testId="schedule-form-enabled"
          label="Enabled"
          checked={timing.enabled}
          onChecked={(on) => setTiming({ ...timing, enabled: on })}
        />
        {formError && <FormError message={formError} />}
        <div className="button-row">
          <SubmitButton busy={busy} label={schedule ? 'Save' : 'Create schedule'} busyLabel="Saving…" testId="schedule-form-save" />
        </div>
      </form>
    </Dialog>
  );
}

/** The organization's latest runs, newest first, with an outcome filter. */
function HistoryPanel({ version }: { version: number }) {
  const history = useLoad(RECENT_RUNS_PATH, 'Loading the run history', asRuns);
  const [outcome, setOutcome] = useState<RunOutcome | ''>('');
  const { reload } = history;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  const runs = history.data ?? [];
  const shown = outcome ? runs.filter((r) => r.outcome === outcome) : runs;

  return (
    <section className="panel" aria-labelledby="schedule-history-title" data-testid="schedule-history">
      <div className="page-head">
        <h2 id="schedule-history-title">History</h2>
        <button type="button" className="button button-quiet button-small" onClick={reload} data-testid="schedule-history-refresh">
          Refresh
        </button>
      </div>
      <p className="muted">The last 100 runs of every schedule, newest first.</p>
      <LoadNotes load={history} what="the run history" />
      {history.data !== null && runs.length === 0 && (
        <p className="muted" data-testid="schedule-history-empty">
          Nothing has run yet. Each schedule runs at its next run time; Run now starts one at once.
        </p>
      )}
      {runs.length > 0 && (
        <>
          <SelectField
            id="schedule-history-outcome"
            testId="schedule-history-outcome"
            label="Outcome"
            value={outcome}
            onValue={(v) => setOutcome(v as RunOutcome | '')}
            options={[{ value: '', label: 'All outcomes' }, ...RUN_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))]}
          />
          {shown.length > 0 ? (
            <RunsTable runs={shown} caption="Recent runs of all schedules, newest first" rowTestId="schedule-history-row" showTarget />
          ) : (
            <p className="muted" data-testid="schedule-history-none">
              None of the last {runs.length} runs is “{OUTCOME_LABELS[outcome as RunOutcome]}”.
            </p>
          )}
        </>
      )}
    </section>
  );
}

