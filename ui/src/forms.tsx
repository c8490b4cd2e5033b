import {
  useCallback,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type TextareaHTMLAttributes,
} from 'react';

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
  return `Use ${PASSWORD_MIN} to ${PASSWORD_MAX} characters; ${countOf(n, 'character')} so far.`;
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

/** What every field here has: an id, a hint and an error tied to the control. */
interface FieldBase {
  id: string;
  error?: string;
  hint?: ReactNode;
  testId?: string;
}

/** aria-invalid and aria-describedby for a control with `hint` and `error` (see FieldNotes). */
export function describedBy({ id, hint, error }: FieldBase, ...more: (string | false | undefined)[]) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': joinIds(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined, ...more),
  } as const;
}

/** The hint and error under a control; their ids are the ones describedBy() names. */
export function FieldNotes({ id, hint, error, testId }: FieldBase) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="field-hint" data-testid={testId && `${testId}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" data-testid={testId && `${testId}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

interface TextFieldProps
  extends FieldBase,
    Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  label: ReactNode;
  value: string;
  onValue(value: string): void;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled input; hint and error are tied to it with aria-describedby. */
export function TextField({ id, label, value, onValue, error, hint, testId, inputRef, ...rest }: TextFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        {...describedBy({ id, hint, error })}
        data-testid={testId}
        {...rest}
      />
      <FieldNotes id={id} hint={hint} error={error} testId={testId} />
    </div>
  );
}

interface TextAreaFieldProps
  extends FieldBase,
    Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value' | 'id'> {
  label: ReactNode;
  value: string;
  onValue(value: string): void;
}

/** A labelled multi-line input (certificates, keys), monospaced. */
export function TextAreaField({ id, label, value, onValue, error, hint, testId, ...rest }: TextAreaFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        spellCheck={false}
        {...describedBy({ id, hint, error })}
        data-testid={testId}
        {...rest}
      />
      <FieldNotes id={id} hint={hint} error={error} testId={testId} />
    </div>
  );
}

interface SelectFieldProps extends FieldBase {
  label: string;
  value: string;
  onValue(value: string): void;
  options: readonly { value: string; label: string }[];
}

export function SelectField({ id, label, value, onValue, options, error, hint, testId }: SelectFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onValue(e.target.value)} {...describedBy({ id, hint, error })} data-testid={testId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldNotes id={id} hint={hint} error={error} testId={testId} />
    </div>
  );
}

interface CheckboxFieldProps extends FieldBase {
  label: ReactNode;
  checked: boolean;
  onChecked(checked: boolean): void;
}

/** A checkbox with its label beside it and the explanation under both. */
export function CheckboxField({ id, label, checked, onChecked, error, hint, testId }: CheckboxFieldProps) {
  return (
    <div className="field field-check">
      <div className="check">
        <input
          type="checkbox"
          id={id}
          checked={checked}
          onChange={(e) => onChecked(e.target.checked)}
          {...describedBy({ id, hint, error })}
          data-testid={testId}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldNotes id={id} hint={hint} error={error} testId={testId} />
    </div>
  );
}

interface RadioGroupProps<V extends string> extends FieldBase {
  legend: ReactNode;
  /** The radios' name; also the prefix of their ids (`<name>-<value>`). */
  name: string;
  value: V;
  onValue(value: V): void;
  choices: readonly { value: V; label: string; explanation?: ReactNode }[];
}

/**
 * A fieldset of radios, each with an explanation tied to it. `id` is the group's (its error
 * is `<id>-error`); each radio's test id is `<testId>-<value>`.
 */
export function RadioGroup<V extends string>({ id, legend, name, value, onValue, choices, error, hint, testId }: RadioGroupProps<V>) {
  return (
    <fieldset className="field radio-group" id={id} {...describedBy({ id, hint, error })}>
      <legend>{legend}</legend>
      <FieldNotes id={id} hint={hint} error={error} testId={testId} />
      {choices.map((c) => {
        const radioId = `${name}-${c.value}`;
        return (
          <div className="radio" key={c.value}>
            <input
              type="radio"
              id={radioId}
              name={name}
              value={c.value}
              checked={value === c.value}
              onChange={() => onValue(c.value)}
              aria-describedby={c.explanation ? `${radioId}-explanation` : undefined}
              data-testid={testId && `${testId}-${c.value}`}
            />
            <label htmlFor={radioId}>{c.label}</label>
            {c.explanation && (
              <p id={`${radioId}-explanation`} className="field-hint">
                {c.explanation}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
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

/** "1 secret", "3 secrets"; `plural` for irregular words. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };

function formatInstant(value: unknown, empty: string, options: Intl.DateTimeFormatOptions): string {
  if (typeof value !== 'string' && typeof value !== 'number') return empty;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleString(undefined, options);
}

/** A date from the API (ISO string or epoch millis) in the reader's locale. */
export function formatDate(value: unknown, empty = '—'): string {
  return formatInstant(value, empty, DAY);
}

/** The time of day (to the second) of an instant from the API, in the reader's locale and time zone. */
export function formatTime(value: unknown, empty = '—'): string {
  return formatInstant(value, empty, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Date and time of day of an instant from the API, in the reader's locale and time zone. */
export function formatDateTime(value: unknown, empty = '—'): string {
  return formatInstant(value, empty, { ...DAY, hour: '2-digit', minute: '2-digit' });
}

/** Moves focus to a field by its id (after a failed submit). */
export function focusById(id: string | undefined): void {
  if (id) document.getElementById(id)?.focus();
}
