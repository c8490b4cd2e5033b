import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { Link } from 'react-router-dom';
import { apiPostDownload, apiRequest } from '../api';
import { withTimeZone } from '../timeZone';
import { useSession } from '../auth';
import { asDataSources, dsPath, type DataSource } from '../datasources';
import { countOf, formatTime, FormError } from '../forms';
import {
  asQueryResult,
  asSqlSent,
  findParameters,
  formatBytes,
  formatCount,
  formatDuration,
  parameterBody,
  queryFailure,
  type HistoryEntry,
  type ParamState,
  type QueryFailure,
  type QueryResult,
  type SqlSent,
} from '../queries';
import { canManageDataSources, hasRole } from '../session';
import { SqlEditor, type SqlEditorHandle } from '../SqlEditor';
import { useLoad } from '../useLoad';
import { useSchemaCompletion } from '../useSchemaCompletion';
import { QueryHistoryPanel } from './QueryHistoryPanel';
import { QueryParameters } from './QueryParameters';
import { ResultTable } from './ResultTable';
import { SECTIONS } from './SectionPage';
import { SnippetsPanel } from './SnippetsPanel';

const SECTION = SECTIONS.find((s) => s.path === 'queries')!;

/** The data source last chosen, per organization (localStorage). */
export const DATA_SOURCE_KEY = 'sightline.queries.dataSource';
/** The SQL being written, per tab (sessionStorage), so leaving the page does not lose it. */
export const DRAFT_KEY = 'sightline.queries.draft';

const EXPORT_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type ExportFormat = keyof typeof EXPORT_TYPES;

function readStored(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

function store(storage: () => Storage, key: string, value: string): void {
  try {
    storage().setItem(key, value);
  } catch {
    /* storage blocked: the choice is not remembered */
  }
}

/** An id for a run, so that Cancel can name it: [A-Za-z0-9-], as the API wants. */
export function newQueryId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

interface Running {
  id: string;
  startedAt: number;
  cancelling: boolean;
}

interface Exporting {
  format: ExportFormat;
  id: string;
  bytes: number;
  controller: AbortController;
}

function ViewerNotice() {
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" data-testid="page-title">
        {SECTION.title}
      </h1>
      <div className="empty-state" data-testid="empty-state">
        <p>Writing and running SQL needs the Member role or above; as a Viewer you read the dashboards and reports shared with you.</p>
        <p>Ask an Admin or Owner of your organization to make you a Member if you need to write queries.</p>
      </div>
    </section>
  );
}

function NoDataSources({ manage }: { manage: boolean }) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <p>
        <strong>Add a data source first.</strong> Queries run against a database that Sightline is connected to, and none is
        connected yet.
      </p>
      {manage ? (
        <p>
          <Link to="/datasources/new" data-testid="query-add-datasource">
            Add a data source
          </Link>{' '}
          — a PostgreSQL, MariaDB/MySQL, Derby or H2 database with a read-only user — then come back here to write your first
          query.
        </p>
      ) : (
        <p>Ask an Admin or Owner of your organization to add one; then you can write your first query here.</p>
      )}
    </div>
  );
}

/** /queries: the SQL editor, its parameters, running and cancelling, the result, exports, history and snippets. */
export function QueriesPage() {
  const session = useSession();
  if (!hasRole(session.organization.role, 'MEMBER')) return <ViewerNotice />;
  return <QueryWorkspace />;
}

function QueryWorkspace() {
  const session = useSession();
  const orgId = String(session.organization.id);
  const manage = canManageDataSources(session.organization.role);
  const dsKey = `${DATA_SOURCE_KEY}.${orgId}`;
  const list = useLoad(dsPath(), 'Loading data sources', asDataSources);
  const dataSources = list.data ?? [];

  const [chosenId, setChosenId] = useState<string | null>(() => readStored(() => localStorage, dsKey));
  const dataSource: DataSource | null = dataSources.find((d) => d.id === chosenId) ?? dataSources[0] ?? null;
  const dataSourceId = dataSource?.id ?? null;

  const completion = useSchemaCompletion(dataSourceId);

  const editorRef = useRef<SqlEditorHandle>(null);
  const [initialSql] = useState(() => readStored(() => sessionStorage, DRAFT_KEY) ?? '');
  const [sql, setSql] = useState(initialSql);
  const found = useMemo(() => findParameters(sql), [sql]);
  const [params, setParams] = useState<Record<string, ParamState>>({});

  const [running, setRunning] = useState<Running | null>(null);
  const runningRef = useRef<Running | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [result, setResult] = useState<QueryResult | null>(null);
  const [checked, setChecked] = useState<SqlSent | null>(null);
  const [failure, setFailure] = useState<QueryFailure | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [cancelError, setCancelError] = useState<string | null>(null);

  const [exporting, setExporting] = useState<Exporting | null>(null);
  const [exportNote, setExportNote] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const [tab, setTab] = useState<'history' | 'snippets'>('history');
  const [historyVersion, setHistoryVersion] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const runButtonRef = useRef<HTMLButtonElement>(null);

  // Elapsed time while a query runs (U-2).
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [running]);

  // U-4: `/` searches the history from anywhere on the page (not while typing).
  useEffect(() => {
    function onKey(e: globalThis.KeyboardEvent) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      flushSync(() => setTab('history'));
      searchRef.current?.focus();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // An export under way stops when the page goes.
  const exportRef = useRef<Exporting | null>(null);
  exportRef.current = exporting;
  useEffect(
    () => () => {
      exportRef.current?.controller.abort();
      // Leaving the page stops a query under way: nobody is left to see its rows.
      const run = runningRef.current;
      if (run) void apiRequest('DELETE', `/api/queries/${encodeURIComponent(run.id)}`);
    },
    [],
  );

  function chooseDataSource(id: string) {
    setChosenId(id);
    store(() => localStorage, dsKey, id);
    setChecked(null);
  }

  function onSqlChange(text: string) {
    setSql(text);
    store(() => sessionStorage, DRAFT_KEY, text);
    if (failure?.field === 'sql' || failure?.line) setFailure(null);
  }

  function requestBody(useCache: boolean, id?: string) {
    const text = editorRef.current?.getValue() ?? sql;
    const { parameters, values } = parameterBody(findParameters(text), params);
    return withTimeZone({ ...(id ? { id } : {}), dataSourceId, sql: text, parameters, values, useCache });
  }

  function showFailure(f: QueryFailure) {
    setFailure(f);
    if (f.line !== null && (f.field === null || f.field === 'sql')) editorRef.current?.markErrorLine(f.line, f.column);
  }

  /** Nothing to run, or no data source: said in plain words, nothing is sent. */
  function precheck(): boolean {
    if (!dataSourceId) return false;
    if (!(editorRef.current?.getValue() ?? sql).trim()) {
      setResult(null);
      setFailure({ field: 'sql', message: 'Write a query first.', next: 'For example: SELECT 1', line: null, column: null });
      editorRef.current?.focus();
      return false;
    }
    return true;
  }

  async function run(useCache = true) {
    if (runningRef.current || !precheck()) return;
    const id = newQueryId();
    const body = requestBody(useCache, id);
    const started: Running = { id, startedAt: Date.now(), cancelling: false };
    runningRef.current = started;
    const fromButton = document.activeElement === runButtonRef.current;
    flushSync(() => {
      setRunning(started);
      setNow(started.startedAt);
      setFailure(null);
      setNote(null);
      setCancelError(null);
      setChecked(null);
    });
    editorRef.current?.markErrorLine(null);
    // Run is disabled now: keep the keyboard near, on Cancel.
    if (fromButton) cancelRef.current?.focus();

    const answer = await apiRequest<unknown>('POST', '/api/queries', body);
    runningRef.current = null;
    setRunning(null);
    setHistoryVersion((v) => v + 1);
    const parsed = answer.kind === 'ok' ? asQueryResult(answer.data) : null;
    if (parsed) {
      setResult(parsed);
    } else if (answer.kind === 'ok') {
      setResult(null);
      showFailure({ field: null, message: 'The query ran, but the server’s answer could not be understood.', next: '', line: null, column: null });
    } else {
      setResult(null);
      const f = queryFailure(answer, 'Running queries');
      if (f.code === 'cancelled') {
        setNote(`Query cancelled after ${formatDuration(Date.now() - started.startedAt)}. ${f.message}`.trim());
      } else showFailure(f);
    }
    if (fromButton && document.activeElement === document.body) runButtonRef.current?.focus();
  }

  async function cancel() {
    const current = runningRef.current;
    if (!current || current.cancelling) return;
    const cancelling = { ...current, cancelling: true };
    runningRef.current = cancelling;
    setRunning(cancelling);
    setCancelError(null);
    // The server may not know the id yet when Cancel comes right after Run: try a few times.
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await apiRequest<unknown>('DELETE', `/api/queries/${encodeURIComponent(current.id)}`);
      if (runningRef.current?.id !== current.id) return; // it ended meanwhile
      if (answer.kind === 'ok') return; // the run's own answer (409 cancelled) ends it
      if (answer.status !== 404) {
        setCancelError(queryFailure(answer, 'Cancelling queries').message);
        break;
      }
      await new Promise((r) => setTimeout(r, 400));
      if (runningRef.current?.id !== current.id) return;
    }
    if (runningRef.current?.id === current.id) {
      runningRef.current = { ...current, cancelling: false };
      setRunning(runningRef.current);
    }
  }

  async function check() {
    if (runningRef.current || !precheck()) return;
    setFailure(null);
    setNote(null);
    editorRef.current?.markErrorLine(null);
    const answer = await apiRequest<unknown>('POST', '/api/queries/check', requestBody(true));
    const parsed = answer.kind === 'ok' ? asSqlSent(answer.data) : null;
    if (parsed) {
      setChecked(parsed);
      setNote('The SQL and its parameters are valid. Nothing was run; see the SQL it would send below.');
    } else if (answer.kind === 'ok') {
      showFailure({ field: null, message: 'The server’s answer could not be understood.', next: '', line: null, column: null });
    } else {
      showFailure(queryFailure(answer, 'Checking queries'));
    }
  }

  async function exportAs(format: ExportFormat) {
    if (exporting || !precheck()) return;
    const id = newQueryId();
    const controller = new AbortController();
    setExporting({ format, id, bytes: 0, controller });
    setExportNote(null);
    setExportError(null);
    const answer = await apiPostDownload(
      `/api/queries/export?format=${format}`,
      requestBody(true, id),
      `sightline-export.${format}`,
      EXPORT_TYPES[format],
      {
        signal: controller.signal,
        onProgress: (bytes) => setExporting((e) => (e && e.id === id ? { ...e, bytes } : e)),
      },
    );
    setExporting(null);
    setHistoryVersion((v) => v + 1);
    if (controller.signal.aborted) {
      setExportNote('Export cancelled.');
    } else if (answer.kind === 'ok') {
      const name = answer.data.filename ?? `sightline-export.${format}`;
      setExportNote(`Exported ${name} (${formatBytes(answer.data.blob.size)}). Your browser saves it with your downloads.`);
    } else {
      const f = queryFailure(answer, 'Exporting');
      setExportError([f.message, f.next].filter(Boolean).join(' '));
      if (f.line !== null) editorRef.current?.markErrorLine(f.line, f.column);
    }
  }

  function cancelExport() {
    if (!exporting) return;
    exporting.controller.abort();
    // The database may still be reading: stop it too (404 when it already stopped).
    void apiRequest('DELETE', `/api/queries/${encodeURIComponent(exporting.id)}`);
  }

  function pickHistory(entry: HistoryEntry) {
    editorRef.current?.setValue(entry.sql);
    onSqlChange(entry.sql);
    if (entry.dataSourceId && dataSources.some((d) => d.id === entry.dataSourceId)) chooseDataSource(entry.dataSourceId);
    setFailure(null);
    editorRef.current?.focus();
  }

  // Ctrl/Cmd+Enter runs from the parameters and the picker too (the editor handles its own).
  function onMainKey(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
      e.preventDefault();
      void run(true);
    }
  }

  function onTabKey(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = tab === 'history' ? 'snippets' : 'history';
    flushSync(() => setTab(next));
    document.getElementById(`query-tab-${next}`)?.focus();
  }

  // Server errors that name a parameter are shown at it too.
  const valueErrors: Record<string, string> = {};
  const typeErrors: Record<string, string> = {};
  const fieldMatch = failure?.field ? /^(values|parameters)\.([A-Za-z_][A-Za-z0-9_]*)(\.type)?/.exec(failure.field) : null;
  if (failure && fieldMatch) {
    if (fieldMatch[1] === 'values' || !fieldMatch[3]) valueErrors[fieldMatch[2]] = failure.message;
    else typeErrors[fieldMatch[2]] = failure.message;
  }
  const sqlInvalid = failure !== null && (failure.field === 'sql' || failure.line !== null);
  const sent = result?.sql ?? checked;
  const elapsed = running ? Math.max(0, now - running.startedAt) : 0;

  if (list.data === null) {
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title" data-testid="page-title">
          {SECTION.title}
        </h1>
        {list.failure ? <FormError message={list.failure.message} /> : <p className="busy-text">Loading data sources…</p>}
      </section>
    );
  }

  if (dataSources.length === 0) {
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title" data-testid="page-title">
          {SECTION.title}
        </h1>
        <p>{SECTION.purpose}</p>
        <NoDataSources manage={manage} />
      </section>
    );
  }

  return (
    <section className="page page-full queries-page" aria-labelledby="page-title">
      <h1 id="page-title" data-testid="page-title">
        {SECTION.title}
      </h1>
      <div className="query-layout">
        <div className="query-main" onKeyDown={onMainKey}>
          <div className="query-toolbar">
            <div className="field">
              <label htmlFor="query-datasource">Data source</label>
              <select
                id="query-datasource"
                value={dataSourceId ?? ''}
                onChange={(e) => chooseDataSource(e.target.value)}
                aria-describedby={dataSource && !dataSource.driverAvailable ? 'query-driver-missing' : undefined}
                data-testid="query-datasource"
              >
                {dataSources.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name} ({d.driverName})
                  </option>
                ))}
              </select>
            </div>
            {dataSource && (
              <p className="query-ds-facts">
                {dataSource.readOnlyEnforced && <span className="badge">Read-only</span>}
                <Link to={`/datasources/${encodeURIComponent(dataSource.id)}/schema`}>Browse its schema</Link>
              </p>
            )}
          </div>
          {dataSource && !dataSource.driverAvailable && (
            <p id="query-driver-missing" className="warning-box" data-testid="query-driver-missing">
              The {dataSource.driverName} driver module is not installed, so queries on {dataSource.name} fail until an Admin
              installs it.
            </p>
          )}

          <div className="field query-editor-field">
            <span id="query-editor-label" className="label" onClick={() => editorRef.current?.focus()}>
              SQL
            </span>
            <SqlEditor
              ref={editorRef}
              initialValue={initialSql}
              labelId="query-editor-label"
              describedBy="query-editor-hint"
              invalid={sqlInvalid}
              driver={dataSource?.driver ?? null}
              schema={completion.schema}
              defaultSchema={completion.defaultSchema}
              onChange={onSqlChange}
              onRun={() => void run(true)}
              testId="query-editor"
            />
            <p id="query-editor-hint" className="field-hint">
              <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (<kbd>⌘</kbd>+<kbd>Enter</kbd> on a Mac) runs the query; <kbd>Tab</kbd> takes a suggestion. Write parameters as{' '}
              <code>{'{{name}}'}</code> and snippets as <code>{'{{snippet:name}}'}</code>.
            </p>
          </div>

          {found.length > 0 && (
            <QueryParameters
              found={found}
              states={params}
              onChange={(name, state) => {
                setParams((p) => ({ ...p, [name]: state }));
                if (valueErrors[name] || typeErrors[name]) setFailure(null);
              }}
              valueErrors={valueErrors}
              typeErrors={typeErrors}
            />
          )}

          <div className="button-row query-actions">
            <button
              ref={runButtonRef}
              type="button"
              className="button button-primary"
              onClick={() => void run(true)}
              disabled={running !== null}
              aria-keyshortcuts="Control+Enter Meta+Enter"
              data-testid="query-run"
            >
              {running ? 'Running…' : 'Run'}
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => void run(false)}
              disabled={running !== null}
              data-testid="query-run-fresh"
            >
              Run without cache
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => void check()}
              disabled={running !== null}
              data-testid="query-check"
            >
              Check SQL
            </button>
            {running && (
              <>
                <button
                  ref={cancelRef}
                  type="button"
                  className="button button-danger"
                  onClick={() => void cancel()}
                  aria-disabled={running.cancelling || undefined}
                  data-testid="query-cancel"
                >
                  {running.cancelling ? 'Cancelling…' : 'Cancel'}
                </button>
                <span className="elapsed" role="timer" aria-live="off" data-testid="query-elapsed">
                  Running… {(elapsed / 1000).toFixed(1)} s
                </span>
              </>
            )}
            <span className="push-end export-buttons" role="group" aria-label="Export all rows">
              <button
                type="button"
                className="button button-quiet"
                onClick={() => void exportAs('csv')}
                aria-disabled={exporting !== null || undefined}
                data-testid="query-export-csv"
              >
                Export CSV
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => void exportAs('xlsx')}
                aria-disabled={exporting !== null || undefined}
                data-testid="query-export-xlsx"
              >
                Export XLSX
              </button>
            </span>
          </div>
          {cancelError && (
            <p className="form-error" role="alert" data-testid="query-cancel-error">
              The query could not be cancelled: {cancelError}
            </p>
          )}
          <div className="export-status" role="status">
            {exporting && (
              <span className="export-progress" data-testid="query-export-progress">
                Exporting {exporting.format.toUpperCase()}… {formatBytes(exporting.bytes)}
                <button type="button" className="button button-quiet button-small" onClick={cancelExport} data-testid="query-export-cancel">
                  Cancel export
                </button>
              </span>
            )}
            {exportNote && <span data-testid="query-export-message">{exportNote}</span>}
          </div>
          {exportError && (
            <p className="form-error" role="alert" data-testid="query-export-error">
              The export failed: {exportError}
            </p>
          )}

          <section className="query-output" aria-labelledby="query-output-title">
            <h2 id="query-output-title" className="visually-hidden">
              Result
            </h2>
            {failure && (
              <div className="form-error query-error" role="alert" data-testid="query-error">
                <p className="query-error-message">{failure.message}</p>
                {failure.next && <p>{failure.next}</p>}
              </div>
            )}
            {note && (
              <p className="form-notice" role="status" data-testid="query-note">
                {note}
              </p>
            )}
            {result && !running && (
              <p className="query-status" role="status" data-testid="query-status">
                <span>
                  {countOf(result.rowCount, 'row').replace(/^\d+/, formatCount(result.rowCount))} ·{' '}
                  {formatDuration(result.durationMillis)} · computed at{' '}
                  <time dateTime={result.computedAt ?? undefined}>{formatTime(result.computedAt)}</time>
                  {result.fromCache && (
                    <>
                      {' · '}
                      <span className="badge" data-testid="query-from-cache">
                        from cache
                      </span>
                    </>
                  )}
                </span>
                {result.limitReached && (
                  <span className="limit-note" data-testid="query-limit">
                    Showing the first {formatCount(result.maxRows)} rows — export for all.
                  </span>
                )}
              </p>
            )}
            {sent && !running && (
              <details className="sql-sent" data-testid="query-sql-sent">
                <summary>
                  SQL sent <span className="muted" data-testid="times-in">· Times in {sent.timeZone}</span>
                </summary>
                <pre>{sent.display}</pre>
                {sent.values.length > 0 && (
                  <table className="table bound-values">
                    <caption className="visually-hidden">Bound values</caption>
                    <thead>
                      <tr>
                        <th scope="col">#</th>
                        <th scope="col">Parameter</th>
                        <th scope="col">Type</th>
                        <th scope="col">Value</th>
                      </tr>
                    </thead>
                    <tbody>
                      {sent.values.map((v) => (
                        <tr key={v.index}>
                          <td>{v.index}</td>
                          <td>
                            <code>{v.parameter}</code>
                          </td>
                          <td>{v.type}</td>
                          <td className="break">{typeof v.value === 'string' ? v.value : JSON.stringify(v.value)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </details>
            )}
            {result && !running && (
              <>
                <h3 id="query-result-caption" className="visually-hidden">
                  Result rows
                </h3>
                <ResultTable key={result.id || result.computedAt} result={result} captionId="query-result-caption" />
              </>
            )}
            {!result && !failure && !running && !note && (
              <p className="muted" data-testid="query-idle">
                Write a query and run it; the rows appear here.
              </p>
            )}
          </section>
        </div>

        <aside className="query-side" aria-label="History and snippets">
          <div role="tablist" aria-label="History and snippets" className="tabs" onKeyDown={onTabKey}>
            <button
              type="button"
              role="tab"
              id="query-tab-history"
              aria-selected={tab === 'history'}
              aria-controls="query-panel-history"
              tabIndex={tab === 'history' ? 0 : -1}
              onClick={() => setTab('history')}
              data-testid="query-history-tab"
            >
              History
            </button>
            <button
              type="button"
              role="tab"
              id="query-tab-snippets"
              aria-selected={tab === 'snippets'}
              aria-controls="query-panel-snippets"
              tabIndex={tab === 'snippets' ? 0 : -1}
              onClick={() => setTab('snippets')}
              data-testid="query-snippets-tab"
            >
              Snippets
            </button>
          </div>
          <div role="tabpanel" id="query-panel-history" aria-labelledby="query-tab-history" hidden={tab !== 'history'}>
            <QueryHistoryPanel
              dataSources={dataSources}
              dataSourceId={dataSourceId}
              version={historyVersion}
              onPick={pickHistory}
              searchRef={searchRef}
            />
          </div>
          <div role="tabpanel" id="query-panel-snippets" aria-labelledby="query-tab-snippets" hidden={tab !== 'snippets'}>
            <SnippetsPanel
              onInsert={(name) => editorRef.current?.insert(`{{snippet:${name}}}`)}
              selectedSql={() => editorRef.current?.selection() ?? ''}
            />
          </div>
        </aside>
      </div>
    </section>
  );
}
