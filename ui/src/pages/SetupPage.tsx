import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { failureOf, postJson } from '../api';
import { useAuth } from '../auth';
import { firstInvalid, focusById, FormError, SubmitButton, TextField, useFormErrors, type FieldErrors } from '../forms';
import { asSession } from '../session';
import { useSetupRequired } from '../setup';
import { AccountFields, validateSignup, type SignupValues } from './SignupPage';
import { PublicPage } from './PublicPage';

type Field = 'token' | 'email' | 'displayName' | 'password' | 'organizationName';
const ORDER: readonly Field[] = ['token', 'email', 'displayName', 'password', 'organizationName'];
const IDS: Record<Field, string> = {
  token: 'setup-token',
  email: 'setup-email',
  displayName: 'setup-name',
  password: 'setup-password',
  organizationName: 'setup-org',
};

export interface SetupValues extends SignupValues {
  token: string;
}

export function validateSetup(v: SetupValues): FieldErrors<Field> {
  const errors: FieldErrors<Field> = validateSignup(v);
  if (!v.token) errors.token = 'Paste the setup token: it is the end of the link the server printed when it started.';
  return errors;
}

/**
 * /setup: the one-time creation of the first Owner and organization with the token the server
 * printed in its console and log (SPEC A-10). Lands signed in, on the home page.
 */
export function SetupPage() {
  const { token: signedIn, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const required = useSetupRequired();
  const [values, setValues] = useState<SetupValues>({
    token: params.get('token') ?? '',
    email: '',
    displayName: '',
    password: '',
    organizationName: '',
  });
  const { fieldErrors, setFieldErrors, formError, setFormError, clearField } = useFormErrors<Field>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  if (signedIn && !busy) return <Navigate to="/" replace />;

  function set(field: Field) {
    return (value: string) => {
      setValues((v) => ({ ...v, [field]: value }));
      clearField(field);
    };
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const body = {
      token: values.token.trim(),
      email: values.email.trim(),
      displayName: values.displayName.trim(),
      password: values.password,
      organizationName: values.organizationName.trim(),
    };
    const errors = validateSetup(body);
    setFieldErrors(errors);
    setFormError(null);
    const bad = firstInvalid(ORDER, errors);
    if (bad) {
      focusById(IDS[bad]);
      return;
    }
    setBusy(true);
    const result = await postJson<unknown>('/api/setup', body);
    setBusy(false);
    if (result.kind === 'ok') {
      const session = asSession(result.data);
      if (session) {
        signIn(session);
        navigate('/', { replace: true });
      } else {
        setFormError('Setup may be done, but the server’s answer could not be understood. Try signing in.');
      }
      return;
    }
    if (result.kind === 'error' && result.status === 404) {
      setDone(true);
      return;
    }
    const { field, message } = failureOf(result, 'Setup');
    if (field && (ORDER as readonly string[]).includes(field)) {
      setFieldErrors({ [field]: message });
      focusById(IDS[field as Field]);
    } else {
      setFormError(message);
    }
  }

  if (done || required === false) {
    return (
      <PublicPage title="Setup is done">
        <p data-testid="setup-done">This Sightline already has its owner. Sign in, or ask an owner to invite you.</p>
        <p className="form-links">
          <Link to="/login">Sign in</Link>
        </p>
      </PublicPage>
    );
  }

  return (
    <PublicPage title="Set up Sightline">
      <p>
        Create the first account: you become the owner of this installation and of its first organization, which gets
        the demo data and dashboard. No confirmation email is needed.
      </p>
      <form data-testid="setup-form" noValidate onSubmit={onSubmit} aria-labelledby="page-title" aria-busy={busy || undefined}>
        {formError && <FormError message={formError} />}
        <TextField
          id={IDS.token}
          testId={IDS.token}
          label="Setup token"
          autoComplete="off"
          required
          value={values.token}
          onValue={set('token')}
          hint="Printed once in the server console and log, at the end of the setup link. A restart prints a new one."
          error={fieldErrors.token}
        />
        <AccountFields
          ids={IDS}
          values={values}
          set={set}
          errors={fieldErrors}
          orgHint="Your team or company. You can invite colleagues once you are in."
        />
        <SubmitButton busy={busy} label="Create the owner account" busyLabel="Setting up…" testId="setup-submit" block />
      </form>
    </PublicPage>
  );
}
