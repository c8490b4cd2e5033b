import { useEffect, useRef, useState, type Ref } from 'react';
import { apiRequest, failureOf } from '../api';
import type { DataSource } from '../datasources';
import { countOf, formatDateTime, FormError } from '../forms';
import {
  asHistory,
  formatCount,
  formatDuration,
  HISTORY_PAGE_SIZE,
  historyPath,
  STATUS_LABELS,
  type HistoryEntry,
  type HistoryStatus,
} from '../queries';

interface QueryHistoryPanelProps {
  dataSources: readonly DataSource[];
  /** The data source chosen in the editor, for "only this data source". */
  dataSourceId: string | null;
  /** Changes after each run, so the list shows it. */
  version: number;
  onPick(entry: HistoryEntry): void;
  searchRef: Ref<HTMLInputElement>;
}

const BADGE: Record<HistoryStatus, string> = {
  SUCCEEDED: 'badge badge-success',
  CACHED: 'badge',
  FAILED: 'badge badge-error',
  CANCELLED: 'badge badge-view',
  TIMED_OUT: 'badge badge-warning',
};

const SEARCH_DELAY_MS = 250;

/** The first lines of the SQL, for the list. */
function preview(sql: string): string {
  const lines = sql.trim().split('\n');
  const text = lines.slice(0, 3).join('\n');
  return lines.length > 3 ? `${text}\n…` : text;
}

/** the caller's query history, newest first, searchable, 50 at a time. */
export function QueryHistoryPanel({ dataSources, dataSourceId, version, onPick, searchRef }: QueryHistoryPanelProps) {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [onlyThis, setOnlyThis] = useState(false);
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Answers to older requests (an earlier search) are dropped.
  const latest = useRef(0);
  const filterId = onlyThis ? dataSourceId : null;

  useEffect(() => {
    const t = setTimeout(() => setSearch(typed), SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [typed]);

  async function load(before: string | null) {
    const ticket = ++latest.current;
    setLoading(true);
    const result = await apiRequest<unknown>('GET', historyPath(search, filterId, before));
    if (ticket !== latest.current) return;
    setLoading(false);
    const page = result.kind === 'ok' ? asHistory(result.data) : null;
    if (page) {
      // Pages meet at `before`; an entry on both is listed once.
      setEntries((old) => (before && old ? [...old, ...page.filter((e) => !old.some((o) => o.id === e.id))] : page));
      setMore(page.length >= HISTORY_PAGE_SIZE);
      setError(null);
    } else if (result.kind === 'ok') {
      setError('Loading the history is not possible right now: the server’s answer could not be understood.');
    } else {
      setError(failureOf(result, 'Loading the history').message);
    }
  }

  useEffect(() => {
    void load(null);
    // `load` reads the current filters.
  }, [search, filterId, version]);

  const names = new Map(dataSources.map((d) => [d.id, d.name]));
  const filtered = search.trim() !== '' || filterId !== null;
  const current = dataSources.find((d) => d.id === dataSourceId);

  return (
    <div className="history-panel">
      <div className="field history-search" role="search">
        <label htmlFor="query-history-search">Search your queries</label>
        <input
          ref={searchRef}
          id="query-history-search"
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setSearch(typed);
            else if (e.key === 'Escape' && typed) {
              e.preventDefault();
              setTyped('');
              setSearch('');
            }
          }}
          autoComplete="off"
          spellCheck={false}
          aria-keyshortcuts="/"
          aria-describedby="query-history-search-hint"
          data-testid="query-history-search"
        />
        <p id="query-history-search-hint" className="field-hint">
          Press <kbd>/</kbd> to search from anywhere on this page. Searches the SQL.
        </p>
      </div>
      {current && (
        <div className="field field-check">
          <div className="check">
            <input
              type="checkbox"
              id="query-history-only"
              checked={onlyThis}
              onChange={(e) => setOnlyThis(e.target.checked)}
              data-testid="query-history-only"
            />
            <label htmlFor="query-history-only">Only {current.name}</label>
          </div>
        </div>
      )}
      {error && <FormError message={error} />}
      {entries === null && !error && <p className="busy-text">Loading the history…</p>}
      {entries !== null && entries.length === 0 && !filtered && (
        <div className="empty-state" data-testid="query-history-empty">
          <p>Queries you run appear here.</p>
          <p>Each run is kept with its SQL, when it ran, how long it took and how many rows it returned; choose one to load it into the editor again.</p>
        </div>
      )}
      {entries !== null && entries.length === 0 && filtered && (
        <p className="muted" data-testid="query-history-empty">
          No query in your history matches{search.trim() ? ` “${search.trim()}”` : ''}
          {filterId && current ? ` on ${current.name}` : ''}.
        </p>
      )}
      {entries !== null && entries.length > 0 && (
        <ol className="history-list" aria-busy={loading || undefined} aria-label="Query history, newest first">
          {entries.map((e) => {
            const source = names.get(e.dataSourceId);
            return (
              <li key={e.id}>
                <button type="button" className="history-item" onClick={() => onPick(e)} data-testid="query-history-item">
                  <span className="history-meta">
                    <span className={BADGE[e.status]} data-testid="query-history-status">
                      {STATUS_LABELS[e.status]}
                    </span>
                    <time dateTime={e.startedAt}>{formatDateTime(e.startedAt)}</time>
                  </span>
                  <code className="history-sql">{preview(e.sql)}</code>
                  <span className="history-facts muted">
                    {[
                      source ?? (e.dataSourceId ? 'A deleted data source' : null),
                      formatDuration(e.durationMillis),
                      e.rowCount >= 0 ? countOf(e.rowCount, 'row').replace(/^\d+/, formatCount(e.rowCount)) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                  {e.error && <span className="history-error">{e.error}</span>}
                  <span className="visually-hidden">. Load into the editor.</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {more && entries !== null && entries.length > 0 && (
        <p>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              if (!loading) void load(entries[entries.length - 1].startedAt);
            }}
            aria-disabled={loading || undefined}
            data-testid="query-history-more"
          >
            {loading ? 'Loading…' : 'Load more'}
          </button>
        </p>
      )}
    </div>
  );
}
