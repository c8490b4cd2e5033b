import { useEffect, useRef, useState, type FormEvent } from 'react';
import { apiRequest, failureOf, messageOf } from '../api';
import { useAuth, useSession } from '../auth';
import { ConfirmAction } from '../ConfirmAction';
import {
  emailError,
  firstInvalid,
  focusById,
  formatDate,
  FormError,
  FormMessage,
  newPasswordError,
  passwordHint,
  repeatError,
  SelectField,
  SubmitButton,
  TextField,
  useFormErrors,
  type FieldErrors,
} from '../forms';
import { asProfile, roleLabel, rolesUpTo, type Id, type Profile, type Role } from '../session';
import { allTimeZones, browserTimeZone } from '../timeZone';
import { asList, useLoad } from '../useLoad';

/**
 * PATCH /api/me with the fields to change; the saved profile is kept in the session. A failure
 * comes back with the field the server named, if any.
 */
async function saveProfile(
  body: Record<string, unknown>,
  what: string,
  updateProfile: (profile: Profile) => void,
): Promise<{ profile: Profile } | { field: string | null; message: string }> {
  const result = await apiRequest<unknown>('PATCH', '/api/me', body);
  const profile = result.kind === 'ok' ? asProfile(result.data) : null;
  if (profile) {
    updateProfile(profile);
    return { profile };
  }
  if (result.kind === 'ok') return { field: null, message: `${what[0].toUpperCase()}${what.slice(1)} could not be saved: the server’s answer could not be understood.` };
  const { field, message } = failureOf(result, `Changing ${what}`);
  return { field: field ?? null, message };
}

function NameForm() {
  const session = useSession();
  const { updateProfile } = useAuth();
  const [name, setName] = useState(session.user.displayName);
  const { fieldErrors, setFieldErrors, formError, setFormError, clearField } = useFormErrors<'displayName'>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const trimmed = name.trim();
    setFormError(null);
    setMessage(null);
    if (!trimmed) {
      setFieldErrors({ displayName: 'Enter your name as your colleagues should see it.' });
      focusById('profile-name');
      return;
    }
    setFieldErrors({});
    setBusy(true);
    const saved = await saveProfile({ displayName: trimmed }, 'your name', updateProfile);
    setBusy(false);
    if ('profile' in saved) {
      setMessage('Your name is saved.');
    } else {
      const { field, message: text } = saved;
      if (field === 'displayName') {
        setFieldErrors({ displayName: text });
        focusById('profile-name');
      } else setFormError(text);
    }
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="profile-name-title" aria-busy={busy || undefined}>
      <h2 id="profile-name-title">Your name</h2>
      {formError && <FormError message={formError} />}
      {message && <FormMessage message={message} />}
      <TextField
        id="profile-name"
        testId="profile-name"
        label="Display name"
        autoComplete="name"
        required
        value={name}
        onValue={(v) => {
          setName(v);
          clearField('displayName');
        }}
        hint="Shown to your colleagues next to what you share."
        error={fieldErrors.displayName}
      />
      <SubmitButton busy={busy} label="Save name" busyLabel="Saving…" testId="profile-name-submit" />
    </form>
  );
}

/** The profile's time zone: "Browser default" (null) or one IANA zone; every run follows it. */
function TimeZoneForm() {
  const session = useSession();
  const { updateProfile } = useAuth();
  const [zone, setZone] = useState(session.user.timeZone ?? '');
  const { fieldErrors, setFieldErrors, formError, setFormError, clearField } = useFormErrors<'timeZone'>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const zones = allTimeZones();
  const options = [
    { value: '', label: `Browser default (${browserTimeZone()})` },
    ...(zone && !zones.includes(zone) ? [zone] : []).concat(zones).map((z) => ({ value: z, label: z.replace(/_/g, ' ') })),
  ];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    setMessage(null);
    setFieldErrors({});
    setBusy(true);
    const saved = await saveProfile({ timeZone: zone || null }, 'your time zone', updateProfile);
    setBusy(false);
    if ('profile' in saved) {
      setMessage(`Dates and times now follow ${saved.profile.user.timeZone ?? `your browser (${browserTimeZone()})`}.`);
    } else {
      const { field, message: text } = saved;
      if (field === 'timeZone') {
        setFieldErrors({ timeZone: text });
        focusById('profile-time-zone');
      } else setFormError(text);
    }
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="profile-tz-title" aria-busy={busy || undefined} data-testid="time-zone-form">
      <h2 id="profile-tz-title">Time zone</h2>
      {formError && <FormError message={formError} />}
      {message && <FormMessage message={message} />}
      <SelectField
        id="profile-time-zone"
        testId="profile-time-zone"
        label="Time zone"
        value={zone}
        onValue={(v) => {
          setZone(v);
          clearField('timeZone');
        }}
        options={options}
        hint="Relative dates such as “last 7 days” and times with a time zone in results follow it."
        error={fieldErrors.timeZone}
      />
      <SubmitButton busy={busy} label="Save time zone" busyLabel="Saving…" testId="profile-time-zone-submit" />
    </form>
  );
}

type EmailField = 'email' | 'password';

function EmailForm() {
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { fieldErrors, setFieldErrors, formError, setFormError, clearField } = useFormErrors<EmailField>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const ids: Record<EmailField, string> = { email: 'email-new', password: 'email-password' };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const trimmed = email.trim();
    const errors: FieldErrors<EmailField> = {
      email: emailError(trimmed),
      password: password ? undefined : 'Enter your current password.',
    };
    setFieldErrors(errors);
    setFormError(null);
    setMessage(null);
    const bad = firstInvalid(['email', 'password'] as const, errors);
    if (bad) {
      focusById(ids[bad]);
      return;
    }
    setBusy(true);
    const result = await apiRequest<unknown>('POST', '/api/me/email', { email: trimmed, password });
    setBusy(false);
    if (result.kind === 'ok') {
      setMessage(
        messageOf(result.data, `Check your inbox at ${trimmed}: open the link we sent to confirm the new address.`),
      );
      setEmail('');
      setPassword('');
      return;
    }
    const { field, message: text } = failureOf(result, 'Changing your email address');
    if (field === 'email' || field === 'password') {
      setFieldErrors({ [field]: text });
      focusById(ids[field]);
    } else setFormError(text);
  }

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="profile-email-title"
      aria-busy={busy || undefined}
      data-testid="email-form"
    >
      <h2 id="profile-email-title">Email address</h2>
      <p>
        You sign in with <strong data-testid="profile-email">{session.user.email}</strong>. A new address counts once you
        open the link we send to it.
      </p>
      {formError && <FormError message={formError} />}
      {message && <FormMessage message={message} />}
      <TextField
        id={ids.email}
        testId={ids.email}
        label="New email address"
        type="email"
        inputMode="email"
        autoComplete="email"
        required
        value={email}
        onValue={(v) => {
          setEmail(v);
          clearField('email');
        }}
        error={fieldErrors.email}
      />
      <TextField
        id={ids.password}
        testId={ids.password}
        label="Current password"
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
      <SubmitButton busy={busy} label="Change email address" busyLabel="Sending link…" testId="email-submit" />
    </form>
  );
}

type PasswordField = 'currentPassword' | 'newPassword' | 'repeat';
const PASSWORD_IDS: Record<PasswordField, string> = {
  currentPassword: 'password-current',
  newPassword: 'password-new',
  repeat: 'password-repeat',
};

function PasswordForm() {
  const [values, setValues] = useState<Record<PasswordField, string>>({ currentPassword: '', newPassword: '', repeat: '' });
  const { fieldErrors, setFieldErrors, formError, setFormError, clearField } = useFormErrors<PasswordField>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  function set(field: PasswordField) {
    return (v: string) => {
      setValues((old) => ({ ...old, [field]: v }));
      clearField(field);
    };
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const errors: FieldErrors<PasswordField> = {
      currentPassword: values.currentPassword ? undefined : 'Enter your current password.',
      newPassword: newPasswordError(values.newPassword),
      repeat: repeatError(values.newPassword, values.repeat),
    };
    setFieldErrors(errors);
    setFormError(null);
    setMessage(null);
    const bad = firstInvalid(['currentPassword', 'newPassword', 'repeat'] as const, errors);
    if (bad) {
      focusById(PASSWORD_IDS[bad]);
      return;
    }
    setBusy(true);
    const result = await apiRequest<unknown>('POST', '/api/me/password', {
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    setBusy(false);
    if (result.kind === 'ok') {
      setMessage('Your password has been changed. You have been signed out everywhere else.');
      setValues({ currentPassword: '', newPassword: '', repeat: '' });
      return;
    }
    const { field, message: text } = failureOf(result, 'Changing your password');
    if (field === 'currentPassword' || field === 'newPassword') {
      setFieldErrors({ [field]: text });
      focusById(PASSWORD_IDS[field]);
    } else setFormError(text);
  }

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="profile-password-title"
      aria-busy={busy || undefined}
      data-testid="password-form"
    >
      <h2 id="profile-password-title">Password</h2>
      {formError && <FormError message={formError} />}
      {message && <FormMessage message={message} />}
      <TextField
        id={PASSWORD_IDS.currentPassword}
        testId={PASSWORD_IDS.currentPassword}
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        value={values.currentPassword}
        onValue={set('currentPassword')}
        error={fieldErrors.currentPassword}
      />
      <TextField
        id={PASSWORD_IDS.newPassword}
        testId={PASSWORD_IDS.newPassword}
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        value={values.newPassword}
        onValue={set('newPassword')}
        hint={passwordHint(values.newPassword)}
        error={fieldErrors.newPassword}
      />
      <TextField
        id={PASSWORD_IDS.repeat}
        testId={PASSWORD_IDS.repeat}
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        required
        value={values.repeat}
        onValue={set('repeat')}
        error={fieldErrors.repeat}
      />
      <SubmitButton busy={busy} label="Change password" busyLabel="Changing…" testId="password-submit" />
    </form>
  );
}

// ---- personal API tokens ----

export interface ApiToken {
  id: Id;
  name: string;
  role: Role;
  createdAt?: string;
  expiresAt?: string;
  lastUsedAt?: string | null;
}

interface CreatedToken extends ApiToken {
  token: string;
}

export const TOKEN_MAX_DAYS = 365;

function TokenRow({ token, onRevoked }: { token: ApiToken; onRevoked(t: ApiToken): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function revoke() {
    setBusy(true);
    setError(null);
    const result = await apiRequest<unknown>('DELETE', `/api/me/tokens/${encodeURIComponent(String(token.id))}`);
    setBusy(false);
    if (result.kind === 'ok') onRevoked(token);
    else setError(failureOf(result, 'Revoking tokens').message);
  }

  return (
    <tr data-testid="token-row">
      <td>{token.name}</td>
      <td>{roleLabel(token.role)}</td>
      <td>{formatDate(token.createdAt)}</td>
      <td>{formatDate(token.expiresAt, 'Never')}</td>
      <td>{formatDate(token.lastUsedAt, 'Never')}</td>
      <td className="actions">
        <ConfirmAction
          label="Revoke"
          accessibleLabel={`Revoke ${token.name}`}
          question={`Revoke “${token.name}”? Scripts using it stop working at once.`}
          busyLabel="Revoking…"
          busy={busy}
          onConfirm={() => void revoke()}
          testId="token-revoke"
        />
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}

/** The new token, shown once, with a Copy button. */
function NewToken({ created, onDone }: { created: CreatedToken; onDone(): void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<string>('');

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopyState('Copied to the clipboard.');
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setCopyState('The browser did not allow copying. The token is selected: press Ctrl+C (or ⌘C) to copy it.');
    }
  }

  return (
    <div className="token-once" data-testid="token-created">
      <h3>Copy your new token now</h3>
      <p className="warning" id="token-value-warning">
        This is the only time the token “{created.name}” is shown. Keep it somewhere safe, such as a password manager. If
        you lose it, revoke it and create a new one.
      </p>
      <div className="field">
        <label htmlFor="token-value">New token</label>
        <div className="copy-row">
          <input
            ref={inputRef}
            id="token-value"
            readOnly
            value={created.token}
            aria-describedby="token-value-warning"
            data-testid="token-value"
            spellCheck={false}
            onFocus={(e) => e.target.select()}
          />
          <button type="button" className="button button-quiet" onClick={() => void copy()} data-testid="token-copy">
            Copy
          </button>
        </div>
        <p className="field-hint" aria-live="polite">
          {copyState}
        </p>
      </div>
      <button type="button" className="button button-primary" onClick={onDone} data-testid="token-done">
        I have copied it
      </button>
    </div>
  );
}

type TokenField = 'name' | 'role' | 'expiresInDays';
const TOKEN_IDS: Record<TokenField, string> = { name: 'token-name', role: 'token-role', expiresInDays: 'token-days' };

function TokenCreateForm({ onCreated }: { onCreated(t: CreatedToken): void }) {
  const session = useSession();
  const roles = rolesUpTo(session.organization.role);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(roles[0] ?? 'VIEWER');
  const [days, setDays] = useState('90');
  const { fieldErrors, setFieldErrors, formError, setFormError, clearField } = useFormErrors<TokenField>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const trimmed = name.trim();
    const n = Number(days);
    const errors: FieldErrors<TokenField> = {
      name: trimmed ? undefined : 'Name the token after what uses it, for example “nightly export”.',
      expiresInDays:
        days.trim() && Number.isInteger(n) && n >= 1 && n <= TOKEN_MAX_DAYS
          ? undefined
          : `Enter a whole number of days from 1 to ${TOKEN_MAX_DAYS}.`,
    };
    setFieldErrors(errors);
    setFormError(null);
    const bad = firstInvalid(['name', 'role', 'expiresInDays'] as const, errors);
    if (bad) {
      focusById(TOKEN_IDS[bad]);
      return;
    }
    setBusy(true);
    const result = await apiRequest<unknown>('POST', '/api/me/tokens', { name: trimmed, role, expiresInDays: n });
    setBusy(false);
    if (result.kind === 'ok') {
      const data = result.data as Partial<CreatedToken> | null;
      if (data && typeof data.token === 'string' && data.token) {
        onCreated({ name: trimmed, role, ...data } as CreatedToken);
        setName('');
      } else {
        setFormError('The token was not shown: the server’s answer could not be understood. Revoke it and try again.');
      }
      return;
    }
    const { field, message } = failureOf(result, 'Creating tokens');
    if (field === 'name' || field === 'role' || field === 'expiresInDays') {
      setFieldErrors({ [field]: message });
      focusById(TOKEN_IDS[field]);
    } else setFormError(message);
  }

  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="token-create-title"
      aria-busy={busy || undefined}
      data-testid="token-create-form"
    >
      <h3 id="token-create-title">Create a token</h3>
      {formError && <FormError message={formError} />}
      <div className="form-row">
        <TextField
          id={TOKEN_IDS.name}
          testId={TOKEN_IDS.name}
          label="Name"
          autoComplete="off"
          required
          value={name}
          onValue={(v) => {
            setName(v);
            clearField('name');
          }}
          error={fieldErrors.name}
        />
        <SelectField
          id={TOKEN_IDS.role}
          testId={TOKEN_IDS.role}
          label="Role"
          value={role}
          onValue={(v) => {
            setRole(v as Role);
            clearField('role');
          }}
          options={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
          hint="At most your own role. Choose the least the token needs."
          error={fieldErrors.role}
        />
        <TextField
          id={TOKEN_IDS.expiresInDays}
          testId={TOKEN_IDS.expiresInDays}
          label="Expires in (days)"
          type="number"
          inputMode="numeric"
          min={1}
          max={TOKEN_MAX_DAYS}
          required
          value={days}
          onValue={(v) => {
            setDays(v);
            clearField('expiresInDays');
          }}
          error={fieldErrors.expiresInDays}
        />
      </div>
      <SubmitButton busy={busy} label="Create token" busyLabel="Creating…" testId="token-create-submit" />
    </form>
  );
}

function TokensSection() {
  const { data: tokens, setData: setTokens, failure } = useLoad('/api/me/tokens', 'Listing tokens', asList<ApiToken>);
  const loadError = failure?.message ?? null;
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [status, setStatus] = useState('');

  function onCreated(t: CreatedToken) {
    const { token: _secret, ...listed } = t;
    void _secret;
    setTokens((list) => [...(list ?? []), listed]);
    setCreated(t);
    setStatus('');
  }

  function onRevoked(t: ApiToken) {
    setTokens((list) => list?.filter((x) => String(x.id) !== String(t.id)) ?? null);
    setStatus(`The token “${t.name}” was revoked.`);
  }

  return (
    <section className="panel" aria-labelledby="profile-tokens-title" data-testid="tokens-section">
      <h2 id="profile-tokens-title">Personal API tokens</h2>
      <p>
        A token lets a script or another tool call the Sightline API as you. It can never do more than your own role
        allows, and it stops working when it expires or when you revoke it.
      </p>
      <p role="status" className="status-line">
        {status}
      </p>
      {created && <NewToken created={created} onDone={() => setCreated(null)} />}
      {loadError && <FormError message={loadError} />}
      {tokens === null && !loadError && <p className="busy-text">Loading tokens…</p>}
      {tokens !== null && tokens.length === 0 && (
        <div className="empty-state" data-testid="empty-state">
          <p>You have no API tokens yet. Create the first one below, then send it as “Authorization: Bearer …”.</p>
        </div>
      )}
      {tokens !== null && tokens.length > 0 && (
        <table className="table" data-testid="tokens-table">
          <caption className="visually-hidden">Your API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <TokenRow key={String(t.id)} token={t} onRevoked={onRevoked} />
            ))}
          </tbody>
        </table>
      )}
      <TokenCreateForm onCreated={onCreated} />
    </section>
  );
}

export function ProfilePage() {
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" data-testid="page-title">
        Your profile
      </h1>
      <div className="panel">
        <NameForm />
      </div>
      <div className="panel">
        <TimeZoneForm />
      </div>
      <div className="panel">
        <EmailForm />
      </div>
      <div className="panel">
        <PasswordForm />
      </div>
      <TokensSection />
    </section>
  );
}
