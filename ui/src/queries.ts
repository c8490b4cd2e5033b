/**
 * Queries as the API shows them (`/api/queries`, `/api/queries/history`, `/api/snippets`),
 * checked on the way in; the parameters found in SQL text; and the values sent for them.
 */
import type { ApiResult, Failure } from './api';
import { failureOf } from './api';

// ---- parameters ----

export type ParamType = 'text' | 'number' | 'date' | 'date_range' | 'list';

export const PARAM_TYPES: readonly { value: ParamType; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'date', label: 'Date' },
  { value: 'date_range', label: 'Date range' },
  { value: 'list', label: 'List' },
];

/** A parameter found in the SQL; `range` when it is used as `{{name.start}}` or `{{name.end}}`. */
export interface FoundParameter {
  name: string;
  range: boolean;
}

/** What the user set for one parameter. Values are kept as typed; paramValue() converts them. */
export interface ParamState {
  type: ParamType;
  required: boolean;
  /** text, number, date (YYYY-MM-DD), list (comma-separated), and a range's start date. */
  value: string;
  /** A range's end date. */
  end: string;
  /** A relative value of a date or date range ("last 7 days"), sent instead of the dates. */
  relative?: string;
}

export function newParamState(found: FoundParameter): ParamState {
  return { type: found.range ? 'date_range' : 'text', required: false, value: '', end: '' };
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PARAMETER = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\s*\}\}$/;

function isIdentifierChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_$]/u.test(c);
}

/** The end (exclusive) of `$tag$` at `i`, or -1 when there is none. */
function dollarTagEnd(sql: string, i: number): number {
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66));
  return m ? i + m[0].length : -1;
}

function endOfQuoted(sql: string, from: number, quote: string, backslash: boolean): number {
  let j = from + 1;
  while (j < sql.length) {
    const c = sql[j];
    if (backslash && c === '\\') j += 2;
    else if (c === quote) {
      if (sql[j + 1] === quote) j += 2;
      else return j + 1;
    } else j++;
  }
  return sql.length;
}

function endOfBlockComment(sql: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql.startsWith('/*', j)) {
      depth++;
      j += 2;
    } else if (sql.startsWith('*/', j)) {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else j++;
  }
  return sql.length;
}

/**
 * The `{{name}}`, `{{name.start}}` and `{{name.end}}` references in `sql`, in order of first use,
 * skipping string literals, quoted names and comments (as the server's lexer does; the server
 * stays the judge). `{{snippet:…}}` is not a parameter.
 */
export function findParameters(sql: string): FoundParameter[] {
  const found = new Map<string, FoundParameter>();
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'") i = endOfQuoted(sql, i, "'", false);
    else if ((c === 'E' || c === 'e') && sql[i + 1] === "'" && !isIdentifierChar(sql[i - 1])) i = endOfQuoted(sql, i + 1, "'", true);
    else if (c === '$' && !isIdentifierChar(sql[i - 1]) && dollarTagEnd(sql, i) > 0) {
      const tagEnd = dollarTagEnd(sql, i);
      const tag = sql.slice(i, tagEnd);
      const close = sql.indexOf(tag, tagEnd);
      i = close < 0 ? sql.length : close + tag.length;
    } else if (c === '"' || c === '`') i = endOfQuoted(sql, i, c, false);
    else if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (sql.startsWith('/*', i)) i = endOfBlockComment(sql, i);
    else if (sql.startsWith('{{', i)) {
      const close = sql.indexOf('}}', i + 2);
      if (close < 0) break;
      const m = PARAMETER.exec(sql.slice(i, close + 2));
      if (m) {
        const [, name, part] = m;
        const range = part === 'start' || part === 'end';
        const seen = found.get(name);
        if (seen) seen.range ||= range;
        else found.set(name, { name, range });
      }
      i = close + 2;
    } else i++;
  }
  return [...found.values()];
}

/** A number as JSON when it survives the trip exactly; else the text, which the server reads. */
function numberValue(text: string): number | string {
  const t = text.trim();
  const n = Number(t);
  return t !== '' && Number.isFinite(n) && String(n) === t ? n : t;
}

/**
 * The value sent for one parameter, in its type's JSON shape; undefined when nothing was
 * entered (the server then uses the default, or says a required value is missing).
 */
export function paramValue(p: ParamState): unknown {
  switch (p.type) {
    case 'text':
      return p.value === '' ? undefined : p.value;
    case 'number':
      return p.value.trim() === '' ? undefined : numberValue(p.value);
    case 'date':
      if (p.relative) return p.relative;
      return p.value === '' ? undefined : p.value;
    case 'date_range':
      if (p.relative) return p.relative;
      return p.value === '' && p.end === '' ? undefined : { start: p.value, end: p.end };
    case 'list': {
      const items = p.value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (items.length === 0) return undefined;
      const numbers = items.map(numberValue);
      // One kind per list: numbers only when every item is one.
      return numbers.every((n) => typeof n === 'number') ? numbers : items;
    }
  }
}

export interface ParameterDefinition {
  name: string;
  type: ParamType;
  required: boolean;
  defaultValue: null;
  label: string;
}

/** The `parameters` and `values` of a request, for the parameters the SQL uses. */
export function parameterBody(
  found: readonly FoundParameter[],
  states: Record<string, ParamState>,
): { parameters: ParameterDefinition[]; values: Record<string, unknown> } {
  const parameters: ParameterDefinition[] = [];
  const values: Record<string, unknown> = {};
  for (const f of found) {
    const p = states[f.name] ?? newParamState(f);
    parameters.push({ name: f.name, type: p.type, required: p.required, defaultValue: null, label: f.name });
    const v = paramValue(p);
    if (v !== undefined) values[f.name] = v;
  }
  return { parameters, values };
}

export function isParameterName(name: string): boolean {
  return NAME.test(name);
}

// ---- results ----

export type ColumnKind = 'number' | 'text' | 'boolean' | 'date' | 'timestamp' | 'timestamp_with_zone' | 'time' | 'other';

export interface ResultColumn {
  name: string;
  databaseType: string;
  kind: ColumnKind;
}

export interface BoundValue {
  index: number;
  parameter: string;
  type: string;
  value: unknown;
}

export interface SqlSent {
  sql: string;
  values: BoundValue[];
  display: string;
  /** The time zone the server applied (relative dates, timestamps with a zone). */
  timeZone: string;
}

export interface QueryResult {
  id: string;
  dataSourceId: string;
  sql: SqlSent;
  columns: ResultColumn[];
  rows: unknown[][];
  rowCount: number;
  limitReached: boolean;
  maxRows: number;
  durationMillis: number;
  computedAt: string | null;
  fromCache: boolean;
}

type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

export function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

const KINDS: readonly ColumnKind[] = ['number', 'text', 'boolean', 'date', 'timestamp', 'timestamp_with_zone', 'time', 'other'];

function asColumn(v: unknown): ResultColumn | null {
  if (!isObject(v) || typeof v.name !== 'string') return null;
  const kind = KINDS.find((k) => k === v.kind) ?? 'other';
  return { name: v.name, databaseType: str(v.databaseType), kind };
}

function asBoundValue(v: unknown): BoundValue | null {
  if (!isObject(v)) return null;
  return { index: num(v.index), parameter: str(v.parameter), type: str(v.type), value: v.value };
}

export function asSqlSent(v: unknown): SqlSent | null {
  if (!isObject(v) || typeof v.sql !== 'string') return null;
  const values = Array.isArray(v.values) ? v.values.map(asBoundValue).filter((b): b is BoundValue => b !== null) : [];
  return { sql: v.sql, values, display: str(v.display) || v.sql, timeZone: str(v.timeZone, 'UTC') };
}

export function asQueryResult(data: unknown): QueryResult | null {
  if (!isObject(data) || !Array.isArray(data.columns) || !Array.isArray(data.rows)) return null;
  const columns = data.columns.map(asColumn).filter((c): c is ResultColumn => c !== null);
  const rows = data.rows.filter((r): r is unknown[] => Array.isArray(r));
  return {
    id: str(data.id),
    dataSourceId: str(data.dataSourceId),
    sql: asSqlSent(data.sql) ?? { sql: '', values: [], display: '', timeZone: 'UTC' },
    columns,
    rows,
    rowCount: num(data.rowCount, rows.length),
    limitReached: data.limitReached === true,
    maxRows: num(data.maxRows, rows.length),
    durationMillis: num(data.durationMillis),
    computedAt: typeof data.computedAt === 'string' ? data.computedAt : null,
    fromCache: data.fromCache === true,
  };
}

// ---- history ----

export type HistoryStatus = 'SUCCEEDED' | 'CACHED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT';

export interface HistoryEntry {
  id: string;
  dataSourceId: string;
  sql: string;
  startedAt: string;
  durationMillis: number;
  rowCount: number;
  status: HistoryStatus;
  error: string | null;
}

export const HISTORY_PAGE_SIZE = 50;

const STATUSES: readonly HistoryStatus[] = ['SUCCEEDED', 'CACHED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

function asHistoryEntry(v: unknown): HistoryEntry | null {
  if (!isObject(v) || typeof v.sql !== 'string' || typeof v.startedAt !== 'string') return null;
  return {
    id: str(v.id) || v.startedAt,
    dataSourceId: str(v.dataSourceId),
    sql: v.sql,
    startedAt: v.startedAt,
    durationMillis: num(v.durationMillis),
    rowCount: num(v.rowCount, -1),
    status: STATUSES.find((s) => s === v.status) ?? 'FAILED',
    error: typeof v.error === 'string' && v.error ? v.error : null,
  };
}

export function asHistory(data: unknown): HistoryEntry[] | null {
  if (!Array.isArray(data)) return null;
  return data.map(asHistoryEntry).filter((e): e is HistoryEntry => e !== null);
}

export const STATUS_LABELS: Record<HistoryStatus, string> = {
  SUCCEEDED: 'Succeeded',
  CACHED: 'From cache',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
  TIMED_OUT: 'Timed out',
};

export function historyPath(q: string, dataSourceId: string | null, before: string | null): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  if (dataSourceId) params.set('dataSourceId', dataSourceId);
  if (before) params.set('before', before);
  params.set('limit', String(HISTORY_PAGE_SIZE));
  return `/api/queries/history?${params.toString()}`;
}

// ---- snippets ----

export interface Snippet {
  id: string;
  name: string;
  description: string | null;
  sql: string;
  createdBy: string | null;
  updatedAt: string | null;
}

export function asSnippet(v: unknown): Snippet | null {
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.name !== 'string') return null;
  return {
    id: v.id,
    name: v.name,
    description: typeof v.description === 'string' && v.description ? v.description : null,
    sql: str(v.sql),
    createdBy: typeof v.createdBy === 'string' ? v.createdBy : null,
    updatedAt: typeof v.updatedAt === 'string' ? v.updatedAt : null,
  };
}

export function asSnippets(data: unknown): Snippet[] | null {
  if (!Array.isArray(data)) return null;
  return data.map(asSnippet).filter((s): s is Snippet => s !== null);
}

export function snippetPath(id?: string): string {
  return id === undefined ? '/api/snippets' : `/api/snippets/${encodeURIComponent(id)}`;
}

export function snippetReference(name: string): string {
  return `{{snippet:${name}}}`;
}

// ---- errors ----

/** What the query API's error codes mean for the reader, and what to do next. */
const NEXT_STEPS: Record<string, string> = {
  invalid: 'Correct it and run the query again.',
  not_a_query: 'This data source only runs queries that read data (SELECT, WITH …). Remove statements that change data.',
  cancelled: '',
  database: 'The database refused the query. Check the names of tables and columns in the schema, then run it again.',
  busy: 'Too many queries are running at once. Wait until one of yours finishes, then run it again.',
  connection:
    'Sightline could not reach the database. Try again in a moment; if it keeps failing, an Admin can test the data source’s connection.',
  driver_missing: 'The database driver module for this data source is not installed. Ask an Admin to install it.',
  timeout:
    'The query ran longer than this data source allows. Narrow it down (a WHERE clause, fewer rows or columns), or ask an Admin to raise its time limit.',
};

export interface QueryFailure extends Failure {
  /** What to do next, in plain words; empty when there is nothing to add. */
  next: string;
  /** The 1-based line the message points at ("line 3, column 14"), or null. */
  line: number | null;
  column: number | null;
}

/** Where a message points: "line N, column M". */
export function lineOf(message: string): { line: number; column: number | null } | null {
  const m = /\bline (\d+)(?:, column (\d+))?/i.exec(message);
  return m ? { line: Number(m[1]), column: m[2] ? Number(m[2]) : null } : null;
}

/**
 * A failed query call in plain words. The query API's own codes keep their message (a 504
 * `timeout` or 502 `connection` is about the database, not about Sightline being down).
 */
export function queryFailure(result: ApiResult<unknown>, action: string): QueryFailure {
  if (result.kind === 'error' && result.error.code in NEXT_STEPS) {
    const { code, message, field } = result.error;
    const at = result.status === 400 ? lineOf(message) : null;
    return { code, message, field, next: NEXT_STEPS[code], line: at?.line ?? null, column: at?.column ?? null };
  }
  // A data source deleted meanwhile: a 404 with the API's own message, not the servlet's "No API route".
  if (result.kind === 'error' && result.status === 404 && !result.error.message.startsWith('No API route')) {
    return { ...result.error, next: 'Choose another data source and run the query again.', line: null, column: null };
  }
  return { ...failureOf(result, action), next: '', line: null, column: null };
}

// ---- formatting ----

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${formatCount(Math.round(n / 1024))} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** A result cell as text; null is handled by the table. */
export function cellText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
