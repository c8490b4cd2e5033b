import { Link } from 'react-router-dom';
import { formatDateTime } from '../forms';
import { formatDuration } from '../queries';
import { KIND_LABELS, OUTCOME_LABELS, STATE_BADGES, targetHref, type Run, type RunOutcome } from '../schedules';
import { ScrollTable } from './ScrollTable';

/** A run's outcome as a badge: a word and a colour, so it reads without colour too. */
export function OutcomeBadge({ outcome }: { outcome: RunOutcome | null }) {
  if (outcome === null) return <span className="muted">—</span>;
  return (
    <span className={STATE_BADGES[outcome]} data-testid="run-outcome">
      {OUTCOME_LABELS[outcome]}
    </span>
  );
}

interface RunsTableProps {
  runs: readonly Run[];
  caption: string;
  /** Test id of each row. */
  rowTestId: string;
  /** Adds the kind and target columns (the organization's history, not one schedule's). */
  showTarget?: boolean;
}

/** Runs, newest first, as the API lists them: when, outcome, how long and what it said. */
export function RunsTable({ runs, caption, rowTestId, showTarget = false }: RunsTableProps) {
  return (
    <ScrollTable id={rowTestId} caption={caption} className="runs-table">
      <thead>
        <tr>
          <th scope="col">Started</th>
          {showTarget && <th scope="col">Kind</th>}
          {showTarget && <th scope="col">Target</th>}
          <th scope="col">Outcome</th>
          <th scope="col">Duration</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => {
          const href = targetHref(r.kind, r.targetId);
          return (
            <tr key={r.id} data-testid={rowTestId}>
              <td className="nowrap">{formatDateTime(r.startedAt)}</td>
              {showTarget && <td className="nowrap">{r.kind ? KIND_LABELS[r.kind] : '—'}</td>}
              {showTarget && <td className="break">{href ? <Link to={href}>{r.targetName || r.targetId}</Link> : r.targetName || '—'}</td>}
              <td>
                <OutcomeBadge outcome={r.outcome} />
              </td>
              <td className="nowrap numeric">{r.durationMs === null ? '—' : formatDuration(r.durationMs)}</td>
              <td className="break">{r.message || <span className="muted">—</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}
