import { useState, type FormEvent } from 'react';
import { apiRequest, failureOf } from './api';
import { useSession } from './auth';
import { Dialog } from './Dialog';
import { FormError } from './forms';
import type { Member } from './pages/MembersPage';
import { asShares, type ObjectType, type Share } from './reports';
import { asList, useLoad } from './useLoad';

const EVERYONE = '*';

interface ShareDialogProps {
  objectType: ObjectType;
  objectId: string;
  objectName: string;
  onClose(): void;
}

/** Who may read or edit a report, dashboard, model or filter. Shown to its owner only. */
export function ShareDialog({ objectType, objectId, objectName, onClose }: ShareDialogProps) {
  const session = useSession();
  const orgId = String(session.organization.id);
  const shares = useLoad(
    `/api/shares?objectType=${encodeURIComponent(objectType)}&objectId=${encodeURIComponent(objectId)}`,
    'Loading who it is shared with',
    asShares,
  );
  const members = useLoad(`/api/orgs/${encodeURIComponent(orgId)}/members`, 'Loading members', (d) => asList<Member>(d));
  const [who, setWho] = useState(EVERYONE);
  const [access, setAccess] = useState<'READ' | 'EDIT'>('READ');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  const others = (members.data ?? []).filter((m) => String(m.userId) !== String(session.user.id));
  const nameOf = (userId: string | null) => {
    if (userId === null) return 'Everyone in the organization';
    const m = (members.data ?? []).find((x) => String(x.userId) === userId);
    return m ? m.displayName || m.email : 'A former member';
  };

  async function add(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await apiRequest<unknown>('POST', '/api/shares', {
      objectType,
      objectId,
      userId: who === EVERYONE ? null : who,
      access,
    });
    setBusy(false);
    if (result.kind === 'ok') shares.reload();
    else setError(failureOf(result, 'Sharing'));
  }

  async function remove(share: Share) {
    setRemoving(share.id);
    setError(null);
    const result = await apiRequest<unknown>('DELETE', `/api/shares/${encodeURIComponent(share.id)}`);
    setRemoving(null);
    if (result.kind === 'ok') shares.setData((list) => (list ?? []).filter((s) => s.id !== share.id));
    else setError(failureOf(result, 'Removing the share'));
  }

  return (
    <Dialog title={`Share “${objectName}”`} onClose={onClose} testId="share-dialog">
      <p className="field-hint">
        Only you see it until you share it. People you share with can view it, or edit it when you allow that; Admins and
        Owners get no access of their own.
      </p>
      {shares.failure && <FormError message={shares.failure.message} />}
      {shares.data && shares.data.length === 0 && (
        <p className="muted" data-testid="share-none">
          Not shared with anyone yet.
        </p>
      )}
      {shares.data && shares.data.length > 0 && (
        <ul className="share-list" data-testid="share-list">
          {shares.data.map((s) => (
            <li key={s.id} data-testid="share-row">
              <span>{nameOf(s.userId)}</span>
              <span className="badge badge-view">{s.access === 'EDIT' ? 'Can edit' : 'Can view'}</span>
              <button
                type="button"
                className="button button-quiet button-small"
                onClick={() => void remove(s)}
                aria-disabled={removing === s.id || undefined}
                aria-label={`Stop sharing with ${nameOf(s.userId)}`}
                data-testid="share-remove"
              >
                {removing === s.id ? 'Removing…' : 'Remove'}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="share-form" onSubmit={(e) => void add(e)} data-testid="share-form">
        <div className="field">
          <label htmlFor="share-who">Share with</label>
          <select
            id="share-who"
            value={who}
            onChange={(e) => setWho(e.target.value)}
            aria-invalid={error?.field === 'userId' || undefined}
            aria-describedby={error?.field === 'userId' ? 'share-who-error' : undefined}
            data-testid="share-who"
          >
            <option value={EVERYONE}>Everyone in the organization</option>
            {others.map((m) => (
              <option key={String(m.userId)} value={String(m.userId)}>
                {m.displayName || m.email} ({m.email})
              </option>
            ))}
          </select>
          {error?.field === 'userId' && (
            <p id="share-who-error" className="field-error">
              {error.message}
            </p>
          )}
          {members.failure && <p className="field-error">{members.failure.message}</p>}
        </div>
        <div className="field">
          <label htmlFor="share-access">Access</label>
          <select id="share-access" value={access} onChange={(e) => setAccess(e.target.value as 'READ' | 'EDIT')} data-testid="share-access">
            <option value="READ">Can view</option>
            <option value="EDIT">Can edit</option>
          </select>
        </div>
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined} data-testid="share-add">
          {busy ? 'Sharing…' : 'Share'}
        </button>
      </form>
      {error && error.field !== 'userId' && <FormError message={error.message} />}
    </Dialog>
  );
}
