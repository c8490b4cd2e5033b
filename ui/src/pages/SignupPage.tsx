import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { failureOf, messageOf, postJson } from '../api';
import {
  emailError,
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
import { SetupNotice } from '../setup';
import { PublicPage } from './PublicPage';

type Field = 'email' | 'displayName' | 'password' | 'organizationName';
const ORDER: readonly Field[] = ['email', 'displayName', 'password', 'organizationName'];
const IDS: Record<Field, string> = {
  email: 'signup-email',
  displayName: 'signup-name',
  password: 'signup-password',
  organizationName: 'signup-org',
};

export interface SignupValues {
  email: string;
  displayName: string;
  password: string;
  organizationName: string;
}

export function validateSignup(v: SignupValues): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  errors.email = emailError(v.email);
  if (!v.displayName) errors.displayName = 'Enter your name as your colleagues should see it.';
  errors.password = newPasswordError(v.password);
  if (!v.organizationName) errors.organizationName = 'Enter the name of your team or company.';
  return errors;
}

/**
 * The four fields of a new account and its organization, shared by sign-up and setup: email, name,
 * password (with its live hint) and organization name, each with its error.
 */
export function AccountFields({
  ids,
  values,
  set,
  errors,
  orgHint,
}: {
  ids: Record<Field, string>;
  values: SignupValues;
  set(field: Field): (value: string) => void;
  errors: FieldErrors<Field>;
  orgHint: string;
}) {
  return (
    <>
      <TextField
        id={ids.email}
        testId={ids.email}
        label="Email"
        type="email"
        inputMode="email"
        autoComplete="email"
        required
        value={values.email}
        onValue={set('email')}
        error={errors.email}
      />
      <TextField
        id={ids.displayName}
        testId={ids.displayName}
        label="Your name"
        autoComplete="name"
        required
        value={values.displayName}
        onValue={set('displayName')}
        error={errors.displayName}
      />
      <TextField
        id={ids.password}
        testId={ids.password}
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        value={values.password}
        onValue={set('password')}
        hint={passwordHint(values.password)}
        error={errors.password}
      />
      <TextField
        id={ids.organizationName}
        testId={ids.organizationName}
        label="Organization name"
        autoComplete="organization"
        required
        value={values.organizationName}
        onValue={set('organizationName')}
        hint={orgHint}
        error={errors.organizationName}
      />
    </>
  );
}

export function SignupPage() {
  const [values, setValues] = useState<SignupValues>({ email: '', displayName: '', password: '', organizationName: '' });
  const { fieldErrors, setFieldErrors, formError, setFormError, clearField } = useFormErrors<Field>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

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
      email: values.email.trim(),
      displayName: values.displayName.trim(),
      password: values.password,
      organizationName: values.organizationName.trim(),
    };
    const errors = validateSignup(body);
    setFieldErrors(errors);
    setFormError(null);
    const bad = firstInvalid(ORDER, errors);
    if (bad) {
      focusById(IDS[bad]);
      return;
    }

    setBusy(true);
    const result = await postJson<unknown>('/api/auth/signup', body);
    setBusy(false);
    if (result.kind === 'ok') {
      setDone(
        messageOf(result.data, 'Check your inbox: we have sent you a link to confirm your email address.'),
      );
      return;
    }
    const { field, message } = failureOf(result, 'Sign-up');
    if (field && (ORDER as readonly string[]).includes(field)) {
      setFieldErrors({ [field]: message });
      focusById(IDS[field as Field]);
    } else {
      setFormError(message);
    }
  }

  if (done) {
    return (
      <PublicPage title="Check your inbox">
        <FormMessage message={done}>
          <p>The link in the email is valid for 24 hours. Open it to finish creating your account.</p>
        </FormMessage>
        <p className="form-links">
          <Link to="/login">Back to sign in</Link>
        </p>
      </PublicPage>
    );
  }

  return (
    <PublicPage title="Create your Sightline account">
      <SetupNotice />
      <form
        data-testid="signup-form"
        noValidate
        onSubmit={onSubmit}
        aria-labelledby="page-title"
        aria-busy={busy || undefined}
      >
        {formError && <FormError message={formError} />}
        <AccountFields
          ids={IDS}
          values={values}
          set={set}
          errors={fieldErrors}
          orgHint="Your team or company. You will be its owner and can invite colleagues."
        />
        <SubmitButton busy={busy} label="Create account" busyLabel="Creating account…" testId="signup-submit" block />
      </form>
      <p className="form-links">
        <span>
          Already have an account? <Link to="/login">Sign in</Link>
        </span>
      </p>
    </PublicPage>
  );
}
