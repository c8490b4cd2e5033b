import { useEffect, useRef } from 'react';
import { serverText, stepLabel, writeAccessText, type TestResult, type TestStep, type WriteAccess } from '../datasources';

/** "This user can change data (…)": after a test or a save whose user can write. */
export function WriteAccessWarning({ access, testId }: { access: WriteAccess; testId: string }) {
  return (
    <p className="warning-box" data-testid={testId}>
      <span aria-hidden="true">⚠ </span>
      {writeAccessText(access)}
    </p>
  );
}

export function testSummary(result: TestResult): string {
  if (result.ok) return `Connection works: ${result.steps.length === 1 ? 'the step' : `all ${result.steps.length} steps`} passed.`;
  const failed = result.steps.find((s) => !s.ok);
  return failed ? `The connection failed at ${stepLabel(failed.step)}: ${failed.message}` : 'The connection test failed.';
}

/** Takes the focus from the Confirm button it replaces, and says what comes next. */
function ConfirmedKey({ fingerprint }: { fingerprint: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} tabIndex={-1} className="step-note" data-testid="ssh-key-confirmed">
      Confirmed: <code className="fingerprint">{fingerprint}</code> is now the host key fingerprint in the form. Test
      again to check the rest of the connection.
    </p>
  );
}

interface KeyProps {
  step: TestStep & { hostKeyFingerprint: string };
  /** The fingerprint in the form now; a different one means the server's key changed. */
  confirmed: string;
  /** Absent where the data source cannot be changed here (defined by ops): nothing to confirm into. */
  onConfirm?(fingerprint: string): void;
}

/** The key an SSH server presented: the admin checks it out of band, then confirms it. */
function PresentedKey({ step, confirmed, onConfirm }: KeyProps) {
  const key = step.hostKeyFingerprint;
  if (onConfirm && confirmed === key) return <ConfirmedKey fingerprint={key} />;
  if (!onConfirm) {
    return (
      <div className="step-note" data-testid="ssh-key-presented">
        <p>
          The SSH server presented key <code className="fingerprint">{key}</code>
          {confirmed && confirmed !== key && (
            <>
              , not the one confirmed before (<code className="fingerprint">{confirmed}</code>)
            </>
          )}
          . Your operators set this data source up in etc/: ask them to check the key with the server’s admin.
        </p>
      </div>
    );
  }
  return (
    <div className="step-note key-confirm" data-testid="ssh-key-presented">
      <p>
        The SSH server presented key <code className="fingerprint">{key}</code> — check it with the server’s admin, then
        confirm.
        {confirmed && (
          <>
            {' '}
            <strong>
              This is not the key confirmed before (<code className="fingerprint">{confirmed}</code>): the server’s key
              changed, or someone is between Sightline and the server. Confirm only if its admin says the key changed.
            </strong>
          </>
        )}
      </p>
      <button type="button" className="button button-quiet" onClick={() => onConfirm(key)} data-testid="ssh-key-confirm">
        Confirm this key
      </button>
    </div>
  );
}

interface Props {
  result: TestResult;
  fingerprint: string;
  /** Absent: a presented key is shown without Confirm (the data source cannot be changed here). */
  onConfirmKey?(fingerprint: string): void;
}

/** The steps of a connection test, in order, each with ✓/✗, its time and the server's words. */
export function ConnectionTestResult({ result, fingerprint, onConfirmKey }: Props) {
  const failed = result.steps.find((s) => !s.ok);
  return (
    <section className={`test-result${result.ok ? '' : ' test-failed'}`} aria-labelledby="test-result-title" data-testid="test-result">
      <h3 id="test-result-title">{result.ok ? 'Connection works' : `Connection failed${failed ? ` at ${stepLabel(failed.step)}` : ''}`}</h3>
      {result.steps.length > 0 && (
        <ol className="steps">
          {result.steps.map((s, i) => (
            <li key={`${i} ${s.step}`} className={s.ok ? 'step step-ok' : 'step step-failed'} data-testid="test-step">
              <span className="step-mark" aria-hidden="true">
                {s.ok ? '✓' : '✗'}
              </span>
              <span className="step-name">
                {stepLabel(s.step)}
                <span className="visually-hidden">{s.ok ? ', passed' : ', failed'}</span>
              </span>
              <span className="step-time">{s.millis === null ? '' : `${s.millis} ms`}</span>
              <span className="step-message">{s.message}</span>
              {!s.ok && s.hostKeyFingerprint && (
                <PresentedKey step={{ ...s, hostKeyFingerprint: s.hostKeyFingerprint }} confirmed={fingerprint} onConfirm={onConfirmKey} />
              )}
            </li>
          ))}
        </ol>
      )}
      {failed && (failed.step === 'TCP' || failed.step === 'DNS') && (
        <p className="muted">
          If the host and port are right, check that the database’s firewall lets in the addresses Sightline connects
          from; the Data sources page lists them.
        </p>
      )}
      {result.server && <p data-testid="test-server">Server: {serverText(result.server)}.</p>}
      {result.writeAccess?.canWrite && <WriteAccessWarning access={result.writeAccess} testId="test-write-warning" />}
    </section>
  );
}
