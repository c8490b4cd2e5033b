import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import ReactGridLayout, { useContainerWidth, type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import { apiDownload, apiRequest, failureOf } from '../api';
import { withTimeZone } from '../timeZone';
import { ReportChart, type Selection } from '../charts/ReportChart';
import { ConfirmAction } from '../ConfirmAction';
import { Dialog } from '../Dialog';
import { FormError, FormMessage } from '../forms';
import { asQueryResult, cellText, formatDuration, queryFailure, type QueryResult } from '../queries';
import {
  asDashboard,
  asReports,
  asSavedFilters,
  AUTO_REFRESH_CHOICES,
  canEdit,
  dashboardPath,
  FILTER_TYPES,
  reportPath,
  tileRunPath,
  timeAgo,
  type Dashboard,
  type DashboardFilter,
  type FilterType,
  type Report,
  type Tile,
  type Where,
} from '../reports';
import { ShareDialog } from '../ShareDialog';
import { useLoad } from '../useLoad';
import { DashboardFiltersBar, filterValue, initialInput, type FilterInput } from './DashboardFilters';
import { ItemLoading } from './ContentList';
import { ResultTable } from './ResultTable';

type TileState =
  | { status: 'loading'; previous: QueryResult | null }
  | { status: 'ok'; result: QueryResult }
  | { status: 'error'; message: string; next: string; previous: QueryResult | null };

interface CrossFilter extends Where {
  /** The tile whose chart was clicked; it is not filtered by its own selection. */
  sourceTileId: string;
}

function lastResult(s: TileState | undefined): QueryResult | null {
  if (!s) return null;
  return s.status === 'ok' ? s.result : s.previous;
}

function newTileId(): string {
  return typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `t${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}

/** /dashboards/:id */
export function DashboardRoute() {
  const { id } = useParams();
  const loaded = useLoad(id ? dashboardPath(id) : null, 'Loading the dashboard', asDashboard);
  if (!loaded.data) return <ItemLoading noun="dashboard" listPath="/dashboards" listTitle="Dashboards" failure={loaded.failure} />;
  return <DashboardView key={loaded.data.id} initial={loaded.data} />;
}

/** The body PUT /api/dashboards/{id} takes. */
function putBody(d: Dashboard) {
  return {
    name: d.name,
    description: d.description,
    filters: d.filters,
    tiles: d.tiles,
    autoRefreshSeconds: d.autoRefreshSeconds,
  };
}

function DashboardView({ initial }: { initial: Dashboard }) {
  const navigate = useNavigate();
  const [saved, setSaved] = useState<Dashboard>(initial);
  const [draft, setDraft] = useState<Dashboard | null>(null);
  const dash = draft ?? saved;
  const editable = canEdit(saved.access);
  const reports = useLoad(reportPath(), 'Loading reports', asReports);
  const reportOf = (id: string | null) => reports.data?.find((r) => r.id === id) ?? null;

  const [inputs, setInputs] = useState<Record<string, FilterInput>>(() => Object.fromEntries(saved.filters.map((f) => [f.name, initialInput(f)])));
  const inputsRef = useRef(inputs);
  inputsRef.current = inputs;
  const [tiles, setTiles] = useState<Record<string, TileState>>({});
  const tilesRef = useRef(tiles);
  tilesRef.current = tiles;
  const [cross, setCross] = useState<CrossFilter[]>([]);
  const crossRef = useRef(cross);
  crossRef.current = cross;
  /** The where each tile was last run with, to know which to re-run when a cross-filter goes. */
  const lastWhere = useRef<Record<string, Where[]>>({});
  const sequence = useRef<Record<string, number>>({});
  const [now, setNow] = useState(() => Date.now());
  const [drill, setDrill] = useState<{ tile: Tile; where: Where[]; state: TileState } | null>(null);
  const [sharing, setSharing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState(false);

  /** The filter values a tile's report takes: only the filters its parameterMap uses. */
  const valuesFor = useCallback(
    (tile: Tile, filters: DashboardFilter[]) => {
      const used = new Set(Object.values(tile.parameterMap));
      const values: Record<string, unknown> = {};
      for (const f of filters) {
        if (!used.has(f.name)) continue;
        const v = filterValue(f, inputsRef.current[f.name] ?? initialInput(f));
        if (v !== undefined) values[f.name] = v;
      }
      return values;
    },
    [],
  );

  /** Cross-filters that apply to a tile: from other tiles, on a column its last result has. */
  function whereFor(tileId: string, list: CrossFilter[], includeOwn = false): Where[] {
    const result = lastResult(tilesRef.current[tileId]);
    return list
      .filter((c) => (includeOwn || c.sourceTileId !== tileId) && (result?.columns.some((col) => col.name === c.column) ?? false))
      .map(({ column, value }) => ({ column, value }));
  }

  async function runTile(tile: Tile, refresh: boolean, where: Where[], filters: DashboardFilter[]) {
    const n = (sequence.current[tile.id] ?? 0) + 1;
    sequence.current[tile.id] = n;
    lastWhere.current[tile.id] = where;
    setTiles((t) => ({ ...t, [tile.id]: { status: 'loading', previous: lastResult(t[tile.id]) } }));
    const answer = await apiRequest<unknown>(
      'POST',
      tileRunPath(saved.id, tile.id),
      withTimeZone({ values: valuesFor(tile, filters), refresh, where }),
    );
    if (sequence.current[tile.id] !== n) return; // a newer run of this tile answers instead
    const parsed = answer.kind === 'ok' ? asQueryResult(answer.data) : null;
    setTiles((t) => {
      const previous = lastResult(t[tile.id]);
      if (parsed) return { ...t, [tile.id]: { status: 'ok', result: parsed } };
      if (answer.kind === 'ok') return { ...t, [tile.id]: { status: 'error', message: 'The server’s answer could not be understood.', next: 'Refresh the tile.', previous } };
      const f = queryFailure(answer, 'Running this tile');
      return { ...t, [tile.id]: { status: 'error', message: f.message, next: f.next, previous } };
    });
  }

  /** Runs tiles at once, in parallel: one request each, none waiting for another. */
  function runTiles(list: Tile[], refresh: boolean | ((t: Tile) => boolean), filters = saved.filters) {
    for (const tile of list) {
      if (tile.kind !== 'report' || !tile.reportId) continue;
      void runTile(tile, typeof refresh === 'function' ? refresh(tile) : refresh, whereFor(tile.id, crossRef.current), filters);
    }
  }

  // On open: every tile, from the cache when it has the result.
  useEffect(() => {
    runTiles(saved.tiles, false);
  }, []);

  // "computed 3 min ago" stays true.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  // Auto-refresh while open: a tile is recomputed when its result is older than the interval.
  useEffect(() => {
    const seconds = saved.autoRefreshSeconds;
    if (!seconds || draft) return;
    const timer = setInterval(() => {
      const limit = Date.now() - seconds * 1000;
      runTiles(saved.tiles, (t) => {
        const r = lastResult(tilesRef.current[t.id]);
        const at = r?.computedAt ? new Date(r.computedAt).getTime() : 0;
        return at <= limit;
      });
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [saved, draft]);

  function changeFilter(name: string, input: FilterInput) {
    inputsRef.current = { ...inputsRef.current, [name]: input };
    setInputs(inputsRef.current);
    runTiles(
      saved.tiles.filter((t) => Object.values(t.parameterMap).includes(name)),
      false,
    );
  }

  function select(source: Tile, selection: Selection) {
    if (draft) return;
    const next = [...crossRef.current.filter((c) => c.column !== selection.column), { ...selection, sourceTileId: source.id }];
    crossRef.current = next;
    setCross(next);
    runTiles(
      saved.tiles.filter((t) => t.id !== source.id && lastResult(tilesRef.current[t.id])?.columns.some((c) => c.name === selection.column)),
      false,
    );
  }

  function removeCross(column: string) {
    const next = crossRef.current.filter((c) => c.column !== column);
    crossRef.current = next;
    setCross(next);
    runTiles(
      saved.tiles.filter((t) => (lastWhere.current[t.id] ?? []).some((w) => w.column === column)),
      false,
    );
  }

  async function showRows(tile: Tile) {
    const where = whereFor(tile.id, crossRef.current, true);
    setDrill({ tile, where, state: { status: 'loading', previous: null } });
    const answer = await apiRequest<unknown>(
      'POST',
      tileRunPath(saved.id, tile.id),
      withTimeZone({ values: valuesFor(tile, saved.filters), refresh: false, where }),
    );
    const parsed = answer.kind === 'ok' ? asQueryResult(answer.data) : null;
    const f = parsed ? null : queryFailure(answer, 'Showing the rows');
    setDrill((d) =>
      d && d.tile.id === tile.id
        ? { ...d, state: parsed ? { status: 'ok', result: parsed } : { status: 'error', message: f!.message, next: f!.next, previous: null } }
        : d,
    );
  }

  async function put(next: Dashboard, what: string): Promise<Dashboard | null> {
    setError(null);
    setNotice(null);
    const answer = await apiRequest<unknown>('PUT', dashboardPath(saved.id), putBody(next));
    const parsed = answer.kind === 'ok' ? asDashboard(answer.data) : null;
    if (parsed) return parsed;
    setError(`${what} failed: ${answer.kind === 'ok' ? 'the server’s answer could not be understood.' : failureOf(answer, what).message}`);
    return null;
  }

  async function saveLayout() {
    if (!draft || saving) return;
    setSaving(true);
    const parsed = await put(draft, 'Saving the dashboard');
    setSaving(false);
    if (!parsed) return;
    setSaved(parsed);
    setDraft(null);
    setNotice('Dashboard saved.');
    runTiles(parsed.tiles, false, parsed.filters);
  }

  async function changeAutoRefresh(seconds: number) {
    const next = { ...saved, autoRefreshSeconds: seconds };
    if (!editable) {
      setSaved(next); // the reader's own timer, not saved
      return;
    }
    const parsed = await put(next, 'Saving the refresh interval');
    if (parsed) setSaved(parsed);
  }

  async function remove() {
    setDeleting(true);
    const answer = await apiRequest<unknown>('DELETE', dashboardPath(saved.id));
    setDeleting(false);
    if (answer.kind === 'ok') navigate('/dashboards', { replace: true });
    else setError(`The dashboard was not deleted: ${failureOf(answer, 'Deleting dashboards').message}`);
  }

  async function exportDashboard() {
    setError(null);
    const answer = await apiDownload(dashboardPath(saved.id, '/export'), `${saved.name.replace(/[^\w.-]+/g, '-')}.json`, 'application/json');
    if (answer.kind !== 'ok') setError(`The export failed: ${failureOf(answer, 'Exporting').message}`);
  }

  const patchDraft = (patch: Partial<Dashboard>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const { width, containerRef } = useContainerWidth({ initialWidth: 1200 });
  const layout: Layout = dash.tiles.map((t) => ({ i: t.id, x: t.x, y: t.y, w: t.w, h: t.h, minW: 2, minH: 2 }));

  function onLayoutChange(next: Layout) {
    if (!draft) return;
    const at = new Map(next.map((l) => [l.i, l]));
    patchDraft({
      tiles: draft.tiles.map((t) => {
        const l = at.get(t.id);
        return l ? { ...t, x: l.x, y: l.y, w: l.w, h: l.h } : t;
      }),
    });
  }

  return (
    <section className="page page-full dashboard-page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/dashboards">Dashboards</Link>
      </p>
      <div className="page-head">
        <h1 id="page-title" data-testid="page-title">
          {dash.name}
        </h1>
        <div className="button-row dashboard-actions">
          <div className="field inline-field">
            <label htmlFor="dashboard-auto-refresh">Auto-refresh</label>
            <select
              id="dashboard-auto-refresh"
              value={saved.autoRefreshSeconds}
              onChange={(e) => void changeAutoRefresh(Number(e.target.value))}
              disabled={draft !== null}
              data-testid="dashboard-auto-refresh"
            >
              {AUTO_REFRESH_CHOICES.map((c) => (
                <option key={c.seconds} value={c.seconds}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="button button-quiet" onClick={() => runTiles(saved.tiles, true)} disabled={draft !== null} data-testid="dashboard-refresh-all">
            Refresh all
          </button>
          <button type="button" className="button button-quiet" onClick={() => void exportDashboard()} data-testid="dashboard-export">
            Export
          </button>
          {saved.access === 'OWNER' && (
            <button type="button" className="button button-quiet" onClick={() => setSharing(true)} data-testid="dashboard-share">
              Share
            </button>
          )}
          {editable && !draft && (
            <button type="button" className="button button-primary" onClick={() => setDraft(structuredClone(saved))} data-testid="dashboard-edit">
              Edit
            </button>
          )}
          {draft && (
            <>
              <button type="button" className="button button-primary" onClick={() => void saveLayout()} aria-disabled={saving || undefined} data-testid="dashboard-save">
                {saving ? 'Saving…' : 'Save'}
              </button>
              <button type="button" className="button button-quiet" onClick={() => setDraft(null)} data-testid="dashboard-cancel">
                Cancel
              </button>
            </>
          )}
          {saved.access === 'OWNER' && !draft && (
            <ConfirmAction
              label="Delete"
              accessibleLabel={`Delete ${saved.name}`}
              question={`Delete “${saved.name}”? Its reports stay.`}
              busyLabel="Deleting…"
              busy={deleting}
              onConfirm={() => void remove()}
              testId="dashboard-delete"
            />
          )}
        </div>
      </div>
      {dash.description && <p>{dash.description}</p>}
      {error && <FormError message={error} />}
      {notice && <FormMessage message={notice} />}
      {saved.hiddenTiles > 0 && (
        <p className="form-notice" data-testid="dashboard-hidden-tiles">
          {saved.hiddenTiles === 1 ? '1 tile is hidden' : `${saved.hiddenTiles} tiles hidden`} (not shared with you). Ask the
          dashboard’s owner to share {saved.hiddenTiles === 1 ? 'its report' : 'their reports'} with you.
        </p>
      )}

      {draft && <DashboardEditor draft={draft} reports={reports.data ?? []} onChange={patchDraft} />}
      {!draft && (
        <DashboardFiltersBar filters={saved.filters} inputs={inputs} onChange={changeFilter} />
      )}
      {cross.length > 0 && !draft && (
        <nav className="cross-filters" aria-label="Cross-filters" data-testid="cross-filters">
          <span>Filtered by:</span>
          {cross.map((c) => (
            <button
              key={c.column}
              type="button"
              className="badge cross-filter"
              onClick={() => removeCross(c.column)}
              aria-label={`Remove filter ${c.column} = ${cellText(c.value)}`}
              data-testid="cross-filter"
            >
              {c.column} = {cellText(c.value)} <span aria-hidden="true">×</span>
            </button>
          ))}
        </nav>
      )}

      {dash.tiles.length === 0 ? (
        <div className="empty-state" data-testid="dashboard-empty">
          <p>
            <strong>This dashboard has no tiles yet.</strong>
          </p>
          <p>
            {editable
              ? 'Choose Edit, then add a saved report or a text tile; drag tiles to arrange them and save.'
              : 'Its owner has not added any report yet, or none is shared with you.'}
          </p>
        </div>
      ) : (
        <div ref={containerRef} className={`dashboard-grid${draft ? ' editing' : ''}`} data-testid="dashboard-grid">
          <ReactGridLayout
            width={width}
            layout={layout}
            gridConfig={{ cols: 12, rowHeight: 72, margin: [12, 12] }}
            dragConfig={{ enabled: draft !== null, handle: '.tile-handle', cancel: 'button, select, input, textarea, a, summary' }}
            resizeConfig={{ enabled: draft !== null }}
            onLayoutChange={onLayoutChange}
          >
            {dash.tiles.map((tile) => (
              <div key={tile.id}>
                <TileView
                  tile={tile}
                  report={reportOf(tile.reportId)}
                  state={tiles[tile.id]}
                  now={now}
                  editing={draft !== null}
                  filtered={(lastWhere.current[tile.id] ?? []).length > 0}
                  onRefresh={() => void runTile(tile, true, whereFor(tile.id, crossRef.current), saved.filters)}
                  onShowRows={() => void showRows(tile)}
                  onSelect={(s) => select(tile, s)}
                  onRemove={() => patchDraft({ tiles: draft!.tiles.filter((t) => t.id !== tile.id) })}
                />
              </div>
            ))}
          </ReactGridLayout>
        </div>
      )}

      {drill && (
        <Dialog title={`Rows of ${reportOf(drill.tile.reportId)?.name ?? 'the tile'}`} onClose={() => setDrill(null)} testId="drill-dialog" wide>
          {drill.where.length > 0 && (
            <p className="muted">Where {drill.where.map((w) => `${w.column} = ${cellText(w.value)}`).join(' and ')}</p>
          )}
          {drill.state.status === 'loading' && <p className="busy-text">Loading the rows…</p>}
          {drill.state.status === 'error' && <FormError message={`${drill.state.message} ${drill.state.next}`.trim()} />}
          {drill.state.status === 'ok' && (
            <>
              <h3 id="drill-caption" className="visually-hidden">
                Rows
              </h3>
              <p className="muted" data-testid="drill-times-in">
                Times in {drill.state.result.sql.timeZone}
              </p>
              <ResultTable result={drill.state.result} captionId="drill-caption" />
            </>
          )}
        </Dialog>
      )}
      {sharing && <ShareDialog objectType="dashboard" objectId={saved.id} objectName={saved.name} onClose={() => setSharing(false)} />}
    </section>
  );
}

interface TileViewProps {
  tile: Tile;
  report: Report | null;
  state: TileState | undefined;
  now: number;
  editing: boolean;
  filtered: boolean;
  onRefresh(): void;
  onShowRows(): void;
  onSelect(selection: Selection): void;
  onRemove(): void;
}

/** One tile: its title, state (U-2), the chart, and its menu. */
function TileView({ tile, report, state, now, editing, filtered, onRefresh, onShowRows, onSelect, onRemove }: TileViewProps) {
  const title = tile.kind === 'text' ? 'Text' : (report?.name ?? 'Report');
  const result = lastResult(state);
  const titleId = `tile-${tile.id}-title`;
  return (
    <article className="tile" aria-labelledby={titleId} data-testid="tile" data-tile-id={tile.id} aria-busy={state?.status === 'loading' || undefined}>
      <header className={`tile-head${editing ? ' tile-handle' : ''}`}>
        <h2 id={titleId} className="tile-title">
          {tile.kind === 'report' && report ? <Link to={`/reports/${encodeURIComponent(report.id)}`}>{title}</Link> : tile.kind === 'text' ? <span className="visually-hidden">{title}</span> : title}
        </h2>
        {editing ? (
          <button type="button" className="button button-quiet button-small" onClick={onRemove} aria-label={`Remove tile ${title}`} data-testid="tile-remove">
            Remove
          </button>
        ) : (
          tile.kind === 'report' && (
            <details className="tile-menu">
              <summary aria-label={`Actions of ${title}`} data-testid="tile-menu">
                ⋯
              </summary>
              <div className="tile-menu-items">
                <button type="button" className="button button-quiet button-small" onClick={onRefresh} data-testid="tile-refresh">
                  Refresh
                </button>
                <button type="button" className="button button-quiet button-small" onClick={onShowRows} data-testid="tile-show-rows">
                  Show rows
                </button>
              </div>
            </details>
          )
        )}
      </header>
      {tile.kind === 'text' ? (
        <div className="tile-text">
          {(tile.text ?? '').split(/\n{2,}/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      ) : (
        <>
          <p className="tile-status" role="status" data-testid="tile-status">
            {state?.status === 'loading' && (
              <>
                <span className="spinner" aria-hidden="true" /> Loading…
              </>
            )}
            {state?.status === 'ok' &&
              (state.result.fromCache
                ? `cached · computed ${timeAgo(state.result.computedAt, now)}`
                : `fresh · ${formatDuration(state.result.durationMillis)}`)}
            {state?.status === 'ok' && filtered && ' · cross-filtered'}
            {!state && editing && 'Save the dashboard to run this tile.'}
          </p>
          {state?.status === 'error' && (
            <div className="tile-error" role="alert" data-testid="tile-error">
              <p>{state.message}</p>
              {state.next && <p>{state.next}</p>}
            </div>
          )}
          {result && state?.status !== 'error' && (
            <div className="tile-body">
              <ReportChart
                result={result}
                type={report?.visualization.type ?? 'table'}
                settings={report?.visualization.settings ?? {}}
                label={title}
                idPrefix={`tile-${tile.id}`}
                onSelect={editing ? undefined : onSelect}
              />
            </div>
          )}
        </>
      )}
    </article>
  );
}

/** Edit mode: add tiles, map filters to report parameters, edit the filters. */
function DashboardEditor({ draft, reports, onChange }: { draft: Dashboard; reports: Report[]; onChange(patch: Partial<Dashboard>): void }) {
  const savedFilters = useLoad('/api/filters', 'Loading saved filters', asSavedFilters);
  const [reportId, setReportId] = useState('');
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<{ name: string; label: string; type: FilterType; savedFilterId: string }>({ name: '', label: '', type: 'TEXT', savedFilterId: '' });
  const [filterError, setFilterError] = useState<string | null>(null);
  const bottom = draft.tiles.reduce((m, t) => Math.max(m, t.y + t.h), 0);

  function addTile(tile: Partial<Tile>) {
    onChange({ tiles: [...draft.tiles, { id: newTileId(), kind: 'report', reportId: null, text: null, x: 0, y: bottom, w: 6, h: 4, parameterMap: {}, ...tile }] });
  }

  function addFilter() {
    const name = filter.name.trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      setFilterError('Use letters, digits and _ for the name, starting with a letter, e.g. region.');
      return;
    }
    if (draft.filters.some((f) => f.name === name)) {
      setFilterError(`There is a filter named ${name} already.`);
      return;
    }
    setFilterError(null);
    onChange({ filters: [...draft.filters, { name, label: filter.label.trim() || name, type: filter.type, defaultValue: null, savedFilterId: filter.savedFilterId.trim() || null }] });
    setFilter({ name: '', label: '', type: 'TEXT', savedFilterId: '' });
  }

  return (
    <section className="panel dashboard-editor" aria-label="Edit the dashboard" data-testid="dashboard-editor">
      <p className="field-hint">Drag a tile by its title bar and resize it from its corner; Save keeps the layout.</p>
      <div className="form-row">
        <div className="field">
          <label htmlFor="dashboard-add-report">Report</label>
          <select id="dashboard-add-report" value={reportId} onChange={(e) => setReportId(e.target.value)} data-testid="dashboard-add-report">
            <option value="">Choose a report…</option>
            {reports.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button-quiet" disabled={!reportId} onClick={() => (addTile({ kind: 'report', reportId }), setReportId(''))} data-testid="dashboard-add-report-submit">
          Add report tile
        </button>
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="dashboard-add-text">Text tile content</label>
          <textarea id="dashboard-add-text" rows={2} value={text} onChange={(e) => setText(e.target.value)} data-testid="dashboard-add-text" />
        </div>
        <button type="button" className="button button-quiet" disabled={!text.trim()} onClick={() => (addTile({ kind: 'text', text, h: 2 }), setText(''))} data-testid="dashboard-add-text-submit">
          Add text tile
        </button>
      </div>

      <h3>Filters</h3>
      {draft.filters.length > 0 && (
        <ul className="plain-list" data-testid="dashboard-filter-list">
          {draft.filters.map((f) => (
            <li key={f.name}>
              <code>{f.name}</code> {f.label} ({FILTER_TYPES.find((t) => t.value === f.type)?.label})
              <button
                type="button"
                className="button button-quiet button-small"
                onClick={() =>
                  onChange({
                    filters: draft.filters.filter((x) => x.name !== f.name),
                    tiles: draft.tiles.map((t) => ({ ...t, parameterMap: Object.fromEntries(Object.entries(t.parameterMap).filter(([, v]) => v !== f.name)) })),
                  })
                }
                aria-label={`Remove filter ${f.label}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="form-row">
        <div className="field">
          <label htmlFor="filter-new-name">Name</label>
          <input id="filter-new-name" value={filter.name} onChange={(e) => setFilter({ ...filter, name: e.target.value })} aria-invalid={filterError ? true : undefined} aria-describedby={filterError ? 'filter-new-error' : undefined} data-testid="filter-new-name" />
        </div>
        <div className="field">
          <label htmlFor="filter-new-label">Label</label>
          <input id="filter-new-label" value={filter.label} onChange={(e) => setFilter({ ...filter, label: e.target.value })} data-testid="filter-new-label" />
        </div>
        <div className="field">
          <label htmlFor="filter-new-type">Type</label>
          <select id="filter-new-type" value={filter.type} onChange={(e) => setFilter({ ...filter, type: e.target.value as FilterType })} data-testid="filter-new-type">
            {FILTER_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-new-saved">Choices from a saved filter (optional)</label>
          <select id="filter-new-saved" value={filter.savedFilterId} onChange={(e) => setFilter({ ...filter, savedFilterId: e.target.value })} data-testid="filter-new-saved">
            <option value="">None: typed by the viewer</option>
            {(savedFilters.data ?? []).map((f) => (
              <option key={f.id} value={f.id}>
                {f.name} ({f.values.length} values)
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button-quiet" onClick={addFilter} data-testid="filter-add">
          Add filter
        </button>
      </div>
      {filterError && (
        <p id="filter-new-error" className="field-error">
          {filterError}
        </p>
      )}

      {draft.filters.length > 0 && draft.tiles.some((t) => t.kind === 'report') && (
        <>
          <h3>Which filter feeds which report parameter</h3>
          {draft.tiles
            .filter((t) => t.kind === 'report')
            .map((t) => {
              const report = reports.find((r) => r.id === t.reportId);
              if (!report || report.parameters.length === 0) return null;
              return (
                <fieldset key={t.id} className="field parameter-map" data-testid="parameter-map">
                  <legend>{report.name}</legend>
                  {report.parameters.map((p) => {
                    const id = `map-${t.id}-${p.name}`;
                    return (
                      <div className="field inline-field" key={p.name}>
                        <label htmlFor={id}>
                          <code>{p.name}</code> from
                        </label>
                        <select
                          id={id}
                          value={t.parameterMap[p.name] ?? ''}
                          onChange={(e) => {
                            const map = { ...t.parameterMap };
                            if (e.target.value) map[p.name] = e.target.value;
                            else delete map[p.name];
                            onChange({ tiles: draft.tiles.map((x) => (x.id === t.id ? { ...x, parameterMap: map } : x)) });
                          }}
                          data-testid={id}
                        >
                          <option value="">Its default value</option>
                          {draft.filters.map((f) => (
                            <option key={f.name} value={f.name}>
                              {f.label}
                            </option>
                          ))}
                        </select>
                      </div>
                    );
                  })}
                </fieldset>
              );
            })}
        </>
      )}
    </section>
  );
}
