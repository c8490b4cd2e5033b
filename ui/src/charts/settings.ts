/**
 * The visualization of a report: its settings (stored verbatim by the server as
 * `visualization.settings`), their defaults from the result's column kinds, and the pure
 * functions that turn a result into what is drawn: ECharts options, a pivot table, a big number.
 */
import type { QueryResult, ResultColumn } from '../queries';
import { CHART_BACKGROUND, chartPalette } from './palette';

export type VizType = 'table' | 'number' | 'line' | 'bar' | 'area' | 'pie' | 'scatter' | 'pivot';

export const VIZ_TYPES: readonly { value: VizType; label: string }[] = [
  { value: 'table', label: 'Table' },
  { value: 'number', label: 'Number' },
  { value: 'line', label: 'Line' },
  { value: 'bar', label: 'Bar' },
  { value: 'area', label: 'Area' },
  { value: 'pie', label: 'Pie' },
  { value: 'scatter', label: 'Scatter' },
  { value: 'pivot', label: 'Pivot table' },
];

export type FormatStyle = 'plain' | 'thousands' | 'percent' | 'currency';

/** How numbers are written: in the big number, axis labels, tooltips and pivot cells. */
export interface NumberFormat {
  style: FormatStyle;
  /** ISO 4217 code for `currency`, e.g. "EUR". */
  currency?: string;
  /** Digits after the decimal point; when absent, as many as the value needs (at most 2 for thousands/currency). */
  decimals?: number;
}

export type Aggregate = 'sum' | 'count' | 'avg' | 'min' | 'max';
export type LegendPosition = 'top' | 'bottom' | 'right' | 'none';

/**
 * `visualization.settings`: free JSON owned by the UI. Every field is optional; a missing one
 * takes its default from the result's columns (resolveSettings).
 */
export interface VisualizationSettings {
  /** The x axis / category column (pie: slice names; scatter: x values). Default: the first DATE/TEXT column. */
  x?: string;
  /** The value columns, one series each. Default: every NUMBER column (pie and scatter: the first). */
  y?: string[];
  /** A column whose values split the rows into series (long-format results); then only y[0] is drawn. */
  seriesBy?: string;
  /** Bars and areas stacked on each other instead of side by side. */
  stacked?: boolean;
  /** Bars run left to right, categories on the vertical axis. */
  horizontal?: boolean;
  format?: NumberFormat;
  /** Series colours (hex) overriding the theme palette, in series order. */
  colors?: string[];
  xLabel?: string;
  yLabel?: string;
  legend?: LegendPosition;
  /** number: the column shown. Default: the first NUMBER column. */
  value?: string;
  /** number: compare with another column of the same row, or with the previous row. */
  compare?: 'none' | 'column' | 'previousRow';
  /** number: the column compared with when `compare` is "column". */
  compareTo?: string;
  /** pivot: the column whose values become rows, columns, and the aggregated value. */
  pivotRows?: string;
  pivotColumns?: string;
  pivotValue?: string;
  aggregate?: Aggregate;
}

export type Resolved = Required<Omit<VisualizationSettings, 'colors' | 'xLabel' | 'yLabel' | 'seriesBy' | 'compareTo' | 'pivotColumns'>> &
  Pick<VisualizationSettings, 'colors' | 'xLabel' | 'yLabel' | 'seriesBy' | 'compareTo' | 'pivotColumns'>;

const DIMENSION_KINDS: readonly string[] = ['date', 'timestamp', 'timestamp_with_zone', 'text', 'time', 'boolean'];

function has(columns: readonly ResultColumn[], name: string | undefined): name is string {
  return name !== undefined && name !== '' && columns.some((c) => c.name === name);
}

/** The settings with every gap filled from the column kinds; names not in the result are dropped. */
export function resolveSettings(columns: readonly ResultColumn[], type: VizType, s: VisualizationSettings = {}): Resolved {
  const numbers = columns.filter((c) => c.kind === 'number').map((c) => c.name);
  const dims = columns.filter((c) => DIMENSION_KINDS.includes(c.kind)).map((c) => c.name);
  const firstDim = dims.find((n) => columns.find((c) => c.name === n)!.kind.startsWith('date') || columns.find((c) => c.name === n)!.kind.startsWith('timestamp')) ?? dims[0];
  let x = has(columns, s.x) ? s.x : (type === 'scatter' ? numbers[0] : firstDim) ?? columns[0]?.name ?? '';
  let y = (s.y ?? []).filter((n) => has(columns, n) && n !== x);
  if (y.length === 0) y = numbers.filter((n) => n !== x);
  if (type === 'pie' || type === 'scatter') y = y.slice(0, 1);
  if (y.length === 0 && x === numbers[0] && type === 'scatter') {
    x = columns.find((c) => c.name !== numbers[0])?.name ?? x;
  }
  const seriesBy = has(columns, s.seriesBy) && s.seriesBy !== x ? s.seriesBy : undefined;
  const value = has(columns, s.value) ? s.value : numbers[0] ?? columns[0]?.name ?? '';
  return {
    x,
    y: seriesBy ? y.slice(0, 1) : y,
    seriesBy,
    stacked: s.stacked === true,
    horizontal: s.horizontal === true,
    format: s.format ?? { style: 'plain' },
    colors: s.colors?.filter((c) => /^#[0-9a-fA-F]{6}$/.test(c)),
    xLabel: s.xLabel,
    yLabel: s.yLabel,
    legend: s.legend ?? 'top',
    value,
    compare: s.compare ?? 'none',
    compareTo: has(columns, s.compareTo) ? s.compareTo : undefined,
    pivotRows: has(columns, s.pivotRows) ? s.pivotRows : dims[0] ?? columns[0]?.name ?? '',
    pivotColumns: has(columns, s.pivotColumns) ? s.pivotColumns : dims[1],
    pivotValue: has(columns, s.pivotValue) ? s.pivotValue : numbers[0] ?? '',
    aggregate: s.aggregate ?? 'sum',
  };
}

// ---- number formats ----

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** A number written as `format` says; text that is no number is returned as it is. */
export function formatNumber(v: unknown, format: NumberFormat = { style: 'plain' }): string {
  const n = toNumber(v);
  if (n === null) return v === null || v === undefined ? '' : String(v);
  const digits = format.decimals;
  const fixed = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
  switch (format.style) {
    case 'thousands':
      return n.toLocaleString('en-US', { maximumFractionDigits: 2, ...fixed });
    case 'percent':
      return n.toLocaleString('en-US', { style: 'percent', maximumFractionDigits: 1, ...fixed });
    case 'currency': {
      const code = (format.currency ?? '').toUpperCase();
      if (/^[A-Z]{3}$/.test(code)) {
        try {
          return n.toLocaleString('en-US', { style: 'currency', currency: code, ...fixed });
        } catch {
          /* unknown code: fall through */
        }
      }
      return `${n.toLocaleString('en-US', { maximumFractionDigits: 2, ...fixed })}${code ? ` ${code}` : ''}`;
    }
    default:
      return digits === undefined ? String(n) : n.toFixed(digits);
  }
}

// ---- the big number ----

export interface NumberSummary {
  value: string;
  /** The change against the compared value, e.g. "+12.5 %", or null when nothing is compared. */
  change: string | null;
  direction: 'up' | 'down' | 'same' | null;
  /** What the change is relative to, in words. */
  against: string | null;
}

export function numberSummary(result: QueryResult, s: Resolved): NumberSummary {
  const col = result.columns.findIndex((c) => c.name === s.value);
  const last = result.rows[result.rows.length - 1];
  if (!last || col < 0) return { value: '—', change: null, direction: null, against: null };
  const current = last[col];
  const value = formatNumber(current, s.format);
  let base: unknown = undefined;
  let against: string | null = null;
  if (s.compare === 'column' && s.compareTo) {
    base = last[result.columns.findIndex((c) => c.name === s.compareTo)];
    against = `vs ${s.compareTo}`;
  } else if (s.compare === 'previousRow' && result.rows.length > 1) {
    base = result.rows[result.rows.length - 2][col];
    against = 'vs previous row';
  }
  const a = toNumber(current);
  const b = toNumber(base);
  if (against === null || a === null || b === null) return { value, change: null, direction: null, against: null };
  const direction = a > b ? 'up' : a < b ? 'down' : 'same';
  const change =
    b === 0 ? formatNumber(a - b, s.format) : `${a >= b ? '+' : '−'}${Math.abs(((a - b) / Math.abs(b)) * 100).toFixed(1)} %`;
  return { value, change: b === 0 && a >= b ? `+${change}` : change, direction, against };
}

// ---- pivot ----

export interface Pivot {
  rowKeys: string[];
  colKeys: string[];
  /** cells[row][col]; null where no row of the result falls. */
  cells: (number | null)[][];
}

function keyOf(v: unknown): string {
  return v === null || v === undefined ? '(empty)' : typeof v === 'string' ? v : String(v);
}

/** Rows × columns × an aggregate of the value column, computed here in the browser. */
export function pivot(result: QueryResult, rows: string, cols: string | undefined, value: string, aggregate: Aggregate): Pivot {
  const ri = result.columns.findIndex((c) => c.name === rows);
  const ci = cols ? result.columns.findIndex((c) => c.name === cols) : -1;
  const vi = result.columns.findIndex((c) => c.name === value);
  const rowKeys: string[] = [];
  const colKeys: string[] = [];
  const acc = new Map<string, { sum: number; count: number; min: number; max: number }>();
  for (const r of result.rows) {
    const rk = keyOf(ri < 0 ? null : r[ri]);
    const ck = ci < 0 ? (vi < 0 ? 'count' : value) : keyOf(r[ci]);
    if (!rowKeys.includes(rk)) rowKeys.push(rk);
    if (!colKeys.includes(ck)) colKeys.push(ck);
    const n = vi < 0 ? null : toNumber(r[vi]);
    const k = `${rk}\u0000${ck}`;
    const a = acc.get(k) ?? { sum: 0, count: 0, min: Infinity, max: -Infinity };
    if (aggregate === 'count') a.count++;
    else if (n !== null) {
      a.sum += n;
      a.count++;
      a.min = Math.min(a.min, n);
      a.max = Math.max(a.max, n);
    }
    acc.set(k, a);
  }
  const cells = rowKeys.map((rk) =>
    colKeys.map((ck) => {
      const a = acc.get(`${rk}\u0000${ck}`);
      if (!a || a.count === 0) return aggregate === 'count' && a ? 0 : null;
      switch (aggregate) {
        case 'count':
          return a.count;
        case 'avg':
          return a.sum / a.count;
        case 'min':
          return a.min;
        case 'max':
          return a.max;
        default:
          return a.sum;
      }
    }),
  );
  return { rowKeys, colKeys, cells };
}

// ---- ECharts options ----

/** What the chart needs of the theme: text colours and the series palette. */
export interface ChartTheme {
  text: string;
  muted: string;
  border: string;
  background: string;
  palette: readonly string[];
}

export function chartTheme(theme: 'light' | 'dark'): ChartTheme {
  return theme === 'dark'
    ? { text: '#e6e8eb', muted: '#aab1bd', border: '#7b8494', background: CHART_BACKGROUND.dark, palette: chartPalette('dark') }
    : { text: '#1a1d23', muted: '#4a5261', border: '#8a93a3', background: CHART_BACKGROUND.light, palette: chartPalette('light') };
}

/** A built chart: the ECharts option, and what a click on data index i of a series selects. */
export interface ChartModel {
  option: Record<string, unknown>;
  /** The column a click selects (cross-filtering), and the raw values by data index. */
  selectColumn: string;
  selectValues: unknown[];
}

function distinct(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const v of values) {
    const k = keyOf(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

function legendOption(position: LegendPosition, t: ChartTheme, count: number): Record<string, unknown> {
  if (position === 'none' || count < 2) return { show: false };
  const place = position === 'right' ? { right: 0, top: 'middle', orient: 'vertical' } : position === 'bottom' ? { bottom: 0 } : { top: 0 };
  return { show: true, type: 'scroll', textStyle: { color: t.text }, pageTextStyle: { color: t.text }, ...place };
}

/**
 * The ECharts option for line, bar, area, pie and scatter. Pure: the same result, type, settings
 * and theme give the same option (tests read it).
 */
export function buildChartModel(result: QueryResult, type: VizType, settings: VisualizationSettings, theme: ChartTheme): ChartModel {
  const s = resolveSettings(result.columns, type, settings);
  const idx = (name: string | undefined) => (name ? result.columns.findIndex((c) => c.name === name) : -1);
  const xi = idx(s.x);
  const colors = s.colors && s.colors.length > 0 ? s.colors : [...theme.palette];
  const fmt = (v: unknown) => formatNumber(v, s.format);
  const base = {
    color: colors,
    animation: false,
    textStyle: { color: theme.text },
    tooltip: { trigger: type === 'pie' || type === 'scatter' ? 'item' : 'axis', valueFormatter: fmt },
    aria: { enabled: true },
  };

  if (type === 'pie') {
    const yi = idx(s.y[0]);
    const data = result.rows.map((r) => ({ name: keyOf(r[xi]), value: toNumber(r[yi]) }));
    const legend = legendOption(s.legend, theme, data.length);
    return {
      option: {
        ...base,
        legend,
        series: [
          {
            type: 'pie',
            name: s.y[0] ?? '',
            radius: ['35%', '70%'],
            // Below a top legend; slice labels only without a legend (both crowd a dashboard tile).
            center: ['50%', legend.show ? '56%' : '50%'],
            data,
            label: legend.show ? { show: false } : { color: theme.text },
            emphasis: { label: { show: true, color: theme.text } },
            itemStyle: { borderColor: theme.background, borderWidth: 1 },
          },
        ],
      },
      selectColumn: s.x,
      selectValues: result.rows.map((r) => r[xi]),
    };
  }

  const axisCommon = {
    axisLabel: { color: theme.muted },
    axisLine: { lineStyle: { color: theme.border } },
    nameTextStyle: { color: theme.text },
    nameLocation: 'middle' as const,
  };
  const valueAxis = {
    type: 'value',
    ...axisCommon,
    name: s.yLabel ?? '',
    nameGap: 48,
    axisLabel: { color: theme.muted, formatter: fmt },
    splitLine: { lineStyle: { color: theme.border, opacity: 0.35 } },
  };

  if (type === 'scatter') {
    const yi = idx(s.y[0]);
    const numericX = result.columns[xi]?.kind === 'number';
    const data = result.rows.map((r) => [numericX ? toNumber(r[xi]) : keyOf(r[xi]), toNumber(r[yi])]);
    return {
      option: {
        ...base,
        legend: { show: false },
        grid: { left: 64, right: 24, top: 24, bottom: 48, containLabel: false },
        xAxis: { type: numericX ? 'value' : 'category', ...axisCommon, name: s.xLabel ?? s.x, nameGap: 28, scale: true },
        yAxis: { ...valueAxis, name: s.yLabel ?? s.y[0] ?? '', scale: true },
        series: [{ type: 'scatter', name: s.y[0] ?? '', data, symbolSize: 9 }],
      },
      selectColumn: s.x,
      selectValues: result.rows.map((r) => r[xi]),
    };
  }

  // line, bar, area: categories along x, one series per y column or per seriesBy value.
  const categories = distinct(result.rows.map((r) => r[xi]));
  const catIndex = new Map(categories.map((c, i) => [keyOf(c), i]));
  const series: { name: string; data: (number | null)[] }[] = [];
  if (s.seriesBy) {
    const si = idx(s.seriesBy);
    const yi = idx(s.y[0]);
    const names = distinct(result.rows.map((r) => r[si])).map(keyOf);
    for (const name of names) series.push({ name, data: categories.map(() => null) });
    for (const r of result.rows) {
      const target = series[names.indexOf(keyOf(r[si]))];
      const at = catIndex.get(keyOf(r[xi]))!;
      const n = toNumber(r[yi]);
      if (n !== null) target.data[at] = (target.data[at] ?? 0) + n;
    }
  } else {
    for (const y of s.y) {
      const yi = idx(y);
      const data: (number | null)[] = categories.map(() => null);
      for (const r of result.rows) {
        const at = catIndex.get(keyOf(r[xi]))!;
        const n = toNumber(r[yi]);
        if (n !== null) data[at] = (data[at] ?? 0) + n;
      }
      series.push({ name: y, data });
    }
  }
  const stacked = s.stacked && type !== 'line';
  const drawn = series.map((one) => ({
    type: type === 'area' ? 'line' : type,
    name: one.name,
    data: one.data,
    ...(stacked ? { stack: 'total' } : {}),
    ...(type === 'area' ? { areaStyle: { opacity: 0.35 } } : {}),
    ...(type !== 'bar' ? { showSymbol: categories.length <= 40, connectNulls: false } : {}),
    emphasis: { focus: 'series' },
  }));
  const categoryAxis = { type: 'category', ...axisCommon, data: categories.map(keyOf), name: s.xLabel ?? '', nameGap: 32 };
  const horizontal = type === 'bar' && s.horizontal;
  const legend = legendOption(s.legend, theme, series.length);
  const legendTop = legend.show && s.legend === 'top' ? 32 : 16;
  return {
    option: {
      ...base,
      legend,
      grid: {
        left: horizontal ? 96 : 72,
        right: s.legend === 'right' && legend.show ? 140 : 24,
        top: legendTop,
        bottom: legend.show && s.legend === 'bottom' ? 64 : 48,
      },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: drawn,
    },
    selectColumn: s.x,
    selectValues: categories,
  };
}

/** What a click on a chart selects: the x column and the raw value at the clicked data index. */
export function selectionOf(model: ChartModel, dataIndex: number | undefined): { column: string; value: unknown } | null {
  if (dataIndex === undefined || dataIndex < 0 || dataIndex >= model.selectValues.length || !model.selectColumn) return null;
  return { column: model.selectColumn, value: model.selectValues[dataIndex] };
}
