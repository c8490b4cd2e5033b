import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth';
import { AppLayout } from './AppLayout';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SECTIONS, SectionPage } from './pages/SectionPage';

/** Everything under the layout needs a token; without one, go to /login. */
function RequireAuth() {
  const { token } = useAuth();
  const location = useLocation();
  if (!token) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
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
      <Route element={<RequireAuth />}>
        <Route index element={<Navigate to="/dashboards" replace />} />
        {SECTIONS.map((s) => (
          <Route key={s.path} path={s.path} element={<SectionPage section={s} />} />
        ))}
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
