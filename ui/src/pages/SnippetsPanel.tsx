import { useEffect, useRef, useState, type FormEvent } from 'react';
import { apiRequest, failureOf } from '../api';
import { useSession } from '../auth';
import { ConfirmAction } from '../ConfirmAction';
import { firstInvalid, focusById, FormError, FormMessage, SubmitButton, TextAreaField, TextField, useFormErrors } from '../forms';
import { asSnippet, asSnippets, snippetPath, snippetReference, type Snippet } from '../queries';
import { hasRole } from '../session';
import { useLoad } from '../useLoad';

type SnippetField = 'name' | 'description' | 'sql';
const FIELDS: readonly SnippetField[] = ['name', 'description', 'sql'];
const FIELD_IDS: Record<SnippetField, string> = { name: 'snippet-name', description: 'snippet-description', sql: 'snippet-sql' };

interface Draft {
  /** Absent for a new snippet. */
  id?: string;
  name: string;
  description: string;
  sql: string;
}

interface SnippetsPanelProps {
  /** Puts `{{snippet:name}}` at the editor's cursor. */
  onInsert(name: string): void;
  /** The SQL selected in the editor, to start a new snippet with. */
  selectedSql(): string;
}

function SnippetForm({ draft, onSaved, onCancel }: { draft: Draft; onSaved(s: Snippet | null): void; onCancel(): void }) {
  const [form, setForm] = useState(draft);
  const [busy, setBusy] = useState(false);
  const { fieldErrors, setFieldErrors, formError, setFormError, clearField } = useFormErrors<SnippetField>();
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => nameRef.current?.focus(), []);

  function set(field: SnippetField, value: string) {
    setForm((f) => ({ ...f, [field]: value }));
    clearField(field);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const errors: Partial<Record<SnippetField, string>> = {};
    if (!form.name.trim()) errors.name = 'Give the snippet a name.';
    if (!form.sql.trim()) errors.sql = 'Write the SQL fragment.';
    setFieldErrors(errors);
    setFormError(null);
    const invalid = firstInvalid(FIELDS, errors);
    if (invalid) {
      focusById(FIELD_IDS[invalid]);
      return;
    }
    setBusy(true);
    const body = { name: form.name.trim(), description: form.description.trim(), sql: form.sql };
    const result = form.id
      ? await apiRequest<unknown>('PUT', snippetPath(form.id), body)
      : await apiRequest<unknown>('POST', snippetPath(), body);
    setBusy(false);
    if (result.kind === 'ok') {
      onSaved(asSnippet(result.data));
      return;
    }
    const failure = failureOf(result, 'Saving snippets');
    const field = FIELDS.find((f) => f === failure.field);
    if (field) {
      setFieldErrors({ [field]: failure.message });
      focusById(FIELD_IDS[field]);
    } else {
      setFormError(failure.message);
    }
  }

  return (
    <form className="snippet-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="snippet-form-title" data-testid="snippet-form">
      <h3 id="snippet-form-title">{form.id ? `Edit ${draft.name}` : 'New snippet'}</h3>
      {formError && <FormError message={formError} />}
      <TextField
        id="snippet-name"
        label="Name"
        value={form.name}
        onValue={(v) => set('name', v)}
        error={fieldErrors.name}
        hint={
          <>
            Used in SQL as <code>{snippetReference(form.name.trim() || 'name')}</code>. Letters, digits, spaces, _, - and .
          </>
        }
        testId="snippet-name"
        inputRef={nameRef}
        autoComplete="off"
        maxLength={100}
      />
      <TextField
        id="snippet-description"
        label="Description (optional)"
        value={form.description}
        onValue={(v) => set('description', v)}
        error={fieldErrors.description}
        testId="snippet-description"
        maxLength={1000}
      />
      <TextAreaField
        id="snippet-sql"
        label="SQL"
        value={form.sql}
        onValue={(v) => set('sql', v)}
        error={fieldErrors.sql}
        hint="A fragment such as a condition or a join; it may use parameters like {{region}}."
        rows={5}
        testId="snippet-sql"
      />
      <div className="button-row">
        <SubmitButton busy={busy} label="Save snippet" busyLabel="Saving…" testId="snippet-save" />
        <button type="button" className="button button-quiet" onClick={onCancel} data-testid="snippet-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}

/** the organization's SQL snippets; insert one at the cursor, add, change and delete them. */
export function SnippetsPanel({ onInsert, selectedSql }: SnippetsPanelProps) {
  const session = useSession();
  const admin = hasRole(session.organization.role, 'ADMIN');
  const list = useLoad(snippetPath(), 'Loading snippets', asSnippets);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<{ id: string; message: string } | null>(null);
  const snippets = list.data ?? [];

  function mayChange(s: Snippet): boolean {
    return admin || s.createdBy === null || s.createdBy === String(session.user.id);
  }

  function startNew() {
    setMessage(null);
    setDraft({ name: '', description: '', sql: selectedSql() });
  }

  function saved(s: Snippet | null, wasNew: boolean) {
    setDraft(null);
    setMessage(s ? `Snippet ${s.name} ${wasNew ? 'added' : 'saved'}.` : 'Snippet saved.');
    list.reload();
  }

  async function remove(s: Snippet) {
    setDeleting(s.id);
    setDeleteError(null);
    const result = await apiRequest<unknown>('DELETE', snippetPath(s.id));
    setDeleting(null);
    if (result.kind === 'ok' || result.status === 404) {
      list.setData((old) => old?.filter((x) => x.id !== s.id) ?? null);
      setMessage(`Snippet ${s.name} deleted. Queries that use it fail until you add one with that name again.`);
    } else {
      setDeleteError({ id: s.id, message: failureOf(result, 'Deleting snippets').message });
    }
  }

  return (
    <div className="snippets-panel">
      {draft ? (
        <SnippetForm key={draft.id ?? 'new'} draft={draft} onSaved={(s) => saved(s, !draft.id)} onCancel={() => setDraft(null)} />
      ) : (
        <p>
          <button type="button" className="button button-quiet" onClick={startNew} data-testid="snippet-new">
            New snippet
          </button>
        </p>
      )}
      {message && !draft && <FormMessage message={message} />}
      {list.failure && <FormError message={list.failure.message} />}
      {list.data === null && !list.failure && <p className="busy-text">Loading snippets…</p>}
      {list.data !== null && snippets.length === 0 && !draft && (
        <div className="empty-state" data-testid="snippets-empty">
          <p>No snippets yet.</p>
          <p>
            A snippet is a named piece of SQL your team reuses, such as a join or a filter. Choose New snippet (select SQL
            in the editor first to start from it), give it a name, then write <code>{snippetReference('name')}</code> in a
            query to use it.
          </p>
        </div>
      )}
      {snippets.length > 0 && (
        <ul className="snippet-list" aria-label="Snippets">
          {snippets.map((s) => (
            <li key={s.id} className="snippet-item" data-testid="snippet-item">
              <p className="snippet-name">
                <code>{s.name}</code>
              </p>
              {s.description && <p className="muted snippet-description">{s.description}</p>}
              <pre className="snippet-sql">{s.sql}</pre>
              <div className="button-row">
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => onInsert(s.name)}
                  aria-label={`Insert ${s.name} at the cursor`}
                  data-testid="snippet-insert"
                >
                  Insert
                </button>
                {mayChange(s) && (
                  <>
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      onClick={() => {
                        setMessage(null);
                        setDraft({ id: s.id, name: s.name, description: s.description ?? '', sql: s.sql });
                      }}
                      aria-label={`Edit ${s.name}`}
                      data-testid="snippet-edit"
                    >
                      Edit
                    </button>
                    <ConfirmAction
                      label="Delete"
                      accessibleLabel={`Delete ${s.name}`}
                      question={`Delete ${s.name}?`}
                      busyLabel="Deleting…"
                      busy={deleting === s.id}
                      onConfirm={() => void remove(s)}
                      testId="snippet-delete"
                    />
                  </>
                )}
              </div>
              {deleteError?.id === s.id && (
                <p className="field-error" role="alert">
                  {deleteError.message}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
