import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { request } from './api';

/**
 * Whether the installation still needs its first Owner (`GET /api/setup`, SPEC A-10): null while
 * asking or when the server cannot say (the pages then work as usual).
 */
export function useSetupRequired(): boolean | null {
  const [required, setRequired] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void request<unknown>('GET', '/api/setup').then((answer) => {
      if (answer.kind !== 'ok' || !live) return;
      const data = answer.data;
      setRequired(typeof data === 'object' && data !== null && (data as { required?: unknown }).required === true);
    });
    return () => {
      live = false;
    };
  }, []);
  return required;
}

/** On the sign-in and sign-up pages of a fresh installation: the first account comes from setup. */
export function SetupNotice() {
  const required = useSetupRequired();
  if (!required) return null;
  return (
    <div className="form-notice" role="status" data-testid="setup-notice">
      <p>
        <strong>Finish setup first:</strong> open the link printed in the server console (and in{' '}
        <code>data/log/karaf.log</code>) when it started. It creates the first account, the owner of this installation.
      </p>
      <p>
        <Link to="/setup" data-testid="setup-link">
          Open the setup page
        </Link>
      </p>
    </div>
  );
}
