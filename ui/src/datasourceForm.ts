/**
 * The data source form as plain data: what the admin typed, the request body it becomes, the
 * checks made before sending, and where an error about an API field is shown.
 *
 * Secrets are never shown: the API only says whether one is set. In a body, an absent secret
 * keeps the stored one, a string replaces it and `""` removes it.
 */
import {
  DEFAULT_CACHE_TTL_SECONDS,
  DEFAULT_SSH_PORT,
  DEFAULT_TIMEOUT_SECONDS,
  MAX_CACHE_TTL_SECONDS,
  supportsClientCertificate,
  type DataSource,
  type Driver,
  type TlsMode,
} from './datasources';

export interface Secret {
  /** Whether one is stored; null on a new data source (nothing to keep or remove). */
  stored: boolean | null;
  /** What the admin typed; empty keeps the stored one. */
  value: string;
  /** The admin chose Remove (and typed nothing since). */
  remove: boolean;
}

export type SshAuth = 'key' | 'password';

export interface OptionRow {
  /** Stable across edits, for React keys and element ids. */
  rowId: number;
  key: string;
  value: string;
}

export interface DsForm {
  id: string | null;
  name: string;
  driver: string;
  host: string;
  port: string;
  database: string;
  user: string;
  password: Secret;
  options: OptionRow[];
  tlsMode: TlsMode;
  caCertificate: string;
  /** The TLS client certificate (public, so shown and edited as text); empty: none. */
  clientCertificate: string;
  /** Whether the data source has one stored: emptying the field then removes it with its key. */
  clientCertificateStored: boolean;
  clientKey: Secret;
  sshOn: boolean;
  sshHost: string;
  sshPort: string;
  sshUser: string;
  sshAuth: SshAuth;
  sshPrivateKey: Secret;
  sshPassphrase: Secret;
  sshPassword: Secret;
  sshFingerprint: string;
  readOnlyEnforced: boolean;
  queryTimeoutSeconds: string;
  cacheTtlSeconds: string;
}

export type SecretField = 'password' | 'clientKey' | 'sshPrivateKey' | 'sshPassphrase' | 'sshPassword';

let lastRowId = 0;

export function optionRow(key = '', value = ''): OptionRow {
  lastRowId += 1;
  return { rowId: lastRowId, key, value };
}

function secret(stored: boolean | null): Secret {
  return { stored, value: '', remove: false };
}

export function newForm(drivers: readonly Driver[]): DsForm {
  return {
    id: null,
    name: '',
    driver: drivers[0]?.id ?? '',
    host: '',
    port: '',
    database: '',
    user: '',
    password: secret(null),
    options: [],
    tlsMode: 'VERIFY_FULL',
    caCertificate: '',
    clientCertificate: '',
    clientCertificateStored: false,
    clientKey: secret(null),
    sshOn: false,
    sshHost: '',
    sshPort: String(DEFAULT_SSH_PORT),
    sshUser: '',
    sshAuth: 'key',
    sshPrivateKey: secret(null),
    sshPassphrase: secret(null),
    sshPassword: secret(null),
    sshFingerprint: '',
    readOnlyEnforced: true,
    queryTimeoutSeconds: String(DEFAULT_TIMEOUT_SECONDS),
    cacheTtlSeconds: String(DEFAULT_CACHE_TTL_SECONDS),
  };
}

export function formOf(ds: DataSource): DsForm {
  const ssh = ds.ssh;
  return {
    id: ds.id,
    name: ds.name,
    driver: ds.driver,
    host: ds.host,
    port: ds.port === null ? '' : String(ds.port),
    database: ds.database,
    user: ds.user,
    password: secret(ds.passwordSet),
    options: Object.entries(ds.options).map(([k, v]) => optionRow(k, v)),
    tlsMode: ds.tlsMode,
    caCertificate: ds.caCertificate ?? '',
    clientCertificate: ds.clientCertificate ?? '',
    clientCertificateStored: ds.clientCertificate !== null,
    clientKey: secret(ds.clientKeySet),
    sshOn: ssh !== null,
    sshHost: ssh?.host ?? '',
    sshPort: String(ssh?.port ?? DEFAULT_SSH_PORT),
    sshUser: ssh?.user ?? '',
    // A stored password without a key means password sign-in; anything else, a key.
    sshAuth: ssh && ssh.passwordSet && !ssh.privateKeySet ? 'password' : 'key',
    sshPrivateKey: secret(ssh ? ssh.privateKeySet : false),
    sshPassphrase: secret(ssh ? ssh.passphraseSet : false),
    sshPassword: secret(ssh ? ssh.passwordSet : false),
    sshFingerprint: ssh?.hostKeyFingerprint ?? '',
    readOnlyEnforced: ds.readOnlyEnforced,
    queryTimeoutSeconds: String(ds.queryTimeoutSeconds),
    cacheTtlSeconds: String(ds.cacheTtlSeconds),
  };
}

// ---- the request body ----

/** A secret as the body carries it: typed → replace, Remove → "", else absent (keep). */
export function secretValue(s: Secret): string | undefined {
  if (s.value !== '') return s.value;
  return s.remove && s.stored ? '' : undefined;
}

/** A secret of the sign-in method not chosen: a stored one is removed, else nothing is sent. */
function dropped(s: Secret): string | undefined {
  return s.stored ? '' : undefined;
}

export function needsCa(mode: TlsMode): boolean {
  return mode === 'VERIFY_CA' || mode === 'VERIFY_FULL';
}

/** Whether the form shows the TLS client certificate and key: TLS on, and a driver that can use them. */
export function clientCertificateShown(form: Pick<DsForm, 'tlsMode' | 'driver'>): boolean {
  return form.tlsMode !== 'DISABLE' && supportsClientCertificate(form.driver);
}

/** The admin emptied the field of a stored client certificate: it goes on save, and its key with it. */
export function clientCertificateRemoved(form: DsForm): boolean {
  return clientCertificateShown(form) && form.clientCertificateStored && form.clientCertificate.trim() === '';
}

/** How to turn a passphrase-protected key into one Sightline can use (the server's advice too). */
export const OPENSSL_CONVERT = 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem';

/** The client key as typed, without the blank lines around a pasted PEM block. */
function typedClientKey(form: DsForm): Secret {
  return { ...form.clientKey, value: form.clientKey.value.trim() };
}

function portOf(text: string, fallback: number | null): number | null {
  const t = text.trim();
  return t === '' ? fallback : Number(t);
}

export interface SshBody {
  host: string;
  port: number | null;
  user: string;
  privateKey?: string;
  passphrase?: string;
  password?: string;
  hostKeyFingerprint: string | null;
}

/**
 * `clientCertificate`: PEM replaces, `""` removes (and the key with it), absent keeps.
 * `clientKey`: a secret; `""` only together with `clientCertificate: ""`.
 */
export interface TlsBody {
  mode: TlsMode;
  caCertificate: string | null;
  clientCertificate?: string;
  clientKey?: string;
}

export interface DsBody {
  id?: string;
  name: string;
  driver: string;
  host: string;
  port: number | null;
  database: string;
  user: string;
  password?: string;
  options: Record<string, string>;
  tls: TlsBody;
  ssh: SshBody | null;
  readOnlyEnforced: boolean;
  queryTimeoutSeconds: number | null;
  cacheTtlSeconds: number | null;
}

/** Drops keys whose value is undefined, so "absent" really is absent in the JSON. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const REMOVE_CLIENT_CERTIFICATE = { clientCertificate: '', clientKey: '' } as const;

/**
 * TLS as the body carries it. The client certificate is sent as shown (like the CA certificate);
 * its key only when typed or removed. Hidden fields send nothing, so TLS off keeps a stored
 * certificate (unused), except that a driver that cannot use one drops a stored one with its key.
 */
function tlsBody(form: DsForm): TlsBody {
  const base: TlsBody = { mode: form.tlsMode, caCertificate: needsCa(form.tlsMode) ? form.caCertificate.trim() || null : null };
  if (!clientCertificateShown(form)) {
    return !supportsClientCertificate(form.driver) && form.clientCertificateStored ? { ...base, ...REMOVE_CLIENT_CERTIFICATE } : base;
  }
  if (clientCertificateRemoved(form)) return { ...base, ...REMOVE_CLIENT_CERTIFICATE };
  const certificate = form.clientCertificate.trim();
  return compact({ ...base, clientCertificate: certificate || undefined, clientKey: secretValue(typedClientKey(form)) });
}

/** The POST/PUT body; an empty port is the driver's default port. */
export function bodyOf(form: DsForm, driver: Driver | undefined): DsBody {
  const byKey = form.sshAuth === 'key';
  const ssh: SshBody | null = form.sshOn
    ? compact({
        host: form.sshHost.trim(),
        port: portOf(form.sshPort, DEFAULT_SSH_PORT),
        user: form.sshUser.trim(),
        privateKey: byKey ? secretValue(form.sshPrivateKey) : dropped(form.sshPrivateKey),
        passphrase: byKey ? secretValue(form.sshPassphrase) : dropped(form.sshPassphrase),
        password: byKey ? dropped(form.sshPassword) : secretValue(form.sshPassword),
        hostKeyFingerprint: form.sshFingerprint.trim() || null,
      })
    : null;
  const timeout = form.queryTimeoutSeconds.trim();
  const cacheTtl = form.cacheTtlSeconds.trim();
  return compact({
    name: form.name.trim(),
    driver: form.driver,
    host: form.host.trim(),
    port: portOf(form.port, driver?.defaultPort ?? null),
    database: form.database.trim(),
    user: form.user.trim(),
    password: secretValue(form.password),
    options: Object.fromEntries(form.options.filter((r) => r.key.trim() !== '').map((r) => [r.key.trim(), r.value])),
    tls: tlsBody(form),
    ssh,
    readOnlyEnforced: form.readOnlyEnforced,
    queryTimeoutSeconds: timeout === '' ? DEFAULT_TIMEOUT_SECONDS : Number(timeout),
    cacheTtlSeconds: cacheTtl === '' ? DEFAULT_CACHE_TTL_SECONDS : Number(cacheTtl),
  });
}

// ---- checks before sending ----

export type Purpose = 'save' | 'test';

/** Errors keyed by API field name (`host`, `options.ssl`, `ssh.hostKeyFingerprint`). */
export type DsErrors = Record<string, string>;

function portError(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? undefined : 'Enter a port from 1 to 65535.';
}

function missingSecret(s: Secret): boolean {
  return s.value === '' && (!s.stored || s.remove);
}

/** The client certificate and key: PEM of the right kind, a key without a passphrase, and both or neither. */
function clientCertificateErrors(form: DsForm): DsErrors {
  const errors: DsErrors = {};
  const certificate = form.clientCertificate.trim();
  const key = typedClientKey(form);
  if (certificate.includes('PRIVATE KEY-----')) {
    errors['tls.clientCertificate'] =
      'This field takes the certificate only: paste the private key into the client key field below, which is stored encrypted.';
  } else if (certificate && !certificate.includes('-----BEGIN CERTIFICATE-----')) {
    errors['tls.clientCertificate'] = 'Paste the certificate in PEM form, starting with -----BEGIN CERTIFICATE-----.';
  }
  if (key.value !== '') {
    if (key.value.includes('ENCRYPTED')) {
      errors['tls.clientKey'] = `This key is protected by a passphrase, which Sightline cannot use. Convert it to an unencrypted PKCS#8 key with ${OPENSSL_CONVERT} and paste key-pkcs8.pem.`;
    } else if (!key.value.includes('PRIVATE KEY-----')) {
      errors['tls.clientKey'] = 'Paste the private key in PEM form, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----.';
    } else if (!certificate) {
      errors['tls.clientKey'] = 'Paste the client certificate this key belongs to as well, or empty this field.';
    }
  } else if (certificate && missingSecret(key)) {
    errors['tls.clientKey'] = key.remove
      ? 'The client certificate needs its private key: paste a new key, or empty the certificate field to remove both.'
      : 'Paste the private key of the client certificate.';
  }
  return errors;
}

/**
 * What can be told before asking the server. A test needs no name and no confirmed host key
 * (the test is how the admin learns the key).
 */
export function validate(form: DsForm, purpose: Purpose): DsErrors {
  const errors: DsErrors = {};
  if (purpose === 'save' && !form.name.trim()) errors.name = 'Name the data source, for example Sales DB.';
  if (!form.driver) errors.driver = 'Choose the driver of your database.';
  if (!form.host.trim()) errors.host = 'Enter the host name or IP address of the database server.';
  const port = portError(form.port);
  if (port) errors.port = port;

  const seen = new Set<string>();
  for (const row of form.options) {
    const key = row.key.trim();
    if (key === '') {
      if (row.value !== '') errors[`options.#${row.rowId}`] = 'Choose an option for this value, or remove the row.';
    } else if (seen.has(key)) {
      errors[`options.${key}`] = `${key} is set twice; keep one row.`;
    } else seen.add(key);
  }

  const ca = form.caCertificate.trim();
  if (needsCa(form.tlsMode) && ca && !ca.includes('-----BEGIN CERTIFICATE-----')) {
    errors['tls.caCertificate'] = 'Paste the certificate in PEM form, starting with -----BEGIN CERTIFICATE-----.';
  }

  if (clientCertificateShown(form)) Object.assign(errors, clientCertificateErrors(form));

  if (form.sshOn) {
    if (!form.sshHost.trim()) errors['ssh.host'] = 'Enter the host name of the SSH server.';
    const sshPort = portError(form.sshPort);
    if (sshPort) errors['ssh.port'] = sshPort;
    if (!form.sshUser.trim()) errors['ssh.user'] = 'Enter the user to sign in to the SSH server as.';
    if (form.sshAuth === 'key' && missingSecret(form.sshPrivateKey)) {
      errors['ssh.privateKey'] = 'Paste the private key, or choose password sign-in.';
    }
    if (form.sshAuth === 'password' && missingSecret(form.sshPassword)) {
      errors['ssh.password'] = 'Enter the SSH password, or choose key sign-in.';
    }
    if (purpose === 'save' && !form.sshFingerprint.trim()) {
      errors['ssh.hostKeyFingerprint'] =
        'Test the connection to see the key the SSH server presents, check it with the server’s admin, then confirm it.';
    }
  }

  const timeout = form.queryTimeoutSeconds.trim();
  if (timeout !== '' && !(Number.isInteger(Number(timeout)) && Number(timeout) >= 1)) {
    errors.queryTimeoutSeconds = 'Enter a whole number of seconds, 1 or more.';
  }
  const cacheTtl = form.cacheTtlSeconds.trim();
  if (cacheTtl !== '') {
    const n = Number(cacheTtl);
    if (!(Number.isInteger(n) && n >= 0 && n <= MAX_CACHE_TTL_SECONDS)) {
      errors.cacheTtlSeconds = `Enter a whole number of seconds from 0 (never cache) to ${MAX_CACHE_TTL_SECONDS} (24 hours).`;
    }
  }
  return errors;
}

// ---- where each field is ----

/** The key of an option row's error: its option name, or its row when it has none yet. */
export function optionErrorKey(row: OptionRow): string {
  const key = row.key.trim();
  return key === '' ? `options.#${row.rowId}` : `options.${key}`;
}

/** The id of the control that shows `field`'s error, or null when the form does not show it now. */
export function controlId(form: DsForm, field: string): string | null {
  const ids: Record<string, string> = {
    name: 'ds-name',
    driver: 'ds-driver',
    host: 'ds-host',
    port: 'ds-port',
    database: 'ds-database',
    user: 'ds-user',
    password: 'ds-password',
    options: 'ds-option-add',
    tls: 'ds-tls-mode',
    'tls.mode': 'ds-tls-mode',
    readOnlyEnforced: 'ds-read-only',
    queryTimeoutSeconds: 'ds-timeout',
    cacheTtlSeconds: 'ds-cache-ttl',
  };
  if (needsCa(form.tlsMode)) ids['tls.caCertificate'] = 'ds-ca';
  if (clientCertificateShown(form)) {
    ids['tls.clientCertificate'] = 'ds-tls-client-cert';
    ids['tls.clientKey'] = 'ds-tls-client-key';
  }
  ids.ssh = 'ds-ssh-toggle';
  if (form.sshOn) {
    Object.assign(ids, {
      'ssh.host': 'ds-ssh-host',
      'ssh.port': 'ds-ssh-port',
      'ssh.user': 'ds-ssh-user',
      'ssh.hostKeyFingerprint': 'ds-ssh-fingerprint',
    });
    if (form.sshAuth === 'key') Object.assign(ids, { 'ssh.privateKey': 'ds-ssh-key', 'ssh.passphrase': 'ds-ssh-passphrase' });
    else ids['ssh.password'] = 'ds-ssh-password';
  }
  if (field in ids) return ids[field];
  const row = form.options.find((r) => optionErrorKey(r) === field);
  return row ? `ds-option-key-${row.rowId}` : null;
}

/** Fields in the order the form shows them, for focusing the first error. */
export function fieldOrder(form: DsForm): string[] {
  return [
    'name',
    'driver',
    'host',
    'port',
    'database',
    'user',
    'password',
    ...form.options.map(optionErrorKey),
    'options',
    'tls',
    'tls.mode',
    'tls.caCertificate',
    'tls.clientCertificate',
    'tls.clientKey',
    'ssh',
    'ssh.host',
    'ssh.port',
    'ssh.user',
    'ssh.privateKey',
    'ssh.passphrase',
    'ssh.password',
    'ssh.hostKeyFingerprint',
    'readOnlyEnforced',
    'queryTimeoutSeconds',
    'cacheTtlSeconds',
  ];
}

/** The first field with an error that the form shows. */
export function firstErrorField(form: DsForm, errors: DsErrors): string | undefined {
  return fieldOrder(form).find((f) => errors[f] && controlId(form, f) !== null);
}

/**
 * Sorts a server error: at its field when the form shows that field (an `options.x` the form
 * has no row for is shown at the options editor), else above the form (null).
 */
export function errorPlace(form: DsForm, field: string | null): string | null {
  if (field === null) return null;
  if (controlId(form, field) !== null) return field;
  return field.startsWith('options.') ? 'options' : null;
}
