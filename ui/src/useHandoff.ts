import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

/**
 * What the page before handed over in the navigation state ("Sales DB was deleted.", a data
 * source just created), read once by `read`; then dropped from history, so a reload or Back
 * does not say it again.
 */
export function useHandoff<T>(read: (state: unknown) => T | null): T | null {
  const location = useLocation();
  const navigate = useNavigate();
  const [value] = useState(() => read(location.state));
  useEffect(() => {
    if (value !== null) navigate(location.pathname + location.search, { replace: true, state: null });
    // Once, for the page as it opened.
  }, []);
  return value;
}

/** The `{message}` the page before handed over ("Sales DB was deleted."), shown once. */
export function useHandoffMessage(): string | null {
  return useHandoff((state) => {
    const m = (state as { message?: unknown } | null)?.message;
    return typeof m === 'string' ? m : null;
  });
}
