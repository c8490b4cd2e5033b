import { Fragment, useState, type ChangeEvent, type ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import { apiRequest, failureOf } from './api';
import { useAuth } from './auth';
import { useTheme } from './theme';
import { SECTIONS } from './pages/SectionPage';
import { asProfile, hasRole, roleLabel } from './session';

/** The active organization; a switcher when the user belongs to several. */
function OrgSwitcher() {
  const { session, updateProfile } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!session) return null;
  const { organization, organizations } = session;

  if (organizations.length < 2) {
    return (
      <p className="org-current" data-testid="org-name">
        <span className="visually-hidden">Organization: </span>
        {organization.name}
        <span className="role-badge">{roleLabel(organization.role)}</span>
      </p>
    );
  }

  async function onChange(event: ChangeEvent<HTMLSelectElement>) {
    const chosen = organizations.find((o) => String(o.id) === event.target.value);
    if (!chosen || busy || String(chosen.id) === String(organization.id)) return;
    setBusy(true);
    setError(null);
    const result = await apiRequest<unknown>('PUT', '/api/me/organization', { organizationId: chosen.id });
    setBusy(false);
    const profile = result.kind === 'ok' ? asProfile(result.data) : null;
    if (profile && result.kind === 'ok') {
      // Take a new token too, should the server hand one out with the new organization.
      updateProfile({ ...(result.data as object), ...profile });
    } else if (result.kind === 'ok') {
      setError('The organization could not be switched: the server’s answer could not be understood.');
    } else {
      setError(failureOf(result, 'Switching organizations').message);
    }
  }

  return (
    <div className="org-switcher">
      <label htmlFor="org-switcher">Organization</label>
      <select
        id="org-switcher"
        data-testid="org-switcher"
        value={String(organization.id)}
        onChange={onChange}
        aria-busy={busy || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'org-switcher-error' : undefined}
      >
        {organizations.map((o) => (
          <option key={String(o.id)} value={String(o.id)}>
            {o.name}
          </option>
        ))}
      </select>
      <span className="role-badge">{roleLabel(organization.role)}</span>
      {error && (
        <p id="org-switcher-error" className="field-error header-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function AppLayout({ children }: { children: ReactNode }) {
  const { session, signOut } = useAuth();
  const navigate = useNavigate();
  const [theme, toggleTheme] = useTheme();
  const nextTheme = theme === 'dark' ? 'light' : 'dark';

  function onSignOut() {
    signOut();
    navigate('/login', { replace: true });
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="header-start">
          <Link to="/" className="wordmark" aria-label="Sightline home">
            <span className="wordmark-mark" aria-hidden="true" />
            Sightline
          </Link>
          <OrgSwitcher />
        </div>
        <div className="header-actions">
          {session && (
            <Link to="/profile" className="profile-link" data-testid="profile-link">
              {session.user.displayName}
              <span className="visually-hidden"> (your profile)</span>
            </Link>
          )}
          <button
            type="button"
            className="button button-quiet"
            onClick={toggleTheme}
            data-testid="theme-toggle"
            aria-label={`Switch to ${nextTheme} theme`}
          >
            {nextTheme === 'dark' ? 'Dark theme' : 'Light theme'}
          </button>
          <button type="button" className="button button-quiet" onClick={onSignOut} data-testid="sign-out">
            Sign out
          </button>
        </div>
      </header>
      <nav className="app-nav" aria-label="Main" data-testid="main-nav">
        <ul>
          {SECTIONS.filter((s) => !s.least || (session && hasRole(session.organization.role, s.least))).map((s) => (
            <li key={s.path}>
              <NavLink to={`/${s.path}`}>{s.title}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
        {/* A new organization remounts the page, so it loads that organization's data. */}
        <Fragment key={session ? String(session.organization.id) : ''}>{children}</Fragment>
      </main>
    </div>
  );
}
