import { lazy, Suspense } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth';
import { AppLayout } from './AppLayout';
import { AdminPage } from './pages/AdminPage';
import { AuditPage } from './pages/AuditPage';
import { DataSourceFormRoute } from './pages/DataSourceFormPage';
import { DataSourcesPage } from './pages/DataSourcesPage';
import { InvitationPage } from './pages/InvitationPage';
import { LoginPage, type LoginState } from './pages/LoginPage';
import { MembersPage } from './pages/MembersPage';
import { ModelFormPage } from './pages/ModelFormPage';
import { ModelsPage } from './pages/ModelsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/PasswordResetPages';
import { ProfilePage } from './pages/ProfilePage';
import { SchemaPage } from './pages/SchemaPage';
import { SECTIONS, SectionPage } from './pages/SectionPage';
import { SignupPage } from './pages/SignupPage';
import { ConfirmPage, UnlockPage } from './pages/TokenLinkPage';
import { lastEndReason } from './session';

// The query editor brings CodeMirror and TanStack Table: loaded when first opened, not with the app.
const QueriesPage = lazy(() => import('./pages/QueriesPage').then((m) => ({ default: m.QueriesPage })));

function QueriesRoute() {
  return (
    <Suspense
      fallback={
        <section className="page" aria-labelledby="page-title" aria-busy="true">
          <h1 id="page-title" data-testid="page-title">
            Queries
          </h1>
          <p className="busy-text">Loading the query editor…</p>
        </section>
      }
    >
      <QueriesPage />
    </Suspense>
  );
}

/** Sections with a page of their own; the others show SectionPage's teaching empty state. */
const OWN_PAGES: readonly string[] = ['admin', 'datasources', 'models', 'queries'];

/** Everything under the layout needs a session; without one, go to /login and come back after. */
function RequireAuth() {
  const { token } = useAuth();
  const location = useLocation();
  if (!token) {
    const state: LoginState = {
      from: location.pathname + location.search + location.hash,
      expired: lastEndReason() === 'expired',
    };
    return <Navigate to="/login" replace state={state} />;
  }
  return (
    <AppLayout>
      <Outlet />
    </AppLayout>
  );
}

/** Unknown paths: inside the layout when signed in, on their own otherwise. */
function NotFoundRoute() {
  const { token } = useAuth();
  if (!token) {
    return (
      <main id="main" className="standalone">
        <NotFoundPage />
      </main>
    );
  }
  return (
    <AppLayout>
      <NotFoundPage />
    </AppLayout>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* Public pages; the emailed links work signed in too (an email change is confirmed that way). */}
      <Route path="/signup" element={<SignupPage />} />
      <Route path="/confirm" element={<ConfirmPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/unlock" element={<UnlockPage />} />
      <Route path="/invitation" element={<InvitationPage />} />
      <Route element={<RequireAuth />}>
        <Route index element={<Navigate to="/dashboards" replace />} />
        {SECTIONS.filter((s) => !OWN_PAGES.includes(s.path)).map((s) => (
          <Route key={s.path} path={s.path} element={<SectionPage section={s} />} />
        ))}
        <Route path="queries" element={<QueriesRoute />} />
        <Route path="datasources" element={<DataSourcesPage />} />
        <Route path="datasources/new" element={<DataSourceFormRoute />} />
        <Route path="datasources/:id" element={<DataSourceFormRoute />} />
        <Route path="datasources/:id/schema" element={<SchemaPage />} />
        <Route path="models" element={<ModelsPage />} />
        <Route path="models/new" element={<ModelFormPage />} />
        <Route path="models/:id" element={<ModelFormPage />} />
        <Route path="admin" element={<AdminPage />} />
        <Route path="admin/members" element={<MembersPage />} />
        <Route path="admin/audit" element={<AuditPage />} />
        <Route path="profile" element={<ProfilePage />} />
      </Route>
      <Route path="*" element={<NotFoundRoute />} />
    </Routes>
  );
}

export function App() {
  return (
    <AuthProvider>
      <AppRoutes />
    </AuthProvider>
  );
}
