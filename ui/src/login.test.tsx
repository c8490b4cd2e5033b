import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeSession, renderApp, storedSession } from './test/render';

/** Stubs fetch; the setup status the page asks for on load answers "done" and is not among the calls. */
function stubFetch(impl: (url: string, init?: RequestInit) => Promise<Response>) {
  const fetchMock = vi.fn(impl);
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) =>
    url === '/api/setup' ? Promise.resolve(jsonResponse(200, { required: false })) : fetchMock(url, init),
  );
  return fetchMock;
}

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup();
  if (email) await user.type(screen.getByTestId('login-email'), email);
  if (password) await user.type(screen.getByTestId('login-password'), password);
  await user.click(screen.getByTestId('login-submit'));
}

/** The text of the element an input's aria-describedby points at. */
function describedText(input: HTMLElement): string | null {
  const id = input.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

describe('login page', () => {
  it('has labelled inputs and a Sign in button', () => {
    renderApp('/login');
    expect(screen.getByLabelText('Email')).toBe(screen.getByTestId('login-email'));
    expect(screen.getByLabelText('Password')).toBe(screen.getByTestId('login-password'));
    expect(screen.getByTestId('login-submit')).toHaveTextContent('Sign in');
    expect(screen.getByTestId('login-form')).toBeInTheDocument();
  });

  it('requires both fields and does not call the server', async () => {
    const fetchMock = stubFetch(async () => jsonResponse(200, {}));
    renderApp('/login');
    await fillAndSubmit('', '');

    const email = screen.getByTestId('login-email');
    const password = screen.getByTestId('login-password');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(describedText(email)).toBe('Enter your email address.');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(describedText(password)).toBe('Enter your password.');
    expect(email).toHaveFocus();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('rejects an email without the name@domain shape', async () => {
    const fetchMock = stubFetch(async () => jsonResponse(200, {}));
    renderApp('/login');
    await fillAndSubmit('not-an-email', 'secret');

    expect(describedText(screen.getByTestId('login-email'))).toMatch(/name@example\.com/);
    expect(screen.getByTestId('login-password')).not.toHaveAttribute('aria-invalid');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('accepts a dotless domain such as admin@localhost', async () => {
    const fetchMock = stubFetch(async () => jsonResponse(200, { accessToken: 't' }));
    renderApp('/login');
    await fillAndSubmit('admin@localhost', 'secret');
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
  });

  it('shows a server field error next to the named field', async () => {
    stubFetch(async () =>
      jsonResponse(401, {
        error: { code: 'bad_credentials', message: 'No account uses this email address.', field: 'email' },
      }),
    );
    renderApp('/login');
    await fillAndSubmit('ann@example.com', 'secret');

    const email = screen.getByTestId('login-email');
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(describedText(email)).toBe('No account uses this email address.');
    expect(screen.getByTestId('login-email-error')).toHaveTextContent('No account uses this email address.');
    expect(screen.queryByTestId('login-error')).not.toBeInTheDocument();
    expect(screen.getByTestId('login-password')).not.toHaveAttribute('aria-invalid');
  });

  it('shows a server error without a field above the form', async () => {
    stubFetch(async () =>
      jsonResponse(429, { error: { code: 'rate_limited', message: 'Too many attempts. Wait a minute.', field: null } }),
    );
    renderApp('/login');
    await fillAndSubmit('ann@example.com', 'secret');

    const alert = await screen.findByTestId('login-error');
    expect(alert).toHaveTextContent('Too many attempts. Wait a minute.');
    expect(alert).toHaveAttribute('role', 'alert');
  });

  it('explains a JSON 404 from a missing auth API in plain words', async () => {
    stubFetch(async () =>
      jsonResponse(404, {
        error: { code: 'not_found', message: 'No API route for /api/auth/login', field: null },
      }),
    );
    renderApp('/login');
    await fillAndSubmit('ann@example.com', 'secret');

    expect(await screen.findByTestId('login-error')).toHaveTextContent(
      'Sign-in is not available right now: the server answered 404. Try again later or ask your administrator.',
    );
    expect(screen.getByTestId('location')).toHaveTextContent('/login');
    expect(sessionStorage.length).toBe(0);
  });

  it('never shows an HTML error page or stack trace', async () => {
    stubFetch(
      async () =>
        new Response('<html><body><pre>java.lang.NullPointerException\n\tat io.sightline.X</pre></body></html>', {
          status: 500,
          headers: { 'Content-Type': 'text/html' },
        }),
    );
    renderApp('/login');
    await fillAndSubmit('ann@example.com', 'secret');

    const alert = await screen.findByTestId('login-error');
    expect(alert).toHaveTextContent('the server answered 500');
    expect(document.body.textContent).not.toMatch(/NullPointerException|<html/);
  });

  it('explains a network failure', async () => {
    stubFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    renderApp('/login');
    await fillAndSubmit('ann@example.com', 'secret');

    expect(await screen.findByTestId('login-error')).toHaveTextContent(
      'Sign-in is not available right now: the server could not be reached.',
    );
  });

  it('posts JSON credentials, keeps the session and goes to the app', async () => {
    const fetchMock = stubFetch(async () => jsonResponse(200, makeSession({ accessToken: 'tok-123' })));
    renderApp('/login');
    await fillAndSubmit('  ann@example.com ', 'p4ss word');

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/dashboards'));
    expect(storedSession()).toEqual(makeSession({ accessToken: 'tok-123' }));

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/auth/login');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual({ email: 'ann@example.com', password: 'p4ss word' });
    expect(screen.getByTestId('page-title')).toHaveTextContent('Dashboards');
  });
});
