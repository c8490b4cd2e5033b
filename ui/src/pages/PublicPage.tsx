import type { ReactNode } from 'react';

/** The card layout of the pages people see before signing in (login, sign-up, emailed links). */
export function PublicPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main" className="login-page">
      <div className="login-card">
        <p className="wordmark wordmark-large" aria-hidden="true">
          <span className="wordmark-mark" />
          Sightline
        </p>
        <h1 id="page-title" data-testid="page-title">
          {title}
        </h1>
        {children}
      </div>
    </main>
  );
}
