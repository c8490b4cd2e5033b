import { Link } from 'react-router-dom';
import { useSession } from '../auth';
import { canManageMembers } from '../session';
import { SECTIONS } from './SectionPage';

const ADMIN = SECTIONS.find((s) => s.path === 'admin')!;

export function AdminPage() {
  const session = useSession();
  const manage = canManageMembers(session.organization.role);
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
    </section>
  );
}
