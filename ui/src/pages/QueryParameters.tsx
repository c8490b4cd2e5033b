import { FieldNotes, describedBy } from '../forms';
import { RelativeDateSelect } from './RelativeDateSelect';
import { PARAM_TYPES, newParamState, type FoundParameter, type ParamState, type ParamType } from '../queries';

interface QueryParametersProps {
  found: readonly FoundParameter[];
  states: Record<string, ParamState>;
  onChange(name: string, state: ParamState): void;
  /** Errors from the server, keyed by parameter name: the value's and the type's. */
  valueErrors: Record<string, string>;
  typeErrors: Record<string, string>;
}

const HINTS: Record<ParamType, string> = {
  text: 'Sent as text.',
  number: 'A number such as 42 or 3.5.',
  date: 'A day, or one relative to today in your time zone.',
  date_range: 'Use {{name.start}} and {{name.end}} in the SQL. A relative period follows today in your time zone.',
  list: 'Values separated by commas, for IN ({{name}}). Numbers when all are numbers.',
};

function ValueInput({ name, state, onChange, error }: { name: string; state: ParamState; onChange(s: ParamState): void; error?: string }) {
  const id = `param-${name}`;
  const hint = HINTS[state.type];
  const common = { ...describedBy({ id, hint, error }), required: state.required || undefined, 'data-testid': id };
  switch (state.type) {
    case 'date':
      return (
        <>
          <div className="range-inputs">
            <RelativeDateSelect id={`${id}-relative`} range={false} value={state.relative ?? ''} onValue={(v) => onChange({ ...state, relative: v })} />
            {!state.relative && (
              <div className="range-part">
                <label htmlFor={id}>Value</label>
                <input id={id} type="date" value={state.value} onChange={(e) => onChange({ ...state, value: e.target.value })} {...common} />
              </div>
            )}
          </div>
          <FieldNotes id={id} hint={hint} error={error} testId={id} />
        </>
      );
    case 'date_range':
      return (
        <>
          <div className="range-inputs">
            <RelativeDateSelect id={`${id}-relative`} range value={state.relative ?? ''} onValue={(v) => onChange({ ...state, relative: v })} />
            {!state.relative && (
            <>
            <div className="range-part">
              <label htmlFor={id}>From</label>
              <input id={id} type="date" value={state.value} onChange={(e) => onChange({ ...state, value: e.target.value })} {...common} />
            </div>
            <div className="range-part">
              <label htmlFor={`${id}-end`}>To</label>
              <input
                id={`${id}-end`}
                type="date"
                value={state.end}
                min={state.value || undefined}
                onChange={(e) => onChange({ ...state, end: e.target.value })}
                {...describedBy({ id, hint, error })}
                required={state.required || undefined}
                data-testid={`${id}-end`}
              />
            </div>
            </>
            )}
          </div>
          <FieldNotes id={id} hint={hint} error={error} testId={id} />
        </>
      );
    default:
      return (
        <>
          <label htmlFor={id}>Value</label>
          <input
            id={id}
            type="text"
            inputMode={state.type === 'number' ? 'decimal' : undefined}
            value={state.value}
            onChange={(e) => onChange({ ...state, value: e.target.value })}
            autoComplete="off"
            spellCheck={false}
            {...common}
          />
          <FieldNotes id={id} hint={hint} error={error} testId={id} />
        </>
      );
  }
}

/** One row per `{{name}}` in the SQL: its type, whether a value is required, and the value. */
export function QueryParameters({ found, states, onChange, valueErrors, typeErrors }: QueryParametersProps) {
  return (
    <fieldset className="query-params" data-testid="query-params">
      <legend>Parameters</legend>
      <p className="field-hint">
        Values are sent to the database separately from the SQL, never pasted into it. An empty value uses none; a
        required one must be filled in.
      </p>
      {found.map((f) => {
        const state = states[f.name] ?? newParamState(f);
        const typeId = `param-type-${f.name}`;
        const requiredId = `param-required-${f.name}`;
        const typeError = typeErrors[f.name];
        return (
          <div key={f.name} className="param-row" role="group" aria-labelledby={`param-name-${f.name}`} data-testid="param-row">
            <code id={`param-name-${f.name}`} className="param-name">
              {f.name}
            </code>
            <div className="field param-type">
              <label htmlFor={typeId}>Type</label>
              <select
                id={typeId}
                value={state.type}
                onChange={(e) => onChange(f.name, { ...state, type: e.target.value as ParamType })}
                {...describedBy({ id: typeId, error: typeError })}
                data-testid={typeId}
              >
                {PARAM_TYPES.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </select>
              <FieldNotes id={typeId} error={typeError} testId={typeId} />
            </div>
            <div className="field field-check param-required">
              <div className="check">
                <input
                  type="checkbox"
                  id={requiredId}
                  checked={state.required}
                  onChange={(e) => onChange(f.name, { ...state, required: e.target.checked })}
                  data-testid={requiredId}
                />
                <label htmlFor={requiredId}>Required</label>
              </div>
            </div>
            <div className="field param-value">
              <ValueInput name={f.name} state={state} onChange={(s) => onChange(f.name, s)} error={valueErrors[f.name]} />
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
