import { SelectField, TextField } from '../forms';
import { UNIT_SECONDS, type IntervalUnit, type ScheduleMode, type TimingErrors, type TimingField, type TimingForm } from '../schedules';
import { allTimeZones } from '../timeZone';

const MODES: readonly { value: ScheduleMode; label: string }[] = [
  { value: 'interval', label: 'Every few minutes, hours or days' },
  { value: 'cron', label: 'At set times (a cron expression)' },
];

const UNIT_LABELS: Record<IntervalUnit, string> = { seconds: 'seconds', minutes: 'minutes', hours: 'hours', days: 'days' };

/**
 * The id of the control that shows an error of `field` in `form`. The server may name a field
 * the current mode hides ("give either cron or intervalSeconds" names `cron`): it then shows at
 * the mode's own field.
 */
export function timingControlId(prefix: string, form: TimingForm, field: TimingField): string {
  if (form.mode === 'interval') return `${prefix}-interval`;
  return field === 'timeZone' ? `${prefix}-timezone` : `${prefix}-cron`;
}

interface ScheduleFieldsProps {
  /** Prefix of the ids and test ids: `<prefix>-schedule-mode`, `-interval`, `-interval-unit`, `-cron`, `-timezone`. */
  prefix: string;
  form: TimingForm;
  onChange(form: TimingForm, cleared: TimingField[]): void;
  errors: TimingErrors;
}

/** How often something runs: every N minutes/hours/days, or a cron expression in a time zone. */
export function ScheduleFields({ prefix, form, onChange, errors }: ScheduleFieldsProps) {
  const set = (patch: Partial<TimingForm>, cleared: TimingField[]) => onChange({ ...form, ...patch }, cleared);
  const all: TimingField[] = ['cron', 'intervalSeconds', 'timeZone'];
  // Seconds only for a stored interval that is no whole number of minutes.
  const units = (Object.keys(UNIT_SECONDS) as IntervalUnit[]).filter((u) => u !== 'seconds' || form.unit === 'seconds');
  const zones = allTimeZones();
  const zoneOptions = (zones.includes(form.timeZone) ? zones : [form.timeZone, ...zones]).map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));

  return (
    <>
      <SelectField
        id={`${prefix}-schedule-mode`}
        testId={`${prefix}-schedule-mode`}
        label="Runs"
        value={form.mode}
        onValue={(v) => set({ mode: v === 'cron' ? 'cron' : 'interval' }, all)}
        options={MODES}
      />
      {form.mode === 'interval' ? (
        <div className="form-row">
          <TextField
            id={`${prefix}-interval`}
            testId={`${prefix}-interval`}
            label="Every"
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={form.every}
            onValue={(v) => set({ every: v }, all)}
            error={errors.intervalSeconds ?? errors.cron ?? errors.timeZone}
            hint="From 1 minute to 30 days."
          />
          <SelectField
            id={`${prefix}-interval-unit`}
            testId={`${prefix}-interval-unit`}
            label="Unit"
            value={form.unit}
            onValue={(v) => set({ unit: v as IntervalUnit }, all)}
            options={units.map((u) => ({ value: u, label: UNIT_LABELS[u] }))}
          />
        </div>
      ) : (
        <div className="form-row">
          <TextField
            id={`${prefix}-cron`}
            testId={`${prefix}-cron`}
            label="Cron expression"
            className="fingerprint"
            autoComplete="off"
            spellCheck={false}
            placeholder="0 7 * * 1-5"
            value={form.cron}
            onValue={(v) => set({ cron: v }, ['cron', 'intervalSeconds'])}
            error={errors.cron ?? errors.intervalSeconds}
            hint={
              <>
                Five fields: minute, hour, day of month, month, day of week. <code>0 7 * * 1-5</code> runs at 07:00 on
                weekdays, <code>*/30 * * * *</code> every half hour.
              </>
            }
          />
          {zoneOptions.length > 1 ? (
            <SelectField
              id={`${prefix}-timezone`}
              testId={`${prefix}-timezone`}
              label="Time zone"
              value={form.timeZone}
              onValue={(v) => set({ timeZone: v }, ['timeZone'])}
              options={zoneOptions}
              error={errors.timeZone}
            />
          ) : (
            <TextField
              id={`${prefix}-timezone`}
              testId={`${prefix}-timezone`}
              label="Time zone"
              value={form.timeZone}
              onValue={(v) => set({ timeZone: v }, ['timeZone'])}
              error={errors.timeZone}
              hint="An IANA zone such as Europe/Berlin."
            />
          )}
        </div>
      )}
    </>
  );
}
