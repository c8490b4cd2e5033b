import { Link } from 'react-router-dom';
import { useSession } from '../auth';
import { canManageDataSources, canManageKeys, canManageMembers, canReadAudit } from '../session';
import { DriversPanel } from './DriversPanel';
import { MailPanel } from './MailPanel';
import { SECTIONS } from './SectionPage';
import { VaultPanel } from './VaultPanel';

const ADMIN = SECTIONS.find((s) => s.path === 'admin')!;

export function AdminPage() {
  const session = useSession();
  const role = session.organization.role;
  const manage = canManageMembers(role);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" data-testid="page-title">
        {ADMIN.title}
      </h1>
      <p>{ADMIN.purpose}</p>
      <section className="panel" aria-labelledby="admin-members-title" data-testid="admin-members">
        <h2 id="admin-members-title">Members</h2>
        <p>
          {manage
            ? `Invite colleagues to ${session.organization.name} by email, change their roles, or remove them.`
            : `See who belongs to ${session.organization.name} and which role each person has.`}
        </p>
        <p>
          <Link to="/admin/members" data-testid="members-link">
            {manage ? 'Manage members' : 'See members'}
          </Link>
        </p>
      </section>
      {canReadAudit(role) && (
        <section className="panel" aria-labelledby="admin-audit-title" data-testid="admin-audit">
          <h2 id="admin-audit-title">Audit log</h2>
          <p>
            See who signed in, changed members or roles, rotated keys or installed modules in{' '}
            {session.organization.name}, export it as CSV, and check that nobody altered it.
          </p>
          <p>
            <Link to="/admin/audit" data-testid="audit-link">
              Open the audit log
            </Link>
          </p>
        </section>
      )}
      {canManageDataSources(role) && <MailPanel />}
      {canManageDataSources(role) && <DriversPanel />}
      {canManageKeys(role) && <VaultPanel />}
    </section>
  );
}
