import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { failureOf, messageOf, postJson } from '../api';
import { FormError, FormMessage } from '../forms';
import { PublicPage } from './PublicPage';

type Outcome = { kind: 'busy' } | { kind: 'ok'; message: string } | { kind: 'error'; message: string };

interface TokenLinkProps {
  title: string;
  endpoint: string;
  /** What the page says while the request runs. */
  busyText: string;
  /** Default success text when the server sends no message. */
  successText: string;
  /** What the failed action is called in "… is not available right now". */
  action: string;
  onSuccess: ReactNode;
  onError: ReactNode;
}

export const INCOMPLETE_LINK =
  'This link is incomplete. Open the link from the email again, or copy the whole address into your browser.';

/**
 * A page behind an emailed link that acts on load: posts `{token}` once (a ref guards it, so
 * React StrictMode's second effect run does not post again) and shows the outcome.
 */
function TokenLinkPage({ title, endpoint, busyText, successText, action, onSuccess, onError }: TokenLinkProps) {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [outcome, setOutcome] = useState<Outcome>(
    token ? { kind: 'busy' } : { kind: 'error', message: INCOMPLETE_LINK },
  );
  const posted = useRef<string | null>(null);

  useEffect(() => {
    if (!token || posted.current === token) return;
    posted.current = token;
    void postJson<unknown>(endpoint, { token }).then((result) => {
      setOutcome(
        result.kind === 'ok'
          ? { kind: 'ok', message: messageOf(result.data, successText) }
          : { kind: 'error', message: failureOf(result, action).message },
      );
    });
  }, [token, endpoint, successText, action]);

  return (
    <PublicPage title={title}>
      <div data-testid="confirm-result" aria-busy={outcome.kind === 'busy' || undefined}>
        {outcome.kind === 'busy' && (
          <p role="status" className="busy-text">
            {busyText}
          </p>
        )}
        {outcome.kind === 'ok' && (
          <>
            <FormMessage message={outcome.message} />
            <p className="form-links">{onSuccess}</p>
          </>
        )}
        {outcome.kind === 'error' && (
          <>
            <FormError message={outcome.message} />
            <p className="form-links">{onError}</p>
          </>
        )}
      </div>
    </PublicPage>
  );
}

export function ConfirmPage() {
  return (
    <TokenLinkPage
      title="Confirm your email address"
      endpoint="/api/auth/confirm"
      busyText="Confirming your email address…"
      successText="Your email address is confirmed."
      action="Confirmation"
      onSuccess={<Link to="/login">Sign in</Link>}
      onError={
        <>
          <Link to="/signup">Sign up again to get a new link</Link>
          <Link to="/login">Sign in</Link>
        </>
      }
    />
  );
}

export function UnlockPage() {
  return (
    <TokenLinkPage
      title="Unlock your account"
      endpoint="/api/auth/unlock"
      busyText="Unlocking your account…"
      successText="Your account is unlocked. You can sign in again."
      action="Unlocking"
      onSuccess={<Link to="/login">Sign in</Link>}
      onError={
        <>
          <span>The lock also lifts on its own after a while.</span>
          <Link to="/forgot-password">Forgot your password?</Link>
          <Link to="/login">Sign in</Link>
        </>
      }
    />
  );
}
