import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { failureOf, messageOf, postJson } from '../api';
import {
  emailError,
  focusById,
  FormError,
  FormMessage,
  newPasswordError,
  passwordHint,
  repeatError,
  SubmitButton,
  TextField,
  useFormErrors,
} from '../forms';
import { PublicPage } from './PublicPage';
import { INCOMPLETE_LINK } from './TokenLinkPage';

/** /forgot-password: asks for a reset link. The answer is the same whether or not the email is known. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const { fieldErrors, setFieldErrors, formError, setFormError, clearField } = useFormErrors<'email'>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const trimmed = email.trim();
    const error = emailError(trimmed);
    setFieldErrors({ email: error });
    setFormError(null);
    if (error) {
      focusById('forgot-email');
      return;
    }
    setBusy(true);
    const result = await postJson<unknown>('/api/auth/password-reset', { email: trimmed });
    setBusy(false);
    if (result.kind === 'ok') {
      setDone(
        messageOf(result.data, 'If an account uses this address, we have sent it a link to choose a new password.'),
      );
      return;
    }
    const { field, message } = failureOf(result, 'Password reset');
    if (field === 'email') {
      setFieldErrors({ email: message });
      focusById('forgot-email');
    } else setFormError(message);
  }

  return (
    <PublicPage title="Reset your password">
      {done ? (
        <FormMessage message={done}>
          <p>The link is valid for a short time only. If nothing arrives, check your spam folder or try again.</p>
        </FormMessage>
      ) : (
        <form
          data-testid="forgot-form"
          noValidate
          onSubmit={onSubmit}
          aria-labelledby="page-title"
          aria-busy={busy || undefined}
        >
          <p>Enter the email address you sign in with. We will send you a link to choose a new password.</p>
          {formError && <FormError message={formError} />}
          <TextField
            id="forgot-email"
            testId="forgot-email"
            label="Email"
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
          <SubmitButton busy={busy} label="Send reset link" busyLabel="Sending…" testId="forgot-submit" block />
        </form>
      )}
      <p className="form-links">
        <Link to="/login">Back to sign in</Link>
      </p>
    </PublicPage>
  );
}

type ResetField = 'password' | 'repeat';

/** /reset-password?token=…: chooses the new password. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { fieldErrors, setFieldErrors, formError, setFormError, clearField } = useFormErrors<ResetField>();
  const [tokenProblem, setTokenProblem] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !token) return;
    const errors = { password: newPasswordError(password), repeat: repeatError(password, repeat) };
    setFieldErrors(errors);
    setFormError(null);
    setTokenProblem(false);
    if (errors.password || errors.repeat) {
      focusById(errors.password ? 'reset-password' : 'reset-password-repeat');
      return;
    }
    setBusy(true);
    const result = await postJson<unknown>('/api/auth/password-reset/confirm', { token, password });
    setBusy(false);
    if (result.kind === 'ok') {
      setDone(messageOf(result.data, 'Your password has been changed. Sign in with the new one.'));
      return;
    }
    const { field, message } = failureOf(result, 'Password reset');
    if (field === 'password') {
      setFieldErrors({ password: message });
      focusById('reset-password');
    } else {
      setFormError(message);
      setTokenProblem(field === 'token' || result.kind === 'error');
    }
  }

  if (!token) {
    return (
      <PublicPage title="Choose a new password">
        <FormError message={INCOMPLETE_LINK} />
        <p className="form-links">
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </PublicPage>
    );
  }

  if (done) {
    return (
      <PublicPage title="Choose a new password">
        <FormMessage message={done}>
          <p>You have been signed out everywhere else.</p>
        </FormMessage>
        <p className="form-links">
          <Link to="/login">Sign in</Link>
        </p>
      </PublicPage>
    );
  }

  return (
    <PublicPage title="Choose a new password">
      <form
        data-testid="reset-form"
        noValidate
        onSubmit={onSubmit}
        aria-labelledby="page-title"
        aria-busy={busy || undefined}
      >
        {formError && (
          <FormError message={formError}>
            {tokenProblem && (
              <p>
                <Link to="/forgot-password">Ask for a new link</Link>
              </p>
            )}
          </FormError>
        )}
        <TextField
          id="reset-password"
          testId="reset-password"
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onValue={(v) => {
            setPassword(v);
            clearField('password');
          }}
          hint={passwordHint(password)}
          error={fieldErrors.password}
        />
        <TextField
          id="reset-password-repeat"
          testId="reset-password-repeat"
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onValue={(v) => {
            setRepeat(v);
            clearField('repeat');
          }}
          error={fieldErrors.repeat}
        />
        <SubmitButton busy={busy} label="Change password" busyLabel="Changing password…" testId="reset-submit" block />
      </form>
    </PublicPage>
  );
}
