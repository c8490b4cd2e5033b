import type { ResultColumn } from '../queries';
import { resolveSettings, type Aggregate, type FormatStyle, type LegendPosition, type NumberFormat, type VisualizationSettings, type VizType } from './settings';

interface SettingsPanelProps {
  type: VizType;
  settings: VisualizationSettings;
  /** The columns of the last result; the choices come from them. */
  columns: readonly ResultColumn[];
  onChange(settings: VisualizationSettings): void;
}

function ColumnSelect({
  id,
  label,
  value,
  columns,
  onValue,
  none,
}: {
  id: string;
  label: string;
  value: string | undefined;
  columns: readonly ResultColumn[];
  onValue(v: string | undefined): void;
  /** The label of the "no column" choice; absent when a column is needed. */
  none?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onValue(e.target.value || undefined)} data-testid={id}>
        {none !== undefined && <option value="">{none}</option>}
        {columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function FormatFields({ format, onChange }: { format: NumberFormat; onChange(f: NumberFormat): void }) {
  return (
    <div className="form-row">
      <div className="field">
        <label htmlFor="viz-format">Number format</label>
        <select id="viz-format" value={format.style} onChange={(e) => onChange({ ...format, style: e.target.value as FormatStyle })} data-testid="viz-format">
          <option value="plain">Plain (1234.5)</option>
          <option value="thousands">Thousands (1,234.5)</option>
          <option value="percent">Percent (0.25 → 25%)</option>
          <option value="currency">Currency</option>
        </select>
      </div>
      {format.style === 'currency' && (
        <div className="field">
          <label htmlFor="viz-currency">Currency code</label>
          <input
            id="viz-currency"
            value={format.currency ?? ''}
            maxLength={3}
            placeholder="EUR"
            onChange={(e) => onChange({ ...format, currency: e.target.value.toUpperCase() })}
            aria-describedby="viz-currency-hint"
            data-testid="viz-currency"
          />
          <p id="viz-currency-hint" className="field-hint">
            Three letters, such as EUR, USD or JPY.
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor="viz-decimals">Decimals</label>
        <input
          id="viz-decimals"
          type="number"
          min={0}
          max={10}
          value={format.decimals ?? ''}
          placeholder="auto"
          onChange={(e) => onChange({ ...format, decimals: e.target.value === '' ? undefined : Math.max(0, Math.min(10, Number(e.target.value))) })}
          data-testid="viz-decimals"
        />
      </div>
    </div>
  );
}

/** The settings of one visualization type; choices come from the last result's columns. */
export function SettingsPanel({ type, settings, columns, onChange }: SettingsPanelProps) {
  const set = (patch: Partial<VisualizationSettings>) => onChange({ ...settings, ...patch });
  if (type === 'table') return <p className="muted">The table shows every column of the result.</p>;
  if (columns.length === 0) {
    return (
      <p className="muted" data-testid="viz-settings-empty">
        Run the report once; its columns then appear here to choose from.
      </p>
    );
  }
  const r = resolveSettings(columns, type, settings);
  const format = settings.format ?? { style: 'plain' };
  const numbers = columns.filter((c) => c.kind === 'number');

  if (type === 'number') {
    return (
      <div className="viz-settings" data-testid="viz-settings">
        <div className="form-row">
          <ColumnSelect id="viz-value" label="Value column" value={r.value} columns={columns} onValue={(value) => set({ value })} />
          <div className="field">
            <label htmlFor="viz-compare">Compare with</label>
            <select id="viz-compare" value={r.compare} onChange={(e) => set({ compare: e.target.value as VisualizationSettings['compare'] })} data-testid="viz-compare">
              <option value="none">Nothing</option>
              <option value="column">Another column</option>
              <option value="previousRow">The previous row</option>
            </select>
          </div>
          {r.compare === 'column' && (
            <ColumnSelect id="viz-compare-to" label="Compared column" value={r.compareTo} columns={numbers} onValue={(compareTo) => set({ compareTo })} none="Choose…" />
          )}
        </div>
        <p className="field-hint">The last row is shown; “previous row” compares it with the row before.</p>
        <FormatFields format={format} onChange={(f) => set({ format: f })} />
      </div>
    );
  }

  if (type === 'pivot') {
    return (
      <div className="viz-settings" data-testid="viz-settings">
        <div className="form-row">
          <ColumnSelect id="viz-pivot-rows" label="Rows" value={r.pivotRows} columns={columns} onValue={(pivotRows) => set({ pivotRows })} />
          <ColumnSelect id="viz-pivot-columns" label="Columns" value={r.pivotColumns} columns={columns} onValue={(pivotColumns) => set({ pivotColumns })} none="None" />
          <ColumnSelect id="viz-pivot-value" label="Value" value={r.pivotValue} columns={columns} onValue={(pivotValue) => set({ pivotValue })} />
          <div className="field">
            <label htmlFor="viz-aggregate">Aggregate</label>
            <select id="viz-aggregate" value={r.aggregate} onChange={(e) => set({ aggregate: e.target.value as Aggregate })} data-testid="viz-aggregate">
              <option value="sum">Sum</option>
              <option value="count">Count</option>
              <option value="avg">Average</option>
              <option value="min">Minimum</option>
              <option value="max">Maximum</option>
            </select>
          </div>
        </div>
        <FormatFields format={format} onChange={(f) => set({ format: f })} />
      </div>
    );
  }

  const single = type === 'pie' || type === 'scatter';
  return (
    <div className="viz-settings" data-testid="viz-settings">
      <div className="form-row">
        <ColumnSelect id="viz-x" label={type === 'pie' ? 'Slice names' : 'X axis column'} value={r.x} columns={columns} onValue={(x) => set({ x })} />
        {single ? (
          <ColumnSelect id="viz-y" label={type === 'pie' ? 'Slice values' : 'Y axis column'} value={r.y[0]} columns={numbers} onValue={(y) => set({ y: y ? [y] : [] })} />
        ) : (
          <ColumnSelect id="viz-series-by" label="Series by column" value={settings.seriesBy} columns={columns} onValue={(seriesBy) => set({ seriesBy })} none="None (one series per value column)" />
        )}
      </div>
      {!single && (
        <fieldset className="field checkbox-list">
          <legend>Value columns (series)</legend>
          {numbers.map((c) => {
            const id = `viz-y-${c.name}`;
            return (
              <div className="check" key={c.name}>
                <input
                  type="checkbox"
                  id={id}
                  checked={r.y.includes(c.name)}
                  onChange={(e) => set({ y: e.target.checked ? [...r.y, c.name] : r.y.filter((n) => n !== c.name) })}
                  data-testid={id}
                />
                <label htmlFor={id}>{c.name}</label>
              </div>
            );
          })}
        </fieldset>
      )}
      <div className="form-row">
        {(type === 'bar' || type === 'area') && (
          <div className="field field-check">
            <div className="check">
              <input type="checkbox" id="viz-stacked" checked={r.stacked} onChange={(e) => set({ stacked: e.target.checked })} data-testid="viz-stacked" />
              <label htmlFor="viz-stacked">Stacked</label>
            </div>
          </div>
        )}
        {type === 'bar' && (
          <div className="field field-check">
            <div className="check">
              <input type="checkbox" id="viz-horizontal" checked={r.horizontal} onChange={(e) => set({ horizontal: e.target.checked })} data-testid="viz-horizontal" />
              <label htmlFor="viz-horizontal">Horizontal bars</label>
            </div>
          </div>
        )}
        <div className="field">
          <label htmlFor="viz-legend">Legend</label>
          <select id="viz-legend" value={r.legend} onChange={(e) => set({ legend: e.target.value as LegendPosition })} data-testid="viz-legend">
            <option value="top">Top</option>
            <option value="bottom">Bottom</option>
            <option value="right">Right</option>
            <option value="none">Hidden</option>
          </select>
        </div>
      </div>
      {type !== 'pie' && (
        <div className="form-row">
          <div className="field">
            <label htmlFor="viz-x-label">X axis label</label>
            <input id="viz-x-label" value={settings.xLabel ?? ''} onChange={(e) => set({ xLabel: e.target.value || undefined })} data-testid="viz-x-label" />
          </div>
          <div className="field">
            <label htmlFor="viz-y-label">Y axis label</label>
            <input id="viz-y-label" value={settings.yLabel ?? ''} onChange={(e) => set({ yLabel: e.target.value || undefined })} data-testid="viz-y-label" />
          </div>
        </div>
      )}
      <FormatFields format={format} onChange={(f) => set({ format: f })} />
      <div className="field">
        <label htmlFor="viz-colors">Colours</label>
        <input
          id="viz-colors"
          value={(settings.colors ?? []).join(', ')}
          placeholder="theme colours"
          onChange={(e) => {
            const colors = e.target.value.split(',').map((c) => c.trim()).filter(Boolean);
            set({ colors: colors.length ? colors : undefined });
          }}
          aria-describedby="viz-colors-hint"
          data-testid="viz-colors"
        />
        <p id="viz-colors-hint" className="field-hint">
          Optional: hex colours in series order, such as #1d4ed8, #b45309. Empty uses the theme’s colours, which keep their
          contrast in light and dark themes.
        </p>
      </div>
    </div>
  );
}
