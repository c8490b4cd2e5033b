import { lazy, Suspense, type ReactNode } from 'react';
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
import { SchedulesPage } from './pages/SchedulesPage';
import { SchemaPage } from './pages/SchemaPage';
import { SECTIONS, SectionPage } from './pages/SectionPage';
import { SetupPage } from './pages/SetupPage';
import { SignupPage } from './pages/SignupPage';
import { ConfirmPage, UnlockPage } from './pages/TokenLinkPage';
import { lastEndReason } from './session';

// The query editor brings CodeMirror and TanStack Table, reports and dashboards bring ECharts and the
// grid: loaded when first opened, not with the app.
const QueriesPage = lazy(() => import('./pages/QueriesPage').then((m) => ({ default: m.QueriesPage })));
const ReportsPage = lazy(() => import('./pages/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const ReportEditorRoute = lazy(() => import('./pages/ReportsPage').then((m) => ({ default: m.ReportEditorRoute })));
const DashboardsPage = lazy(() => import('./pages/DashboardsPage').then((m) => ({ default: m.DashboardsPage })));
const DashboardRoute = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardRoute })));
// The alert editor brings CodeMirror too.
const AlertsPage = lazy(() => import('./pages/AlertsPage').then((m) => ({ default: m.AlertsPage })));
const AlertEditorRoute = lazy(() => import('./pages/AlertsPage').then((m) => ({ default: m.AlertEditorRoute })));

const LAZY_ROUTES = [
  { path: 'queries', title: 'Queries', what: 'the query editor', Page: QueriesPage },
  { path: 'reports', title: 'Reports', what: 'reports', Page: ReportsPage },
  { path: 'reports/new', title: 'New report', what: 'the report editor', Page: ReportEditorRoute },
  { path: 'reports/:id', title: 'Report', what: 'the report', Page: ReportEditorRoute },
  { path: 'dashboards', title: 'Dashboards', what: 'dashboards', Page: DashboardsPage },
  { path: 'dashboards/:id', title: 'Dashboard', what: 'the dashboard', Page: DashboardRoute },
  { path: 'alerts', title: 'Alerts', what: 'alerts', Page: AlertsPage },
  { path: 'alerts/new', title: 'New alert', what: 'the alert editor', Page: AlertEditorRoute },
  { path: 'alerts/:id', title: 'Alert', what: 'the alert', Page: AlertEditorRoute },
] as const;

/** A page loaded on first use; `title` and `what` fill the heading and the note while it loads. */
function Lazy({ title, what, children }: { title: string; what: string; children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <section className="page" aria-labelledby="page-title" aria-busy="true">
          <h1 id="page-title" data-testid="page-title">
            {title}
          </h1>
          <p className="busy-text">Loading {what}…</p>
        </section>
      }
    >
      {children}
    </Suspense>
  );
}

/** Sections with a page of their own; the others show SectionPage's teaching empty state. */
const OWN_PAGES: readonly string[] = ['admin', 'datasources', 'models', 'queries', 'reports', 'dashboards', 'alerts', 'schedules'];

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
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/confirm" element={<ConfirmPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/unlock" element={<UnlockPage />} />
      <Route path="/invitation" element={<InvitationPage />} />
      <Route element={<RequireAuth />}>
        {/* Home: the dashboards list, which opens the only dashboard when there is one (the demo after setup). */}
        <Route index element={<Navigate to="/dashboards?home" replace />} />
        {SECTIONS.filter((s) => !OWN_PAGES.includes(s.path)).map((s) => (
          <Route key={s.path} path={s.path} element={<SectionPage section={s} />} />
        ))}
        {LAZY_ROUTES.map(({ path, title, what, Page }) => (
          <Route
            key={path}
            path={path}
            element={
              <Lazy title={title} what={what}>
                <Page />
              </Lazy>
            }
          />
        ))}
        <Route path="datasources" element={<DataSourcesPage />} />
        <Route path="datasources/new" element={<DataSourceFormRoute />} />
        <Route path="datasources/:id" element={<DataSourceFormRoute />} />
        <Route path="datasources/:id/schema" element={<SchemaPage />} />
        <Route path="models" element={<ModelsPage />} />
        <Route path="models/new" element={<ModelFormPage />} />
        <Route path="models/:id" element={<ModelFormPage />} />
        <Route path="schedules" element={<SchedulesPage />} />
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
