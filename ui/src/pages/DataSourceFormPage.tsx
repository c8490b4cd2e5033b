import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { apiRequest, failureOf, type ApiResult } from '../api';
import { useSession } from '../auth';
import { ConfirmAction } from '../ConfirmAction';
import {
  bodyOf,
  clientCertificateRemoved,
  clientCertificateShown,
  controlId,
  errorPlace,
  firstErrorField,
  formOf,
  needsCa,
  newForm,
  validate,
  type DsErrors,
  type DsForm,
  type Purpose,
  type Secret,
  type SecretField,
  type SshAuth,
} from '../datasourceForm';
import {
  asDataSource,
  asDrivers,
  asTestResult,
  cacheTtlText,
  connectionText,
  DEFAULT_CACHE_TTL_SECONDS,
  dsPath,
  isEmbedded,
  MAX_CACHE_TTL_SECONDS,
  OPERATOR_DEFINED_NOTE,
  OPERATOR_DEFINED_REFUSAL,
  serverText,
  supportsClientCertificate,
  TLS_MODES,
  type DataSource,
  type Driver,
  type TestResult,
  type TlsMode,
} from '../datasources';
import {
  CheckboxField,
  focusById,
  FormError,
  FormMessage,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from '../forms';
import { canManageDataSources } from '../session';
import { useDataSource } from '../useDataSource';
import { useHandoff } from '../useHandoff';
import { useLoad } from '../useLoad';
import { ConnectionTestResult, testSummary, WriteAccessWarning } from './ConnectionTestResult';
import { OptionsEditor, SecretInput } from './DataSourceFields';
import { editPath, OperatorDefinedBadge, schemaPath } from './DataSourcesPage';

/** Where a page that just created a data source hands it to its edit page. */
interface CreatedState {
  created?: DataSource;
}

const TLS_CHOICES: readonly { value: TlsMode; label: string; explanation: string }[] = [
  {
    value: 'DISABLE',
    label: 'Off',
    explanation:
      'No encryption: queries, results and the password cross the network readable. Only for a database on a network you trust completely.',
  },
  {
    value: 'REQUIRE',
    label: 'Encrypt',
    explanation:
      'Encrypts the connection but does not check the server’s certificate, so it stops eavesdroppers, not an impostor server.',
  },
  {
    value: 'VERIFY_CA',
    label: 'Encrypt and check the certificate authority',
    explanation: 'Also checks that a trusted authority (yours, below, or a public one) signed the server’s certificate.',
  },
  {
    value: 'VERIFY_FULL',
    label: 'Encrypt and check the certificate fully (recommended)',
    explanation: 'Also checks that the certificate names this host, so nothing in between can pose as the database.',
  },
];

const SSH_AUTH_CHOICES: readonly { value: SshAuth; label: string }[] = [
  { value: 'key', label: 'Private key' },
  { value: 'password', label: 'Password' },
];

/** The API fields a form field's errors are kept under; editing the field clears them. */
const API_FIELDS: Partial<Record<keyof DsForm, readonly string[]>> = {
  name: ['name'],
  driver: ['driver', 'tls.clientCertificate', 'tls.clientKey'],
  host: ['host'],
  port: ['port'],
  database: ['database'],
  user: ['user'],
  password: ['password'],
  tlsMode: ['tls', 'tls.mode', 'tls.caCertificate', 'tls.clientCertificate', 'tls.clientKey'],
  caCertificate: ['tls.caCertificate'],
  // A new certificate makes the key's error (say, "does not match") out of date too.
  clientCertificate: ['tls.clientCertificate', 'tls.clientKey'],
  clientKey: ['tls.clientKey'],
  sshOn: ['ssh'],
  sshHost: ['ssh.host'],
  sshPort: ['ssh.port'],
  sshUser: ['ssh.user'],
  sshAuth: ['ssh.privateKey', 'ssh.passphrase', 'ssh.password'],
  sshPrivateKey: ['ssh.privateKey'],
  sshPassphrase: ['ssh.passphrase'],
  sshPassword: ['ssh.password'],
  sshFingerprint: ['ssh.hostKeyFingerprint'],
  readOnlyEnforced: ['readOnlyEnforced'],
  queryTimeoutSeconds: ['queryTimeoutSeconds'],
  cacheTtlSeconds: ['cacheTtlSeconds'],
};

function without(errors: DsErrors, fields: readonly string[]): DsErrors {
  if (!fields.some((f) => errors[f])) return errors;
  const copy = { ...errors };
  fields.forEach((f) => delete copy[f]);
  return copy;
}

type Busy = null | Purpose | 'delete';

/** Whether the metadata was read after the last change of the data source. */
function metadataCurrent(ds: DataSource): boolean {
  if (ds.metadataReadAt === null) return false;
  return ds.updatedAt === null || Date.parse(ds.metadataReadAt) >= Date.parse(ds.updatedAt);
}

interface FormProps {
  initial: DataSource | null;
  drivers: Driver[];
  /** Set right after a create: said above the buttons. */
  createdMessage: string | null;
}

function DataSourceForm({ initial, drivers, createdMessage }: FormProps) {
  const navigate = useNavigate();
  const [form, setForm] = useState<DsForm>(() => (initial ? formOf(initial) : newForm(drivers)));
  const [saved, setSaved] = useState<DataSource | null>(initial);
  const [errors, setErrors] = useState<DsErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState<string | null>(createdMessage);
  const [test, setTest] = useState<TestResult | null>(null);
  const [testError, setTestError] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  // A new object each time, so asking for the same field twice focuses it twice.
  const [focusRequest, setFocusRequest] = useState<{ field: string } | null>(null);

  const driver = drivers.find((d) => d.id === form.driver);
  const driverName = driver?.displayName ?? (saved?.driver === form.driver ? saved.driverName : form.driver);
  const driverMissing = form.driver !== '' && !driver;
  const driverChoices = useMemo(() => {
    const choices = drivers.map((d) => ({ value: d.id, label: d.displayName }));
    if (driverMissing) choices.unshift({ value: form.driver, label: `${driverName} (not installed)` });
    return choices;
  }, [drivers, driverMissing, form.driver, driverName]);

  // An unchanged saved data source is tested as stored; an edited one with the form's values.
  const savedBody = useMemo(() => (saved ? JSON.stringify(bodyOf(formOf(saved), driver)) : null), [saved, driver]);
  const unchanged = savedBody !== null && savedBody === JSON.stringify(bodyOf(form, driver));

  // After the render that shows the error, so the field is announced with it.
  useEffect(() => {
    if (focusRequest) focusById(controlId(form, focusRequest.field) ?? undefined);
    // Only a new request moves the focus, not every edit.
  }, [focusRequest]);

  // Sightline reads metadata (and so write access) just after a save: pick it up when it arrives.
  useEffect(() => {
    if (!message || !saved || metadataCurrent(saved)) return;
    let stopped = false;
    const id = saved.id;
    const deadline = Date.now() + 10_000;
    void (async () => {
      while (!stopped && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const result = await apiRequest<unknown>('GET', dsPath(id));
        const view = result.kind === 'ok' ? asDataSource(result.data) : null;
        if (stopped) return;
        if (view && metadataCurrent(view)) {
          setSaved((s) =>
            s && s.id === view.id ? { ...s, writeAccess: view.writeAccess, server: view.server, metadataReadAt: view.metadataReadAt } : s,
          );
          return;
        }
      }
    })();
    return () => {
      stopped = true;
    };
  }, [message, saved]);

  function set<K extends keyof DsForm>(key: K, value: DsForm[K]) {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => without(e, API_FIELDS[key] ?? []));
  }

  function secretProps(key: SecretField) {
    return { secret: form[key], onSecret: (s: Secret) => set(key, s) };
  }

  /** Errors at their fields (the first one focused), or none: then true. */
  function checked(purpose: Purpose): boolean {
    const found = validate(form, purpose);
    setErrors(found);
    const first = firstErrorField(form, found);
    if (!first) return true;
    setFocusRequest({ field: first });
    return false;
  }

  /** A failure naming a field the form shows goes there; anything else to `elsewhere`. */
  function placeFailure(result: ApiResult<unknown>, action: string, elsewhere: (message: string) => void) {
    const failure = failureOf(result, action);
    const place = errorPlace(form, failure.field);
    if (place) {
      setErrors({ [place]: failure.message });
      setFocusRequest({ field: place });
    } else elsewhere(failure.message);
  }

  async function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    setMessage(null);
    if (!checked('save')) return;
    setBusy('save');
    const body = bodyOf(form, driver);
    const result = saved
      ? await apiRequest<unknown>('PUT', dsPath(saved.id), body)
      : await apiRequest<unknown>('POST', dsPath(), body);
    setBusy(null);
    if (result.kind === 'error' && result.error.code === 'operator_defined') {
      // The list said it could be changed (an older answer, say), the server says ops defined it.
      setFormError(OPERATOR_DEFINED_REFUSAL);
      return;
    }
    if (result.kind !== 'ok') {
      placeFailure(result, 'Saving data sources', setFormError);
      return;
    }
    const view = asDataSource(result.data);
    if (!view) {
      setFormError('The data source was saved, but the server’s answer could not be understood. Reload the page to see it.');
    } else if (!saved) {
      navigate(editPath(view), { replace: true, state: { created: view } satisfies CreatedState });
    } else {
      setSaved(view);
      setForm(formOf(view));
      setMessage(`${view.name} was saved.`);
    }
  }

  async function onTest() {
    if (busy) return;
    setTestError(null);
    if (!checked('test')) return;
    setBusy('test');
    setTest(null);
    const result =
      saved && unchanged
        ? await apiRequest<unknown>('POST', dsPath(saved.id, '/test'))
        : await apiRequest<unknown>('POST', dsPath(undefined, '/test'), { ...bodyOf(form, driver), ...(saved ? { id: saved.id } : {}) });
    setBusy(null);
    const parsed = result.kind === 'ok' ? asTestResult(result.data) : null;
    if (parsed) setTest(parsed);
    else if (result.kind === 'ok') setTestError('The test ran, but the server’s answer could not be understood.');
    else placeFailure(result, 'Testing connections', setTestError);
  }

  async function onDelete() {
    if (busy || !saved) return;
    setBusy('delete');
    setDeleteError(null);
    const result = await apiRequest<unknown>('DELETE', dsPath(saved.id));
    setBusy(null);
    if (result.kind === 'ok') navigate('/datasources', { state: { message: `${saved.name} was deleted.` } });
    else setDeleteError(failureOf(result, 'Deleting data sources').message);
  }

  function onConfirmKey(fingerprint: string) {
    set('sshFingerprint', fingerprint);
  }

  const field = (key: keyof DsForm & string, apiField: string, id: string) => ({
    id,
    testId: id,
    value: form[key] as string,
    onValue: (v: string) => set(key, v as never),
    error: errors[apiField],
  });

  const writeAccess = saved?.writeAccess?.canWrite && message ? saved.writeAccess : null;

  return (
    <form className="ds-form" data-testid="datasource-form" noValidate onSubmit={onSave} aria-busy={busy !== null || undefined}>
      <section className="panel" aria-labelledby="ds-connection-title">
        <h2 id="ds-connection-title">Connection</h2>
        <TextField {...field('name', 'name', 'ds-name')} label="Name" hint="What people see when they pick a data source." autoComplete="off" required />
        {driverMissing && (
          <p className="form-error" data-testid="ds-driver-missing">
            The {driverName} driver is not installed, so this data source cannot connect. Ops can install it again in the
            Karaf console (<code>feature:install sightline-driver-{form.driver}</code>), or choose another driver.
          </p>
        )}
        <div className="form-row">
          <SelectField
            {...field('driver', 'driver', 'ds-driver')}
            label="Driver"
            options={driverChoices}
          />
          <TextField {...field('host', 'host', 'ds-host')} label="Host" hint="Host name or IP address of the database server." autoComplete="off" spellCheck={false} required />
          <TextField
            {...field('port', 'port', 'ds-port')}
            label="Port"
            inputMode="numeric"
            autoComplete="off"
            placeholder={driver?.defaultPort != null ? String(driver.defaultPort) : undefined}
            hint={driver?.defaultPort != null ? `Empty: ${driver.defaultPort}, the ${driver.displayName} default.` : undefined}
          />
        </div>
        <div className="form-row">
          <TextField {...field('database', 'database', 'ds-database')} label="Database" autoComplete="off" spellCheck={false} />
          <TextField
            {...field('user', 'user', 'ds-user')}
            label="User"
            hint="A database user that can only read is safest."
            autoComplete="off"
            spellCheck={false}
          />
          <SecretInput id="ds-password" label="Password" noun="password" {...secretProps('password')} error={errors.password} />
        </div>
      </section>

      <OptionsEditor
        driver={driver}
        driverName={driverName}
        rows={form.options}
        errors={errors}
        onRows={(rows, cleared) => {
          setForm((f) => ({ ...f, options: rows }));
          setErrors((e) => without(e, cleared));
        }}
      />

      <section className="panel" aria-labelledby="ds-tls-title">
        <h2 id="ds-tls-title">TLS</h2>
        <RadioGroup
          id="ds-tls-mode"
          testId="ds-tls-mode"
          name="ds-tls-mode"
          legend="Encryption between Sightline and the database"
          value={form.tlsMode}
          onValue={(mode) => set('tlsMode', mode)}
          choices={TLS_MODES.map((m) => TLS_CHOICES.find((c) => c.value === m)!)}
          error={errors['tls.mode'] ?? errors.tls}
        />
        {needsCa(form.tlsMode) && (
          <TextAreaField
            {...field('caCertificate', 'tls.caCertificate', 'ds-ca')}
            label="CA certificate (optional)"
            hint="If a private certificate authority signed the server’s certificate, paste its certificate (PEM, -----BEGIN CERTIFICATE-----). Empty: the public authorities Sightline’s Java runtime trusts."
            rows={5}
          />
        )}
        {clientCertificateShown(form) && (
          <div className="tls-client-fields" data-testid="ds-tls-client-fields">
            <TextAreaField
              {...field('clientCertificate', 'tls.clientCertificate', 'ds-tls-client-cert')}
              label="Client certificate (PEM)"
              hint={
                clientCertificateRemoved(form) ? (
                  'Empty: the stored client certificate and its private key are removed when you save.'
                ) : (
                  <>
                    Only when the database requires a client certificate (PostgreSQL <code>cert</code> authentication):
                    the certificate Sightline presents, from -----BEGIN CERTIFICATE----- (intermediate certificates may
                    follow). Empty: none.
                  </>
                )
              }
              rows={5}
            />
            <SecretInput
              id="ds-tls-client-key"
              label="Client private key (PEM, unencrypted PKCS#8)"
              noun="client private key"
              multiline
              hint="The client certificate’s private key, from -----BEGIN PRIVATE KEY-----. Stored encrypted and never shown again."
              removal={clientCertificateRemoved(form) && form.clientKey.stored ? 'Will be removed with the client certificate when you save.' : undefined}
              {...secretProps('clientKey')}
              error={errors['tls.clientKey']}
            />
          </div>
        )}
        {form.tlsMode === 'DISABLE' && form.clientCertificateStored && supportsClientCertificate(form.driver) && (
          <p className="field-hint" data-testid="ds-tls-client-kept">
            The stored client certificate and its key are kept, unused while TLS is off.
          </p>
        )}
      </section>

      <section className="panel" aria-labelledby="ds-ssh-title">
        <h2 id="ds-ssh-title">SSH tunnel</h2>
        <CheckboxField
          id="ds-ssh-toggle"
          testId="ds-ssh-toggle"
          label="Connect through an SSH server"
          hint="For a database that only a bastion host can reach: Sightline signs in to the SSH server and connects to the database from there."
          checked={form.sshOn}
          onChecked={(on) => set('sshOn', on)}
          error={errors.ssh}
        />
        {form.sshOn && (
          <div className="ssh-fields" data-testid="ds-ssh-fields">
            <div className="form-row">
              <TextField {...field('sshHost', 'ssh.host', 'ds-ssh-host')} label="SSH host" autoComplete="off" spellCheck={false} required />
              <TextField {...field('sshPort', 'ssh.port', 'ds-ssh-port')} label="SSH port" inputMode="numeric" autoComplete="off" />
              <TextField {...field('sshUser', 'ssh.user', 'ds-ssh-user')} label="SSH user" autoComplete="off" spellCheck={false} required />
            </div>
            <RadioGroup
              id="ds-ssh-auth"
              testId="ds-ssh-auth"
              name="ds-ssh-auth"
              legend="Sign in to the SSH server with"
              value={form.sshAuth}
              onValue={(auth) => set('sshAuth', auth)}
              choices={SSH_AUTH_CHOICES}
            />
            {form.sshAuth === 'key' ? (
              <div className="form-row">
                <SecretInput
                  id="ds-ssh-key"
                  label="Private key"
                  noun="private key"
                  multiline
                  hint="PEM or OpenSSH format."
                  {...secretProps('sshPrivateKey')}
                  error={errors['ssh.privateKey']}
                />
                <SecretInput
                  id="ds-ssh-passphrase"
                  label="Key passphrase (if the key has one)"
                  noun="passphrase"
                  {...secretProps('sshPassphrase')}
                  error={errors['ssh.passphrase']}
                />
              </div>
            ) : (
              <SecretInput id="ds-ssh-password" label="SSH password" noun="SSH password" {...secretProps('sshPassword')} error={errors['ssh.password']} />
            )}
            <TextField
              {...field('sshFingerprint', 'ssh.hostKeyFingerprint', 'ds-ssh-fingerprint')}
              label="Host key fingerprint"
              className="fingerprint"
              placeholder="SHA256:…"
              autoComplete="off"
              spellCheck={false}
              hint="Proves Sightline talks to your SSH server. Test connection shows the key the server presents; check it with the server’s admin, then confirm it."
            />
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="ds-safety-title">
        <h2 id="ds-safety-title">Safety</h2>
        <CheckboxField
          id="ds-read-only"
          testId="ds-read-only"
          label="Refuse statements that are not queries (read-only enforced)"
          hint="Sightline runs every query in a read-only session where the database supports one. With this on it also refuses INSERT, UPDATE, DELETE and schema changes before they reach the database."
          checked={form.readOnlyEnforced}
          onChecked={(on) => set('readOnlyEnforced', on)}
          error={errors.readOnlyEnforced}
        />
        <TextField
          {...field('queryTimeoutSeconds', 'queryTimeoutSeconds', 'ds-timeout')}
          label="Query timeout (seconds)"
          inputMode="numeric"
          autoComplete="off"
          hint="A query running longer is cancelled. Default 120."
        />
      </section>

      <section className="panel" aria-labelledby="ds-cache-title">
        <h2 id="ds-cache-title">Result cache</h2>
        <p className="muted">
          Sightline keeps query results in memory for this long, so the same query again is answered without asking
          the database. Default {DEFAULT_CACHE_TTL_SECONDS} (1 hour).
        </p>
        <TextField
          {...field('cacheTtlSeconds', 'cacheTtlSeconds', 'ds-cache-ttl')}
          label="Cache results for (seconds)"
          inputMode="numeric"
          autoComplete="off"
          hint={`0 = never cache; at most ${MAX_CACHE_TTL_SECONDS} (24 h)`}
        />
      </section>

      <div className="button-row form-buttons">
        <button
          type="button"
          className="button button-quiet"
          onClick={() => void onTest()}
          aria-disabled={busy !== null || undefined}
          aria-describedby={testError ? 'ds-test-error' : undefined}
          data-testid="ds-test"
        >
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <SubmitButton busy={busy === 'save'} label={saved ? 'Save' : 'Add data source'} busyLabel="Saving…" testId="ds-save" />
        {saved && (
          <span className="push-end">
            <ConfirmAction
              label="Delete"
              accessibleLabel={`Delete ${saved.name}`}
              question={`Delete ${saved.name}? Queries and dashboards that use it stop working.`}
              busyLabel="Deleting…"
              busy={busy === 'delete'}
              onConfirm={() => void onDelete()}
              testId="ds-delete"
            />
          </span>
        )}
      </div>
      <div className="form-actions">
        {deleteError && (
          <p className="field-error" role="alert" data-testid="ds-delete-error">
            {deleteError}
          </p>
        )}
        {formError && <FormError message={formError} />}
        {message && <FormMessage message={message} />}
        {writeAccess && <WriteAccessWarning access={writeAccess} testId="ds-write-warning" />}
        <p role="status" className="visually-hidden">
          {busy === 'test' ? 'Testing the connection…' : test ? testSummary(test) : ''}
        </p>
        {busy === 'test' && <p className="busy-text">Testing the connection, step by step…</p>}
        {testError && (
          <p id="ds-test-error" className="form-error" role="alert" data-testid="ds-test-error">
            {testError}
          </p>
        )}
        {test && <ConnectionTestResult result={test} fingerprint={form.sshOn ? form.sshFingerprint.trim() : ''} onConfirmKey={onConfirmKey} />}
      </div>
    </form>
  );
}

function Fact({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

function secondsText(n: number): string {
  return `${n} ${n === 1 ? 'second' : 'seconds'}`;
}

/**
 * A data source ops defined in etc/: its details, read-only (the API refuses changes), with
 * Test connection and Delete, which stay allowed.
 */
function OperatorDataSource({ ds }: { ds: DataSource }) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState<null | 'test' | 'delete'>(null);
  const [test, setTest] = useState<TestResult | null>(null);
  const [testError, setTestError] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const embedded = isEmbedded(ds);
  const options = Object.entries(ds.options);
  const tls = TLS_CHOICES.find((c) => c.value === ds.tlsMode);

  async function onTest() {
    if (busy) return;
    setBusy('test');
    setTest(null);
    setTestError(null);
    // Always as stored: there is nothing edited to test.
    const result = await apiRequest<unknown>('POST', dsPath(ds.id, '/test'));
    setBusy(null);
    const parsed = result.kind === 'ok' ? asTestResult(result.data) : null;
    if (parsed) setTest(parsed);
    else if (result.kind === 'ok') setTestError('The test ran, but the server’s answer could not be understood.');
    else setTestError(failureOf(result, 'Testing connections').message);
  }

  async function onDelete() {
    if (busy) return;
    setBusy('delete');
    setDeleteError(null);
    const result = await apiRequest<unknown>('DELETE', dsPath(ds.id));
    setBusy(null);
    if (result.kind === 'ok') navigate('/datasources', { state: { message: `${ds.name} was deleted.` } });
    else setDeleteError(failureOf(result, 'Deleting data sources').message);
  }

  return (
    <div className="ds-form" data-testid="ds-details" aria-busy={busy !== null || undefined}>
      <section className="panel" aria-labelledby="ds-details-title">
        <h2 id="ds-details-title">Details</h2>
        <dl className="facts">
          <Fact label="Driver" testId="ds-detail-driver">
            {ds.driverName}
            {!ds.driverAvailable && (
              <>
                {' '}
                <span className="badge badge-error">Driver not installed</span>
              </>
            )}
          </Fact>
          <Fact label="Connection" testId="ds-detail-connection">
            {embedded ? connectionText(ds) : <code>{connectionText({ ...ds, database: '' })}</code>}
          </Fact>
          {ds.database && (
            <Fact label="Database" testId="ds-detail-database">
              <code>{ds.database}</code>
            </Fact>
          )}
          {ds.user && (
            <Fact label="User" testId="ds-detail-user">
              <code>{ds.user}</code>
            </Fact>
          )}
          <Fact label="Password" testId="ds-detail-password">
            {ds.passwordSet ? 'Set' : 'Not set'}
          </Fact>
          {options.length > 0 && (
            <Fact label="Options" testId="ds-detail-options">
              {options.map(([k, v]) => (
                <code key={k} className="sub-line">
                  {k}={v}
                </code>
              ))}
            </Fact>
          )}
          {!embedded && tls && (
            <Fact label="TLS" testId="ds-detail-tls">
              {tls.label}
              {ds.clientCertificate !== null && ds.tlsMode !== 'DISABLE' && ', with client certificate'}
            </Fact>
          )}
          {ds.ssh && (
            <Fact label="SSH tunnel" testId="ds-detail-ssh">
              Through <code>{connectionText({ host: ds.ssh.host, port: ds.ssh.port, database: '' })}</code> as{' '}
              <code>{ds.ssh.user}</code>
            </Fact>
          )}
          <Fact label="Read-only enforced" testId="ds-detail-read-only">
            {ds.readOnlyEnforced ? 'Yes: statements that are not queries are refused' : 'No'}
          </Fact>
          <Fact label="Query timeout" testId="ds-detail-timeout">
            {secondsText(ds.queryTimeoutSeconds)}
          </Fact>
          <Fact label="Cache results for" testId="ds-detail-cache-ttl">
            {ds.cacheTtlSeconds === 0 ? 'Never cached' : `${secondsText(ds.cacheTtlSeconds)} (${cacheTtlText(ds.cacheTtlSeconds)})`}
          </Fact>
          {ds.server && (
            <Fact label="Server" testId="ds-detail-server">
              {serverText(ds.server)}
            </Fact>
          )}
        </dl>
        {ds.writeAccess?.canWrite && <WriteAccessWarning access={ds.writeAccess} testId="ds-write-warning" />}
      </section>

      <div className="button-row form-buttons">
        <button
          type="button"
          className="button button-quiet"
          onClick={() => void onTest()}
          aria-disabled={busy !== null || undefined}
          aria-describedby={testError ? 'ds-test-error' : undefined}
          data-testid="ds-test"
        >
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <span className="push-end">
          <ConfirmAction
            label="Delete"
            accessibleLabel={`Delete ${ds.name}`}
            question={`Delete ${ds.name}? Queries and dashboards that use it stop working.`}
            busyLabel="Deleting…"
            busy={busy === 'delete'}
            onConfirm={() => void onDelete()}
            testId="ds-delete"
          />
        </span>
      </div>
      <div className="form-actions">
        {deleteError && (
          <p className="field-error" role="alert" data-testid="ds-delete-error">
            {deleteError}
          </p>
        )}
        <p role="status" className="visually-hidden">
          {busy === 'test' ? 'Testing the connection…' : test ? testSummary(test) : ''}
        </p>
        {busy === 'test' && <p className="busy-text">Testing the connection, step by step…</p>}
        {testError && (
          <p id="ds-test-error" className="form-error" role="alert" data-testid="ds-test-error">
            {testError}
          </p>
        )}
        {test && <ConnectionTestResult result={test} fingerprint={ds.ssh?.hostKeyFingerprint ?? ''} />}
      </div>
    </div>
  );
}

/** /datasources/new and /datasources/:id, for Admins and Owners. */
function DataSourceFormPage({ id }: { id: string | null }) {
  const session = useSession();
  const manage = canManageDataSources(session.organization.role);
  // A data source just created arrives with the navigation.
  const created = useHandoff((state) => {
    const view = (state as CreatedState | null)?.created;
    return view && view.id === id ? view : null;
  });

  const drivers = useLoad(manage ? '/api/drivers' : null, 'Loading the database drivers', asDrivers);
  const loaded = useDataSource(manage && id !== null && !created ? id : null, 'Loading the data source');
  const ds = created ?? loaded.ds;
  const title = id === null ? 'Add a data source' : ds ? (ds.operatorDefined ? ds.name : `Edit ${ds.name}`) : 'Edit data source';

  let body;
  if (!manage) {
    body = (
      <div className="form-notice" data-testid="datasource-forbidden">
        Only Admins and Owners can add or change data sources.
        {id !== null && (
          <>
            {' '}
            <Link to={schemaPath({ id })}>Browse its schema</Link> instead.
          </>
        )}
      </div>
    );
  } else if (id !== null && loaded.failure && !ds) {
    body = <FormError message={loaded.failure.message} />;
  } else if (ds?.operatorDefined) {
    // Shown without waiting for the drivers: nothing here picks one.
    body = <OperatorDataSource ds={ds} />;
  } else if (id !== null && loaded.missing && !ds) {
    body = (
      <div className="form-notice" data-testid="datasource-missing">
        There is no such data source in {session.organization.name}: it may have been deleted.{' '}
        <Link to="/datasources">See all data sources</Link>.
      </div>
    );
  } else if ((id !== null && !ds) || (drivers.data === null && !drivers.failure)) {
    body = <p className="busy-text">Loading…</p>;
  } else if (id === null && drivers.data !== null && drivers.data.length === 0) {
    body = (
      <div className="empty-state" data-testid="no-drivers">
        <p>No database drivers are installed, so no data source can be added yet.</p>
        <p>
          Drivers are modules that ops install while the server runs, for example{' '}
          <code>feature:install sightline-driver-postgresql</code> in the Karaf console.
        </p>
      </div>
    );
  } else if (id === null && drivers.failure) {
    body = <FormError message={drivers.failure.message} />;
  } else {
    body = (
      <>
        {drivers.failure && <FormError message={drivers.failure.message} />}
        <DataSourceForm initial={ds} drivers={drivers.data ?? []} createdMessage={created ? `${created.name} was added.` : null} />
      </>
    );
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/datasources">Data sources</Link>
      </p>
      <h1 id="page-title" data-testid="page-title">
        {title}
      </h1>
      {manage && ds?.operatorDefined && (
        <p className="form-notice" data-testid="ds-operator-note">
          <OperatorDefinedBadge noteShown /> {OPERATOR_DEFINED_NOTE} You can still test its connection, browse its schema or delete it.
        </p>
      )}
      {id !== null && ds && (
        <p>
          <Link to={schemaPath(ds)} data-testid="ds-schema-link">
            Browse the schema of {ds.name}
          </Link>
        </p>
      )}
      {body}
    </section>
  );
}

/** A new page per data source, so nothing of one form stays in the next. */
export function DataSourceFormRoute() {
  const { id } = useParams();
  return <DataSourceFormPage key={id ?? 'new'} id={id ?? null} />;
}
