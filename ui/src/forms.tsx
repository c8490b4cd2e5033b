import { useCallback, useState, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

// Lenient on purpose: self-hosted installs have addresses like admin@localhost.
export const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export function emailError(email: string): string | undefined {
  if (!email) return 'Enter your email address.';
  if (!EMAIL_SHAPE.test(email)) return 'Enter an email address in the form name@example.com.';
  return undefined;
}

export function newPasswordError(password: string): string | undefined {
  if (!password) return 'Choose a password.';
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  return undefined;
}

export function repeatError(password: string, repeat: string): string | undefined {
  if (!repeat) return 'Type the new password again.';
  if (repeat !== password) return 'The two passwords do not match.';
  return undefined;
}

/** The live length hint under a new-password field. */
export function passwordHint(password: string): string {
  const n = password.length;
  return `Use ${PASSWORD_MIN} to ${PASSWORD_MAX} characters; ${n === 1 ? '1 character' : `${n} characters`} so far.`;
}

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** Field errors plus a form-level error, as every form here keeps them. */
export function useFormErrors<F extends string>() {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const clearField = useCallback(
    (field: F) => setFieldErrors((f) => (f[field] ? { ...f, [field]: undefined } : f)),
    [],
  );
  return { fieldErrors, setFieldErrors, formError, setFormError, clearField };
}

/** The first field (in form order) that has an error. */
export function firstInvalid<F extends string>(order: readonly F[], errors: FieldErrors<F>): F | undefined {
  return order.find((f) => errors[f]);
}

function joinIds(...ids: (string | false | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  id: string;
  label: string;
  value: string;
  onValue(value: string): void;
  error?: string;
  hint?: ReactNode;
  testId?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled input; hint and error are tied to it with aria-describedby. */
export function TextField({ id, label, value, onValue, error, hint, testId, inputRef, ...rest }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={joinIds(hintId, errorId)}
        data-testid={testId}
        {...rest}
      />
      {hint && (
        <p id={hintId} className="field-hint" data-testid={testId && `${testId}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error" data-testid={testId && `${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onValue(value: string): void;
  options: readonly { value: string; label: string }[];
  error?: string;
  hint?: ReactNode;
  testId?: string;
}

export function SelectField({ id, label, value, onValue, options, error, hint, testId }: SelectFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={joinIds(hintId, errorId)}
        data-testid={testId}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error" data-testid={testId && `${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A form-level error: what went wrong and, in `children`, what to do next. */
export function FormError({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div className="form-error" role="alert">
      <span data-testid="form-error">{message}</span>
      {children}
    </div>
  );
}

/** A success message in plain words. */
export function FormMessage({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div className="form-message" role="status">
      <span data-testid="form-message">{message}</span>
      {children}
    </div>
  );
}

export function SubmitButton({
  busy,
  label,
  busyLabel,
  testId,
  block,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  testId?: string;
  block?: boolean;
}) {
  return (
    <button
      type="submit"
      className={`button button-primary${block ? ' button-block' : ''}`}
      aria-disabled={busy || undefined}
      data-testid={testId}
    >
      {busy ? busyLabel : label}
    </button>
  );
}

/** A date from the API (ISO string or epoch millis) in the reader's locale. */
export function formatDate(value: unknown, empty = '—'): string {
  if (typeof value !== 'string' && typeof value !== 'number') return empty;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Moves focus to a field by its id (after a failed submit). */
export function focusById(id: string | undefined): void {
  if (id) document.getElementById(id)?.focus();
}
