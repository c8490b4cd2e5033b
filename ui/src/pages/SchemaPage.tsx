import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { apiRequest, failureOf } from '../api';
import { useSession } from '../auth';
import { asSchemaInfo, dsPath, type SchemaColumn, type SchemaInfo, type SchemaTable } from '../datasources';
import { countOf, formatDateTime, FormError } from '../forms';
import { canManageDataSources } from '../session';
import { useDataSource } from '../useDataSource';
import { useLoad } from '../useLoad';
import { editPath } from './DataSourcesPage';

/** More tables than this are not drawn at once: searching finds the others. */
export const MAX_TABLES_SHOWN = 200;

interface ShownTable {
  key: string;
  table: SchemaTable;
  /** The columns to list: all, or only the matching ones when only columns matched. */
  columns: SchemaColumn[];
  /** Only some of its columns matched the search (its name did not). */
  byColumns: boolean;
}

interface ShownSchema {
  name: string;
  tables: ShownTable[];
}

/** Tables whose name contains `query` (with all their columns), and tables with matching columns (with those). */
export function filterSchema(info: SchemaInfo, query: string): ShownSchema[] {
  const q = query.trim().toLowerCase();
  return info.schemas
    .map((s) => ({
      name: s.name,
      tables: s.tables.flatMap((t): ShownTable[] => {
        const key = `${s.name}.${t.name}`;
        if (!q || t.name.toLowerCase().includes(q)) return [{ key, table: t, columns: t.columns, byColumns: false }];
        const columns = t.columns.filter((c) => c.name.toLowerCase().includes(q));
        return columns.length > 0 ? [{ key, table: t, columns, byColumns: true }] : [];
      }),
    }))
    .filter((s) => s.tables.length > 0);
}

/** `text` with the first match of `query` marked. */
function Marked({ text, query }: { text: string; query: string }) {
  const q = query.trim().toLowerCase();
  const at = q ? text.toLowerCase().indexOf(q) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length)}
    </>
  );
}

function matchVerb(n: number): string {
  return n === 1 ? 'matches' : 'match';
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function SchemaBrowser({ info }: { info: SchemaInfo }) {
  const [query, setQuery] = useState('');
  // What the reader opened or closed; unset tables are open when only their columns matched.
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const searchRef = useRef<HTMLInputElement>(null);
  const treeRef = useRef<HTMLDivElement>(null);

  // U-4: `/` searches from anywhere on the page (not while typing elsewhere).
  useEffect(() => {
    function onKey(e: globalThis.KeyboardEvent) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      searchRef.current?.focus();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const shown = useMemo(() => filterSchema(info, query), [info, query]);
  const total = info.schemas.reduce((n, s) => n + s.tables.length, 0);
  const matching = shown.reduce((n, s) => n + s.tables.length, 0);
  let budget = MAX_TABLES_SHOWN;
  const drawn = shown.map((s) => {
    const tables = s.tables.slice(0, Math.max(0, budget));
    budget -= tables.length;
    return { ...s, tables };
  });
  const searching = query.trim() !== '';

  function setSearch(value: string) {
    setQuery(value);
    setToggled({});
  }

  function buttons(): HTMLButtonElement[] {
    return [...(treeRef.current?.querySelectorAll<HTMLButtonElement>('button[data-nav="table"]') ?? [])];
  }

  function onSearchKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      buttons()[0]?.focus();
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      setSearch('');
    }
  }

  /** Arrows move between tables; right opens one, left closes it; Home and End jump. */
  function onTreeKey(e: KeyboardEvent<HTMLDivElement>) {
    const target = e.target as HTMLElement;
    if (target.dataset.nav !== 'table') return;
    const all = buttons();
    const at = all.indexOf(target as HTMLButtonElement);
    const key = target.dataset.key ?? '';
    const open = target.getAttribute('aria-expanded') === 'true';
    let next: HTMLElement | undefined;
    switch (e.key) {
      case 'ArrowDown':
        next = all[at + 1];
        break;
      case 'ArrowUp':
        next = at > 0 ? all[at - 1] : (searchRef.current ?? undefined);
        break;
      case 'Home':
        next = all[0];
        break;
      case 'End':
        next = all[all.length - 1];
        break;
      case 'ArrowRight':
        if (!open) setToggled((t) => ({ ...t, [key]: true }));
        break;
      case 'ArrowLeft':
        if (open) setToggled((t) => ({ ...t, [key]: false }));
        break;
      default:
        return;
    }
    e.preventDefault();
    next?.focus();
  }

  const summary = searching
    ? matching === 0
      ? `No table or column matches “${query.trim()}”.`
      : `${countOf(matching, 'table')} of ${total} ${matchVerb(matching)} “${query.trim()}”.`
    : `${countOf(total, 'table or view', 'tables and views')} in ${countOf(info.schemas.length, 'schema')}.`;

  return (
    <>
      <div className="field schema-search" role="search">
        <label htmlFor="schema-search">Search tables and columns</label>
        <input
          ref={searchRef}
          id="schema-search"
          type="search"
          value={query}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={onSearchKey}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="schema-search-hint"
          aria-keyshortcuts="/"
          data-testid="schema-search"
        />
        <p id="schema-search-hint" className="field-hint">
          Press <kbd>/</kbd> to search from anywhere on this page, then <kbd>↓</kbd> to go through the tables; <kbd>→</kbd>{' '}
          opens one and <kbd>←</kbd> closes it.
        </p>
      </div>
      <p role="status" className="muted" data-testid="schema-count">
        {summary}
      </p>
      {matching > MAX_TABLES_SHOWN && (
        <p className="muted" data-testid="schema-truncated">
          Showing the first {MAX_TABLES_SHOWN} of {matching}; search to find the others.
        </p>
      )}
      <div className="schema-tree" ref={treeRef} onKeyDown={onTreeKey}>
        {drawn
          .filter((s) => s.tables.length > 0)
          .map((s) => (
            <section key={s.name} className="schema" aria-label={`Schema ${s.name}`} data-testid="schema-schema">
              <h2 className="schema-name">
                {s.name}
                <span className="muted"> · schema</span>
              </h2>
              <ul className="schema-tables">
                {s.tables.map(({ key, table, columns, byColumns }) => {
                  const open = toggled[key] ?? (searching && byColumns);
                  const columnsId = `columns-${key}`;
                  const isView = table.kind.toUpperCase() === 'VIEW';
                  return (
                    <li key={key} data-testid="schema-table">
                      <button
                        type="button"
                        className="table-toggle"
                        aria-expanded={open}
                        aria-controls={open ? columnsId : undefined}
                        onClick={() => setToggled((t) => ({ ...t, [key]: !open }))}
                        data-nav="table"
                        data-key={key}
                      >
                        <span className="chevron" aria-hidden="true">
                          {open ? '▾' : '▸'}
                        </span>
                        <span className="table-name" data-testid="schema-table-name">
                          <Marked text={table.name} query={byColumns ? '' : query} />
                        </span>
                        <span className={`badge${isView ? ' badge-view' : ''}`}>{isView ? 'View' : 'Table'}</span>
                        <span className="muted table-count">
                          {byColumns
                            ? `${columns.length} of ${countOf(table.columns.length, 'column')} ${matchVerb(columns.length)}`
                            : countOf(table.columns.length, 'column')}
                        </span>
                      </button>
                      {open && (
                        <ul id={columnsId} className="schema-columns" aria-label={`Columns of ${table.name}`}>
                          {columns.map((c) => (
                            <li key={c.name} data-testid="schema-column">
                              <code className="column-name">
                                <Marked text={c.name} query={query} />
                              </code>
                              <span className="column-type">{c.type}</span>
                              {!c.nullable && <span className="muted">not null</span>}
                            </li>
                          ))}
                          {columns.length === 0 && <li className="muted">No columns.</li>}
                        </ul>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
      </div>
      {total === 0 && (
        <div className="empty-state" data-testid="schema-empty">
          <p>No tables or views were found.</p>
          <p>The database user may not be allowed to see any: check its grants, then read the schema again.</p>
        </div>
      )}
    </>
  );
}

/** /datasources/:id/schema: schemas → tables and views → columns, searchable. */
export function SchemaPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const manage = canManageDataSources(session.organization.role);
  const { ds } = useDataSource(id, 'Loading the data source');
  const loaded = useLoad(dsPath(id, '/schema'), 'Reading the schema', asSchemaInfo);
  const [refreshed, setRefreshed] = useState<SchemaInfo | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<string | null>(null);

  const info = refreshed ?? (loaded.failure ? null : loaded.data);
  const notRead = !refreshed && loaded.failure?.code === 'metadata_not_read';

  async function refresh() {
    if (refreshing) return;
    setRefreshing(true);
    setRefreshError(null);
    const result = await apiRequest<unknown>('POST', dsPath(id, '/schema/refresh'));
    setRefreshing(false);
    const parsed = result.kind === 'ok' ? asSchemaInfo(result.data) : null;
    if (parsed) setRefreshed(parsed);
    else if (result.kind === 'ok') setRefreshError('The schema was read, but the server’s answer could not be understood.');
    else setRefreshError(failureOf(result, 'Reading schemas').message);
  }

  return (
    <section className="page page-wide" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/datasources">Data sources</Link>
        {ds && manage && (
          <>
            {' / '}
            <Link to={editPath(ds)}>{ds.name}</Link>
          </>
        )}
      </p>
      <h1 id="page-title" data-testid="page-title">
        {ds ? `Schema of ${ds.name}` : 'Schema'}
      </h1>
      <div className="schema-meta">
        {info && (
          <p data-testid="schema-read-at">
            {info.readAt ? (
              <>
                Read <time dateTime={info.readAt}>{formatDateTime(info.readAt)}</time>. Sightline reads it again on a
                schedule{manage ? ', or now with Refresh' : ''}.
              </>
            ) : (
              'As read from the database.'
            )}
          </p>
        )}
        {manage && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void refresh()}
            aria-disabled={refreshing || undefined}
            aria-describedby={refreshError ? 'schema-refresh-error' : undefined}
            data-testid="schema-refresh"
          >
            {refreshing ? 'Reading…' : 'Refresh'}
          </button>
        )}
      </div>
      {refreshError && (
        <p id="schema-refresh-error" className="form-error" role="alert" data-testid="schema-refresh-error">
          {refreshError}
        </p>
      )}
      {refreshing && (
        <p className="busy-text" role="status">
          Reading the schema from the database; a large one takes a while…
        </p>
      )}

      {notRead && (
        <div className="empty-state" data-testid="schema-not-read">
          <p>
            {manage
              ? 'Not read yet — Refresh reads it now.'
              : 'Not read yet — an Admin or Owner can read it now with Refresh.'}
          </p>
          <p>Sightline reads the schemas, tables, views and columns the data source’s user can see, and keeps them.</p>
        </div>
      )}
      {loaded.failure && !notRead && !refreshed && <FormError message={loaded.failure.message} />}
      {!info && !loaded.failure && <p className="busy-text">Loading the schema…</p>}
      {info && <SchemaBrowser info={info} />}
    </section>
  );
}
