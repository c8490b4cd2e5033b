import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { apiDownload, apiRequest, failureOf, type Failure } from '../api';
import { useSession } from '../auth';
import { countOf, focusById, formatDate, formatTime, FormError, SelectField, TextField } from '../forms';
import { canReadAudit } from '../session';
import { useLoad } from '../useLoad';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditEntry {
  sequence: number;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  sourceAddress: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  details: string | null;
  hash: string;
}

interface AuditPageAnswer {
  entries: AuditEntry[];
  total: number;
  offset: number;
}

function asAuditPage(data: unknown): AuditPageAnswer | null {
  if (typeof data !== 'object' || data === null) return null;
  const { entries, total, offset } = data as Record<string, unknown>;
  if (!Array.isArray(entries) || typeof total !== 'number') return null;
  return { entries: entries as AuditEntry[], total, offset: typeof offset === 'number' ? offset : 0 };
}

/** The filters, in the order of the form and of the query string. */
const FILTERS = ['actor', 'action', 'objectType', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;

const NO_FILTERS: Filters = { actor: '', action: '', objectType: '', from: '', to: '' };

const FIELD_IDS: Record<Filter, string> = {
  actor: 'audit-actor',
  action: 'audit-action',
  objectType: 'audit-object-type',
  from: 'audit-from',
  to: 'audit-to',
};

/** A prefix ending with a dot matches every action of that group. */
const ACTIONS: readonly { value: string; label: string }[] = [
  { value: '', label: 'Any action' },
  { value: 'auth.', label: 'Sign-ins' },
  { value: 'account.', label: 'Account' },
  { value: 'member.', label: 'Members' },
  { value: 'organization.', label: 'Organization' },
  { value: 'vault.', label: 'Keys' },
  { value: 'module.', label: 'Modules' },
  { value: 'audit.', label: 'Audit' },
];

function isFilter(field: string | null): field is Filter {
  return (FILTERS as readonly (string | null)[]).includes(field);
}

function filtersOf(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
}

function offsetOf(params: URLSearchParams): number {
  const n = Number(params.get('offset'));
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The set filters as a query string (blank ones left out), then `extra`. */
function auditQuery(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const f of FILTERS) {
    const value = filters[f].trim();
    if (value) params.set(f, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

function hasFilters(filters: Filters): boolean {
  return FILTERS.some((f) => filters[f].trim() !== '');
}

interface FilterFormProps {
  applied: Filters;
  /** The last load's failure; one naming a filter is shown at that field. */
  failure: Failure | null;
  onApply(filters: Filters): void;
}

function FilterForm({ applied, failure, onApply }: FilterFormProps) {
  const [draft, setDraft] = useState(applied);
  const [errors, setErrors] = useState<Partial<Filters>>({});

  // Back/forward changes the applied filters: show them. A failure naming a filter: show it there.
  const [seen, setSeen] = useState({ applied, failure });
  if (seen.applied !== applied || seen.failure !== failure) {
    if (auditQuery(seen.applied) !== auditQuery(applied)) setDraft(applied);
    if (seen.failure !== failure) setErrors(failure && isFilter(failure.field) ? { [failure.field]: failure.message } : {});
    setSeen({ applied, failure });
  }
  const failedField = failure && isFilter(failure.field) ? failure.field : null;
  useEffect(() => {
    if (failedField) focusById(FIELD_IDS[failedField]);
  }, [failure, failedField]);

  function set(field: Filter, value: string) {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(draft);
  }

  function onReset() {
    setDraft(NO_FILTERS);
    setErrors({});
    onApply(NO_FILTERS);
  }

  // An action from a link (auth.login, say) is offered as it is.
  const actions = ACTIONS.some((a) => a.value === draft.action)
    ? ACTIONS
    : [...ACTIONS, { value: draft.action, label: draft.action }];

  const field = (f: Filter) => ({
    id: FIELD_IDS[f],
    testId: FIELD_IDS[f],
    value: draft[f],
    onValue: (v: string) => set(f, v),
    error: errors[f],
  });

  return (
    <form className="filter-form" role="search" aria-label="Filter the audit log" noValidate onSubmit={onSubmit}>
      <div className="form-row">
        <TextField {...field('actor')} label="Person" hint="Part of an email address, or a user id." autoComplete="off" />
        <SelectField {...field('action')} label="Action" options={actions} />
        <TextField {...field('objectType')} label="Object type" hint="For example member." autoComplete="off" />
        <TextField {...field('from')} label="From" type="date" hint="From the start of that day (UTC)." />
        <TextField {...field('to')} label="To" type="date" hint="To the end of that day (UTC)." />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" data-testid="audit-apply">
          Apply
        </button>
        <button type="button" className="button button-quiet" onClick={onReset} data-testid="audit-reset">
          Reset
        </button>
      </div>
    </form>
  );
}

function who(e: AuditEntry): string {
  if (e.actorEmail) return e.actorEmail;
  return e.actorId && e.actorId !== 'system' ? e.actorId : 'system';
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <tr data-testid="audit-row">
      <td>
        {/* Local date and time; the exact instant (UTC, microseconds) on hover. */}
        <time dateTime={entry.at} title={entry.at}>
          <span className="nowrap">{formatDate(entry.at)}</span> <span className="nowrap">{formatTime(entry.at)}</span>
        </time>
      </td>
      <td className="break">{who(entry)}</td>
      <td>
        <code>{entry.action}</code>
      </td>
      <td className="break">
        {entry.objectType || entry.objectId ? (
          <>
            {entry.objectType}
            {entry.objectId && <span className="muted object-id"> {entry.objectId}</span>}
          </>
        ) : (
          '—'
        )}
      </td>
      <td className="address">{entry.sourceAddress || '—'}</td>
      <td className="break details">{entry.details || '—'}</td>
    </tr>
  );
}

function Pager({ page, onOffset }: { page: AuditPageAnswer; onOffset(offset: number): void }) {
  const { offset, total, entries } = page;
  const hasPrevious = offset > 0;
  const hasNext = offset + entries.length < total;
  const shown =
    entries.length > 0
      ? `Showing ${offset + 1}–${offset + entries.length} of ${total}`
      : `No entries on this page; there are ${total} in all.`;
  return (
    <nav className="pager" aria-label="Audit log pages" data-testid="audit-pager">
      <button
        type="button"
        className="button button-quiet"
        aria-disabled={!hasPrevious || undefined}
        onClick={() => hasPrevious && onOffset(Math.max(0, offset - AUDIT_PAGE_SIZE))}
        data-testid="audit-previous"
      >
        Previous
      </button>
      <p aria-live="polite">{shown}</p>
      <button
        type="button"
        className="button button-quiet"
        aria-disabled={!hasNext || undefined}
        onClick={() => hasNext && onOffset(offset + AUDIT_PAGE_SIZE)}
        data-testid="audit-next"
      >
        Next
      </button>
    </nav>
  );
}

interface Verification {
  intact: boolean;
  entries: number;
  brokenAt: number | null;
  problem: string | null;
}

function asVerification(data: unknown): Verification | null {
  if (typeof data !== 'object' || data === null) return null;
  const v = data as Record<string, unknown>;
  if (typeof v.intact !== 'boolean') return null;
  return {
    intact: v.intact,
    entries: typeof v.entries === 'number' ? v.entries : 0,
    brokenAt: typeof v.brokenAt === 'number' ? v.brokenAt : null,
    problem: typeof v.problem === 'string' && v.problem ? v.problem.replace(/\.$/, '') : null,
  };
}

function verificationText(v: Verification): string {
  if (v.intact) return `Chain intact: ${countOf(v.entries, 'entry', 'entries')} verified.`;
  const where = v.brokenAt === null ? 'Chain broken' : `Chain broken at entry ${v.brokenAt}`;
  return `${where}${v.problem ? `: ${v.problem}` : ''}. Someone changed the audit log outside Sightline — investigate and restore from backup.`;
}

/** Export CSV and Verify chain, each with its result or error next to it. */
function AuditTools({ filters }: { filters: Filters }) {
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<{ ok: boolean; text: string } | null>(null);

  async function exportCsv() {
    if (exporting) return;
    setExporting(true);
    setExportError(null);
    const result = await apiDownload(`/api/audit?${auditQuery(filters, { format: 'csv' })}`, 'sightline-audit.csv', 'text/csv');
    setExporting(false);
    if (result.kind !== 'ok') setExportError(failureOf(result, 'Exporting the audit log').message);
  }

  async function verify() {
    if (verifying) return;
    setVerifying(true);
    setVerified(null);
    const result = await apiRequest<unknown>('GET', '/api/audit/verify');
    setVerifying(false);
    const v = result.kind === 'ok' ? asVerification(result.data) : null;
    if (v) setVerified({ ok: v.intact, text: verificationText(v) });
    else if (result.kind === 'ok')
      setVerified({ ok: false, text: 'The chain could not be verified: the server’s answer could not be understood.' });
    else setVerified({ ok: false, text: failureOf(result, 'Verifying the audit log').message });
  }

  return (
    <div className="audit-tools">
      <div className="button-row">
        <button
          type="button"
          className="button button-quiet"
          onClick={() => void exportCsv()}
          aria-disabled={exporting || undefined}
          aria-describedby={exportError ? 'audit-export-error' : undefined}
          data-testid="audit-export"
        >
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => void verify()}
          aria-disabled={verifying || undefined}
          data-testid="audit-verify"
        >
          {verifying ? 'Verifying…' : 'Verify chain'}
        </button>
      </div>
      {exportError && (
        <p id="audit-export-error" className="field-error" role="alert" data-testid="audit-export-error">
          {exportError}
        </p>
      )}
      <div role="status" data-testid="audit-verify-result">
        {verified && <p className={verified.ok ? 'form-message' : 'form-error'}>{verified.text}</p>}
      </div>
    </div>
  );
}

function AuditLog() {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => filtersOf(new URLSearchParams(search)), [search]);
  const offset = offsetOf(params);
  const url = `/api/audit?${auditQuery(filters, { offset: String(offset), limit: String(AUDIT_PAGE_SIZE) })}`;
  const log = useLoad(url, 'Reading the audit log', asAuditPage);

  function onApply(next: Filters) {
    const nextSearch = auditQuery(next);
    if (nextSearch === search) log.reload();
    else setParams(nextSearch);
  }

  function onOffset(next: number) {
    const copy = new URLSearchParams(params);
    if (next > 0) copy.set('offset', String(next));
    else copy.delete('offset');
    setParams(copy);
  }

  const failure = log.failure;
  const atField = failure !== null && isFilter(failure.field);
  const page = failure ? null : log.data;

  return (
    <>
      <FilterForm applied={filters} failure={failure} onApply={onApply} />
      <AuditTools filters={filters} />

      {failure && !atField && <FormError message={failure.message} />}
      {atField && <p className="muted">Correct the filter marked above to see the entries.</p>}
      {log.loading && (
        <p className="busy-text" role="status">
          Loading audit entries…
        </p>
      )}
      {page && page.total === 0 && !log.loading && (
        <div className="empty-state" data-testid="audit-empty">
          <p>
            {hasFilters(filters)
              ? 'No audit entries match these filters.'
              : 'Nothing recorded yet. Sign-ins, member changes and key rotations appear here.'}
          </p>
        </div>
      )}
      {page && page.entries.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="audit-caption" tabIndex={0}>
          <table className="table audit-table" data-testid="audit-table" aria-busy={log.loading || undefined}>
            <caption id="audit-caption" className="visually-hidden">
              Audit log entries, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Object</th>
                <th scope="col">
                  From<span className="visually-hidden"> address</span>
                </th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((e) => (
                <AuditRow key={e.sequence} entry={e} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && page.total > 0 && <Pager page={page} onOffset={onOffset} />}
    </>
  );
}

export function AuditPage() {
  const session = useSession();
  const org = session.organization;
  return (
    <section className="page page-wide" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/admin">Admin</Link>
      </p>
      <h1 id="page-title" data-testid="page-title">
        Audit log
      </h1>
      {canReadAudit(org.role) ? (
        <>
          <p>
            Who did what in {org.name}, newest first: sign-ins, account and member changes, key rotations and modules.
            Each entry is chained to the one before it by a hash, so Verify chain can tell whether anyone changed the
            log outside Sightline.
          </p>
          <AuditLog />
        </>
      ) : (
        <div className="form-notice" data-testid="audit-forbidden">
          Only Admins and Owners can read the audit log.
        </div>
      )}
    </section>
  );
}
