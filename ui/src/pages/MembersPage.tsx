import { useCallback, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ConfirmAction } from '../ConfirmAction';
import { apiRequest, failureOf, messageOf } from '../api';
import { useSession } from '../auth';
import {
  emailError,
  focusById,
  formatDate,
  FormError,
  FormMessage,
  SelectField,
  SubmitButton,
  TextField,
  useFormErrors,
} from '../forms';
import { canManageMembers, roleLabel, roleRank, rolesUpTo, type Id, type Role } from '../session';
import { asList, useLoad } from '../useLoad';

export interface Member {
  id: Id;
  userId: Id;
  email: string;
  displayName: string;
  role: Role;
  createdAt?: string;
}

export interface Invitation {
  id: Id;
  email: string;
  role: Role;
  createdAt?: string;
  expiresAt?: string;
}

function orgPath(orgId: Id, rest = ''): string {
  return `/api/orgs/${encodeURIComponent(String(orgId))}${rest}`;
}

function nameOf(m: Member): string {
  return m.displayName || m.email;
}

interface RowProps {
  member: Member;
  orgId: Id;
  orgName: string;
  isSelf: boolean;
  /** Controls are shown (the caller is Admin/Owner). */
  manage: boolean;
  /** Roles the caller may give. */
  assignable: readonly Role[];
  onChanged(member: Member): void;
  onRemoved(member: Member): void;
}

function MemberRow({ member, orgId, orgName, isSelf, manage, assignable, onChanged, onRemoved }: RowProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = nameOf(member);
  const errorId = `member-${String(member.id)}-error`;
  // Admins cannot change Owners; nobody changes their own role or removes themselves here.
  const editable = manage && !isSelf && roleRank(member.role) <= roleRank(assignable[assignable.length - 1]);

  async function changeRole(role: Role) {
    if (busy || role === member.role) return;
    setBusy(true);
    setError(null);
    const result = await apiRequest<unknown>('PATCH', orgPath(orgId, `/members/${encodeURIComponent(String(member.id))}`), {
      role,
    });
    setBusy(false);
    if (result.kind === 'ok') {
      const data = typeof result.data === 'object' && result.data !== null ? (result.data as Partial<Member>) : {};
      onChanged({ ...member, ...data, role: data.role ?? role });
    } else {
      setError(failureOf(result, 'Changing roles').message);
    }
  }

  async function remove() {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await apiRequest<unknown>('DELETE', orgPath(orgId, `/members/${encodeURIComponent(String(member.id))}`));
    setBusy(false);
    if (result.kind === 'ok') {
      onRemoved(member);
    } else {
      setError(failureOf(result, 'Removing members').message);
    }
  }

  return (
    <tr data-testid="member-row">
      <td>
        {name}
        {isSelf && <span className="muted"> (you)</span>}
      </td>
      <td>{member.email}</td>
      <td>
        {editable ? (
          <select
            aria-label={`Role of ${name}`}
            value={member.role}
            onChange={(e) => void changeRole(e.target.value as Role)}
            aria-busy={busy || undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            data-testid="member-role"
          >
            {assignable.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        ) : (
          roleLabel(member.role)
        )}
        {error && (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        )}
      </td>
      <td>{formatDate(member.createdAt)}</td>
      {manage && (
        <td className="actions">
          {editable && (
            <ConfirmAction
              label="Remove"
              accessibleLabel={`Remove ${name}`}
              question={`Remove ${name} from ${orgName}?`}
              busyLabel="Removing…"
              busy={busy}
              onConfirm={() => void remove()}
              testId="member-remove"
            />
          )}
        </td>
      )}
    </tr>
  );
}

function InviteForm({ orgId, roles, onInvited }: { orgId: Id; roles: readonly Role[]; onInvited(): void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>(roles.includes('MEMBER') ? 'MEMBER' : roles[0]);
  const { fieldErrors, setFieldErrors, formError, setFormError, clearField } = useFormErrors<'email' | 'role'>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const trimmed = email.trim();
    const error = emailError(trimmed);
    setFieldErrors({ email: error });
    setFormError(null);
    setMessage(null);
    if (error) {
      focusById('invite-email');
      return;
    }
    setBusy(true);
    const result = await apiRequest<unknown>('POST', orgPath(orgId, '/members'), { email: trimmed, role });
    setBusy(false);
    if (result.kind === 'ok') {
      setMessage(messageOf(result.data, `An invitation has been sent to ${trimmed}.`));
      setEmail('');
      onInvited();
      return;
    }
    const { field, message: text } = failureOf(result, 'Inviting');
    if (field === 'email' || field === 'role') {
      setFieldErrors({ [field]: text });
      focusById(`invite-${field}`);
    } else setFormError(text);
  }

  return (
    <form
      className="inline-form"
      data-testid="invite-form"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="invite-title"
      aria-busy={busy || undefined}
    >
      {formError && <FormError message={formError} />}
      {message && <FormMessage message={message} />}
      <div className="form-row">
        <TextField
          id="invite-email"
          testId="invite-email"
          label="Email address"
          type="email"
          inputMode="email"
          autoComplete="off"
          required
          value={email}
          onValue={(v) => {
            setEmail(v);
            clearField('email');
          }}
          error={fieldErrors.email}
        />
        <SelectField
          id="invite-role"
          testId="invite-role"
          label="Role"
          value={role}
          onValue={(v) => {
            setRole(v as Role);
            clearField('role');
          }}
          options={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
          error={fieldErrors.role}
        />
      </div>
      <SubmitButton busy={busy} label="Send invitation" busyLabel="Sending…" testId="invite-submit" />
    </form>
  );
}

export function MembersPage() {
  const session = useSession();
  const org = session.organization;
  const manage = canManageMembers(org.role);
  const assignable = rolesUpTo(org.role);
  const members = useLoad(orgPath(org.id, '/members'), 'Loading members', asList<Member>);
  const invitations = useLoad(manage ? orgPath(org.id, '/invitations') : null, 'Loading invitations', asList<Invitation>);
  const [status, setStatus] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  const setMembers = members.setData;
  const onRemoved = useCallback(
    (m: Member) => {
      setMembers((list) => list?.filter((x) => String(x.id) !== String(m.id)) ?? null);
      setStatus(`${nameOf(m)} was removed from ${org.name}.`);
      setTimeout(() => statusRef.current?.focus(), 0);
    },
    [setMembers, org.name],
  );

  const onChanged = useCallback(
    (m: Member) => {
      setMembers((list) => list?.map((x) => (String(x.id) === String(m.id) ? m : x)) ?? null);
      setStatus(`${nameOf(m)} is now ${roleLabel(m.role)}.`);
    },
    [setMembers],
  );

  const list = members.data ?? [];
  const onlyMe = members.data !== null && list.every((m) => String(m.userId) === String(session.user.id));

  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/admin">Admin</Link>
      </p>
      <h1 id="page-title" data-testid="page-title">
        Members
      </h1>
      <p>
        People who can sign in to {org.name}. A <strong>Viewer</strong> reads shared dashboards and reports; a{' '}
        <strong>Member</strong> also creates their own; an <strong>Admin</strong> manages data sources, members and
        alerts; an <strong>Owner</strong> can do everything, including organization settings.
      </p>
      {!manage && (
        <p className="muted" data-testid="members-readonly">
          Only admins and owners can invite people, change roles or remove members.
        </p>
      )}
      <p ref={statusRef} tabIndex={-1} role="status" className="status-line">
        {status}
      </p>

      {members.failure && <FormError message={members.failure.message} />}
      {members.data === null && !members.failure && <p className="busy-text">Loading members…</p>}
      {members.data !== null && (
        <table className="table" data-testid="members-table">
          <caption className="visually-hidden">Members of {org.name}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Member since</th>
              {manage && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <MemberRow
                key={String(m.id)}
                member={m}
                orgId={org.id}
                orgName={org.name}
                isSelf={String(m.userId) === String(session.user.id)}
                manage={manage}
                assignable={assignable}
                onChanged={onChanged}
                onRemoved={onRemoved}
              />
            ))}
          </tbody>
        </table>
      )}
      {onlyMe && (
        <div className="empty-state" data-testid="empty-state">
          {manage ? (
            <p>
              Only you are here so far. Invite a colleague with the form below: they get an email with a link to join,
              and appear in this list once they accept.
            </p>
          ) : (
            <p>Only you are listed so far. Ask an admin or owner of {org.name} to invite your colleagues.</p>
          )}
        </div>
      )}

      {manage && (
        <>
          <section className="panel" aria-labelledby="invite-title">
            <h2 id="invite-title">Invite someone</h2>
            <p className="muted">
              They get an email with a link. People without an account choose a name and password when they accept.
            </p>
            <InviteForm orgId={org.id} roles={assignable} onInvited={invitations.reload} />
          </section>

          <section className="panel" aria-labelledby="invitations-title">
            <h2 id="invitations-title">Pending invitations</h2>
            {invitations.failure && <FormError message={invitations.failure.message} />}
            {invitations.data !== null && invitations.data.length === 0 && (
              <p className="muted" data-testid="invitations-empty">
                No invitations are waiting. Invitations you send appear here until the person accepts them.
              </p>
            )}
            {invitations.data !== null && invitations.data.length > 0 && (
              <table className="table" data-testid="invitations-table">
                <caption className="visually-hidden">Pending invitations</caption>
                <thead>
                  <tr>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Sent</th>
                    <th scope="col">Expires</th>
                  </tr>
                </thead>
                <tbody>
                  {invitations.data.map((i) => (
                    <tr key={String(i.id)}>
                      <td>{i.email}</td>
                      <td>{roleLabel(i.role)}</td>
                      <td>{formatDate(i.createdAt)}</td>
                      <td>{formatDate(i.expiresAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </section>
  );
}
