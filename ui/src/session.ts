/**
 * The signed-in session, kept in sessionStorage (per tab, gone when the tab closes) and
 * shared with React through a tiny subscribe/read store (see auth.tsx).
 */

export type Role = 'VIEWER' | 'MEMBER' | 'ADMIN' | 'OWNER';
export const ROLES: readonly Role[] = ['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'];
export const ROLE_LABELS: Record<Role, string> = {
  VIEWER: 'Viewer',
  MEMBER: 'Member',
  ADMIN: 'Admin',
  OWNER: 'Owner',
};

/** The contract does not fix whether ids are numbers or strings; both work. */
export type Id = string | number;

export interface User {
  id: Id;
  email: string;
  displayName: string;
  /** The profile's IANA time zone; null or missing follows the browser's. */
  timeZone?: string | null;
}

export interface OrgRef {
  id: Id;
  name: string;
  role: Role;
}

/** What GET/PATCH /api/me and PUT /api/me/organization answer. */
export interface Profile {
  user: User;
  organization: OrgRef;
  organizations: OrgRef[];
}

export interface Session extends Profile {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** 0 Viewer … 3 Owner; -1 for anything unknown (treated as less than Viewer). */
export function roleRank(role: unknown): number {
  return ROLES.indexOf(role as Role);
}

export function roleLabel(role: unknown): string {
  return ROLE_LABELS[role as Role] ?? String(role);
}

/** Whether `role` is `least` or above. */
export function hasRole(role: unknown, least: Role): boolean {
  return roleRank(role) >= roleRank(least);
}

export function canManageMembers(role: unknown): boolean {
  return hasRole(role, 'ADMIN');
}

/** Adding, changing, testing and deleting data sources, and reading their schema anew. */
export function canManageDataSources(role: unknown): boolean {
  return hasRole(role, 'ADMIN');
}

/** SQL alerts and the schedules of scheduled work (the API answers 403 to anyone else). */
export function canManageSchedules(role: unknown): boolean {
  return hasRole(role, 'ADMIN');
}

/** The audit log is for Admins and Owners (the API answers 403 to anyone else). */
export function canReadAudit(role: unknown): boolean {
  return hasRole(role, 'ADMIN');
}

/** Encryption key status and rotation are for Owners. */
export function canManageKeys(role: unknown): boolean {
  return hasRole(role, 'OWNER');
}

/** Roles someone with `own` may hand out (invitations, role changes, API tokens). */
export function rolesUpTo(own: unknown): Role[] {
  return ROLES.filter((r) => roleRank(r) <= roleRank(own));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isId(v: unknown): v is Id {
  return (typeof v === 'string' && v !== '') || typeof v === 'number';
}

function asOrg(v: unknown): OrgRef | null {
  if (!isObject(v) || !isId(v.id)) return null;
  return { id: v.id, name: typeof v.name === 'string' ? v.name : String(v.id), role: v.role as Role };
}

function asUser(v: unknown): User | null {
  if (!isObject(v) || typeof v.email !== 'string') return null;
  const displayName = typeof v.displayName === 'string' && v.displayName ? v.displayName : v.email;
  const user: User = { id: isId(v.id) ? v.id : v.email, email: v.email, displayName };
  // Kept only when the profile has one: no zone means the browser's.
  if (typeof v.timeZone === 'string' && v.timeZone) user.timeZone = v.timeZone;
  return user;
}

/** Checks the {user, organization, organizations} part of an answer. */
export function asProfile(v: unknown): Profile | null {
  if (!isObject(v)) return null;
  const user = asUser(v.user);
  const organization = asOrg(v.organization);
  if (!user || !organization) return null;
  const listed = Array.isArray(v.organizations) ? v.organizations.map(asOrg) : [];
  const organizations = listed.filter((o): o is OrgRef => o !== null);
  if (!organizations.some((o) => String(o.id) === String(organization.id))) organizations.unshift(organization);
  return { user, organization, organizations };
}

/** Checks a Session answer (login, refresh); null when it is not one. */
export function asSession(v: unknown): Session | null {
  if (!isObject(v)) return null;
  const { accessToken, refreshToken, expiresIn } = v;
  if (typeof accessToken !== 'string' || !accessToken) return null;
  if (typeof refreshToken !== 'string' || !refreshToken) return null;
  const profile = asProfile(v);
  if (!profile) return null;
  return { accessToken, refreshToken, expiresIn: typeof expiresIn === 'number' ? expiresIn : 0, ...profile };
}

// ---- the store ----

export const SESSION_KEY = 'sightline.session';

export type EndReason = 'signed-out' | 'expired';

let cachedRaw: string | null | undefined;
let cachedSession: Session | null = null;
let lastEnd: EndReason | null = null;
const listeners = new Set<() => void>();

/** The current session; the same object while storage is unchanged (for useSyncExternalStore). */
export function readSession(): Session | null {
  let raw: string | null;
  try {
    raw = sessionStorage.getItem(SESSION_KEY);
  } catch {
    raw = null;
  }
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    try {
      cachedSession = raw ? asSession(JSON.parse(raw)) : null;
    } catch {
      cachedSession = null;
    }
  }
  return cachedSession;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify() {
  listeners.forEach((l) => l());
}

export function saveSession(session: Session): void {
  lastEnd = null;
  try {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    /* storage blocked: nothing to keep the session in */
  }
  notify();
}

export function endSession(reason: EndReason): void {
  lastEnd = reason;
  try {
    sessionStorage.removeItem(SESSION_KEY);
  } catch {
    /* ignore */
  }
  notify();
}

/** Why the last session ended in this tab ('expired' lets the login page say so). */
export function lastEndReason(): EndReason | null {
  return lastEnd;
}
