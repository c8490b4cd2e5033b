import { useEffect, useState, type FormEvent } from 'react';
import { apiRequest } from '../api';
import { asSavedFilter, type DashboardFilter } from '../reports';
import { isRelative } from '../timeZone';
import { RelativeDateSelect } from './RelativeDateSelect';

/**
 * What a filter input holds: text (TEXT, NUMBER, DATE, or a relative period of a DATE_RANGE such
 * as "last 7 days"), a range, or the chosen list items.
 */
export type FilterInput = string | { start: string; end: string } | string[];

export function initialInput(f: DashboardFilter): FilterInput {
  const d = f.defaultValue;
  if (f.type === 'DATE_RANGE') {
    if (isRelative(d)) return d;
    const o = typeof d === 'object' && d !== null && !Array.isArray(d) ? (d as Record<string, unknown>) : {};
    return { start: String(o.start ?? o.from ?? ''), end: String(o.end ?? o.to ?? '') };
  }
  if (f.type === 'LIST') return Array.isArray(d) ? d.map(String) : d === null || d === undefined || d === '' ? [] : [String(d)];
  return d === null || d === undefined ? '' : String(d);
}

/** The JSON value sent for a filter, or undefined when nothing is chosen. */
export function filterValue(f: DashboardFilter, input: FilterInput): unknown {
  if (f.type === 'DATE_RANGE') {
    if (typeof input === 'string') return input.trim() || undefined;
    const r = input as { start: string; end: string };
    return r.start || r.end ? { start: r.start, end: r.end } : undefined;
  }
  if (f.type === 'LIST') {
    const items = Array.isArray(input) ? input : String(input).split(',').map((s) => s.trim()).filter(Boolean);
    return items.length ? items : undefined;
  }
  const text = String(input).trim();
  if (text === '') return undefined;
  if (f.type === 'NUMBER') {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

function useSavedFilterValues(id: string | null): { values: string[] | null; error: string | null } {
  const [state, setState] = useState<{ values: string[] | null; error: string | null }>({ values: null, error: null });
  useEffect(() => {
    if (!id) return;
    let live = true;
    void apiRequest<unknown>('GET', `/api/filters/${encodeURIComponent(id)}`).then((answer) => {
      if (!live) return;
      const f = answer.kind === 'ok' ? asSavedFilter(answer.data) : null;
      setState(f ? { values: f.values, error: null } : { values: null, error: 'Its choices could not be loaded; type a value instead.' });
    });
    return () => {
      live = false;
    };
  }, [id]);
  return state;
}

function FilterField({ filter, input, onCommit }: { filter: DashboardFilter; input: FilterInput; onCommit(input: FilterInput): void }) {
  const id = `dash-filter-${filter.name}`;
  const [text, setText] = useState(typeof input === 'string' ? input : Array.isArray(input) ? input.join(', ') : '');
  const options = useSavedFilterValues(filter.savedFilterId);
  useEffect(() => {
    if (typeof input === 'string') setText(input);
  }, [input]);

  if (options.values && (filter.type === 'LIST' || filter.type === 'TEXT' || filter.type === 'NUMBER')) {
    const multiple = filter.type === 'LIST';
    const chosen = Array.isArray(input) ? input : typeof input === 'string' && input ? [input] : [];
    return (
      <div className="field">
        <label htmlFor={id}>{filter.label}</label>
        <select
          id={id}
          multiple={multiple}
          value={multiple ? chosen : (chosen[0] ?? '')}
          onChange={(e) => onCommit(multiple ? [...e.target.selectedOptions].map((o) => o.value) : e.target.value)}
          data-testid={id}
        >
          {!multiple && <option value="">Any</option>}
          {options.values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </div>
    );
  }
  if (filter.type === 'DATE') {
    const relative = isRelative(input) ? input : '';
    return (
      <fieldset className="field range-inputs">
        <legend>{filter.label}</legend>
        <RelativeDateSelect id={`${id}-relative`} range={false} value={relative} onValue={(v) => onCommit(v)} />
        {!relative && (
          <div className="range-part">
            <label htmlFor={id}>Date</label>
            <input id={id} type="date" value={typeof input === 'string' ? input : ''} onChange={(e) => onCommit(e.target.value)} data-testid={id} />
          </div>
        )}
      </fieldset>
    );
  }
  if (filter.type === 'DATE_RANGE') {
    const relative = typeof input === 'string' ? input : '';
    const r = typeof input === 'object' && !Array.isArray(input) ? input : { start: '', end: '' };
    return (
      <fieldset className="field range-inputs">
        <legend>{filter.label}</legend>
        <RelativeDateSelect
          id={`${id}-relative`}
          range
          value={relative}
          onValue={(v) => onCommit(v === '' ? { start: '', end: '' } : v)}
        />
        {!relative && (
          <>
            <div className="range-part">
              <label htmlFor={id}>From</label>
              <input id={id} type="date" value={r.start} onChange={(e) => onCommit({ ...r, start: e.target.value })} data-testid={id} />
            </div>
            <div className="range-part">
              <label htmlFor={`${id}-end`}>To</label>
              <input id={`${id}-end`} type="date" value={r.end} min={r.start || undefined} onChange={(e) => onCommit({ ...r, end: e.target.value })} data-testid={`${id}-end`} />
            </div>
          </>
        )}
      </fieldset>
    );
  }
  // Text, number and list are typed: applied on Enter or when leaving the field.
  const commit = () => {
    const next = filter.type === 'LIST' ? text.split(',').map((s) => s.trim()).filter(Boolean) : text;
    if (JSON.stringify(next) !== JSON.stringify(input)) onCommit(next);
  };
  return (
    <form
      className="field"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        commit();
      }}
    >
      <label htmlFor={id}>{filter.label}</label>
      <input
        id={id}
        type="text"
        inputMode={filter.type === 'NUMBER' ? 'decimal' : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        aria-describedby={`${id}-hint`}
        data-testid={id}
      />
      <p id={`${id}-hint`} className="visually-hidden">
        {filter.type === 'LIST' ? 'Values separated by commas. ' : ''}Press Enter to apply.
      </p>
      {options.error && <p className="field-error">{options.error}</p>}
    </form>
  );
}

/** The dashboard's filters; changing one re-runs the tiles it feeds. */
export function DashboardFiltersBar({
  filters,
  inputs,
  onChange,
}: {
  filters: DashboardFilter[];
  inputs: Record<string, FilterInput>;
  onChange(name: string, input: FilterInput): void;
}) {
  if (filters.length === 0) return null;
  return (
    <section className="dashboard-filters" aria-label="Dashboard filters" data-testid="dashboard-filters">
      {filters.map((f) => (
        <FilterField key={f.name} filter={f} input={inputs[f.name] ?? initialInput(f)} onCommit={(input) => onChange(f.name, input)} />
      ))}
    </section>
  );
}
