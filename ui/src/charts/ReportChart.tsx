import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { QueryResult } from '../queries';
import { ResultTable } from '../pages/ResultTable';
import { buildChartModel, chartTheme, formatNumber, numberSummary, pivot, resolveSettings, type VisualizationSettings, type VizType } from './settings';

// ECharts is loaded when the first chart is drawn, not with the app.
const EChart = lazy(() => import('./EChart'));

export interface Selection {
  column: string;
  value: unknown;
}

interface ReportChartProps {
  result: QueryResult;
  type: VizType;
  settings: VisualizationSettings;
  /** The chart's accessible name, e.g. the report's name. */
  label: string;
  /** Clicking a bar, slice, point or table cell (cross-filtering). */
  onSelect?(selection: Selection): void;
  /** A unique prefix for ids inside (captions). */
  idPrefix: string;
}

/** The theme on <html data-theme>, followed as it changes. */
export function useDocumentTheme(): 'light' | 'dark' {
  const read = () => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');
  const [theme, setTheme] = useState<'light' | 'dark'>(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(read()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

function NumberView({ result, settings }: { result: QueryResult; settings: VisualizationSettings }) {
  const s = resolveSettings(result.columns, 'number', settings);
  const n = numberSummary(result, s);
  return (
    <div className="big-number" data-testid="big-number">
      <p className="big-number-value" data-testid="big-number-value">
        {n.value}
      </p>
      <p className="big-number-label">{s.value}</p>
      {n.change && (
        <p className={`big-number-change change-${n.direction}`} data-testid="big-number-change">
          <span aria-hidden="true">{n.direction === 'up' ? '▲ ' : n.direction === 'down' ? '▼ ' : ''}</span>
          {n.change} {n.against}
        </p>
      )}
    </div>
  );
}

function PivotView({ result, settings, idPrefix }: { result: QueryResult; settings: VisualizationSettings; idPrefix: string }) {
  const s = resolveSettings(result.columns, 'pivot', settings);
  const p = pivot(result, s.pivotRows, s.pivotColumns, s.pivotValue, s.aggregate);
  return (
    <div className="table-scroll">
      <table className="table pivot-table" data-testid="pivot-table" aria-labelledby={`${idPrefix}-pivot-caption`}>
        <caption id={`${idPrefix}-pivot-caption`} className="visually-hidden">
          {s.aggregate} of {s.pivotValue} by {s.pivotRows}
          {s.pivotColumns ? ` and ${s.pivotColumns}` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">{s.pivotRows}</th>
            {p.colKeys.map((c) => (
              <th key={c} scope="col" className="num">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rowKeys.map((r, i) => (
            <tr key={r}>
              <th scope="row">{r}</th>
              {p.cells[i].map((v, j) => (
                <td key={p.colKeys[j]} className="num">
                  {v === null ? '' : formatNumber(v, s.format)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A query result drawn as the report's visualization says. */
export function ReportChart({ result, type, settings, label, onSelect, idPrefix }: ReportChartProps) {
  const theme = useDocumentTheme();
  const model = useMemo(
    () => (['line', 'bar', 'area', 'pie', 'scatter'].includes(type) ? buildChartModel(result, type, settings, chartTheme(theme)) : null),
    [result, type, settings, theme],
  );
  if (type === 'table') {
    return (
      <>
        <h3 id={`${idPrefix}-caption`} className="visually-hidden">
          {label}
        </h3>
        <ResultTable result={result} captionId={`${idPrefix}-caption`} onSelect={onSelect} />
      </>
    );
  }
  if (type === 'number') return <NumberView result={result} settings={settings} />;
  if (type === 'pivot') return <PivotView result={result} settings={settings} idPrefix={idPrefix} />;
  if (result.rows.length === 0) {
    return (
      <p className="muted" data-testid="chart-no-rows">
        The query returned no rows, so there is nothing to draw.
      </p>
    );
  }
  return (
    <Suspense fallback={<p className="busy-text">Drawing the chart…</p>}>
      <EChart model={model!} onSelect={onSelect} label={`${label}: ${type} chart`} />
    </Suspense>
  );
}
