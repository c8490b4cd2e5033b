import { RELATIVE_DAYS, RELATIVE_RANGES } from '../timeZone';

/**
 * "Fixed dates" or a relative value ("Last 7 days", "This month" …) for a date or date range
 * input; the server resolves a relative value from today in the user's time zone.
 */
export function RelativeDateSelect({
  id,
  range,
  value,
  onValue,
}: {
  id: string;
  range: boolean;
  /** The relative value, or '' for fixed dates. */
  value: string;
  onValue(value: string): void;
}) {
  const options = range ? RELATIVE_RANGES : RELATIVE_DAYS;
  const known = value === '' || options.some((o) => o.value === value);
  return (
    <div className="range-part">
      <label htmlFor={id}>Period</label>
      <select id={id} value={value} onChange={(e) => onValue(e.target.value)} data-testid={id}>
        <option value="">{range ? 'Fixed dates' : 'Fixed date'}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {!known && <option value={value}>{value}</option>}
      </select>
    </div>
  );
}
