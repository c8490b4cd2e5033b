import { useState } from 'react';
import { Link } from 'react-router-dom';
import { FormError } from '../forms';
import { asModelFields, asModels, TIME_GRAINS, type ModelQuery, type ModelSummary, type TimeGrain } from '../reports';
import { useLoad } from '../useLoad';

export const EMPTY_MODEL_QUERY: ModelQuery = { dimensions: [], metrics: [], filters: [], sort: [], limit: 1000 };

const OPERATORS = ['=', '!=', '>', '>=', '<', '<=', 'IN', 'BETWEEN'] as const;

interface ModelQueryEditorProps {
  modelId: string | null;
  query: ModelQuery;
  onModel(model: ModelSummary | null): void;
  onChange(query: ModelQuery): void;
  /** The server's error for a field of the model query (`modelQuery.…`), if any. */
  error?: string;
}

/** Values typed with commas; the text stays as typed while the values follow it. */
function ValuesInput({ id, values, onValues }: { id: string; values: unknown[]; onValues(values: string[]): void }) {
  const [text, setText] = useState(() => values.map(String).join(', '));
  return (
    <input
      id={id}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onValues(e.target.value.split(',').map((v) => v.trim()).filter((v) => v !== ''));
      }}
      aria-describedby="model-filter-hint"
      data-testid={id}
    />
  );
}

/** Build a report from a semantic model: dimensions (with a time grain), metrics, filters, sort and limit. */
export function ModelQueryEditor({ modelId, query, onModel, onChange, error }: ModelQueryEditorProps) {
  const models = useLoad('/api/models', 'Loading models', asModels);
  const fields = useLoad(modelId ? `/api/models/${encodeURIComponent(modelId)}/fields` : null, 'Loading the model’s fields', asModelFields);
  const set = (patch: Partial<ModelQuery>) => onChange({ ...query, ...patch });

  if (models.failure) return <FormError message={models.failure.message} />;
  if (!models.data) return <p className="busy-text">Loading models…</p>;
  if (models.data.length === 0) {
    return (
      <div className="empty-state" data-testid="model-empty">
        <p>
          <strong>No semantic model yet.</strong> A model names the tables, joins, dimensions and metrics of a data source, so
          reports can be built by picking them instead of writing SQL.
        </p>
        <p>
          An Admin creates one on the <Link to="/models">Models</Link> page; it is then listed here.
        </p>
      </div>
    );
  }

  const dims = fields.data?.dimensions ?? [];
  const metrics = fields.data?.metrics ?? [];
  const fieldNames = [...dims.map((d) => ({ name: d.name, label: d.label })), ...metrics.map((m) => ({ name: m.name, label: m.label }))];
  const picked = (name: string) => query.dimensions.find((d) => d.name === name);

  return (
    <div className="model-query" data-testid="model-query">
      <div className="field">
        <label htmlFor="report-model">Model</label>
        <select
          id="report-model"
          value={modelId ?? ''}
          onChange={(e) => {
            onModel(models.data!.find((m) => m.id === e.target.value) ?? null);
            onChange(EMPTY_MODEL_QUERY);
          }}
          data-testid="report-model"
        >
          <option value="">Choose a model…</option>
          {models.data.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      {fields.failure && <FormError message={fields.failure.message} />}
      {modelId && fields.data && (
        <>
          <div className="form-row">
            <fieldset className="field checkbox-list" data-testid="model-dimensions">
              <legend>Dimensions</legend>
              {dims.map((d) => {
                const id = `model-dim-${d.name}`;
                const chosen = picked(d.name);
                return (
                  <div key={d.name} className="model-field">
                    <div className="check">
                      <input
                        type="checkbox"
                        id={id}
                        checked={chosen !== undefined}
                        onChange={(e) =>
                          set({
                            dimensions: e.target.checked
                              ? [...query.dimensions, { name: d.name, grain: d.timeGrains[0] ?? null }]
                              : query.dimensions.filter((x) => x.name !== d.name),
                          })
                        }
                        data-testid={id}
                      />
                      <label htmlFor={id}>{d.label}</label>
                    </div>
                    {chosen && d.timeGrains.length > 0 && (
                      <span className="inline-field">
                        <label htmlFor={`${id}-grain`}>by</label>
                        <select
                          id={`${id}-grain`}
                          value={chosen.grain ?? ''}
                          onChange={(e) =>
                            set({
                              dimensions: query.dimensions.map((x) =>
                                x.name === d.name ? { ...x, grain: (TIME_GRAINS.find((g) => g === e.target.value) ?? null) as TimeGrain | null } : x,
                              ),
                            })
                          }
                          data-testid={`${id}-grain`}
                        >
                          {d.timeGrains.map((g) => (
                            <option key={g} value={g}>
                              {g.charAt(0) + g.slice(1).toLowerCase()}
                            </option>
                          ))}
                        </select>
                      </span>
                    )}
                  </div>
                );
              })}
            </fieldset>
            <fieldset className="field checkbox-list" data-testid="model-metrics">
              <legend>Metrics</legend>
              {metrics.map((m) => {
                const id = `model-metric-${m.name}`;
                return (
                  <div className="check" key={m.name}>
                    <input
                      type="checkbox"
                      id={id}
                      checked={query.metrics.includes(m.name)}
                      onChange={(e) => set({ metrics: e.target.checked ? [...query.metrics, m.name] : query.metrics.filter((x) => x !== m.name) })}
                      data-testid={id}
                    />
                    <label htmlFor={id}>{m.label}</label>
                  </div>
                );
              })}
            </fieldset>
          </div>

          <fieldset className="field" data-testid="model-filters">
            <legend>Filters</legend>
            {query.filters.map((f, i) => (
              <div className="form-row model-filter" key={i} role="group" aria-label={`Filter ${i + 1}`}>
                <div className="field">
                  <label htmlFor={`model-filter-${i}-field`}>Field</label>
                  <select
                    id={`model-filter-${i}-field`}
                    value={f.field}
                    onChange={(e) => set({ filters: query.filters.map((x, j) => (j === i ? { ...x, field: e.target.value } : x)) })}
                  >
                    {fieldNames.map((n) => (
                      <option key={n.name} value={n.name}>
                        {n.label}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`model-filter-${i}-operator`}>Operator</label>
                  <select
                    id={`model-filter-${i}-operator`}
                    value={f.operator}
                    onChange={(e) => set({ filters: query.filters.map((x, j) => (j === i ? { ...x, operator: e.target.value } : x)) })}
                  >
                    {OPERATORS.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`model-filter-${i}-values`}>Values</label>
                  <ValuesInput
                    id={`model-filter-${i}-values`}
                    values={f.values}
                    onValues={(values) => set({ filters: query.filters.map((x, j) => (j === i ? { ...x, values } : x)) })}
                  />
                </div>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => set({ filters: query.filters.filter((_, j) => j !== i) })}
                  aria-label={`Remove filter ${i + 1}`}
                >
                  Remove
                </button>
              </div>
            ))}
            <p id="model-filter-hint" className="field-hint">
              Values separated by commas; BETWEEN takes two.
            </p>
            <button
              type="button"
              className="button button-quiet button-small"
              disabled={fieldNames.length === 0}
              onClick={() => set({ filters: [...query.filters, { field: fieldNames[0].name, operator: '=', values: [], parameter: null }] })}
              data-testid="model-filter-add"
            >
              Add filter
            </button>
          </fieldset>

          <div className="form-row">
            <div className="field">
              <label htmlFor="model-sort">Sort by</label>
              <select
                id="model-sort"
                value={query.sort[0]?.field ?? ''}
                onChange={(e) => set({ sort: e.target.value ? [{ field: e.target.value, descending: query.sort[0]?.descending ?? false }] : [] })}
                data-testid="model-sort"
              >
                <option value="">Not sorted</option>
                {fieldNames
                  .filter((n) => picked(n.name) || query.metrics.includes(n.name))
                  .map((n) => (
                    <option key={n.name} value={n.name}>
                      {n.label}
                    </option>
                  ))}
              </select>
            </div>
            <div className="field field-check">
              <div className="check">
                <input
                  type="checkbox"
                  id="model-sort-desc"
                  checked={query.sort[0]?.descending ?? false}
                  disabled={query.sort.length === 0}
                  onChange={(e) => set({ sort: query.sort.map((s, i) => (i === 0 ? { ...s, descending: e.target.checked } : s)) })}
                  data-testid="model-sort-desc"
                />
                <label htmlFor="model-sort-desc">Descending</label>
              </div>
            </div>
            <div className="field">
              <label htmlFor="model-limit">Row limit</label>
              <input
                id="model-limit"
                type="number"
                min={1}
                value={query.limit || ''}
                onChange={(e) => set({ limit: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
                data-testid="model-limit"
              />
            </div>
          </div>
        </>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="model-query-error">
          {error}
        </p>
      )}
    </div>
  );
}
