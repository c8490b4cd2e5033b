import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { failureOf, messageOf, postJson } from '../api';
import {
  firstInvalid,
  focusById,
  FormError,
  FormMessage,
  newPasswordError,
  passwordHint,
  SubmitButton,
  TextField,
  useFormErrors,
  type FieldErrors,
} from '../forms';
import { PublicPage } from './PublicPage';
import { INCOMPLETE_LINK } from './TokenLinkPage';

type Field = 'displayName' | 'password';
const ORDER: readonly Field[] = ['displayName', 'password'];
const IDS: Record<Field, string> = { displayName: 'invitation-name', password: 'invitation-password' };

/** /invitation?token=…: joins the inviting organization, creating the account if needed. */
export function InvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const { fieldErrors, setFieldErrors, formError, setFormError, clearField } = useFormErrors<Field>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !token) return;
    const name = displayName.trim();
    const errors: FieldErrors<Field> = {
      displayName: name ? undefined : 'Enter your name as your colleagues should see it.',
      password: newPasswordError(password),
    };
    setFieldErrors(errors);
    setFormError(null);
    const bad = firstInvalid(ORDER, errors);
    if (bad) {
      focusById(IDS[bad]);
      return;
    }
    setBusy(true);
    const result = await postJson<unknown>('/api/auth/invitation', { token, displayName: name, password });
    setBusy(false);
    if (result.kind === 'ok') {
      setDone(messageOf(result.data, 'You have joined the organization.'));
      return;
    }
    const { field, message } = failureOf(result, 'Accepting the invitation');
    if (field === 'displayName' || field === 'password') {
      setFieldErrors({ [field]: message });
      focusById(IDS[field]);
    } else {
      setFormError(message);
    }
  }

  if (!token) {
    return (
      <PublicPage title="Join your team on Sightline">
        <FormError message={INCOMPLETE_LINK} />
        <p className="form-links">
          <Link to="/login">Sign in</Link>
        </p>
      </PublicPage>
    );
  }

  if (done) {
    return (
      <PublicPage title="Join your team on Sightline">
        <FormMessage message={done} />
        <p className="form-links">
          <Link to="/login">Sign in</Link>
        </p>
      </PublicPage>
    );
  }

  return (
    <PublicPage title="Join your team on Sightline">
      <form
        data-testid="invitation-form"
        noValidate
        onSubmit={onSubmit}
        aria-labelledby="page-title"
        aria-busy={busy || undefined}
      >
        <p>You have been invited to an organization. Choose the name your colleagues will see and a password.</p>
        {formError && <FormError message={formError} />}
        <TextField
          id={IDS.displayName}
          testId={IDS.displayName}
          label="Your name"
          autoComplete="name"
          required
          value={displayName}
          onValue={(v) => {
            setDisplayName(v);
            clearField('displayName');
          }}
          error={fieldErrors.displayName}
        />
        <TextField
          id={IDS.password}
          testId={IDS.password}
          label="Password"
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
        <SubmitButton busy={busy} label="Join" busyLabel="Joining…" testId="invitation-submit" block />
      </form>
    </PublicPage>
  );
}
