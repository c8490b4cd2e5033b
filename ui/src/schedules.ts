/**
 * Schedules, their runs and SQL alerts as the API shows them (/work/issue8-contract.md), checked
 * on the way in; the paths they live at; and the form models that turn an edit into a body.
 */
import { isObject, str } from './queries';
import { effectiveTimeZone } from './timeZone';

export type ScheduleKind = 'SCHEMA_REFRESH' | 'DASHBOARD_REFRESH' | 'FILTER_REFRESH' | 'ALERT' | 'CLEANUP';

/** In the order the Schedules page groups them. */
export const KIND_LABELS: Record<ScheduleKind, string> = {
  SCHEMA_REFRESH: 'Schema refresh',
  DASHBOARD_REFRESH: 'Dashboard pre-warm',
  FILTER_REFRESH: 'Filter refresh',
  ALERT: 'Alert',
  CLEANUP: 'Clean-up',
};
export const SCHEDULE_KINDS = Object.keys(KIND_LABELS) as readonly ScheduleKind[];

/** What the Schedules page creates; alerts bring their own schedule, clean-up is the platform's. */
export const CREATABLE_KINDS = ['SCHEMA_REFRESH', 'DASHBOARD_REFRESH', 'FILTER_REFRESH'] as const;
export type CreatableKind = (typeof CREATABLE_KINDS)[number];

export type RunOutcome = 'OK' | 'TRIGGERED' | 'FAILED' | 'TIMED_OUT' | 'SKIPPED';
export const OUTCOME_LABELS: Record<RunOutcome, string> = {
  OK: 'OK',
  TRIGGERED: 'Triggered',
  FAILED: 'Failed',
  TIMED_OUT: 'Timed out',
  SKIPPED: 'Skipped',
};
export const RUN_OUTCOMES = Object.keys(OUTCOME_LABELS) as readonly RunOutcome[];

export type AlertState = 'UNKNOWN' | 'OK' | 'TRIGGERED' | 'ERROR';

export const STATE_LABELS: Record<AlertState, string> = {
  UNKNOWN: 'Not checked yet',
  OK: 'OK',
  TRIGGERED: 'Triggered',
  ERROR: 'Error',
};
const ALERT_STATES = Object.keys(STATE_LABELS) as readonly AlertState[];

/**
 * Badge classes of states and outcomes: the theme's success, warning and error pairs, which
 * contrast.test.ts checks in both themes. A triggered alert is amber, a run that could not
 * check anything red, so "the numbers are off" and "the check is broken" look different.
 */
export const STATE_BADGES: Record<AlertState | RunOutcome, string> = {
  UNKNOWN: 'badge badge-view',
  OK: 'badge badge-success',
  TRIGGERED: 'badge badge-warning',
  ERROR: 'badge badge-error',
  FAILED: 'badge badge-error',
  TIMED_OUT: 'badge badge-error',
  SKIPPED: 'badge badge-view',
};

export interface Schedule {
  id: string;
  kind: ScheduleKind;
  targetId: string;
  targetName: string;
  cron: string | null;
  intervalSeconds: number | null;
  timeZone: string;
  description: string;
  enabled: boolean;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastOutcome: RunOutcome | null;
}

export interface Run {
  id: string;
  scheduleId: string;
  kind: ScheduleKind | null;
  targetId: string;
  targetName: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  outcome: RunOutcome | null;
  message: string;
}

export type ConditionType = 'ANY_ROWS' | 'ROW_COUNT' | 'VALUE' | 'CHANGED';
export type Operator = 'ABOVE' | 'BELOW' | 'EQUAL';
export const OPERATORS: readonly Operator[] = ['ABOVE', 'BELOW', 'EQUAL'];
export const OPERATOR_LABELS: Record<Operator, string> = { ABOVE: 'is above', BELOW: 'is below', EQUAL: 'equals' };

/** Each condition type, and which of column / operator + threshold it needs. */
export const CONDITION_TYPES: readonly {
  value: ConditionType;
  label: string;
  column: 'required' | 'optional' | null;
  compares: boolean;
}[] = [
  { value: 'ANY_ROWS', label: 'The query returns any rows', column: null, compares: false },
  { value: 'ROW_COUNT', label: 'The number of rows crosses a threshold', column: null, compares: true },
  { value: 'VALUE', label: 'A value in the first row crosses a threshold', column: 'required', compares: true },
  { value: 'CHANGED', label: 'The result changes from the last check', column: 'optional', compares: false },
];

export function conditionOf(type: ConditionType) {
  return CONDITION_TYPES.find((c) => c.value === type) ?? CONDITION_TYPES[0];
}

export interface Condition {
  type: ConditionType;
  column: string | null;
  operator: Operator | null;
  threshold: number | null;
}

/** The part of a schedule both the alert and the Schedules page edit. */
export interface Timing {
  cron: string | null;
  intervalSeconds: number | null;
  timeZone: string;
  enabled: boolean;
}

export interface AlertSchedule extends Timing {
  id: string;
  nextRunAt: string | null;
}

export interface Alert {
  id: string;
  name: string;
  dataSourceId: string;
  sql: string;
  reportId: string | null;
  condition: Condition;
  schedule: AlertSchedule;
  /** Webhooks come back as hosts only: their URLs carry secrets and stay in the vault. */
  notify: { userIds: string[]; webhookHosts: string[]; everyRun: boolean };
  state: AlertState;
  lastValue: string | null;
  lastCheckedAt: string | null;
  lastMessage: string | null;
}

/** What Test now answers: the condition evaluated once, nobody notified. */
export interface AlertTest {
  holds: boolean;
  value: string | null;
  rowCount: number | null;
  message: string;
}

// ---- checking answers ----

function strOrNull(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function numOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Ids may come as numbers; the UI keeps them as strings. */
function idOf(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}

function oneOf<T extends string>(values: readonly T[], v: unknown): T | null {
  return values.find((x) => x === v) ?? null;
}

function listOf<T>(v: unknown, one: (x: unknown) => T | null): T[] {
  return Array.isArray(v) ? v.map(one).filter((x): x is T => x !== null) : [];
}

function asTiming(v: Record<string, unknown>): Timing {
  return {
    cron: strOrNull(v.cron),
    intervalSeconds: numOrNull(v.intervalSeconds),
    timeZone: str(v.timeZone, 'UTC'),
    enabled: v.enabled !== false,
  };
}

export function asSchedule(v: unknown): Schedule | null {
  const id = isObject(v) ? idOf(v.id) : null;
  const kind = isObject(v) ? oneOf(SCHEDULE_KINDS, v.kind) : null;
  if (!isObject(v) || !id || !kind) return null;
  const timing = asTiming(v);
  return {
    id,
    kind,
    targetId: idOf(v.targetId) ?? '',
    targetName: str(v.targetName),
    ...timing,
    description: str(v.description) || describeTiming(timing),
    nextRunAt: strOrNull(v.nextRunAt),
    lastRunAt: strOrNull(v.lastRunAt),
    lastOutcome: oneOf(RUN_OUTCOMES, v.lastOutcome),
  };
}

export function asSchedules(data: unknown): Schedule[] | null {
  return Array.isArray(data) ? listOf(data, asSchedule) : null;
}

export function asRun(v: unknown): Run | null {
  const id = isObject(v) ? idOf(v.id) : null;
  if (!isObject(v) || !id) return null;
  return {
    id,
    scheduleId: idOf(v.scheduleId) ?? '',
    kind: oneOf(SCHEDULE_KINDS, v.kind),
    targetId: idOf(v.targetId) ?? '',
    targetName: str(v.targetName),
    startedAt: strOrNull(v.startedAt),
    endedAt: strOrNull(v.endedAt),
    durationMs: numOrNull(v.durationMs),
    outcome: oneOf(RUN_OUTCOMES, v.outcome),
    message: str(v.message),
  };
}

export function asRuns(data: unknown): Run[] | null {
  return Array.isArray(data) ? listOf(data, asRun) : null;
}

function asCondition(v: unknown): Condition {
  const c = isObject(v) ? v : {};
  return {
    type: oneOf(
      CONDITION_TYPES.map((t) => t.value),
      c.type,
    ) ?? 'ANY_ROWS',
    column: strOrNull(c.column),
    operator: oneOf(OPERATORS, c.operator),
    threshold: numOrNull(c.threshold) ?? (typeof c.threshold === 'string' && c.threshold.trim() !== '' ? Number(c.threshold) : null),
  };
}

export function asAlert(v: unknown): Alert | null {
  const id = isObject(v) ? idOf(v.id) : null;
  if (!isObject(v) || !id || typeof v.name !== 'string') return null;
  const s = isObject(v.schedule) ? v.schedule : {};
  const n = isObject(v.notify) ? v.notify : {};
  return {
    id,
    name: v.name,
    dataSourceId: idOf(v.dataSourceId) ?? '',
    sql: str(v.sql),
    reportId: idOf(v.reportId),
    condition: asCondition(v.condition),
    schedule: { id: idOf(s.id) ?? '', ...asTiming(s), nextRunAt: strOrNull(s.nextRunAt) },
    notify: {
      userIds: listOf(n.userIds, idOf),
      webhookHosts: listOf(n.webhooks, (w) => (isObject(w) ? strOrNull(w.host) : null)),
      everyRun: n.everyRun === true,
    },
    state: oneOf(ALERT_STATES, v.state) ?? 'UNKNOWN',
    lastValue: v.lastValue === null || v.lastValue === undefined ? null : String(v.lastValue),
    lastCheckedAt: strOrNull(v.lastCheckedAt),
    lastMessage: strOrNull(v.lastMessage),
  };
}

export function asAlerts(data: unknown): Alert[] | null {
  return Array.isArray(data) ? listOf(data, asAlert) : null;
}

export function asAlertTest(data: unknown): AlertTest | null {
  if (!isObject(data) || typeof data.holds !== 'boolean') return null;
  return {
    holds: data.holds,
    value: data.value === null || data.value === undefined ? null : String(data.value),
    rowCount: numOrNull(data.rowCount),
    message: str(data.message),
  };
}

// ---- paths ----

export function schedulePath(id?: string, rest = ''): string {
  return id === undefined ? `/api/schedules${rest}` : `/api/schedules/${encodeURIComponent(id)}${rest}`;
}

export function alertPath(id?: string, rest = ''): string {
  return id === undefined ? '/api/alerts' : `/api/alerts/${encodeURIComponent(id)}${rest}`;
}

/** The latest runs of one schedule, newest first. */
export function runsPath(scheduleId: string, limit = 50): string {
  return schedulePath(scheduleId, `/runs?limit=${limit}`);
}

/** The organization's latest runs, newest first. */
export const RECENT_RUNS_PATH = schedulePath(undefined, '/runs?limit=100');

/** Where a schedule's target is shown in the app, if anywhere. */
export function targetHref(kind: ScheduleKind | null, targetId: string): string | null {
  if (!targetId) return null;
  const id = encodeURIComponent(targetId);
  if (kind === 'ALERT') return `/alerts/${id}`;
  if (kind === 'DASHBOARD_REFRESH') return `/dashboards/${id}`;
  if (kind === 'SCHEMA_REFRESH') return `/datasources/${id}/schema`;
  return null;
}

// ---- timing: form ↔ body ----

export type ScheduleMode = 'interval' | 'cron';
export type IntervalUnit = 'seconds' | 'minutes' | 'hours' | 'days';
export const UNIT_SECONDS: Record<IntervalUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const UNIT_WORDS: Record<IntervalUnit, [string, string]> = {
  seconds: ['second', 'seconds'],
  minutes: ['minute', 'minutes'],
  hours: ['hour', 'hours'],
  days: ['day', 'days'],
};
export const MIN_INTERVAL_SECONDS = 60;
export const MAX_INTERVAL_SECONDS = 2_592_000;

export interface TimingForm {
  mode: ScheduleMode;
  /** How many units, as typed. */
  every: string;
  unit: IntervalUnit;
  cron: string;
  timeZone: string;
  enabled: boolean;
}

/** A new schedule: every `every` `unit`, in the user's time zone. */
export function newTimingForm(every: number, unit: IntervalUnit): TimingForm {
  return { mode: 'interval', every: String(every), unit, cron: '', timeZone: effectiveTimeZone(), enabled: true };
}

/** The largest unit that divides the interval evenly (3600 → 1 hour, 5400 → 90 minutes). */
export function intervalParts(seconds: number): { every: number; unit: IntervalUnit } {
  for (const unit of ['days', 'hours', 'minutes'] as const) {
    if (seconds >= UNIT_SECONDS[unit] && seconds % UNIT_SECONDS[unit] === 0) return { every: seconds / UNIT_SECONDS[unit], unit };
  }
  return { every: seconds, unit: 'seconds' };
}

export function timingFormOf(t: Timing): TimingForm {
  const parts = t.intervalSeconds !== null ? intervalParts(t.intervalSeconds) : { every: 1, unit: 'hours' as const };
  return {
    mode: t.cron !== null ? 'cron' : 'interval',
    every: String(parts.every),
    unit: parts.unit,
    cron: t.cron ?? '',
    timeZone: t.timeZone,
    enabled: t.enabled,
  };
}

/** "every 5 minutes", "cron 0 7 * * 1-5 (Europe/Berlin)": the server's wording, for alerts' schedules. */
export function describeTiming(t: Pick<Timing, 'cron' | 'intervalSeconds' | 'timeZone'>): string {
  if (t.cron !== null) return `cron ${t.cron} (${t.timeZone})`;
  if (t.intervalSeconds === null) return '—';
  const { every, unit } = intervalParts(t.intervalSeconds);
  return `every ${every} ${UNIT_WORDS[unit][every === 1 ? 0 : 1]}`;
}

export type TimingField = 'cron' | 'intervalSeconds' | 'timeZone';
export type TimingErrors = Partial<Record<TimingField, string>>;

/** What the server would refuse, said before sending. */
export function timingErrors(f: TimingForm): TimingErrors {
  if (f.mode === 'cron') {
    const fields = f.cron.trim().split(/\s+/).filter(Boolean);
    if (fields.length !== 5) {
      return { cron: 'Give five fields: minute, hour, day of month, month and day of week, e.g. 0 7 * * 1-5.' };
    }
    return {};
  }
  const every = Number(f.every.trim());
  if (!f.every.trim() || !Number.isInteger(every) || every < 1) return { intervalSeconds: 'Give a whole number, 1 or more.' };
  const seconds = every * UNIT_SECONDS[f.unit];
  if (seconds < MIN_INTERVAL_SECONDS || seconds > MAX_INTERVAL_SECONDS) {
    return { intervalSeconds: 'From 1 minute to 30 days.' };
  }
  return {};
}

/** The timing as the API takes it: exactly one of cron and intervalSeconds set. */
export function timingBody(f: TimingForm): Timing {
  const cron = f.mode === 'cron';
  return {
    cron: cron ? f.cron.trim().replace(/\s+/g, ' ') : null,
    intervalSeconds: cron ? null : Number(f.every.trim()) * UNIT_SECONDS[f.unit],
    timeZone: f.timeZone,
    enabled: f.enabled,
  };
}

// ---- the alert form ----

export interface AlertForm {
  name: string;
  dataSourceId: string;
  conditionType: ConditionType;
  column: string;
  operator: Operator;
  threshold: string;
  timing: TimingForm;
  userIds: string[];
  /** New webhook URLs, one a line; they replace the stored ones. Never filled from the server. */
  webhookText: string;
  /** Remove the stored webhooks on save. */
  removeWebhooks: boolean;
  everyRun: boolean;
}

export function alertFormOf(alert: Alert | null, dataSourceId = ''): AlertForm {
  if (!alert) {
    return {
      name: '',
      dataSourceId,
      conditionType: 'ANY_ROWS',
      column: '',
      operator: 'ABOVE',
      threshold: '',
      timing: newTimingForm(15, 'minutes'),
      userIds: [],
      webhookText: '',
      removeWebhooks: false,
      everyRun: false,
    };
  }
  const c = alert.condition;
  return {
    name: alert.name,
    dataSourceId: alert.dataSourceId,
    conditionType: c.type,
    column: c.column ?? '',
    operator: c.operator ?? 'ABOVE',
    threshold: c.threshold === null ? '' : String(c.threshold),
    timing: timingFormOf(alert.schedule),
    userIds: alert.notify.userIds,
    webhookText: '',
    removeWebhooks: false,
    everyRun: alert.notify.everyRun,
  };
}

/** The URLs typed: one a line (commas and spaces separate too). */
export function webhookUrls(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((u) => u.trim())
    .filter(Boolean);
}

/** The host of a URL as typed, for saying where a webhook goes without its secret path. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.replace(/^[a-z]+:\/\//i, '').split(/[/?#]/)[0];
  }
}

export type AlertField =
  | 'name'
  | 'dataSourceId'
  | 'sql'
  | 'condition.type'
  | 'condition.column'
  | 'condition.operator'
  | 'condition.threshold'
  | 'schedule.cron'
  | 'schedule.intervalSeconds'
  | 'schedule.timeZone'
  | 'notify.userIds'
  | 'notify.webhookUrls';

export type AlertErrors = Partial<Record<AlertField, string>>;

const ALERT_FIELDS: readonly AlertField[] = [
  'name',
  'dataSourceId',
  'sql',
  'condition.type',
  'condition.column',
  'condition.operator',
  'condition.threshold',
  'schedule.cron',
  'schedule.intervalSeconds',
  'schedule.timeZone',
  'notify.userIds',
  'notify.webhookUrls',
];

/**
 * The form field a server error names (`notify.webhookUrls[1]` → `notify.webhookUrls`), or null
 * when the form does not show it now (the column of an "any rows" condition, say).
 */
export function alertFieldOf(field: string | null, f: AlertForm): AlertField | null {
  if (!field) return null;
  const base = field.replace(/(\[\d+\]|\.\d+)+$/, '');
  const known = ALERT_FIELDS.find((x) => x === base) ?? null;
  const condition = conditionOf(f.conditionType);
  if (known === 'condition.column' && !condition.column) return null;
  if ((known === 'condition.operator' || known === 'condition.threshold') && !condition.compares) return null;
  return known;
}

/** What the server would refuse, said before sending. */
export function alertErrors(f: AlertForm, sql: string): AlertErrors {
  const errors: AlertErrors = {};
  const condition = conditionOf(f.conditionType);
  if (!f.name.trim()) errors.name = 'Give the alert a name.';
  if (!f.dataSourceId) errors.dataSourceId = 'Choose the data source the query runs on.';
  if (!sql.trim()) errors.sql = 'Write the query to check, for example: SELECT count(*) AS orders FROM orders';
  if (condition.column === 'required' && !f.column.trim()) errors['condition.column'] = 'Name the column whose value is compared.';
  if (condition.compares && (f.threshold.trim() === '' || !Number.isFinite(Number(f.threshold)))) {
    errors['condition.threshold'] = 'Give a number, for example 100 or 0.5.';
  }
  const timing = timingErrors(f.timing);
  if (timing.cron) errors['schedule.cron'] = timing.cron;
  if (timing.intervalSeconds) errors['schedule.intervalSeconds'] = timing.intervalSeconds;
  const urls = webhookUrls(f.webhookText);
  if (urls.some((u) => !/^https:\/\/[^/]/i.test(u))) errors['notify.webhookUrls'] = 'Use an https:// URL.';
  return errors;
}

/**
 * The body of POST / PUT /api/alerts. Webhook URLs: the typed ones replace the stored ones,
 * Remove all sends [], and nothing typed on an existing alert sends null, which keeps them.
 */
export function alertBody(f: AlertForm, sql: string, existing: Alert | null) {
  const condition = conditionOf(f.conditionType);
  const urls = webhookUrls(f.webhookText);
  return {
    name: f.name.trim(),
    dataSourceId: f.dataSourceId,
    sql,
    reportId: existing?.reportId ?? null,
    condition: {
      type: f.conditionType,
      column: condition.column ? f.column.trim() || null : null,
      operator: condition.compares ? f.operator : null,
      threshold: condition.compares ? Number(f.threshold) : null,
    },
    schedule: timingBody(f.timing),
    notify: {
      userIds: f.userIds,
      webhookUrls: urls.length > 0 ? urls : f.removeWebhooks || !existing ? [] : null,
      everyRun: f.everyRun,
    },
  };
}
