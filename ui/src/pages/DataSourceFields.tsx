import { useEffect, useState } from 'react';
import { optionErrorKey, optionRow, type DsErrors, type OptionRow, type Secret } from '../datasourceForm';
import type { Driver } from '../datasources';
import { describedBy, FieldNotes, focusById, TextField } from '../forms';

interface SecretInputProps {
  id: string;
  label: string;
  /** Lower case, for "Remove the stored …". */
  noun: string;
  secret: Secret;
  onSecret(secret: Secret): void;
  error?: string;
  hint?: string;
  multiline?: boolean;
  /**
   * Set when the secret goes with something else the admin removed (a client key with its
   * certificate): said instead of the status, and no Remove or Keep of its own.
   */
  removal?: string;
}

/**
 * A secret's field: never a value (the API has none to give), only "Set" or "Not set". Typing
 * replaces the stored one, Remove deletes it on save, an empty field keeps it.
 */
export function SecretInput({ id, label, noun, secret, onSecret, error, hint, multiline, removal }: SecretInputProps) {
  const status = removal
    ? removal
    : secret.stored === null
      ? null
      : secret.remove
        ? 'Will be removed when you save.'
        : secret.stored
          ? 'Set — type a new one to replace it, or leave this empty to keep it.'
          : 'Not set.';
  const notes = [status, hint].filter(Boolean).join(' ');
  const control = {
    id,
    value: secret.value,
    onChange: (e: { target: { value: string } }) => onSecret({ ...secret, value: e.target.value, remove: false }),
    ...describedBy({ id, hint: notes, error }),
    'data-testid': id,
    autoComplete: 'new-password',
    spellCheck: false,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea {...control} rows={4} /> : <input type="password" {...control} />}
      <FieldNotes id={id} hint={notes || undefined} error={error} testId={id} />
      {!removal && secret.stored && !secret.remove && secret.value === '' && (
        <div>
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => onSecret({ ...secret, remove: true })}
            aria-label={`Remove the stored ${noun}`}
            data-testid={`${id}-remove`}
          >
            Remove
          </button>
        </div>
      )}
      {!removal && secret.remove && (
        <div>
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => onSecret({ ...secret, remove: false })}
            aria-label={`Keep the stored ${noun}`}
            data-testid={`${id}-undo`}
          >
            Keep it
          </button>
        </div>
      )}
    </div>
  );
}

interface OptionsProps {
  driver: Driver | undefined;
  driverName: string;
  rows: OptionRow[];
  errors: DsErrors;
  onRows(rows: OptionRow[], cleared: string[]): void;
}

/** Key/value rows; keys come from the driver's allow-list (a datalist), others may be typed. */
export function OptionsEditor({ driver, driverName, rows, errors, onRows }: OptionsProps) {
  // After the render that adds or removes the row.
  const [focusNext, setFocusNext] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (focusNext) focusById(focusNext.id);
  }, [focusNext]);
  const allowed = Object.entries(driver?.options ?? {}).sort(([a], [b]) => a.localeCompare(b));

  function update(row: OptionRow, change: Partial<OptionRow>) {
    const next = { ...row, ...change };
    onRows(
      rows.map((r) => (r.rowId === row.rowId ? next : r)),
      [optionErrorKey(row), optionErrorKey(next)],
    );
  }

  function add() {
    const row = optionRow();
    onRows([...rows, row], ['options']);
    setFocusNext({ id: `ds-option-key-${row.rowId}` });
  }

  function remove(row: OptionRow) {
    onRows(
      rows.filter((r) => r.rowId !== row.rowId),
      [optionErrorKey(row)],
    );
    setFocusNext({ id: 'ds-option-add' });
  }

  function keyHint(key: string): string | undefined {
    const k = key.trim();
    if (!k) return undefined;
    const description = driver?.options[k];
    if (description) return description;
    return `${driverName} does not list this option; the server will refuse it.`;
  }

  return (
    <section className="panel" aria-labelledby="ds-options-title">
      <h2 id="ds-options-title">Options</h2>
      <p className="muted">
        Connection properties passed to the {driverName} driver. Only the ones it allows are accepted: those that could
        run code or read files on the Sightline server are refused.
      </p>
      <datalist id="ds-option-names">
        {allowed.map(([key, description]) => (
          <option key={key} value={key}>
            {description}
          </option>
        ))}
      </datalist>
      {rows.map((row, i) => {
        const keyId = `ds-option-key-${row.rowId}`;
        const valueId = `ds-option-value-${row.rowId}`;
        const error = errors[optionErrorKey(row)];
        const name = row.key.trim() || `option ${i + 1}`;
        return (
          <div className="option-row" key={row.rowId} data-testid="ds-option-row">
            <TextField
              id={keyId}
              testId="ds-option-key"
              label={
                <>
                  Option<span className="visually-hidden"> {i + 1}</span>
                </>
              }
              value={row.key}
              onValue={(key) => update(row, { key })}
              list="ds-option-names"
              autoComplete="off"
              spellCheck={false}
              hint={keyHint(row.key)}
              error={error}
            />
            <TextField
              id={valueId}
              testId="ds-option-value"
              label={
                <>
                  Value<span className="visually-hidden"> of {name}</span>
                </>
              }
              value={row.value}
              onValue={(value) => update(row, { value })}
              autoComplete="off"
              spellCheck={false}
            />
            <button
              type="button"
              className="button button-quiet option-remove"
              onClick={() => remove(row)}
              aria-label={`Remove ${name}`}
              data-testid="ds-option-remove"
            >
              Remove
            </button>
          </div>
        );
      })}
      {errors.options && (
        <p id="ds-options-error" className="field-error" data-testid="ds-options-error">
          {errors.options}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          id="ds-option-add"
          className="button button-quiet"
          onClick={add}
          aria-describedby={errors.options ? 'ds-options-error' : undefined}
          data-testid="ds-option-add"
        >
          Add option
        </button>
      </div>
      {allowed.length > 0 && (
        <details className="allowed-options">
          <summary>Options {driverName} allows ({allowed.length})</summary>
          <dl className="facts">
            {allowed.map(([key, description]) => (
              <div key={key} className="fact">
                <dt>
                  <code>{key}</code>
                </dt>
                <dd>{description}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </section>
  );
}
