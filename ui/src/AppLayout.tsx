import type { ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import { useAuth } from './auth';
import { useTheme } from './theme';
import { SECTIONS } from './pages/SectionPage';

export function AppLayout({ children }: { children: ReactNode }) {
  const { signOut } = useAuth();
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
        <Link to="/" className="wordmark" aria-label="Sightline home">
          <span className="wordmark-mark" aria-hidden="true" />
          Sightline
        </Link>
        <div className="header-actions">
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
          {SECTIONS.map((s) => (
            <li key={s.path}>
              <NavLink to={`/${s.path}`}>{s.title}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
