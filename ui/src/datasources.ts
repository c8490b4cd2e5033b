/**
 * Data sources and drivers as the API shows them (`/api/drivers`, `/api/datasources`), checked
 * on the way in, and the form model that turns an edit into a request body.
 */

export type TlsMode = 'DISABLE' | 'REQUIRE' | 'VERIFY_CA' | 'VERIFY_FULL';
export const TLS_MODES: readonly TlsMode[] = ['DISABLE', 'REQUIRE', 'VERIFY_CA', 'VERIFY_FULL'];

/** An installed driver module; `options` maps each allowed option to its description. */
export interface Driver {
  id: string;
  displayName: string;
  defaultPort: number | null;
  options: Record<string, string>;
}

export interface WriteAccess {
  canWrite: boolean;
  detail: string | null;
}

export interface ServerInfo {
  product: string;
  version: string | null;
  timeZone: string | null;
  maxConnections: number | null;
}

export interface SshView {
  host: string;
  port: number;
  user: string;
  privateKeySet: boolean;
  passphraseSet: boolean;
  passwordSet: boolean;
  hostKeyFingerprint: string | null;
}

/** A data source as GET /api/datasources lists it; secrets only say whether they are set. */
export interface DataSource {
  id: string;
  name: string;
  driver: string;
  driverName: string;
  driverAvailable: boolean;
  host: string;
  port: number | null;
  database: string;
  user: string;
  passwordSet: boolean;
  options: Record<string, string>;
  tlsMode: TlsMode;
  caCertificate: string | null;
  /** The TLS client certificate (PEM, public), or null; its key is a secret (SPEC DS-3). */
  clientCertificate: string | null;
  clientKeySet: boolean;
  ssh: SshView | null;
  readOnlyEnforced: boolean;
  queryTimeoutSeconds: number;
  /** How long its query results stay in the result cache; 0 = never cached (SPEC C-1). */
  cacheTtlSeconds: number;
  /** Defined by ops in etc/ (e.g. the demo data source): it cannot be changed here, only deleted. */
  operatorDefined: boolean;
  writeAccess: WriteAccess | null;
  server: ServerInfo | null;
  metadataReadAt: string | null;
  /** When the definition last changed; metadata read before it is out of date. */
  updatedAt: string | null;
}

/**
 * The drivers that present a TLS client certificate (SPEC DS-3): PostgreSQL only for now. The
 * others (MariaDB, Derby, H2) refuse one with a 400 on `tls.clientKey`.
 */
const CLIENT_CERTIFICATE_DRIVERS: readonly string[] = ['postgresql'];

export function supportsClientCertificate(driverId: string): boolean {
  return CLIENT_CERTIFICATE_DRIVERS.includes(driverId);
}

export const DEFAULT_TIMEOUT_SECONDS = 120;
export const DEFAULT_CACHE_TTL_SECONDS = 3600;
export const MAX_CACHE_TTL_SECONDS = 86400;
export const DEFAULT_SSH_PORT = 22;

// ---- reading answers ----

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

function strOrNull(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function isSet(v: unknown): boolean {
  return isObject(v) && v.set === true;
}

/** String values only: anything else in an options map is dropped. */
function stringMap(v: unknown): Record<string, string> {
  if (!isObject(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** A list answer whose items `item` understands; items it does not are left out. */
function listOf<T>(data: unknown, item: (v: unknown) => T | null): T[] | null {
  if (!Array.isArray(data)) return null;
  return data.map(item).filter((x): x is T => x !== null);
}

function asDriver(v: unknown): Driver | null {
  if (!isObject(v) || typeof v.id !== 'string' || !v.id) return null;
  return { id: v.id, displayName: str(v.displayName, v.id) || v.id, defaultPort: num(v.defaultPort), options: stringMap(v.options) };
}

export function asDrivers(data: unknown): Driver[] | null {
  return listOf(data, asDriver);
}

export function asWriteAccess(v: unknown): WriteAccess | null {
  if (!isObject(v) || typeof v.canWrite !== 'boolean') return null;
  return { canWrite: v.canWrite, detail: strOrNull(v.detail) };
}

export function asServerInfo(v: unknown): ServerInfo | null {
  if (!isObject(v) || typeof v.product !== 'string') return null;
  return { product: v.product, version: strOrNull(v.version), timeZone: strOrNull(v.timeZone), maxConnections: num(v.maxConnections) };
}

function asSsh(v: unknown): SshView | null {
  if (!isObject(v) || typeof v.host !== 'string') return null;
  return {
    host: v.host,
    port: num(v.port) ?? DEFAULT_SSH_PORT,
    user: str(v.user),
    privateKeySet: isSet(v.privateKey),
    passphraseSet: isSet(v.passphrase),
    passwordSet: isSet(v.password),
    hostKeyFingerprint: strOrNull(v.hostKeyFingerprint),
  };
}

export function asDataSource(v: unknown): DataSource | null {
  if (!isObject(v) || typeof v.id !== 'string' || !v.id || typeof v.name !== 'string') return null;
  const tls = isObject(v.tls) ? v.tls : {};
  const mode = TLS_MODES.find((m) => m === tls.mode) ?? 'VERIFY_FULL';
  const driver = str(v.driver);
  return {
    id: v.id,
    name: v.name,
    driver,
    driverName: str(v.driverName) || driver,
    // Only an explicit false says the module is gone.
    driverAvailable: v.driverAvailable !== false,
    host: str(v.host),
    port: num(v.port),
    database: str(v.database),
    user: str(v.user),
    passwordSet: isSet(v.password),
    options: stringMap(v.options),
    tlsMode: mode,
    caCertificate: strOrNull(tls.caCertificate),
    clientCertificate: strOrNull(tls.clientCertificate),
    clientKeySet: isSet(tls.clientKey),
    ssh: asSsh(v.ssh),
    readOnlyEnforced: v.readOnlyEnforced === true,
    queryTimeoutSeconds: num(v.queryTimeoutSeconds) ?? DEFAULT_TIMEOUT_SECONDS,
    cacheTtlSeconds: num(v.cacheTtlSeconds) ?? DEFAULT_CACHE_TTL_SECONDS,
    // Only an explicit true: anything else can be edited (the server refuses it if not).
    operatorDefined: v.operatorDefined === true,
    writeAccess: asWriteAccess(v.writeAccess),
    server: asServerInfo(v.server),
    metadataReadAt: strOrNull(v.metadataReadAt),
    updatedAt: strOrNull(v.updatedAt),
  };
}

export function asDataSources(data: unknown): DataSource[] | null {
  return listOf(data, asDataSource);
}

export interface OutboundAddresses {
  addresses: string[];
  note: string | null;
}

export function asOutboundAddresses(data: unknown): OutboundAddresses | null {
  if (!isObject(data) || !Array.isArray(data.addresses)) return null;
  return { addresses: data.addresses.filter((a): a is string => typeof a === 'string'), note: strOrNull(data.note) };
}

// ---- connection tests ----

export interface TestStep {
  step: string;
  ok: boolean;
  millis: number | null;
  message: string;
  /** On a failed SSH step: the key the SSH server presented, for the admin to confirm. */
  hostKeyFingerprint: string | null;
}

export interface TestResult {
  ok: boolean;
  steps: TestStep[];
  server: ServerInfo | null;
  writeAccess: WriteAccess | null;
}

function asTestStep(v: unknown): TestStep | null {
  if (!isObject(v) || typeof v.step !== 'string' || typeof v.ok !== 'boolean') return null;
  return { step: v.step, ok: v.ok, millis: num(v.millis), message: str(v.message), hostKeyFingerprint: strOrNull(v.hostKeyFingerprint) };
}

export function asTestResult(data: unknown): TestResult | null {
  if (!isObject(data) || typeof data.ok !== 'boolean') return null;
  return {
    ok: data.ok,
    steps: listOf(data.steps, asTestStep) ?? [],
    server: asServerInfo(data.server),
    writeAccess: asWriteAccess(data.writeAccess),
  };
}

const STEP_LABELS: Record<string, string> = {
  DNS: 'DNS lookup',
  TCP: 'TCP connection',
  SSH: 'SSH tunnel',
  TLS: 'TLS',
  AUTHENTICATION: 'Sign-in',
  QUERY: 'Test query',
};

export function stepLabel(step: string): string {
  return STEP_LABELS[step] ?? step;
}

// ---- schema ----

export interface SchemaColumn {
  name: string;
  type: string;
  nullable: boolean;
}

export interface SchemaTable {
  name: string;
  kind: string;
  columns: SchemaColumn[];
}

export interface SchemaInfo {
  readAt: string | null;
  schemas: { name: string; tables: SchemaTable[] }[];
}

function asColumn(v: unknown): SchemaColumn | null {
  if (!isObject(v) || typeof v.name !== 'string') return null;
  return { name: v.name, type: str(v.type), nullable: v.nullable !== false };
}

function asTable(v: unknown): SchemaTable | null {
  if (!isObject(v) || typeof v.name !== 'string') return null;
  return { name: v.name, kind: str(v.kind, 'TABLE') || 'TABLE', columns: listOf(v.columns, asColumn) ?? [] };
}

export function asSchemaInfo(data: unknown): SchemaInfo | null {
  if (!isObject(data) || !Array.isArray(data.schemas)) return null;
  const schemas = listOf(data.schemas, (s) =>
    isObject(s) && typeof s.name === 'string' ? { name: s.name, tables: listOf(s.tables, asTable) ?? [] } : null,
  );
  return { readAt: strOrNull(data.readAt), schemas: schemas ?? [] };
}

// ---- paths and words ----

export function dsPath(id?: string, rest = ''): string {
  return id === undefined ? `/api/datasources${rest}` : `/api/datasources/${encodeURIComponent(id)}${rest}`;
}

/** An embedded database runs inside the Sightline server: it has no host (and port 0). */
export function isEmbedded(ds: Pick<DataSource, 'host'>): boolean {
  return ds.host.trim() === '';
}

export const EMBEDDED_TEXT = 'embedded (on the server)';

export const OPERATOR_DEFINED_LABEL = 'Defined by ops';
export const OPERATOR_DEFINED_NOTE = 'Set up by your operators in etc/; it cannot be changed here.';
/** What a refused change (409 operator_defined) is told as. */
export const OPERATOR_DEFINED_REFUSAL =
  'Your operators set up this data source in etc/, so it cannot be changed here: your changes were not saved. You can still test it, browse its schema or delete it.';

/** `host:port/database`, with an IPv6 host in brackets; an embedded database has no host or port. */
export function connectionText(ds: Pick<DataSource, 'host' | 'port' | 'database'>): string {
  if (isEmbedded(ds)) return EMBEDDED_TEXT;
  const host = ds.host.includes(':') ? `[${ds.host}]` : ds.host;
  const port = ds.port === null ? '' : `:${ds.port}`;
  return `${host}${port}${ds.database ? `/${ds.database}` : ''}`;
}

/** "1 hour", "90 seconds", "Never cached" (0): a cache lifetime in words. */
export function cacheTtlText(seconds: number): string {
  if (seconds === 0) return 'Never cached';
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds % 3600 === 0) return unit(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return unit(seconds / 60, 'minute');
  return unit(seconds, 'second');
}

export function serverText(s: ServerInfo): string {
  const parts = [[s.product, s.version].filter(Boolean).join(' ')];
  if (s.timeZone) parts.push(`time zone ${s.timeZone}`);
  if (s.maxConnections !== null) parts.push(`up to ${s.maxConnections} connections`);
  return parts.join(', ');
}

export function writeAccessText(w: WriteAccess): string {
  const detail = w.detail ? ` (${w.detail})` : '';
  return `This user can change data${detail}. Sightline runs every query read-only, but a read-only database user is safer.`;
}
