import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { apiDownload, apiRequest, failureOf } from '../api';
import { withTimeZone } from '../timeZone';
import { useSession } from '../auth';
import { SettingsPanel } from '../charts/SettingsPanel';
import { ReportChart } from '../charts/ReportChart';
import { VIZ_TYPES, type VisualizationSettings, type VizType } from '../charts/settings';
import { ConfirmAction } from '../ConfirmAction';
import { asDataSources, dsPath } from '../datasources';
import { FormError, FormMessage, TextField } from '../forms';
import { asQueryResult, findParameters, formatDuration, queryFailure, type ParamState, type QueryFailure, type QueryResult } from '../queries';
import {
  asReport,
  asReports,
  canEdit,
  declarationsOf,
  reportPath,
  stateOf,
  timeAgo,
  type Access,
  type ModelQuery,
  type Report,
} from '../reports';
import { hasRole } from '../session';
import { ShareDialog } from '../ShareDialog';
import { SqlEditor, type SqlEditorHandle } from '../SqlEditor';
import { useLoad } from '../useLoad';
import { useSchemaCompletion } from '../useSchemaCompletion';
import { ContentList, ItemLoading } from './ContentList';
import { EMPTY_MODEL_QUERY, ModelQueryEditor } from './ModelQueryEditor';
import { QueryParameters } from './QueryParameters';

const VIZ_LABEL = Object.fromEntries(VIZ_TYPES.map((t) => [t.value, t.label])) as Record<VizType, string>;

/** /reports: the caller's own reports and those shared with them. */
export function ReportsPage() {
  const session = useSession();
  const member = hasRole(session.organization.role, 'MEMBER');
  const list = useLoad(reportPath(), 'Loading reports', asReports);
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title" data-testid="page-title">
          Reports
        </h1>
        {member && (
          <Link className="button button-primary" to="/reports/new" data-testid="report-new">
            New report
          </Link>
        )}
      </div>
      <p>A report is a saved query — SQL or picked from a semantic model — with a chart, table or number to show it.</p>
      <ContentList
        noun="report"
        detailHeader="Shown as"
        failure={list.failure?.message ?? null}
        items={
          list.data?.map((r) => ({
            id: r.id,
            name: r.name,
            href: `/reports/${encodeURIComponent(r.id)}`,
            detail: VIZ_LABEL[r.visualization.type],
            access: r.access,
            updatedAt: r.updatedAt,
          })) ?? null
        }
        empty={
          member ? (
            <>
              <p>
                <strong>No reports yet.</strong> Choose <Link to="/reports/new">New report</Link>, write a query (or pick
                dimensions and metrics from a model), run it, choose how to show it, and save it with a name.
              </p>
              <p>Saved reports can then be put on dashboards and shared with your colleagues.</p>
            </>
          ) : (
            <>
              <p>
                <strong>No report is shared with you yet.</strong>
              </p>
              <p>Ask a colleague with the Member role to share a report with you or with everyone in the organization.</p>
            </>
          )
        }
      />
    </section>
  );
}

/** /reports/new and /reports/:id */
export function ReportEditorRoute() {
  const { id } = useParams();
  const loaded = useLoad(id ? reportPath(id) : null, 'Loading the report', asReport);
  if (!id) return <ReportEditor key="new" report={null} />;
  if (!loaded.data) return <ItemLoading noun="report" listPath="/reports" listTitle="Reports" failure={loaded.failure} />;
  return <ReportEditor key={loaded.data.id} report={loaded.data} />;
}

type Mode = 'sql' | 'model';

interface RunState {
  startedAt: number;
}

function ReportEditor({ report }: { report: Report | null }) {
  const navigate = useNavigate();
  const access: Access = report?.access ?? 'OWNER';
  const readOnly = !canEdit(access);
  const dataSources = useLoad(readOnly ? null : dsPath(), 'Loading data sources', asDataSources);

  const [name, setName] = useState(report?.name ?? '');
  const [description, setDescription] = useState(report?.description ?? '');
  const [mode, setMode] = useState<Mode>(report?.modelId ? 'model' : 'sql');
  const [chosenDs, setChosenDs] = useState<string | null>(report?.dataSourceId ?? null);
  const dsList = dataSources.data ?? [];
  const dataSourceId = chosenDs ?? dsList[0]?.id ?? null;
  const dataSource = dsList.find((d) => d.id === dataSourceId) ?? null;
  const completion = useSchemaCompletion(mode === 'sql' && !readOnly ? dataSourceId : null);

  const editorRef = useRef<SqlEditorHandle>(null);
  const [sql, setSql] = useState(report?.sql ?? '');
  const found = useMemo(() => findParameters(sql), [sql]);
  const [params, setParams] = useState<Record<string, ParamState>>(() =>
    Object.fromEntries((report?.parameters ?? []).map((p) => [p.name, stateOf(p)])),
  );
  const [modelId, setModelId] = useState<string | null>(report?.modelId ?? null);
  const [modelDs, setModelDs] = useState<string | null>(report?.modelId ? report.dataSourceId : null);
  const [modelQuery, setModelQuery] = useState<ModelQuery>(report?.modelQuery ?? EMPTY_MODEL_QUERY);

  const [vizType, setVizType] = useState<VizType>(report?.visualization.type ?? 'table');
  const [settings, setSettings] = useState<VisualizationSettings>(report?.visualization.settings ?? {});

  const [running, setRunning] = useState<RunState | null>(null);
  const [result, setResult] = useState<QueryResult | null>(null);
  const [failure, setFailure] = useState<QueryFailure | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [sharing, setSharing] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  function body() {
    const text = editorRef.current?.getValue() ?? sql;
    const names = findParameters(text);
    const parameters = mode === 'sql' ? declarationsOf(names.map((f) => f.name), params, names) : [];
    const values = Object.fromEntries(parameters.filter((p) => p.defaultValue !== null).map((p) => [p.name, p.defaultValue]));
    return {
      name: name.trim(),
      description,
      dataSourceId: mode === 'sql' ? dataSourceId : modelDs,
      sql: mode === 'sql' ? text : null,
      parameters,
      modelId: mode === 'model' ? modelId : null,
      modelQuery: mode === 'model' ? modelQuery : null,
      visualization: { type: vizType, settings },
      values,
    };
  }

  /** Nothing sent when the report cannot run: said at the field. */
  function precheck(): boolean {
    if (mode === 'sql' && !(editorRef.current?.getValue() ?? sql).trim()) {
      setFieldErrors({ sql: 'Write a query first, for example: SELECT 1' });
      editorRef.current?.focus();
      return false;
    }
    if (mode === 'model' && (!modelId || (modelQuery.dimensions.length === 0 && modelQuery.metrics.length === 0))) {
      setFieldErrors({ modelQuery: 'Choose a model, then at least one dimension or metric.' });
      return false;
    }
    return true;
  }

  async function run(refresh = false) {
    if (running) return;
    setFieldErrors({});
    if (!readOnly && !precheck()) return;
    const started = { startedAt: Date.now() };
    flushSync(() => {
      setRunning(started);
      setFailure(null);
    });
    const b = body();
    // Readers run the saved report; editors run what is on the screen, saved or not.
    const answer = readOnly
      ? await apiRequest<unknown>('POST', reportPath(report!.id, '/run'), withTimeZone({ values: b.values, refresh }))
      : await apiRequest<unknown>('POST', '/api/reports/preview', withTimeZone(b));
    setRunning(null);
    const parsed = answer.kind === 'ok' ? asQueryResult(answer.data) : null;
    if (parsed) {
      setResult(parsed);
      return;
    }
    setResult(null);
    const f =
      answer.kind === 'ok'
        ? { field: null, message: 'The report ran, but the server’s answer could not be understood.', next: '', line: null, column: null }
        : queryFailure(answer, 'Running reports');
    setFailure(f);
    if (f.field) setFieldErrors({ [f.field.startsWith('modelQuery') ? 'modelQuery' : f.field.startsWith('values') || f.field.startsWith('parameters') ? 'parameters' : f.field]: f.message });
    if (f.line !== null) editorRef.current?.markErrorLine(f.line, f.column);
  }

  // A saved report shows its result on open (from the cache when there is one).
  useEffect(() => {
    if (report) void run(false);
    // once, on open
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (saving || readOnly) return;
    setSaved(null);
    setSaveError(null);
    if (!name.trim()) {
      setFieldErrors({ name: 'Give the report a name.' });
      document.getElementById('report-name')?.focus();
      return;
    }
    if (!precheck()) return;
    setSaving(true);
    const { values: _values, ...b } = body();
    const answer = report ? await apiRequest<unknown>('PUT', reportPath(report.id), b) : await apiRequest<unknown>('POST', reportPath(), b);
    setSaving(false);
    const savedReport = answer.kind === 'ok' ? asReport(answer.data) : null;
    if (savedReport) {
      if (!report) navigate(`/reports/${encodeURIComponent(savedReport.id)}`, { replace: true });
      else setSaved(`Saved “${savedReport.name}”.`);
      return;
    }
    const f = failureOf(answer, 'Saving reports');
    if (f.field) setFieldErrors({ [f.field.startsWith('modelQuery') ? 'modelQuery' : f.field]: f.message });
    setSaveError(answer.kind === 'ok' ? 'The report was saved, but the server’s answer could not be understood.' : f.message);
  }

  async function remove() {
    if (!report) return;
    setDeleting(true);
    setDeleteError(null);
    const answer = await apiRequest<unknown>('DELETE', reportPath(report.id));
    setDeleting(false);
    if (answer.kind === 'ok') navigate('/reports', { replace: true });
    else setDeleteError(failureOf(answer, 'Deleting reports').message);
  }

  async function exportReport() {
    if (!report) return;
    setExportError(null);
    const answer = await apiDownload(reportPath(report.id, '/export'), `${report.name.replace(/[^\w.-]+/g, '-')}.json`, 'application/json');
    if (answer.kind !== 'ok') setExportError(failureOf(answer, 'Exporting').message);
  }

  function onKey(e: KeyboardEvent<HTMLElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
      e.preventDefault();
      void run();
    }
  }

  const title = report ? report.name : 'New report';
  const sqlError = fieldErrors.sql ?? (failure?.line !== null && failure ? failure.message : undefined);

  return (
    <section className="page page-full report-editor" aria-labelledby="page-title" onKeyDown={onKey}>
      <p className="breadcrumb">
        <Link to="/reports">Reports</Link>
      </p>
      <div className="page-head">
        <h1 id="page-title" data-testid="page-title">
          {title}
        </h1>
        <div className="button-row">
          {report && (
            <button type="button" className="button button-quiet" onClick={() => void exportReport()} data-testid="report-export">
              Export
            </button>
          )}
          {report && access === 'OWNER' && (
            <button type="button" className="button button-quiet" onClick={() => setSharing(true)} data-testid="report-share">
              Share
            </button>
          )}
          {report && access === 'OWNER' && (
            <ConfirmAction
              label="Delete"
              accessibleLabel={`Delete ${report.name}`}
              question={`Delete “${report.name}”? Dashboards lose its tile.`}
              busyLabel="Deleting…"
              busy={deleting}
              onConfirm={() => void remove()}
              testId="report-delete"
            />
          )}
        </div>
      </div>
      {readOnly && (
        <p className="form-notice" data-testid="report-readonly">
          Shared with you to view: you can run it, not change it.
        </p>
      )}
      {exportError && <FormError message={`The export failed: ${exportError}`} />}
      {deleteError && <FormError message={`The report was not deleted: ${deleteError}`} />}

      <form onSubmit={(e) => void save(e)} noValidate>
        <fieldset className="plain-fieldset" disabled={readOnly}>
          <legend className="visually-hidden">Report</legend>
          <div className="form-row">
            <TextField
              id="report-name"
              label="Name"
              value={name}
              onValue={(v) => {
                setName(v);
                setFieldErrors((f) => ({ ...f, name: '' }));
              }}
              error={fieldErrors.name || undefined}
              testId="report-name"
              maxLength={200}
            />
            <TextField id="report-description" label="Description (optional)" value={description} onValue={setDescription} testId="report-description" />
          </div>

          <fieldset className="field radio-row">
            <legend>Build it from</legend>
            <div className="radio">
              <input type="radio" id="report-mode-sql" name="report-mode" checked={mode === 'sql'} onChange={() => setMode('sql')} data-testid="report-mode-sql" />
              <label htmlFor="report-mode-sql">SQL</label>
            </div>
            <div className="radio">
              <input type="radio" id="report-mode-model" name="report-mode" checked={mode === 'model'} onChange={() => setMode('model')} data-testid="report-mode-model" />
              <label htmlFor="report-mode-model">A semantic model</label>
            </div>
          </fieldset>

          {mode === 'sql' ? (
            <>
              {!readOnly && (
                <div className="field">
                  <label htmlFor="report-datasource">Data source</label>
                  <select
                    id="report-datasource"
                    value={dataSourceId ?? ''}
                    onChange={(e) => setChosenDs(e.target.value)}
                    aria-invalid={fieldErrors.dataSourceId ? true : undefined}
                    aria-describedby={fieldErrors.dataSourceId ? 'report-datasource-error' : undefined}
                    data-testid="report-datasource"
                  >
                    {dsList.length === 0 && <option value="">{dataSources.data ? 'No data source yet' : 'Loading…'}</option>}
                    {dsList.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name} ({d.driverName})
                      </option>
                    ))}
                  </select>
                  {fieldErrors.dataSourceId && (
                    <p id="report-datasource-error" className="field-error">
                      {fieldErrors.dataSourceId}
                    </p>
                  )}
                  {dataSources.failure && <p className="field-error">{dataSources.failure.message}</p>}
                </div>
              )}
              <div className="field query-editor-field">
                <span id="report-sql-label" className="label" onClick={() => editorRef.current?.focus()}>
                  SQL
                </span>
                <SqlEditor
                  ref={editorRef}
                  initialValue={report?.sql ?? ''}
                  labelId="report-sql-label"
                  describedBy={sqlError ? 'report-sql-hint report-sql-error' : 'report-sql-hint'}
                  invalid={Boolean(sqlError)}
                  driver={dataSource?.driver ?? null}
                  schema={completion.schema}
                  defaultSchema={completion.defaultSchema}
                  onChange={(text) => {
                    setSql(text);
                    if (fieldErrors.sql) setFieldErrors((f) => ({ ...f, sql: '' }));
                  }}
                  onRun={() => void run()}
                  readOnly={readOnly}
                  testId="report-sql"
                />
                <p id="report-sql-hint" className="field-hint">
                  <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (<kbd>⌘</kbd>+<kbd>Enter</kbd>) runs it. Parameters are written{' '}
                  <code>{'{{name}}'}</code>; the value you give here is saved as its default, and dashboard filters can set it.
                </p>
                {sqlError && (
                  <p id="report-sql-error" className="field-error" data-testid="report-sql-error">
                    {sqlError}
                  </p>
                )}
              </div>
              {found.length > 0 && (
                <QueryParameters
                  found={found}
                  states={params}
                  onChange={(n, state) => setParams((p) => ({ ...p, [n]: state }))}
                  valueErrors={fieldErrors.parameters && failure?.field ? { [failure.field.split('.')[1] ?? '']: fieldErrors.parameters } : {}}
                  typeErrors={{}}
                />
              )}
            </>
          ) : (
            <ModelQueryEditor
              modelId={modelId}
              query={modelQuery}
              onModel={(m) => {
                setModelId(m?.id ?? null);
                setModelDs(m?.dataSourceId ?? null);
              }}
              onChange={(q) => {
                setModelQuery(q);
                setFieldErrors((f) => ({ ...f, modelQuery: '' }));
              }}
              error={fieldErrors.modelQuery || undefined}
            />
          )}

          <div className="field">
            <label htmlFor="report-viz">Show as</label>
            <select id="report-viz" value={vizType} onChange={(e) => setVizType(e.target.value as VizType)} data-testid="report-viz">
              {VIZ_TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
          <details className="viz-settings-box" open={vizType !== 'table' || undefined}>
            <summary>Settings of the {VIZ_LABEL[vizType].toLowerCase()}</summary>
            <SettingsPanel type={vizType} settings={settings} columns={result?.columns ?? []} onChange={setSettings} />
          </details>
        </fieldset>

        <div className="button-row">
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void run()}
            aria-disabled={running !== null || undefined}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            data-testid="report-run"
          >
            {running ? 'Running…' : 'Run'}
          </button>
          {!readOnly && (
            <button type="submit" className="button button-primary" aria-disabled={saving || undefined} data-testid="report-save">
              {saving ? 'Saving…' : report ? 'Save' : 'Save report'}
            </button>
          )}
        </div>
        {saved && <FormMessage message={saved} />}
        {saveError && <FormError message={`The report was not saved: ${saveError}`} />}
      </form>

      <section className="report-preview" aria-labelledby="report-preview-title" data-testid="report-preview">
        <h2 id="report-preview-title">Preview</h2>
        {failure && (
          <div className="form-error" role="alert" data-testid="report-error">
            <p>{failure.message}</p>
            {failure.next && <p>{failure.next}</p>}
          </div>
        )}
        {running && <p className="busy-text">Running…</p>}
        {result && !running && (
          <>
            <p className="query-status" role="status" data-testid="report-status">
              {result.rowCount} rows · {result.fromCache ? `cached · computed ${timeAgo(result.computedAt)}` : `fresh · ${formatDuration(result.durationMillis)}`}
              {result.limitReached && ' · only the first rows are shown'}
            </p>
            <div className="chart-box">
              <ReportChart result={result} type={vizType} settings={settings} label={name || 'Report'} idPrefix="report-preview" />
            </div>
            <details className="sql-sent" data-testid="report-sql-sent">
              <summary>
                SQL sent <span className="muted" data-testid="times-in">· Times in {result.sql.timeZone}</span>
              </summary>
              <pre>{result.sql.display}</pre>
            </details>
          </>
        )}
        {!result && !failure && !running && <p className="muted">Run the report to see it here.</p>}
      </section>
      {sharing && report && <ShareDialog objectType="report" objectId={report.id} objectName={report.name} onClose={() => setSharing(false)} />}
    </section>
  );
}
