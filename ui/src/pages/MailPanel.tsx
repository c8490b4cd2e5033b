import { FormError } from '../forms';
import { useLoad } from '../useLoad';

/** `GET /api/admin/mail`: how outgoing mail is set up; never the SMTP user or password. */
export interface MailStatus {
  configured: boolean;
  host: string | null;
  fromAddress: string;
  configFile: string;
  keys: string[];
}

export function asMailStatus(v: unknown): MailStatus | null {
  if (typeof v !== 'object' || v === null) return null;
  const m = v as Record<string, unknown>;
  if (typeof m.configured !== 'boolean' || typeof m.configFile !== 'string' || !Array.isArray(m.keys)) return null;
  return {
    configured: m.configured,
    host: typeof m.host === 'string' ? m.host : null,
    fromAddress: typeof m.fromAddress === 'string' ? m.fromAddress : '',
    configFile: m.configFile,
    keys: m.keys.filter((k): k is string => typeof k === 'string'),
  };
}

/** Whether emails are sent or only written to the server log (SPEC A-11), and how to change it. */
export function MailPanel() {
  const mail = useLoad('/api/admin/mail', 'Loading the mail settings', asMailStatus);
  const status = mail.data;
  return (
    <section className="panel" aria-labelledby="admin-mail-title" data-testid="mail-panel">
      <h2 id="admin-mail-title">Email</h2>
      {mail.failure && <FormError message={mail.failure.message} />}
      {status === null && !mail.failure && <p className="busy-text">Loading the mail settings…</p>}
      {status?.configured === true && (
        <p data-testid="mail-configured">
          Emails (confirmations, password resets, invitations, alerts) are sent through <strong>{status.host}</strong> from{' '}
          <code>{status.fromAddress}</code>. Change it in <code>{status.configFile}</code>.
        </p>
      )}
      {status?.configured === false && (
        <div className="form-notice" role="status" data-testid="mail-not-configured">
          <p>
            <strong>Mail is not configured:</strong> emails are written to the server log (
            <code>data/log/karaf.log</code>) instead of being sent, so confirmation and invitation links are found there.
          </p>
          <p>
            To send them, set <code>smtp.host</code>, <code>smtp.port</code>, … in <code>{status.configFile}</code>; the
            server picks the change up without a restart. The keys:
          </p>
          <ul className="key-list" data-testid="mail-keys">
            {status.keys.map((k) => (
              <li key={k}>
                <code>{k}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
