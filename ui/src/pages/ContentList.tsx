import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Failure } from '../api';
import { formatDate, FormError } from '../forms';
import { ACCESS_LABELS, type Access } from '../reports';

export interface ContentItem {
  id: string;
  name: string;
  href: string;
  detail: string;
  access: Access;
  updatedAt: string | null;
}

interface ContentListProps {
  /** "report", "dashboard": used in labels and test ids. */
  noun: string;
  items: ContentItem[] | null;
  failure: string | null;
  /** What an empty list says: how to add the first one (U-5). */
  empty: ReactNode;
  detailHeader: string;
}

/** A searchable table of the caller's own and shared reports or dashboards. */
export function ContentList({ noun, items, failure, empty, detailHeader }: ContentListProps) {
  const [q, setQ] = useState('');
  if (failure) return <FormError message={failure} />;
  if (items === null) return <p className="busy-text">Loading {noun}s…</p>;
  if (items.length === 0) {
    return (
      <div className="empty-state" data-testid="empty-state">
        {empty}
      </div>
    );
  }
  const needle = q.trim().toLowerCase();
  const shown = needle ? items.filter((i) => i.name.toLowerCase().includes(needle)) : items;
  return (
    <>
      <div className="field content-search">
        <label htmlFor={`${noun}-search`}>Search {noun}s by name</label>
        <input id={`${noun}-search`} type="search" value={q} onChange={(e) => setQ(e.target.value)} data-testid={`${noun}-search`} />
      </div>
      <div className="table-scroll">
        <table className="table" data-testid={`${noun}-list`}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">{detailHeader}</th>
              <th scope="col">Your access</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={i.id} data-testid={`${noun}-row`}>
                <td>
                  <Link to={i.href}>{i.name}</Link>
                </td>
                <td>{i.detail}</td>
                <td>{ACCESS_LABELS[i.access]}</td>
                <td>{formatDate(i.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && <p className="muted">No {noun} matches “{q}”.</p>}
    </>
  );
}

/**
 * A report, dashboard or alert page while its item loads, or why it could not be loaded;
 * `missing` says what a 404 means (by default: not there, or not shared with the reader).
 */
export function ItemLoading({
  noun,
  listPath,
  listTitle,
  failure,
  missing = `This ${noun} does not exist, or it is not shared with you.`,
}: {
  noun: string;
  listPath: string;
  listTitle: string;
  failure: Failure | null;
  missing?: string;
}) {
  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to={listPath}>{listTitle}</Link>
      </p>
      <h1 id="page-title" data-testid="page-title">
        {noun.charAt(0).toUpperCase() + noun.slice(1)}
      </h1>
      {failure ? (
        <FormError message={failure.code === 'not_found' ? missing : failure.message} />
      ) : (
        <p className="busy-text">Loading the {noun}…</p>
      )}
    </section>
  );
}
