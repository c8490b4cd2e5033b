import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { failureOf, postJson } from '../api';
import { useAuth } from '../auth';
import { emailError, focusById, TextField, useFormErrors } from '../forms';
import { asSession } from '../session';
import { SetupNotice } from '../setup';
import { PublicPage } from './PublicPage';

type Field = 'email' | 'password';

export { unavailableMessage } from '../api';

export function validate(email: string, password: string): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  const e = emailError(email);
  if (e) errors.email = e;
  if (!password) errors.password = 'Enter your password.';
  return errors;
}

/** Where RequireAuth sent us from; only paths inside this app. */
export interface LoginState {
  from?: string;
  expired?: boolean;
}

function returnPath(state: unknown): string {
  const from = (state as LoginState | null)?.from;
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/login')) return '/';
  return from;
}

export function LoginPage() {
  const { token, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { fieldErrors, setFieldErrors, formError, setFormError, clearField } = useFormErrors<Field>();
  const [busy, setBusy] = useState(false);
  const target = returnPath(location.state);
  const expired = (location.state as LoginState | null)?.expired === true;

  if (token) return <Navigate to={target} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const trimmedEmail = email.trim();
    const errors = validate(trimmedEmail, password);
    setFieldErrors(errors);
    setFormError(null);
    if (errors.email || errors.password) {
      focusById(errors.email ? 'login-email' : 'login-password');
      return;
    }

    setBusy(true);
    const result = await postJson<unknown>('/api/auth/login', { email: trimmedEmail, password });
    setBusy(false);

    if (result.kind === 'ok') {
      const session = asSession(result.data);
      if (session) {
        signIn(session);
        navigate(target, { replace: true });
      } else {
        setFormError(
          'Sign-in is not available right now: the server’s answer could not be understood. Try again later or ask your administrator.',
        );
      }
      return;
    }
    const { field, message } = failureOf(result, 'Sign-in');
    if (field === 'email' || field === 'password') {
      setFieldErrors({ [field]: message });
      focusById(`login-${field}`);
    } else {
      setFormError(message);
    }
  }

  return (
    <PublicPage title="Sign in to Sightline">
      <SetupNotice />
      {expired && !formError && (
        <p className="form-notice" role="status" data-testid="session-ended">
          Your session has ended. Sign in again to continue where you left off.
        </p>
      )}
      <form
        data-testid="login-form"
        noValidate
        onSubmit={onSubmit}
        aria-labelledby="page-title"
        aria-busy={busy || undefined}
      >
        {formError && (
          <div className="form-error" role="alert" data-testid="login-error">
            <span data-testid="form-error">{formError}</span>
          </div>
        )}
        <TextField
          id="login-email"
          testId="login-email"
          label="Email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="username"
          required
          value={email}
          onValue={(v) => {
            setEmail(v);
            clearField('email');
          }}
          error={fieldErrors.email}
        />
        <TextField
          id="login-password"
          testId="login-password"
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onValue={(v) => {
            setPassword(v);
            clearField('password');
          }}
          error={fieldErrors.password}
        />
        <button
          type="submit"
          className="button button-primary button-block"
          aria-disabled={busy || undefined}
          data-testid="login-submit"
        >
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="form-links">
        <Link to="/forgot-password" data-testid="forgot-link">
          Forgot your password?
        </Link>
        <Link to="/signup" data-testid="signup-link">
          Create an account
        </Link>
      </p>
    </PublicPage>
  );
}
