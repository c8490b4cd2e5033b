import { useRef, useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { postJson } from '../api';
import { useAuth } from '../auth';

type Field = 'email' | 'password';
type FieldErrors = Partial<Record<Field, string>>;

interface LoginAnswer {
  accessToken?: unknown;
}

// Lenient on purpose: self-hosted installs have addresses like admin@localhost.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*$/;

// Answers that mean "no sign-in service here", whatever body came with them.
const UNAVAILABLE_STATUSES = new Set([404, 405, 501, 502, 503, 504]);

export function validate(email: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!email) errors.email = 'Enter your email address.';
  else if (!EMAIL_SHAPE.test(email)) errors.email = 'Enter an email address in the form name@example.com.';
  if (!password) errors.password = 'Enter your password.';
  return errors;
}

export function unavailableMessage(status: number | null): string {
  const what = status === null ? 'the server could not be reached' : `the server answered ${status}`;
  return `Sign-in is not available right now: ${what}. Try again later or ask your administrator.`;
}

export function LoginPage() {
  const { token, signIn } = useAuth();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  if (token) return <Navigate to="/" replace />;

  function focusField(field: Field | undefined) {
    if (field === 'email') emailRef.current?.focus();
    else if (field === 'password') passwordRef.current?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const trimmedEmail = email.trim();
    const errors = validate(trimmedEmail, password);
    setFieldErrors(errors);
    setFormError(null);
    if (errors.email || errors.password) {
      focusField(errors.email ? 'email' : 'password');
      return;
    }

    setBusy(true);
    const result = await postJson<LoginAnswer>('/api/auth/login', { email: trimmedEmail, password });
    setBusy(false);

    if (result.kind === 'ok') {
      if (typeof result.data?.accessToken === 'string' && result.data.accessToken) {
        signIn(result.data.accessToken);
        navigate('/', { replace: true });
      } else {
        setFormError(
          'Sign-in is not available right now: the server’s answer could not be understood. Try again later or ask your administrator.',
        );
      }
      return;
    }
    if (result.kind === 'unavailable' || UNAVAILABLE_STATUSES.has(result.status)) {
      setFormError(unavailableMessage(result.status));
      return;
    }
    const { field, message } = result.error;
    if (field === 'email' || field === 'password') {
      setFieldErrors({ [field]: message });
      focusField(field);
    } else {
      setFormError(message);
    }
  }

  function describedBy(field: Field): string | undefined {
    return fieldErrors[field] ? `login-${field}-error` : undefined;
  }

  return (
    <main id="main" className="login-page">
      <div className="login-card">
        <p className="wordmark wordmark-large" aria-hidden="true">
          <span className="wordmark-mark" />
          Sightline
        </p>
        <h1 id="page-title" data-testid="page-title">
          Sign in to Sightline
        </h1>
        <form
          data-testid="login-form"
          noValidate
          onSubmit={onSubmit}
          aria-labelledby="page-title"
          aria-busy={busy || undefined}
        >
          {formError && (
            <div className="form-error" role="alert" data-testid="login-error">
              {formError}
            </div>
          )}
          <div className="field">
            <label htmlFor="login-email">Email</label>
            <input
              ref={emailRef}
              id="login-email"
              name="email"
              type="email"
              inputMode="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => {
                setEmail(e.target.value);
                if (fieldErrors.email) setFieldErrors((f) => ({ ...f, email: undefined }));
              }}
              aria-invalid={fieldErrors.email ? true : undefined}
              aria-describedby={describedBy('email')}
              data-testid="login-email"
            />
            {fieldErrors.email && (
              <p id="login-email-error" className="field-error" data-testid="login-email-error">
                {fieldErrors.email}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="login-password">Password</label>
            <input
              ref={passwordRef}
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                if (fieldErrors.password) setFieldErrors((f) => ({ ...f, password: undefined }));
              }}
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={describedBy('password')}
              data-testid="login-password"
            />
            {fieldErrors.password && (
              <p id="login-password-error" className="field-error" data-testid="login-password-error">
                {fieldErrors.password}
              </p>
            )}
          </div>
          <button
            type="submit"
            className="button button-primary button-block"
            aria-disabled={busy || undefined}
            data-testid="login-submit"
          >
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
