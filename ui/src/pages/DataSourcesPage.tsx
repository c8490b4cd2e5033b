import { Link } from 'react-router-dom';
import { useSession } from '../auth';
import {
  asDataSources,
  asOutboundAddresses,
  connectionText,
  dsPath,
  EMBEDDED_TEXT,
  isEmbedded,
  OPERATOR_DEFINED_LABEL,
  OPERATOR_DEFINED_NOTE,
  type DataSource,
} from '../datasources';
import { FormError } from '../forms';
import { canManageDataSources } from '../session';
import { useHandoffMessage } from '../useHandoff';
import { useLoad } from '../useLoad';
import { SECTIONS } from './SectionPage';

const SECTION = SECTIONS.find((s) => s.path === 'datasources')!;

const DATABASES = 'PostgreSQL, MariaDB/MySQL, Derby or H2';

export function editPath(ds: Pick<DataSource, 'id'>): string {
  return `/datasources/${encodeURIComponent(ds.id)}`;
}

export function schemaPath(ds: Pick<DataSource, 'id'>): string {
  return `${editPath(ds)}/schema`;
}

/**
 * "Defined by ops" and what that means: a tooltip for the mouse, and words for screen readers
 * (left out where `noteShown`: the page says it next to the badge anyway).
 */
export function OperatorDefinedBadge({ noteShown = false }: { noteShown?: boolean }) {
  return (
    <span className="badge badge-view" data-testid="ds-operator-defined" title={OPERATOR_DEFINED_NOTE}>
      {OPERATOR_DEFINED_LABEL}
      {!noteShown && <span className="visually-hidden">: {OPERATOR_DEFINED_NOTE}</span>}
    </span>
  );
}

function DataSourceRow({ ds, manage }: { ds: DataSource; manage: boolean }) {
  const canWrite = ds.writeAccess?.canWrite === true;
  return (
    <tr data-testid="datasource-row">
      <th scope="row" className="break">
        <Link to={manage ? editPath(ds) : schemaPath(ds)}>{ds.name}</Link>
        {ds.operatorDefined && <OperatorDefinedBadge />}
      </th>
      <td>
        {ds.driverName}
        {!ds.driverAvailable && (
          <span className="badge badge-error" data-testid="driver-missing">
            Driver not installed
          </span>
        )}
      </td>
      <td className="break">
        {isEmbedded(ds) ? (
          <>
            <span data-testid="ds-embedded">{EMBEDDED_TEXT}</span>
            {ds.database && (
              <span className="muted sub-line">
                database <code>{ds.database}</code>
              </span>
            )}
          </>
        ) : (
          <code>{connectionText(ds)}</code>
        )}
        {ds.ssh && <span className="muted sub-line">through SSH at {ds.ssh.host}</span>}
      </td>
      <td>
        {ds.readOnlyEnforced && (
          <span className="badge" data-testid="read-only-badge">
            Read-only
          </span>
        )}
        {canWrite && (
          <span className="badge badge-warning" data-testid="write-warning">
            <span aria-hidden="true">⚠ </span>User can write
          </span>
        )}
        {canWrite && ds.writeAccess?.detail && <span className="muted sub-line">{ds.writeAccess.detail}</span>}
        {!ds.readOnlyEnforced && !canWrite && <span className="muted">—</span>}
      </td>
      <td className="actions">
        <span className="row-links">
          <Link to={schemaPath(ds)} aria-label={`Schema of ${ds.name}`}>
            Schema
          </Link>
          {/* Ops' data sources cannot be changed: their page shows them, with Test and Delete. */}
          {manage && ds.operatorDefined && (
            <Link to={editPath(ds)} aria-label={`Details of ${ds.name}`}>
              Details
            </Link>
          )}
          {manage && !ds.operatorDefined && (
            <Link to={editPath(ds)} aria-label={`Edit ${ds.name}`}>
              Edit
            </Link>
          )}
        </span>
      </td>
    </tr>
  );
}

/** DS-8: the addresses Sightline connects from, for the database's firewall. */
function OutboundPanel() {
  const out = useLoad(dsPath(undefined, '/outbound-addresses'), 'Reading Sightline’s addresses', asOutboundAddresses);
  return (
    <section className="panel" aria-labelledby="outbound-title" data-testid="outbound-panel">
      <h2 id="outbound-title">Connections come from</h2>
      <p>
        Sightline connects to your databases, and to SSH servers, from the addresses below. If a firewall guards the
        database, allow them in.
      </p>
      {out.failure && <FormError message={out.failure.message} />}
      {out.data === null && !out.failure && <p className="busy-text">Loading the addresses…</p>}
      {out.data !== null && out.data.addresses.length > 0 && (
        <ul className="address-list">
          {out.data.addresses.map((a) => (
            <li key={a}>
              <code data-testid="outbound-address">{a}</code>
            </li>
          ))}
        </ul>
      )}
      {out.data !== null && out.data.addresses.length === 0 && (
        <p className="muted">Sightline could not tell which addresses it connects from. Ask ops, who run the server.</p>
      )}
      {out.data?.note && <p className="muted">{out.data.note}</p>}
    </section>
  );
}

export function DataSourcesPage() {
  const session = useSession();
  const org = session.organization;
  const manage = canManageDataSources(org.role);
  const list = useLoad(dsPath(), 'Loading data sources', asDataSources);
  // What the page before said (a data source deleted), shown once.
  const status = useHandoffMessage();
  const items = list.data ?? [];

  return (
    <section className="page page-wide" aria-labelledby="page-title">
      <h1 id="page-title" data-testid="page-title">
        {SECTION.title}
      </h1>
      <p>{SECTION.purpose}</p>
      {manage ? (
        <p>
          <Link to="/datasources/new" className="button button-primary" data-testid="datasource-add">
            Add data source
          </Link>
        </p>
      ) : (
        <p className="muted" data-testid="datasources-readonly">
          Only Admins and Owners can add or change data sources. You can browse their tables and columns.
        </p>
      )}
      <p role="status" className="status-line" data-testid="form-message">
        {status}
      </p>

      {list.failure && <FormError message={list.failure.message} />}
      {list.data === null && !list.failure && <p className="busy-text">Loading data sources…</p>}
      {items.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="datasources-caption" tabIndex={0}>
          <table className="table datasources-table" data-testid="datasources-table" aria-busy={list.loading || undefined}>
            <caption id="datasources-caption" className="visually-hidden">
              Data sources of {org.name}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Driver</th>
                <th scope="col">Connection</th>
                <th scope="col">Safety</th>
                <th scope="col">
                  <span className="visually-hidden">Links</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((ds) => (
                <DataSourceRow key={ds.id} ds={ds} manage={manage} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data !== null && items.length === 0 && (
        <div className="empty-state" data-testid="empty-state">
          {manage ? (
            <>
              <p>{SECTION.firstStep}</p>
              <p>Use a database user that can only read: Sightline runs every query read-only, and such a user is the safer lock.</p>
            </>
          ) : (
            <>
              <p>No data source is connected yet.</p>
              <p>
                An Admin or Owner of {org.name} connects your {DATABASES} database here; then you can browse its tables
                and write queries against it.
              </p>
            </>
          )}
        </div>
      )}

      {manage && <OutboundPanel />}
    </section>
  );
}
