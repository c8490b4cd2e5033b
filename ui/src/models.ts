/** Semantic models: the shapes of /api/models and helpers for the model pages. */

export type FieldType = 'TEXT' | 'NUMBER' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN';
export type Aggregation = 'SUM' | 'COUNT' | 'COUNT_DISTINCT' | 'AVG' | 'MIN' | 'MAX' | 'CUSTOM';
export type TimeGrain = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';
export type JoinType = 'INNER' | 'LEFT';

export const FIELD_TYPES: readonly FieldType[] = ['TEXT', 'NUMBER', 'DATE', 'TIMESTAMP', 'BOOLEAN'];
export const AGGREGATIONS: readonly Aggregation[] = ['SUM', 'COUNT', 'COUNT_DISTINCT', 'AVG', 'MIN', 'MAX', 'CUSTOM'];
export const TIME_GRAINS: readonly TimeGrain[] = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];

export interface ModelTable {
  name: string;
  schema: string;
  table: string;
}
export interface ModelJoin {
  from: string;
  fromColumn: string;
  to: string;
  toColumn: string;
  type: JoinType;
}
export interface ModelDimension {
  name: string;
  label: string | null;
  table: string;
  column: string;
  type: FieldType;
  timeGrains: TimeGrain[];
}
export interface ModelMetric {
  name: string;
  label: string | null;
  aggregation: Aggregation;
  table: string | null;
  column: string | null;
  expression: string | null;
}
export interface ModelDefinition {
  tables: ModelTable[];
  joins: ModelJoin[];
  baseTable: string;
  dimensions: ModelDimension[];
  metrics: ModelMetric[];
}
export interface Model {
  id: string;
  name: string;
  description: string | null;
  dataSourceId: string;
  definition: ModelDefinition;
  createdBy: string;
  updatedAt: string | null;
  access: 'OWNER' | 'EDIT' | 'READ';
}

export interface CompiledQuery {
  dataSourceId: string;
  sql: string;
  parameters: unknown[];
  values: Record<string, unknown>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function emptyDefinition(): ModelDefinition {
  return { tables: [], joins: [], baseTable: '', dimensions: [], metrics: [] };
}

export function asDefinition(v: unknown): ModelDefinition {
  if (!isObject(v)) return emptyDefinition();
  return {
    tables: list(v.tables).filter(isObject).map((t) => ({ name: text(t.name), schema: text(t.schema), table: text(t.table) })),
    joins: list(v.joins)
      .filter(isObject)
      .map((j) => ({
        from: text(j.from),
        fromColumn: text(j.fromColumn),
        to: text(j.to),
        toColumn: text(j.toColumn),
        type: j.type === 'LEFT' ? 'LEFT' : 'INNER',
      })),
    baseTable: text(v.baseTable),
    dimensions: list(v.dimensions)
      .filter(isObject)
      .map((d) => ({
        name: text(d.name),
        label: textOrNull(d.label),
        table: text(d.table),
        column: text(d.column),
        type: (FIELD_TYPES as readonly string[]).includes(text(d.type)) ? (d.type as FieldType) : 'TEXT',
        timeGrains: list(d.timeGrains).filter((g): g is TimeGrain => (TIME_GRAINS as readonly unknown[]).includes(g)),
      })),
    metrics: list(v.metrics)
      .filter(isObject)
      .map((m) => ({
        name: text(m.name),
        label: textOrNull(m.label),
        aggregation: (AGGREGATIONS as readonly string[]).includes(text(m.aggregation)) ? (m.aggregation as Aggregation) : 'SUM',
        table: textOrNull(m.table),
        column: textOrNull(m.column),
        expression: textOrNull(m.expression),
      })),
  };
}

export function asModel(v: unknown): Model | null {
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.name !== 'string') return null;
  const access = v.access === 'OWNER' || v.access === 'EDIT' ? v.access : 'READ';
  return {
    id: v.id,
    name: v.name,
    description: textOrNull(v.description),
    dataSourceId: text(v.dataSourceId),
    definition: asDefinition(v.definition),
    createdBy: text(v.createdBy),
    updatedAt: textOrNull(v.updatedAt),
    access,
  };
}

export function asModels(data: unknown): Model[] | null {
  if (!Array.isArray(data)) return null;
  return data.map(asModel).filter((m): m is Model => m !== null);
}

export function asCompiled(data: unknown): CompiledQuery | null {
  if (!isObject(data) || typeof data.sql !== 'string') return null;
  return {
    dataSourceId: text(data.dataSourceId),
    sql: data.sql,
    parameters: list(data.parameters),
    values: isObject(data.values) ? data.values : {},
  };
}

export function modelPath(id?: string, rest = ''): string {
  return id === undefined ? `/api/models${rest}` : `/api/models/${encodeURIComponent(id)}${rest}`;
}

/**
 * The DOM id of the input for a server field path: `definition.dimensions[2].column` →
 * `model-definition-dimensions-2-column`, so an error lands at its field.
 */
export function fieldId(path: string): string {
  return `model-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;
}

/** The definition as the API takes it: blank labels and unused metric parts as null. */
export function definitionBody(d: ModelDefinition): ModelDefinition {
  const blank = (s: string | null) => (s === null || s.trim() === '' ? null : s);
  return {
    ...d,
    dimensions: d.dimensions.map((x) => ({
      ...x,
      label: blank(x.label),
      timeGrains: x.type === 'DATE' || x.type === 'TIMESTAMP' ? x.timeGrains : [],
    })),
    metrics: d.metrics.map((m) =>
      m.aggregation === 'CUSTOM'
        ? { ...m, label: blank(m.label), table: null, column: null, expression: m.expression ?? '' }
        : { ...m, label: blank(m.label), table: blank(m.table), column: blank(m.column), expression: null },
    ),
  };
}
