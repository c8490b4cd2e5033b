import { useState } from 'react';
import { apiRequest, failureOf } from '../api';
import { Dialog } from '../Dialog';
import { FormError, FormMessage } from '../forms';
import { asImportAnswer, type ImportAnswer } from '../reports';

/**
 * Import dashboards, reports and models from an exported document: a dry run first lists
 * what would be created and what conflicts; Import then creates them (all or nothing).
 */
export function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<ImportAnswer | null>(null);
  const [done, setDone] = useState<ImportAnswer | null>(null);

  async function readFile(file: File | undefined) {
    if (!file) return;
    setText(await file.text());
    setChecked(null);
    setDone(null);
  }

  async function send(dryRun: boolean) {
    setError(null);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      setError('This is not a Sightline export: it is not valid JSON. Choose the .json file that Export saved.');
      return;
    }
    setBusy(true);
    const answer = await apiRequest<unknown>('POST', `/api/imports?dryRun=${dryRun}`, doc);
    setBusy(false);
    const parsed = answer.kind === 'ok' ? asImportAnswer(answer.data) : null;
    if (!parsed) {
      setError(answer.kind === 'ok' ? 'The server’s answer could not be understood.' : failureOf(answer, 'Importing').message);
      return;
    }
    if (dryRun) setChecked(parsed);
    else {
      setDone(parsed);
      if (parsed.conflicts.length === 0) onImported();
    }
  }

  const shown = done ?? checked;
  return (
    <Dialog title="Import dashboards and reports" onClose={onClose} testId="import-dialog" wide>
      <div className="field">
        <label htmlFor="import-file">Export file</label>
        <input id="import-file" type="file" accept=".json,application/json" onChange={(e) => void readFile(e.target.files?.[0])} data-testid="import-file" />
      </div>
      <div className="field">
        <label htmlFor="import-text">Or paste its content</label>
        <textarea
          id="import-text"
          rows={6}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setChecked(null);
            setDone(null);
          }}
          spellCheck={false}
          aria-describedby="import-text-hint"
          data-testid="import-text"
        />
        <p id="import-text-hint" className="field-hint">
          Data sources are matched by name in your organization. Imported items are private to you until you share them.
        </p>
      </div>
      {error && <FormError message={error} />}
      {shown && (
        <div className="import-outcome" data-testid="import-outcome">
          {shown.conflicts.length > 0 && (
            <>
              <p className="form-error" role="alert">
                Nothing {done ? 'was' : 'can be'} imported: {shown.conflicts.length} conflict{shown.conflicts.length === 1 ? '' : 's'}.
                Fix them (rename the existing item, or add the missing data source) and check again.
              </p>
              <ul data-testid="import-conflicts">
                {shown.conflicts.map((c) => (
                  <li key={`${c.type}-${c.key}`}>
                    {c.type} “{c.name}”: {c.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          {shown.conflicts.length === 0 && (
            <>
              {done ? (
                <FormMessage message={`Imported ${shown.created.length} item${shown.created.length === 1 ? '' : 's'}.`} />
              ) : (
                <p role="status">These would be created:</p>
              )}
              <ul data-testid="import-created">
                {shown.created.map((c) => (
                  <li key={`${c.type}-${c.key}`}>
                    {c.type} “{c.name}”
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button button-quiet" onClick={() => void send(true)} aria-disabled={busy || !text || undefined} disabled={!text} data-testid="import-check">
          {busy && !checked ? 'Checking…' : 'Check'}
        </button>
        {checked && checked.conflicts.length === 0 && !done && (
          <button type="button" className="button button-primary" onClick={() => void send(false)} aria-disabled={busy || undefined} data-testid="import-confirm">
            {busy ? 'Importing…' : `Import ${checked.created.length} item${checked.created.length === 1 ? '' : 's'}`}
          </button>
        )}
      </div>
    </Dialog>
  );
}
