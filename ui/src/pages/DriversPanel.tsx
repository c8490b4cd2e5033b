import { asDrivers } from '../datasources';
import { FormError } from '../forms';
import { useLoad } from '../useLoad';

/** The database drivers installed now (DS-2: they come and go with their modules). */
export function DriversPanel() {
  const drivers = useLoad('/api/drivers', 'Loading the database drivers', asDrivers);
  const list = drivers.data;
  return (
    <section className="panel" aria-labelledby="admin-drivers-title" data-testid="drivers-panel">
      <h2 id="admin-drivers-title">Database drivers</h2>
      <p>
        A driver lets Sightline connect to one kind of database. Drivers are modules that ops install or remove while the
        server runs, for example <code>feature:install sightline-driver-mariadb</code> in the Karaf console; a data source
        whose driver is removed stays, but cannot connect until it is back.
      </p>
      {drivers.failure && <FormError message={drivers.failure.message} />}
      {list === null && !drivers.failure && <p className="busy-text">Loading the drivers…</p>}
      {list !== null && list.length === 0 && (
        <p className="muted" data-testid="drivers-empty">
          No driver is installed, so no data source can connect. Ask ops to install one, for example{' '}
          <code>feature:install sightline-driver-postgresql</code>.
        </p>
      )}
      {list !== null && list.length > 0 && (
        <table className="table" data-testid="drivers-table" aria-busy={drivers.loading || undefined}>
          <caption className="visually-hidden">Installed database drivers</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Id</th>
              <th scope="col">Default port</th>
              <th scope="col">Options allowed</th>
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr key={d.id} data-testid="driver-row">
                <td>{d.displayName}</td>
                <td>
                  <code>{d.id}</code>
                </td>
                <td>{d.defaultPort ?? '—'}</td>
                <td>{Object.keys(d.options).length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="button-row">
        <button type="button" className="button button-quiet" onClick={drivers.reload} data-testid="drivers-reload">
          {drivers.loading && list !== null ? 'Checking…' : 'Check again'}
        </button>
      </div>
    </section>
  );
}
