/**
 * Reports, dashboards, saved filters, models, shares and imports as the API shows them
 * (/work/issue7-contract.md), checked on the way in, and the paths they live at.
 */
import { isObject, newParamState, num, paramValue, str, type ParamState, type ParamType } from './queries';
import type { VisualizationSettings, VizType } from './charts/settings';

export type Access = 'OWNER' | 'EDIT' | 'READ';
export type ObjectType = 'report' | 'dashboard' | 'model' | 'filter';

/** A parameter declaration as reports store it (the query API's shape, upper-case type). */
export interface ParameterDeclaration {
  name: string;
  type: Uppercase<ParamType>;
  required: boolean;
  defaultValue: unknown;
  label: string;
}

export type TimeGrain = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';
export const TIME_GRAINS: readonly TimeGrain[] = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];

export interface ModelFilter {
  field: string;
  operator: string;
  values: unknown[];
  parameter: string | null;
}

export interface ModelQuery {
  dimensions: { name: string; grain: TimeGrain | null }[];
  metrics: string[];
  filters: ModelFilter[];
  sort: { field: string; descending: boolean }[];
  limit: number;
}

export interface Visualization {
  type: VizType;
  settings: VisualizationSettings;
}

export interface Report {
  id: string;
  name: string;
  description: string;
  dataSourceId: string | null;
  sql: string | null;
  parameters: ParameterDeclaration[];
  modelId: string | null;
  modelQuery: ModelQuery | null;
  visualization: Visualization;
  createdBy: string | null;
  updatedAt: string | null;
  access: Access;
}

export type FilterType = 'TEXT' | 'NUMBER' | 'DATE' | 'DATE_RANGE' | 'LIST';
export const FILTER_TYPES: readonly { value: FilterType; label: string }[] = [
  { value: 'TEXT', label: 'Text' },
  { value: 'NUMBER', label: 'Number' },
  { value: 'DATE', label: 'Date' },
  { value: 'DATE_RANGE', label: 'Date range' },
  { value: 'LIST', label: 'List' },
];

export interface DashboardFilter {
  name: string;
  label: string;
  type: FilterType;
  defaultValue: unknown;
  savedFilterId: string | null;
}

export interface Tile {
  id: string;
  kind: 'report' | 'text';
  reportId: string | null;
  text: string | null;
  x: number;
  y: number;
  w: number;
  h: number;
  /** report parameter → dashboard filter name */
  parameterMap: Record<string, string>;
}

export interface Dashboard {
  id: string;
  name: string;
  description: string;
  filters: DashboardFilter[];
  tiles: Tile[];
  autoRefreshSeconds: number;
  updatedAt: string | null;
  access: Access;
  hiddenTiles: number;
}

export interface SavedFilter {
  id: string;
  name: string;
  values: string[];
  refreshedAt: string | null;
}

export interface ModelSummary {
  id: string;
  name: string;
  dataSourceId: string | null;
}

export interface ModelFields {
  dimensions: { name: string; label: string; type: string; timeGrains: TimeGrain[] }[];
  metrics: { name: string; label: string }[];
}

export interface Share {
  id: string;
  userId: string | null;
  access: 'READ' | 'EDIT';
}

export interface ImportAnswer {
  dryRun: boolean;
  created: { type: string; key: string; name: string }[];
  conflicts: { type: string; key: string; name: string; reason: string }[];
}

/** A cross-filter or drill-through condition: rows where `column` equals `value`. */
export interface Where {
  column: string;
  value: unknown;
}

// ---- checking answers ----

function strOrNull(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function listOf<T>(v: unknown, one: (x: unknown) => T | null): T[] {
  return Array.isArray(v) ? v.map(one).filter((x): x is T => x !== null) : [];
}

const ACCESS: readonly Access[] = ['OWNER', 'EDIT', 'READ'];
function asAccess(v: unknown): Access {
  return ACCESS.find((a) => a === v) ?? 'READ';
}

const PARAM_TYPES: readonly string[] = ['TEXT', 'NUMBER', 'DATE', 'DATE_RANGE', 'LIST'];

function asDeclaration(v: unknown): ParameterDeclaration | null {
  if (!isObject(v) || typeof v.name !== 'string') return null;
  const type = str(v.type, 'TEXT').toUpperCase();
  return {
    name: v.name,
    type: (PARAM_TYPES.includes(type) ? type : 'TEXT') as ParameterDeclaration['type'],
    required: v.required === true,
    defaultValue: v.defaultValue ?? null,
    label: str(v.label) || v.name,
  };
}

function asModelQuery(v: unknown): ModelQuery | null {
  if (!isObject(v)) return null;
  return {
    dimensions: listOf(v.dimensions, (d) =>
      isObject(d) && typeof d.name === 'string'
        ? { name: d.name, grain: (TIME_GRAINS.find((g) => g === d.grain) ?? null) as TimeGrain | null }
        : null,
    ),
    metrics: listOf(v.metrics, (m) => (typeof m === 'string' ? m : null)),
    filters: listOf(v.filters, (f) =>
      isObject(f) && typeof f.field === 'string'
        ? { field: f.field, operator: str(f.operator, '='), values: Array.isArray(f.values) ? f.values : [], parameter: strOrNull(f.parameter) }
        : null,
    ),
    sort: listOf(v.sort, (s) => (isObject(s) && typeof s.field === 'string' ? { field: s.field, descending: s.descending === true } : null)),
    limit: num(v.limit),
  };
}

const VIZ_TYPES: readonly VizType[] = ['table', 'number', 'line', 'bar', 'area', 'pie', 'scatter', 'pivot'];

function asVisualization(v: unknown): Visualization {
  if (!isObject(v)) return { type: 'table', settings: {} };
  return {
    type: VIZ_TYPES.find((t) => t === v.type) ?? 'table',
    settings: isObject(v.settings) ? (v.settings as VisualizationSettings) : {},
  };
}

export function asReport(v: unknown): Report | null {
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.name !== 'string') return null;
  return {
    id: v.id,
    name: v.name,
    description: str(v.description),
    dataSourceId: strOrNull(v.dataSourceId),
    sql: typeof v.sql === 'string' ? v.sql : null,
    parameters: listOf(v.parameters, asDeclaration),
    modelId: strOrNull(v.modelId),
    modelQuery: asModelQuery(v.modelQuery),
    visualization: asVisualization(v.visualization),
    createdBy: strOrNull(v.createdBy),
    updatedAt: strOrNull(v.updatedAt),
    access: asAccess(v.access),
  };
}

export function asReports(data: unknown): Report[] | null {
  return Array.isArray(data) ? listOf(data, asReport) : null;
}

function asFilter(v: unknown): DashboardFilter | null {
  if (!isObject(v) || typeof v.name !== 'string') return null;
  const type = str(v.type, 'TEXT').toUpperCase();
  return {
    name: v.name,
    label: str(v.label) || v.name,
    type: (FILTER_TYPES.find((t) => t.value === type)?.value ?? 'TEXT') as FilterType,
    defaultValue: v.defaultValue ?? null,
    savedFilterId: strOrNull(v.savedFilterId),
  };
}

function asTile(v: unknown): Tile | null {
  if (!isObject(v) || typeof v.id !== 'string') return null;
  const map = isObject(v.parameterMap) ? v.parameterMap : {};
  return {
    id: v.id,
    kind: v.kind === 'text' ? 'text' : 'report',
    reportId: strOrNull(v.reportId),
    text: typeof v.text === 'string' ? v.text : null,
    x: num(v.x),
    y: num(v.y),
    w: Math.max(1, num(v.w, 6)),
    h: Math.max(1, num(v.h, 4)),
    parameterMap: Object.fromEntries(Object.entries(map).filter((e): e is [string, string] => typeof e[1] === 'string')),
  };
}

export function asDashboard(v: unknown): Dashboard | null {
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.name !== 'string') return null;
  return {
    id: v.id,
    name: v.name,
    description: str(v.description),
    filters: listOf(v.filters, asFilter),
    tiles: listOf(v.tiles, asTile),
    autoRefreshSeconds: num(v.autoRefreshSeconds),
    updatedAt: strOrNull(v.updatedAt),
    access: asAccess(v.access),
    hiddenTiles: num(v.hiddenTiles),
  };
}

export function asDashboards(data: unknown): Dashboard[] | null {
  return Array.isArray(data) ? listOf(data, asDashboard) : null;
}

export function asSavedFilter(v: unknown): SavedFilter | null {
  if (!isObject(v) || typeof v.id !== 'string') return null;
  return {
    id: v.id,
    name: str(v.name),
    values: listOf(v.values, (x) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : null)),
    refreshedAt: strOrNull(v.refreshedAt),
  };
}

export function asSavedFilters(data: unknown): SavedFilter[] | null {
  return Array.isArray(data) ? listOf(data, asSavedFilter) : null;
}

export function asModels(data: unknown): ModelSummary[] | null {
  if (!Array.isArray(data)) return null;
  return listOf(data, (m) => (isObject(m) && typeof m.id === 'string' ? { id: m.id, name: str(m.name, m.id), dataSourceId: strOrNull(m.dataSourceId) } : null));
}

export function asModelFields(data: unknown): ModelFields | null {
  if (!isObject(data)) return null;
  return {
    dimensions: listOf(data.dimensions, (d) =>
      isObject(d) && typeof d.name === 'string'
        ? {
            name: d.name,
            label: str(d.label) || d.name,
            type: str(d.type, 'TEXT'),
            timeGrains: listOf(d.timeGrains, (g) => TIME_GRAINS.find((t) => t === g) ?? null),
          }
        : null,
    ),
    metrics: listOf(data.metrics, (m) => (isObject(m) && typeof m.name === 'string' ? { name: m.name, label: str(m.label) || m.name } : null)),
  };
}

export function asShares(data: unknown): Share[] | null {
  if (!Array.isArray(data)) return null;
  return listOf(data, (s) =>
    isObject(s) && typeof s.id === 'string'
      ? { id: s.id, userId: strOrNull(s.userId), access: s.access === 'EDIT' ? 'EDIT' : 'READ' }
      : null,
  );
}

export function asImportAnswer(data: unknown): ImportAnswer | null {
  if (!isObject(data)) return null;
  const item = (x: unknown) => (isObject(x) ? { type: str(x.type), key: str(x.key), name: str(x.name) } : null);
  return {
    dryRun: data.dryRun === true,
    created: listOf(data.created, item),
    conflicts: listOf(data.conflicts, (x) => {
      const i = item(x);
      return i && isObject(x) ? { ...i, reason: str(x.reason) } : null;
    }),
  };
}

// ---- paths ----

export function reportPath(id?: string, rest = ''): string {
  return id === undefined ? '/api/reports' : `/api/reports/${encodeURIComponent(id)}${rest}`;
}

export function dashboardPath(id?: string, rest = ''): string {
  return id === undefined ? '/api/dashboards' : `/api/dashboards/${encodeURIComponent(id)}${rest}`;
}

export function tileRunPath(dashboardId: string, tileId: string): string {
  return dashboardPath(dashboardId, `/tiles/${encodeURIComponent(tileId)}/run`);
}

export function canEdit(access: Access): boolean {
  return access === 'OWNER' || access === 'EDIT';
}

export const ACCESS_LABELS: Record<Access, string> = { OWNER: 'Owner', EDIT: 'Can edit', READ: 'Can view' };

// ---- parameters: editor state ↔ stored declarations ----

/** The declarations a report stores; the value typed in the editor becomes the default. */
export function declarationsOf(names: readonly string[], states: Record<string, ParamState>, found: { name: string; range: boolean }[]): ParameterDeclaration[] {
  return names.map((name) => {
    const p = states[name] ?? newParamState(found.find((f) => f.name === name) ?? { name, range: false });
    const v = paramValue(p);
    return {
      name,
      type: p.type.toUpperCase() as ParameterDeclaration['type'],
      required: p.required,
      defaultValue: v === undefined ? null : v,
      label: name,
    };
  });
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(String).join(', ');
  return String(v);
}

/** The editor state of a stored declaration (its default shown as the value). */
export function stateOf(d: ParameterDeclaration): ParamState {
  const type = d.type.toLowerCase() as ParamType;
  if (type === 'date_range' && isObject(d.defaultValue)) {
    return { type, required: d.required, value: str(d.defaultValue.start), end: str(d.defaultValue.end) };
  }
  return { type, required: d.required, value: valueText(d.defaultValue), end: '' };
}

// ---- time ----

/** "just now", "3 min ago", "2 h ago", "4 days ago". */
export function timeAgo(iso: string | null, now = Date.now()): string {
  if (!iso) return 'at an unknown time';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return 'at an unknown time';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

export const AUTO_REFRESH_CHOICES: readonly { seconds: number; label: string }[] = [
  { seconds: 0, label: 'Off' },
  { seconds: 60, label: 'Every minute' },
  { seconds: 300, label: 'Every 5 minutes' },
  { seconds: 900, label: 'Every 15 minutes' },
  { seconds: 3600, label: 'Every hour' },
  { seconds: 21600, label: 'Every 6 hours' },
  { seconds: 86400, label: 'Every 24 hours' },
];
