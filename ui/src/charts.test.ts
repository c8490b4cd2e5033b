// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  buildChartModel,
  chartTheme,
  formatNumber,
  numberSummary,
  pivot,
  resolveSettings,
  selectionOf,
} from './charts/settings';
import { chartPalette } from './charts/palette';
import type { QueryResult, ResultColumn } from './queries';

function result(columns: [string, ResultColumn['kind']][], rows: unknown[][]): QueryResult {
  return {
    id: 'r',
    dataSourceId: 'ds1',
    sql: { sql: '', values: [], display: '', timeZone: 'UTC' },
    columns: columns.map(([name, kind]) => ({ name, kind, databaseType: kind })),
    rows,
    rowCount: rows.length,
    limitReached: false,
    maxRows: 10000,
    durationMillis: 5,
    computedAt: null,
    fromCache: false,
  };
}

const sales = result(
  [
    ['region', 'text'],
    ['month', 'date'],
    ['revenue', 'number'],
    ['cost', 'number'],
  ],
  [
    ['EMEA', '2026-01-01', 100, 60],
    ['APAC', '2026-01-01', 50, 30],
    ['EMEA', '2026-02-01', 120, 70],
    ['APAC', '2026-02-01', 80, 40],
  ],
);
const light = chartTheme('light');

type Series = { name: string; data: unknown[]; stack?: string; type: string; areaStyle?: unknown; label?: { show?: boolean } };
const seriesOf = (o: Record<string, unknown>) => o.series as Series[];

describe('defaults from column kinds', () => {
  it('takes the first date column as x and every number column as a series', () => {
    const s = resolveSettings(sales.columns, 'line');
    expect(s.x).toBe('month');
    expect(s.y).toEqual(['revenue', 'cost']);
    expect(s.value).toBe('revenue');
    expect(s.legend).toBe('top');
    expect(s.format).toEqual({ style: 'plain' });
  });

  it('takes the first text column when there is no date, and one series for pie and scatter', () => {
    const cols = sales.columns.filter((c) => c.name !== 'month');
    expect(resolveSettings(cols, 'bar').x).toBe('region');
    expect(resolveSettings(cols, 'pie').y).toEqual(['revenue']);
    const scatter = resolveSettings(cols, 'scatter');
    expect(scatter.x).toBe('revenue');
    expect(scatter.y).toEqual(['cost']);
  });

  it('drops names that are not in the result and keeps the chosen ones', () => {
    const s = resolveSettings(sales.columns, 'bar', { x: 'region', y: ['cost', 'gone'], seriesBy: 'nope' });
    expect(s.x).toBe('region');
    expect(s.y).toEqual(['cost']);
    expect(s.seriesBy).toBeUndefined();
  });
});

describe('chart options', () => {
  it('draws one line per number column over the distinct x values', () => {
    const { option } = buildChartModel(sales, 'line', {}, light);
    expect((option.xAxis as { data: string[] }).data).toEqual(['2026-01-01', '2026-02-01']);
    expect(seriesOf(option).map((s) => [s.type, s.name, s.data])).toEqual([
      ['line', 'revenue', [150, 200]],
      ['line', 'cost', [90, 110]],
    ]);
    expect(option.color).toEqual(chartPalette('light'));
  });

  it('splits series by a column, stacks bars and turns them horizontal', () => {
    const { option } = buildChartModel(sales, 'bar', { x: 'month', y: ['revenue'], seriesBy: 'region', stacked: true, horizontal: true }, light);
    expect(seriesOf(option).map((s) => [s.name, s.data, s.stack])).toEqual([
      ['EMEA', [100, 120], 'total'],
      ['APAC', [50, 80], 'total'],
    ]);
    expect((option.yAxis as { type: string }).type).toBe('category');
    expect((option.xAxis as { type: string }).type).toBe('value');
  });

  it('groups bars side by side unless stacked, and areas are filled lines', () => {
    const grouped = buildChartModel(sales, 'bar', {}, light).option;
    expect(seriesOf(grouped).every((s) => s.stack === undefined)).toBe(true);
    const area = buildChartModel(sales, 'area', { stacked: true }, light).option;
    expect(seriesOf(area).every((s) => s.type === 'line' && s.areaStyle && s.stack === 'total')).toBe(true);
  });

  it('draws slices for pie and points for scatter, and maps a click to the x value', () => {
    const pie = buildChartModel(sales, 'pie', { x: 'region' }, light);
    expect(seriesOf(pie.option)[0].data).toEqual([
      { name: 'EMEA', value: 100 },
      { name: 'APAC', value: 50 },
      { name: 'EMEA', value: 120 },
      { name: 'APAC', value: 80 },
    ]);
    expect(selectionOf(pie, 1)).toEqual({ column: 'region', value: 'APAC' });
    // With a legend the slices carry no labels of their own (both crowd a tile); without, they do.
    expect(seriesOf(pie.option)[0].label?.show).toBe(false);
    const unlabelled = buildChartModel(sales, 'pie', { x: 'region', legend: 'none' }, light);
    expect(seriesOf(unlabelled.option)[0].label?.show).not.toBe(false);
    const scatter = buildChartModel(sales, 'scatter', { x: 'revenue', y: ['cost'] }, light);
    expect(seriesOf(scatter.option)[0].data[0]).toEqual([100, 60]);
    const bar = buildChartModel(sales, 'bar', { x: 'region' }, light);
    expect(selectionOf(bar, 0)).toEqual({ column: 'region', value: 'EMEA' });
    expect(selectionOf(bar, 7)).toBeNull();
  });

  it('uses the colours, labels and legend of the settings, and the dark palette in the dark theme', () => {
    const { option } = buildChartModel(sales, 'line', { colors: ['#123456', 'bad'], yLabel: 'EUR', legend: 'none' }, chartTheme('dark'));
    expect(option.color).toEqual(['#123456']);
    expect((option.yAxis as { name: string }).name).toBe('EUR');
    expect((option.legend as { show: boolean }).show).toBe(false);
    expect(buildChartModel(sales, 'line', {}, chartTheme('dark')).option.color).toEqual(chartPalette('dark'));
  });
});

describe('number formats', () => {
  it('writes plain, thousands, percent and currency', () => {
    expect(formatNumber(1234567.891)).toBe('1234567.891');
    expect(formatNumber(1234567.891, { style: 'thousands' })).toBe('1,234,567.89');
    expect(formatNumber(0.256, { style: 'percent' })).toBe('25.6%');
    expect(formatNumber(1234.5, { style: 'currency', currency: 'eur' })).toBe('€1,234.50');
    expect(formatNumber(12, { style: 'currency', currency: 'XX' })).toBe('12 XX');
    expect(formatNumber(2, { style: 'plain', decimals: 2 })).toBe('2.00');
    expect(formatNumber('n/a', { style: 'thousands' })).toBe('n/a');
  });

  it('compares the big number with a column or the previous row', () => {
    const byColumn = numberSummary(sales, resolveSettings(sales.columns, 'number', { compare: 'column', compareTo: 'cost', format: { style: 'thousands' } }));
    expect(byColumn).toEqual({ value: '80', change: '+100.0 %', direction: 'up', against: 'vs cost' });
    const previous = numberSummary(sales, resolveSettings(sales.columns, 'number', { compare: 'previousRow' }));
    expect(previous).toEqual({ value: '80', change: '−33.3 %', direction: 'down', against: 'vs previous row' });
    expect(numberSummary(sales, resolveSettings(sales.columns, 'number', {})).change).toBeNull();
  });
});

describe('pivot', () => {
  it('aggregates the value by rows and columns', () => {
    expect(pivot(sales, 'region', 'month', 'revenue', 'sum')).toEqual({
      rowKeys: ['EMEA', 'APAC'],
      colKeys: ['2026-01-01', '2026-02-01'],
      cells: [
        [100, 120],
        [50, 80],
      ],
    });
    expect(pivot(sales, 'region', undefined, 'revenue', 'avg').cells).toEqual([[110], [65]]);
    expect(pivot(sales, 'month', undefined, 'revenue', 'max').cells).toEqual([[100], [120]]);
    expect(pivot(sales, 'month', undefined, 'revenue', 'min').cells).toEqual([[50], [80]]);
    expect(pivot(sales, 'region', undefined, 'revenue', 'count').cells).toEqual([[2], [2]]);
  });

  it('leaves a cell empty where no row falls', () => {
    const partial = result(
      [
        ['a', 'text'],
        ['b', 'text'],
        ['v', 'number'],
      ],
      [
        ['x', 'p', 1],
        ['y', 'q', 2],
      ],
    );
    expect(pivot(partial, 'a', 'b', 'v', 'sum').cells).toEqual([
      [1, null],
      [null, 2],
    ]);
  });
});
