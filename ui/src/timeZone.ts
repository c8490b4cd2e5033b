/**
 * The user's time zone and relative dates. The zone is the profile's choice, else the browser's;
 * every query, report and tile run sends it, so relative dates ("last 7 days") and timestamps
 * with a time zone follow it (docs/queries.md, "Time zones").
 */
import { readSession } from './session';

/** The browser's IANA zone, e.g. Europe/Paris; UTC when the browser does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The zone runs use: the profile's, else the browser's. */
export function effectiveTimeZone(): string {
  return readSession()?.user.timeZone || browserTimeZone();
}

/** Every zone the browser knows, for the profile's select. */
export function allTimeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?(key: string): string[] }).supportedValuesOf;
  try {
    return supported ? supported('timeZone') : [];
  } catch {
    return [];
  }
}

/** A run body with the user's zone. */
export function withTimeZone<T extends object>(body: T): T & { timeZone: string } {
  return { ...body, timeZone: effectiveTimeZone() };
}

export interface RelativeOption {
  value: string;
  label: string;
}

/** Relative values of a date parameter or filter: one day each. */
export const RELATIVE_DAYS: readonly RelativeOption[] = [
  { value: 'today', label: 'Today' },
  { value: 'yesterday', label: 'Yesterday' },
  { value: '7 days ago', label: '7 days ago' },
];

/** Relative values of a date range parameter or filter (the server accepts any "last N days"). */
export const RELATIVE_RANGES: readonly RelativeOption[] = [
  { value: 'today', label: 'Today' },
  { value: 'yesterday', label: 'Yesterday' },
  { value: 'last 7 days', label: 'Last 7 days' },
  { value: 'last 30 days', label: 'Last 30 days' },
  { value: 'last 90 days', label: 'Last 90 days' },
  { value: 'this week', label: 'This week' },
  { value: 'last week', label: 'Last week' },
  { value: 'this month', label: 'This month' },
  { value: 'last month', label: 'Last month' },
  { value: 'this quarter', label: 'This quarter' },
  { value: 'last quarter', label: 'Last quarter' },
  { value: 'this year', label: 'This year' },
  { value: 'last year', label: 'Last year' },
];

/** Whether a value is relative text (anything but a YYYY-MM-DD date or nothing). */
export function isRelative(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(value.trim());
}
