import { useEffect, useRef, useState } from 'react';

interface ConfirmActionProps {
  /** Text of the first button, e.g. "Remove". */
  label: string;
  /** Accessible name of the first button, e.g. "Remove Ann Lee". */
  accessibleLabel: string;
  /** The question of the confirm step, e.g. "Remove Ann Lee from Acme?". */
  question: string;
  busyLabel: string;
  busy: boolean;
  onConfirm(): void;
  testId: string;
}

/**
 * A destructive action in two steps: the button turns into a question with the real button
 * and Cancel. Focus goes to Cancel, and back to the button when cancelled.
 */
export function ConfirmAction({ label, accessibleLabel, question, busyLabel, busy, onConfirm, testId }: ConfirmActionProps) {
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) startRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  // A failed action ends the confirm step, so the error next to it can be read.
  const wasBusy = useRef(false);
  useEffect(() => {
    if (wasBusy.current && !busy) setConfirming(false);
    wasBusy.current = busy;
  }, [busy]);

  if (!confirming) {
    return (
      <button
        ref={startRef}
        type="button"
        className="button button-quiet"
        onClick={() => setConfirming(true)}
        aria-label={accessibleLabel}
        data-testid={testId}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="inline-confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        className="button button-danger"
        onClick={() => {
          if (!busy) onConfirm();
        }}
        aria-disabled={busy || undefined}
        data-testid={`${testId}-confirm`}
      >
        {busy ? busyLabel : label}
      </button>
      <button ref={cancelRef} type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}
