import { Link } from 'react-router-dom';
import { useSession } from '../auth';
import { FormError, formatDateTime } from '../forms';
import { asModels, modelPath } from '../models';
import { canManageDataSources } from '../session';
import { useLoad } from '../useLoad';
import { SECTIONS } from './SectionPage';

const SECTION = SECTIONS.find((s) => s.path === 'models')!;

const ACCESS_LABELS = { OWNER: 'Yours', EDIT: 'Shared: edit', READ: 'Shared: read' } as const;

/** The caller's semantic models and those shared with them. */
export function ModelsPage() {
  const session = useSession();
  const manage = canManageDataSources(session.organization.role);
  const list = useLoad(modelPath(), 'Loading models', asModels);
  const items = list.data ?? [];
  return (
    <section className="page page-wide" aria-labelledby="page-title">
      <h1 id="page-title" data-testid="page-title">
        {SECTION.title}
      </h1>
      <p>{SECTION.purpose}</p>
      {manage ? (
        <p>
          <Link to="/models/new" className="button button-primary" data-testid="model-add">
            Add model
          </Link>
        </p>
      ) : (
        <p className="muted" data-testid="models-readonly">
          Only Admins and Owners write models. You see the models that are shared with you.
        </p>
      )}
      {list.failure && <FormError message={list.failure.message} />}
      {list.data === null && !list.failure && <p className="busy-text">Loading models…</p>}
      {items.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="models-caption" tabIndex={0}>
          <table className="table" data-testid="models-table" aria-busy={list.loading || undefined}>
            <caption id="models-caption" className="visually-hidden">
              Semantic models
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Fields</th>
                <th scope="col">Access</th>
                <th scope="col">Changed</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id} data-testid="model-row">
                  <th scope="row" className="break">
                    <Link to={`/models/${encodeURIComponent(m.id)}`}>{m.name}</Link>
                    {m.description && <span className="muted sub-line">{m.description}</span>}
                  </th>
                  <td>
                    {m.definition.dimensions.length} dimensions, {m.definition.metrics.length} metrics
                  </td>
                  <td>{ACCESS_LABELS[m.access]}</td>
                  <td>{formatDateTime(m.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data !== null && items.length === 0 && (
        <div className="empty-state" data-testid="empty-state">
          {manage ? (
            <p>
              <strong>No models yet.</strong> Choose <Link to="/models/new">Add model</Link>, pick the data source, its
              tables and how they join, then the dimensions to group by and the metrics to compute.
            </p>
          ) : (
            <p>
              <strong>No model is shared with you yet.</strong> An Admin or Owner of {session.organization.name} writes
              models and shares them with you.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
