import { useState } from 'react';
import { apiRequest, failureOf } from '../api';
import { ConfirmAction } from '../ConfirmAction';
import { countOf, formatDate, FormError } from '../forms';
import { useLoad } from '../useLoad';

/** GET /api/vault: key ids and counts, never key material. */
interface VaultStatus {
  masterKeyId: string;
  masterKeySource: string;
  canRotateMasterKey: boolean;
  dataKeyId: string | null;
  dataKeyCreatedAt: string | null;
  secrets: number;
  secretsUnderOtherKeys: number;
}

interface Rotation {
  kind: 'data' | 'master';
  keyId: string;
  resumed: boolean;
  dataKeysRewrapped: number;
  secretsReencrypted: number;
  keysRemoved: number;
}

function asVaultStatus(data: unknown): VaultStatus | null {
  if (typeof data !== 'object' || data === null) return null;
  const v = data as Record<string, unknown>;
  if (typeof v.masterKeyId !== 'string' || typeof v.secrets !== 'number') return null;
  return {
    masterKeyId: v.masterKeyId,
    masterKeySource: typeof v.masterKeySource === 'string' ? v.masterKeySource : '',
    canRotateMasterKey: v.canRotateMasterKey === true,
    dataKeyId: typeof v.dataKeyId === 'string' && v.dataKeyId ? v.dataKeyId : null,
    dataKeyCreatedAt: typeof v.dataKeyCreatedAt === 'string' ? v.dataKeyCreatedAt : null,
    secrets: v.secrets,
    secretsUnderOtherKeys: typeof v.secretsUnderOtherKeys === 'number' ? v.secretsUnderOtherKeys : 0,
  };
}

function asRotation(data: unknown): Rotation | null {
  if (typeof data !== 'object' || data === null) return null;
  const r = data as Record<string, unknown>;
  if (typeof r.keyId !== 'string') return null;
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  return {
    kind: r.kind === 'master' ? 'master' : 'data',
    keyId: r.keyId,
    resumed: r.resumed === true,
    dataKeysRewrapped: n(r.dataKeysRewrapped),
    secretsReencrypted: n(r.secretsReencrypted),
    keysRemoved: n(r.keysRemoved),
  };
}

function rotationText(r: Rotation): string {
  const resumed = r.resumed ? 'An interrupted rotation was finished. ' : '';
  if (r.kind === 'master') {
    return `${resumed}New master key ${r.keyId}: ${countOf(r.dataKeysRewrapped, 'data key')} re-wrapped.`;
  }
  return `${resumed}New data key in use: ${countOf(r.secretsReencrypted, 'secret')} re-encrypted, ${countOf(r.keysRemoved, 'old key')} removed.`;
}

function dataKeyQuestion(secrets: number): string {
  if (secrets === 0) return 'Make a new data key? There are no stored secrets to re-encrypt yet.';
  return `Re-encrypt ${secrets === 1 ? 'the stored secret' : `all ${secrets} stored secrets`} under a new data key?`;
}

const SOURCES: Record<string, string> = {
  file: 'key file',
  environment: 'environment variable',
};

interface RotateProps {
  kind: 'data' | 'master';
  label: string;
  question: string;
  onRotated(text: string): void;
}

/** One rotation: confirm first, then POST; an error stays next to its button. */
function RotateButton({ kind, label, question, onRotated }: RotateProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const testId = `rotate-${kind}-key`;

  async function rotate() {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await apiRequest<unknown>('POST', `/api/vault/${testId}`);
    setBusy(false);
    const rotation = result.kind === 'ok' ? asRotation(result.data) : null;
    if (rotation) onRotated(rotationText(rotation));
    else if (result.kind === 'ok') {
      // The rotation ran; only its summary could not be read.
      onRotated(`The ${kind} key was rotated.`);
    } else setError(failureOf(result, `Rotating the ${kind} key`).message);
  }

  return (
    <div className="rotate">
      <ConfirmAction
        label={label}
        accessibleLabel={label}
        question={question}
        busyLabel="Rotating…"
        busy={busy}
        onConfirm={() => void rotate()}
        testId={testId}
      />
      {error && (
        <p className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Encryption keys of the organization's stored secrets: status and rotation, for Owners. */
export function VaultPanel() {
  const vault = useLoad('/api/vault', 'Reading the key status', asVaultStatus);
  const [result, setResult] = useState<string | null>(null);
  const status = vault.data;

  function onRotated(text: string) {
    setResult(text);
    vault.reload();
  }

  return (
    <section className="panel" aria-labelledby="admin-vault-title" data-testid="admin-vault">
      <h2 id="admin-vault-title">Encryption keys</h2>
      <p>
        Stored secrets (data source passwords, SSH keys, webhook URLs) are encrypted with AES-256-GCM under this
        organization’s data key, which is itself encrypted with the server’s master key.
      </p>
      {vault.failure && <FormError message={vault.failure.message} />}
      {status === null && !vault.failure && <p className="busy-text">Loading the key status…</p>}
      {status !== null && (
        <dl className="facts" data-testid="vault-status" aria-busy={vault.loading || undefined}>
          <dt>Stored secrets</dt>
          <dd data-testid="vault-secrets">{status.secrets}</dd>
          {status.secretsUnderOtherKeys > 0 && (
            <>
              <dt>Still under an older key</dt>
              <dd data-testid="vault-other-keys">
                {countOf(status.secretsUnderOtherKeys, 'secret')}: a rotation was interrupted. Rotate the data key
                again to finish it.
              </dd>
            </>
          )}
          <dt>Data key</dt>
          <dd>
            {status.dataKeyId ? <code data-testid="vault-data-key">{status.dataKeyId}</code> : 'None yet: it is made with the first stored secret.'}
          </dd>
          {status.dataKeyId && (
            <>
              <dt>Data key created</dt>
              <dd>{formatDate(status.dataKeyCreatedAt)}</dd>
            </>
          )}
          <dt>Master key</dt>
          <dd>
            <code data-testid="vault-master-key">{status.masterKeyId}</code>
            {SOURCES[status.masterKeySource] && <span className="muted"> (from the {SOURCES[status.masterKeySource]})</span>}
          </dd>
        </dl>
      )}
      <p role="status" className="status-line" data-testid="vault-result">
        {result}
      </p>
      {status !== null && (
        <div className="button-row">
          <RotateButton
            kind="data"
            label="Rotate data key"
            question={dataKeyQuestion(status.secrets)}
            onRotated={onRotated}
          />
          {status.canRotateMasterKey && (
            <RotateButton
              kind="master"
              label="Rotate master key"
              question="Make a new master key and re-wrap the data keys of every organization on this server?"
              onRotated={onRotated}
            />
          )}
        </div>
      )}
    </section>
  );
}
