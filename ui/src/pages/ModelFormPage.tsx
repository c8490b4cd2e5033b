import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { apiRequest, failureOf, type Failure } from '../api';
import { withTimeZone } from '../timeZone';
import { useSession } from '../auth';
import { asDataSources, asSchemaInfo, dsPath } from '../datasources';
import { FormError, SelectField, SubmitButton, TextField, focusById } from '../forms';
import {
  AGGREGATIONS,
  FIELD_TYPES,
  TIME_GRAINS,
  asCompiled,
  asModel,
  definitionBody,
  emptyDefinition,
  fieldId,
  modelPath,
  type CompiledQuery,
  type Model,
  type ModelDefinition,
  type TimeGrain,
} from '../models';
import { asQueryResult, type QueryResult } from '../queries';
import { canManageDataSources } from '../session';
import { useLoad } from '../useLoad';

const options = (values: readonly string[], empty?: string) => [
  ...(empty === undefined ? [] : [{ value: '', label: empty }]),
  ...values.map((v) => ({ value: v, label: v })),
];

/** Adds, shows and changes one semantic model; saved models also get the Try it panel. */
export function ModelFormPage() {
  const { id } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const manage = canManageDataSources(session.organization.role);
  const [model, setModel] = useState<Model | null>(null);
  const [loadFailure, setLoadFailure] = useState<string | null>(null);
  const sources = useLoad(dsPath(), 'Loading data sources', asDataSources);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [dataSourceId, setDataSourceId] = useState('');
  const [def, setDef] = useState<ModelDefinition>(emptyDefinition());
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    if (!id) return;
    let live = true;
    void apiRequest<unknown>('GET', modelPath(id)).then((r) => {
      if (!live) return;
      const m = r.kind === 'ok' ? asModel(r.data) : null;
      if (m) setModel(m);
      // A model the caller may not read does not exist for them: the API answers 404.
      else if (r.kind === 'error' && r.status === 404) setLoadFailure('This model does not exist, or it is not shared with you.');
      else setLoadFailure(failureOf(r, 'Loading the model').message);
    });
    return () => {
      live = false;
    };
  }, [id]);
  useEffect(() => {
    const m = model;
    if (m) {
      setName(m.name);
      setDescription(m.description ?? '');
      setDataSourceId(m.dataSourceId);
      setDef(m.definition);
    }
  }, [model]);
  useEffect(() => {
    if (!id && !dataSourceId && sources.data && sources.data.length > 0) setDataSourceId(sources.data[0].id);
  }, [id, dataSourceId, sources.data]);

  const schema = useLoad(dataSourceId ? dsPath(dataSourceId, '/schema') : null, 'Reading the schema', asSchemaInfo);
  const editable = manage && (!model || model.access !== 'READ');
  const err = (path: string) => (failure?.field === path ? failure.message : undefined);
  const tableChoices = (schema.data?.schemas ?? []).flatMap((s) => s.tables.map((t) => `${s.name}.${t.name}`));
  const columnsOf = (modelTable: string | null): string[] => {
    const t = def.tables.find((x) => x.name === modelTable);
    const s = schema.data?.schemas.find((x) => x.name === t?.schema);
    return s?.tables.find((x) => x.name === t?.table)?.columns.map((c) => c.name) ?? [];
  };
  const names = def.tables.map((t) => t.name).filter((n) => n);
  const change = <K extends keyof ModelDefinition>(key: K, items: ModelDefinition[K]) => setDef({ ...def, [key]: items });
  const update = <K extends 'tables' | 'joins' | 'dimensions' | 'metrics'>(key: K, i: number, patch: Partial<ModelDefinition[K][number]>) =>
    change(key, def[key].map((x, j) => (j === i ? { ...x, ...patch } : x)) as ModelDefinition[K]);
  const remove = (key: 'tables' | 'joins' | 'dimensions' | 'metrics', i: number) =>
    change(key, def[key].filter((_, j) => j !== i) as never);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved(null);
    const body = { name, description: description || null, dataSourceId, definition: definitionBody(def) };
    const result = await apiRequest<unknown>(id ? 'PUT' : 'POST', id ? modelPath(id) : modelPath(), body);
    setBusy(false);
    const stored = result.kind === 'ok' ? asModel(result.data) : null;
    if (stored) {
      setFailure(null);
      setSaved(`Saved “${stored.name}”.`);
      if (!id) navigate(`/models/${encodeURIComponent(stored.id)}`, { replace: true });
      else setModel(stored);
      return;
    }
    const f = failureOf(result, 'Saving the model');
    setFailure(f);
    focusById(f.field ? fieldId(f.field) : undefined);
  }

  async function remove_() {
    if (!id) return;
    const result = await apiRequest<unknown>('DELETE', modelPath(id));
    if (result.kind === 'ok') navigate('/models');
    else setFailure(failureOf(result, 'Deleting the model'));
  }

  if (id && loadFailure) {
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title" data-testid="page-title">
          Model
        </h1>
        <FormError message={loadFailure} />
        <Link to="/models">All models</Link>
      </section>
    );
  }
  return (
    <section className="page page-wide" aria-labelledby="page-title">
      <h1 id="page-title" data-testid="page-title">
        {id ? model?.name ?? 'Model' : 'Add a model'}
      </h1>
      <p>
        <Link to="/models">All models</Link>
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="page-title" data-testid="model-form">
        <fieldset disabled={!editable} className="plain-fieldset">
          <TextField id={fieldId('name')} label="Name" value={name} onValue={setName} error={err('name')} testId="model-name" />
          <TextField id={fieldId('description')} label="Description" value={description} onValue={setDescription} error={err('description')} />
          <SelectField
            id={fieldId('dataSourceId')}
            label="Data source"
            value={dataSourceId}
            onValue={setDataSourceId}
            options={(sources.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            error={err('dataSourceId')}
            testId="model-datasource"
          />
          {schema.failure && <FormError message={schema.failure.message} />}

          <h2>Tables</h2>
          {def.tables.map((t, i) => (
            <div className="panel" key={i} data-testid="model-table">
              <TextField id={fieldId(`definition.tables[${i}].name`)} label={`Table ${i + 1}: name in the model`} value={t.name}
                onValue={(v) => update('tables', i, { name: v })} error={err(`definition.tables[${i}].name`)} />
              <SelectField id={fieldId(`definition.tables[${i}].table`)} label={`Table ${i + 1}: database table`}
                value={t.schema ? `${t.schema}.${t.table}` : ''}
                options={options(tableChoices, 'Pick a table')}
                onValue={(v) => {
                  const dot = v.indexOf('.');
                  update('tables', i, { schema: v.slice(0, dot), table: v.slice(dot + 1), name: t.name || v.slice(dot + 1).toLowerCase() });
                }}
                error={err(`definition.tables[${i}].table`) ?? err(`definition.tables[${i}].schema`)} />
              <button type="button" className="button button-quiet button-small" onClick={() => remove('tables', i)}>
                Remove table {i + 1}
              </button>
            </div>
          ))}
          <button type="button" className="button button-quiet" data-testid="model-add-table"
            onClick={() => change('tables', [...def.tables, { name: '', schema: '', table: '' }])}>
            Add table
          </button>
          <SelectField id={fieldId('definition.baseTable')} label="Base table (every query starts here)" value={def.baseTable}
            options={options(names, 'Pick the base table')} onValue={(v) => change('baseTable', v)} error={err('definition.baseTable')} />

          <h2>Joins</h2>
          {def.joins.map((j, i) => (
            <div className="panel" key={i} data-testid="model-join">
              <SelectField id={fieldId(`definition.joins[${i}].from`)} label={`Join ${i + 1}: from table`} value={j.from}
                options={options(names, 'Pick')} onValue={(v) => update('joins', i, { from: v })} error={err(`definition.joins[${i}].from`)} />
              <SelectField id={fieldId(`definition.joins[${i}].fromColumn`)} label={`Join ${i + 1}: from column`} value={j.fromColumn}
                options={options(columnsOf(j.from), 'Pick')} onValue={(v) => update('joins', i, { fromColumn: v })} error={err(`definition.joins[${i}].fromColumn`)} />
              <SelectField id={fieldId(`definition.joins[${i}].to`)} label={`Join ${i + 1}: to table`} value={j.to}
                options={options(names, 'Pick')} onValue={(v) => update('joins', i, { to: v })} error={err(`definition.joins[${i}].to`)} />
              <SelectField id={fieldId(`definition.joins[${i}].toColumn`)} label={`Join ${i + 1}: to column`} value={j.toColumn}
                options={options(columnsOf(j.to), 'Pick')} onValue={(v) => update('joins', i, { toColumn: v })} error={err(`definition.joins[${i}].toColumn`)} />
              <SelectField id={fieldId(`definition.joins[${i}].type`)} label={`Join ${i + 1}: type`} value={j.type}
                options={options(['INNER', 'LEFT'])} onValue={(v) => update('joins', i, { type: v === 'LEFT' ? 'LEFT' : 'INNER' })} />
              <button type="button" className="button button-quiet button-small" onClick={() => remove('joins', i)}>
                Remove join {i + 1}
              </button>
            </div>
          ))}
          <button type="button" className="button button-quiet"
            onClick={() => change('joins', [...def.joins, { from: def.baseTable, fromColumn: '', to: '', toColumn: '', type: 'INNER' }])}>
            Add join
          </button>

          <h2>Dimensions</h2>
          {def.dimensions.map((d, i) => (
            <div className="panel" key={i} data-testid="model-dimension">
              <TextField id={fieldId(`definition.dimensions[${i}].name`)} label={`Dimension ${i + 1}: name`} value={d.name}
                onValue={(v) => update('dimensions', i, { name: v })} error={err(`definition.dimensions[${i}].name`)} />
              <TextField id={fieldId(`definition.dimensions[${i}].label`)} label={`Dimension ${i + 1}: label`} value={d.label ?? ''}
                onValue={(v) => update('dimensions', i, { label: v })} error={err(`definition.dimensions[${i}].label`)} />
              <SelectField id={fieldId(`definition.dimensions[${i}].table`)} label={`Dimension ${i + 1}: table`} value={d.table}
                options={options(names, 'Pick')} onValue={(v) => update('dimensions', i, { table: v })} error={err(`definition.dimensions[${i}].table`)} />
              <SelectField id={fieldId(`definition.dimensions[${i}].column`)} label={`Dimension ${i + 1}: column`} value={d.column}
                options={options(columnsOf(d.table), 'Pick')} onValue={(v) => update('dimensions', i, { column: v })}
                error={err(`definition.dimensions[${i}].column`)} testId="model-dimension-column" />
              <SelectField id={fieldId(`definition.dimensions[${i}].type`)} label={`Dimension ${i + 1}: type`} value={d.type}
                options={options(FIELD_TYPES)} onValue={(v) => update('dimensions', i, { type: v as typeof d.type })} error={err(`definition.dimensions[${i}].type`)} />
              {(d.type === 'DATE' || d.type === 'TIMESTAMP') && (
                <fieldset id={fieldId(`definition.dimensions[${i}].timeGrains`)}>
                  <legend>Dimension {i + 1}: time grains</legend>
                  {TIME_GRAINS.map((g) => (
                    <label key={g} className="check">
                      <input type="checkbox" checked={d.timeGrains.includes(g)}
                        onChange={(e) => update('dimensions', i, { timeGrains: e.target.checked ? [...d.timeGrains, g] : d.timeGrains.filter((x) => x !== g) })} />
                      {g}
                    </label>
                  ))}
                </fieldset>
              )}
              <button type="button" className="button button-quiet button-small" onClick={() => remove('dimensions', i)}>
                Remove dimension {i + 1}
              </button>
            </div>
          ))}
          <button type="button" className="button button-quiet" data-testid="model-add-dimension"
            onClick={() => change('dimensions', [...def.dimensions, { name: '', label: null, table: def.baseTable, column: '', type: 'TEXT', timeGrains: [] }])}>
            Add dimension
          </button>

          <h2>Metrics</h2>
          {def.metrics.map((m, i) => (
            <div className="panel" key={i} data-testid="model-metric">
              <TextField id={fieldId(`definition.metrics[${i}].name`)} label={`Metric ${i + 1}: name`} value={m.name}
                onValue={(v) => update('metrics', i, { name: v })} error={err(`definition.metrics[${i}].name`)} />
              <TextField id={fieldId(`definition.metrics[${i}].label`)} label={`Metric ${i + 1}: label`} value={m.label ?? ''}
                onValue={(v) => update('metrics', i, { label: v })} />
              <SelectField id={fieldId(`definition.metrics[${i}].aggregation`)} label={`Metric ${i + 1}: aggregation`} value={m.aggregation}
                options={options(AGGREGATIONS)} onValue={(v) => update('metrics', i, { aggregation: v as typeof m.aggregation })} />
              {m.aggregation === 'CUSTOM' ? (
                <TextField id={fieldId(`definition.metrics[${i}].expression`)} label={`Metric ${i + 1}: SQL expression`}
                  hint="One aggregate expression; name columns as ${table.column}, e.g. SUM(${orders.total}) / COUNT(*)."
                  value={m.expression ?? ''} onValue={(v) => update('metrics', i, { expression: v })} error={err(`definition.metrics[${i}].expression`)} />
              ) : (
                <>
                  <SelectField id={fieldId(`definition.metrics[${i}].table`)} label={`Metric ${i + 1}: table`} value={m.table ?? ''}
                    options={options(names, 'Pick')} onValue={(v) => update('metrics', i, { table: v })} error={err(`definition.metrics[${i}].table`)} />
                  <SelectField id={fieldId(`definition.metrics[${i}].column`)} label={`Metric ${i + 1}: column`} value={m.column ?? ''}
                    options={options(columnsOf(m.table), m.aggregation === 'COUNT' ? 'Count rows' : 'Pick')}
                    onValue={(v) => update('metrics', i, { column: v })} error={err(`definition.metrics[${i}].column`)} />
                </>
              )}
              <button type="button" className="button button-quiet button-small" onClick={() => remove('metrics', i)}>
                Remove metric {i + 1}
              </button>
            </div>
          ))}
          <button type="button" className="button button-quiet" data-testid="model-add-metric"
            onClick={() => change('metrics', [...def.metrics, { name: '', label: null, aggregation: 'SUM', table: def.baseTable, column: '', expression: null }])}>
            Add metric
          </button>
        </fieldset>
        {failure && !failure.field && <FormError message={failure.message} />}
        {failure?.field && (
          <p className="visually-hidden" role="alert">
            {failure.message}
          </p>
        )}
        <p role="status" className="status-line" data-testid="form-message">
          {saved}
        </p>
        {editable && (
          <div className="button-row">
            <SubmitButton busy={busy} label="Save model" busyLabel="Saving…" testId="model-save" />
            {model?.access === 'OWNER' && (
              <button type="button" className="button button-quiet" onClick={() => void remove_()} data-testid="model-delete">
                Delete model
              </button>
            )}
          </div>
        )}
      </form>
      {id && model && <TryPanel model={model} />}
    </section>
  );
}

/** Picks fields of a saved model, shows the compiled SQL and runs it through the query API. */
export function TryPanel({ model }: { model: Model }) {
  const [dims, setDims] = useState<Record<string, TimeGrain | '' | undefined>>({});
  const [metrics, setMetrics] = useState<string[]>([]);
  const [compiled, setCompiled] = useState<CompiledQuery | null>(null);
  const [result, setResult] = useState<QueryResult | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  async function compile(): Promise<CompiledQuery | null> {
    const body = {
      dimensions: Object.entries(dims)
        .filter(([, g]) => g !== undefined)
        .map(([name, g]) => ({ name, grain: g || null })),
      metrics,
    };
    const answer = await apiRequest<unknown>('POST', modelPath(model.id, '/compile'), body);
    const c = answer.kind === 'ok' ? asCompiled(answer.data) : null;
    setCompiled(c);
    setResult(null);
    setFailure(c ? null : failureOf(answer, 'Compiling'));
    return c;
  }

  async function run() {
    const c = await compile();
    if (!c) return;
    const answer = await apiRequest<unknown>(
      'POST',
      '/api/queries',
      withTimeZone({ dataSourceId: c.dataSourceId, sql: c.sql, parameters: c.parameters, values: c.values, maxRows: 1000 }),
    );
    const r = answer.kind === 'ok' ? asQueryResult(answer.data) : null;
    setResult(r);
    setFailure(r ? null : failureOf(answer, 'Running'));
  }

  return (
    <section className="panel" aria-labelledby="try-title" data-testid="model-try">
      <h2 id="try-title">Try it</h2>
      <fieldset>
        <legend>Dimensions</legend>
        {model.definition.dimensions.map((d) => (
          <div key={d.name} className="field-check">
            <label className="check">
              <input type="checkbox" checked={dims[d.name] !== undefined} data-testid={`try-dim-${d.name}`}
                onChange={(e) => setDims({ ...dims, [d.name]: e.target.checked ? '' : undefined })} />
              {d.label || d.name}
            </label>
            {d.timeGrains.length > 0 && dims[d.name] !== undefined && (
              <SelectField id={`try-grain-${d.name}`} label={`Grain of ${d.label || d.name}`} value={dims[d.name] ?? ''}
                options={options(d.timeGrains, 'As stored')} onValue={(v) => setDims({ ...dims, [d.name]: v as TimeGrain | '' })}
                testId={`try-grain-${d.name}`} />
            )}
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>Metrics</legend>
        {model.definition.metrics.map((m) => (
          <label key={m.name} className="check">
            <input type="checkbox" checked={metrics.includes(m.name)} data-testid={`try-metric-${m.name}`}
              onChange={(e) => setMetrics(e.target.checked ? [...metrics, m.name] : metrics.filter((x) => x !== m.name))} />
            {m.label || m.name}
          </label>
        ))}
      </fieldset>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void compile()} data-testid="try-compile">
          Show SQL
        </button>
        <button type="button" className="button button-primary" onClick={() => void run()} data-testid="try-run">
          Run
        </button>
      </div>
      {failure && <FormError message={failure.message} />}
      {compiled && (
        <pre className="snippet-sql" data-testid="try-sql">
          {compiled.sql}
        </pre>
      )}
      {result && (
        <div className="table-scroll" role="region" aria-label="Result" tabIndex={0}>
          <table className="table" data-testid="try-result">
            <thead>
              <tr>
                {result.columns.map((c) => (
                  <th scope="col" key={c.name}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((v, j) => (
                    <td key={j}>{v === null ? '—' : String(v)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
