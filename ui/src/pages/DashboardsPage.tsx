import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { apiRequest, failureOf } from '../api';
import { useSession } from '../auth';
import { countOf, TextField } from '../forms';
import { asDashboard, asDashboards, dashboardPath } from '../reports';
import { hasRole } from '../session';
import { useLoad } from '../useLoad';
import { ContentList } from './ContentList';
import { ImportDialog } from './ImportDialog';

/**
 * /dashboards: own and shared dashboards, a new one, and import. Reached from the home page
 * (`?home`), it opens the only dashboard there is, e.g. the demo dashboard after setup (SPEC U-5).
 */
export function DashboardsPage() {
  const session = useSession();
  const member = hasRole(session.organization.role, 'MEMBER');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const home = params.has('home');
  const list = useLoad(dashboardPath(), 'Loading dashboards', asDashboards);
  const only = home && list.data?.length === 1 ? list.data[0].id : null;
  useEffect(() => {
    if (only) navigate(`/dashboards/${encodeURIComponent(only)}`, { replace: true });
  }, [only, navigate]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);

  async function create(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setError('Give the dashboard a name.');
      return;
    }
    setBusy(true);
    setError(null);
    const answer = await apiRequest<unknown>('POST', dashboardPath(), {
      name: name.trim(),
      description: '',
      filters: [],
      tiles: [],
      autoRefreshSeconds: 0,
    });
    setBusy(false);
    const created = answer.kind === 'ok' ? asDashboard(answer.data) : null;
    if (created) navigate(`/dashboards/${encodeURIComponent(created.id)}`);
    else setError(answer.kind === 'ok' ? 'The server’s answer could not be understood.' : failureOf(answer, 'Creating dashboards').message);
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title" data-testid="page-title">
          Dashboards
        </h1>
        {member && (
          <button type="button" className="button button-quiet" onClick={() => setImporting(true)} data-testid="dashboard-import">
            Import
          </button>
        )}
      </div>
      <p>A dashboard puts the charts and tables of several reports on one page, with filters that feed them all.</p>
      {member && (
        <form className="inline-form" onSubmit={(e) => void create(e)} noValidate data-testid="dashboard-create">
          <TextField id="dashboard-name" label="New dashboard" value={name} onValue={setName} error={error ?? undefined} placeholder="Name, e.g. Sales overview" testId="dashboard-name" />
          <button type="submit" className="button button-primary" aria-disabled={busy || undefined} data-testid="dashboard-create-submit">
            {busy ? 'Creating…' : 'Create'}
          </button>
        </form>
      )}
      <ContentList
        noun="dashboard"
        detailHeader="Tiles"
        failure={list.failure?.message ?? null}
        items={
          list.data?.map((d) => ({
            id: d.id,
            name: d.name,
            href: `/dashboards/${encodeURIComponent(d.id)}`,
            detail: countOf(d.tiles.length, 'tile'),
            access: d.access,
            updatedAt: d.updatedAt,
          })) ?? null
        }
        empty={
          member ? (
            <>
              <p>
                <strong>No dashboards yet.</strong> Save a report first on the <Link to="/reports/new">Reports</Link> page;
                then create a dashboard above, choose Edit, and add the report as a tile.
              </p>
              <p>Or import a dashboard that someone exported from another Sightline.</p>
            </>
          ) : (
            <>
              <p>
                <strong>No dashboard is shared with you yet.</strong>
              </p>
              <p>Ask a colleague with the Member role to share one with you or with everyone in the organization.</p>
            </>
          )
        }
      />
      {importing && <ImportDialog onClose={() => setImporting(false)} onImported={() => list.reload()} />}
    </section>
  );
}
