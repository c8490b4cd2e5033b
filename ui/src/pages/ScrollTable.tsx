import type { ReactNode } from 'react';
import type { Failure } from '../api';
import { FormError } from '../forms';

interface ScrollTableProps {
  /** Prefix of the caption's id, which names the scrolling region. */
  id: string;
  /** Read by screen readers only: what the table lists. */
  caption: ReactNode;
  className?: string;
  testId?: string;
  busy?: boolean;
  children: ReactNode;
}

/** A table that scrolls sideways in its own focusable region instead of widening the page. */
export function ScrollTable({ id, caption, className, testId, busy, children }: ScrollTableProps) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className={className ? `table ${className}` : 'table'} data-testid={testId} aria-busy={busy || undefined}>
        <caption id={`${id}-caption`} className="visually-hidden">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

/** Why a list could not be loaded, or that it is loading (`what`: "alerts"). */
export function LoadNotes({ load, what }: { load: { data: unknown; failure: Failure | null }; what: string }) {
  if (load.failure) return <FormError message={load.failure.message} />;
  return load.data === null ? <p className="busy-text">Loading {what}…</p> : null;
}
