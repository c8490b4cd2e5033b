import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, describedText, jsonResponse, makeSession, mockApi, renderApp, storedSession } from './test/render';

describe('sign-up', () => {
  async function fill(values: { email?: string; name?: string; password?: string; org?: string }) {
    const user = userEvent.setup();
    if (values.email) await user.type(screen.getByTestId('signup-email'), values.email);
    if (values.name) await user.type(screen.getByTestId('signup-name'), values.name);
    if (values.password) await user.type(screen.getByTestId('signup-password'), values.password);
    if (values.org) await user.type(screen.getByTestId('signup-org'), values.org);
    await user.click(screen.getByTestId('signup-submit'));
  }

  it('is reachable from the login page', async () => {
    renderApp('/login');
    await userEvent.setup().click(screen.getByRole('link', { name: 'Create an account' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/signup');
    expect(screen.getByTestId('signup-form')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toBe(screen.getByTestId('signup-email'));
    expect(screen.getByLabelText('Your name')).toBe(screen.getByTestId('signup-name'));
    expect(screen.getByLabelText('Password')).toBe(screen.getByTestId('signup-password'));
    expect(screen.getByLabelText('Organization name')).toBe(screen.getByTestId('signup-org'));
  });

  it('validates every field before calling the server', async () => {
    const api = mockApi({});
    renderApp('/signup');
    await fill({ email: 'ann@', password: 'short' });

    const email = screen.getByTestId('signup-email');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(describedText(email)).toMatch(/name@example\.com/);
    expect(email).toHaveFocus();
    expect(describedText(screen.getByTestId('signup-name'))).toMatch(/Enter your name/);
    expect(describedText(screen.getByTestId('signup-password'))).toMatch(/Use at least 8 characters/);
    expect(describedText(screen.getByTestId('signup-org'))).toMatch(/Enter the name of your team/);
    expect(api.calls.filter((c) => c.url !== '/api/setup')).toHaveLength(0);
  });

  it('counts password characters as they are typed', async () => {
    renderApp('/signup');
    const password = screen.getByTestId('signup-password');
    expect(describedText(password)).toBe('Use 8 to 128 characters; 0 characters so far.');
    await userEvent.setup().type(password, 'abc');
    expect(describedText(password)).toBe('Use 8 to 128 characters; 3 characters so far.');
  });

  it('refuses a password over 128 characters', async () => {
    const api = mockApi({});
    renderApp('/signup');
    await fill({ email: 'ann@example.com', name: 'Ann', password: 'x'.repeat(129), org: 'Acme' });
    expect(describedText(screen.getByTestId('signup-password'))).toMatch(/at most 128 characters/);
    expect(api.calls.filter((c) => c.url !== '/api/setup')).toHaveLength(0);
  });

  it('posts the four fields and shows the server’s 202 message', async () => {
    const api = mockApi({
      'POST /api/auth/signup': () =>
        jsonResponse(202, { message: 'Check your inbox: we sent a confirmation link to ann@example.com.' }),
    });
    renderApp('/signup');
    await fill({ email: ' ann@example.com ', name: 'Ann Lee', password: 'correct horse', org: 'Acme' });

    expect(await screen.findByTestId('form-message')).toHaveTextContent(
      'Check your inbox: we sent a confirmation link to ann@example.com.',
    );
    expect(api.callsTo('POST /api/auth/signup')[0].body).toEqual({
      email: 'ann@example.com',
      displayName: 'Ann Lee',
      password: 'correct horse',
      organizationName: 'Acme',
    });
    expect(screen.queryByTestId('signup-form')).not.toBeInTheDocument();
    expect(storedSession()).toBeNull();
  });

  it('shows a server field error at that field', async () => {
    mockApi({
      'POST /api/auth/signup': () =>
        apiError(400, 'password_common', 'This password is on a list of common passwords. Choose another.', 'password'),
    });
    renderApp('/signup');
    await fill({ email: 'ann@example.com', name: 'Ann', password: 'password1', org: 'Acme' });

    const password = screen.getByTestId('signup-password');
    await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'));
    expect(describedText(password)).toMatch(/list of common passwords/);
    expect(password).toHaveFocus();
    expect(screen.queryByTestId('form-error')).not.toBeInTheDocument();
  });
});

describe('confirm link', () => {
  it('posts the token once under StrictMode and shows success with a sign-in link', async () => {
    const api = mockApi({
      'POST /api/auth/confirm': () => jsonResponse(200, { message: 'Your email address is confirmed.' }),
    });
    renderApp('/confirm?token=tok-confirm-1', { strict: true });

    const result = screen.getByTestId('confirm-result');
    expect(await within(result).findByTestId('form-message')).toHaveTextContent('Your email address is confirmed.');
    expect(within(result).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
    expect(api.callsTo('POST /api/auth/confirm')).toHaveLength(1);
    expect(api.callsTo('POST /api/auth/confirm')[0].body).toEqual({ token: 'tok-confirm-1' });
  });

  it('shows an expired link as an error with a way to sign up again', async () => {
    const api = mockApi({
      'POST /api/auth/confirm': () =>
        apiError(400, 'token_expired', 'This link has expired or was already used.'),
    });
    renderApp('/confirm?token=tok-old', { strict: true });

    const result = screen.getByTestId('confirm-result');
    expect(await within(result).findByTestId('form-error')).toHaveTextContent(
      'This link has expired or was already used.',
    );
    expect(within(result).getByRole('link', { name: /Sign up again/ })).toHaveAttribute('href', '/signup');
    expect(screen.queryByTestId('form-message')).not.toBeInTheDocument();
    expect(api.calls).toHaveLength(1);
  });

  it('does not call the server when the link has no token', () => {
    const api = mockApi({});
    renderApp('/confirm');
    expect(screen.getByTestId('form-error')).toHaveTextContent(/link is incomplete/);
    expect(api.calls.filter((c) => c.url !== '/api/setup')).toHaveLength(0);
  });
});

describe('unlock link', () => {
  it('posts the token once and says the account is unlocked', async () => {
    const api = mockApi({
      'POST /api/auth/unlock': () => jsonResponse(200, { message: 'Your account is unlocked.' }),
    });
    renderApp('/unlock?token=tok-unlock', { strict: true });
    expect(await screen.findByTestId('form-message')).toHaveTextContent('Your account is unlocked.');
    expect(api.callsTo('POST /api/auth/unlock')).toEqual([expect.objectContaining({ body: { token: 'tok-unlock' } })]);
  });
});

describe('password reset', () => {
  it('is linked from the login page and always shows the server’s message', async () => {
    const api = mockApi({
      'POST /api/auth/password-reset': () =>
        jsonResponse(202, { message: 'If this address has an account, a reset link is on its way.' }),
    });
    renderApp('/login');
    const user = userEvent.setup();
    await user.click(screen.getByRole('link', { name: 'Forgot your password?' }));
    expect(screen.getByTestId('forgot-form')).toBeInTheDocument();
    await user.type(screen.getByTestId('forgot-email'), 'nobody@example.com');
    await user.click(screen.getByTestId('forgot-submit'));

    expect(await screen.findByTestId('form-message')).toHaveTextContent(
      'If this address has an account, a reset link is on its way.',
    );
    expect(api.callsTo('POST /api/auth/password-reset')[0].body).toEqual({ email: 'nobody@example.com' });
  });

  it('requires the two new passwords to match', async () => {
    const api = mockApi({});
    renderApp('/reset-password?token=tok-r');
    const user = userEvent.setup();
    expect(screen.getByTestId('reset-form')).toBeInTheDocument();
    await user.type(screen.getByTestId('reset-password'), 'new secret 1');
    await user.type(screen.getByTestId('reset-password-repeat'), 'new secret 2');
    await user.click(screen.getByTestId('reset-submit'));

    const repeat = screen.getByTestId('reset-password-repeat');
    expect(repeat).toHaveAttribute('aria-invalid', 'true');
    expect(describedText(repeat)).toBe('The two passwords do not match.');
    expect(repeat).toHaveFocus();
    expect(screen.getByTestId('reset-password')).not.toHaveAttribute('aria-invalid');
    expect(api.calls.filter((c) => c.url !== '/api/setup')).toHaveLength(0);
  });

  it('posts token and password, then links to sign-in', async () => {
    const api = mockApi({
      'POST /api/auth/password-reset/confirm': () => jsonResponse(200, { message: 'Your password has been changed.' }),
    });
    renderApp('/reset-password?token=tok-r');
    const user = userEvent.setup();
    await user.type(screen.getByTestId('reset-password'), 'new secret 1');
    await user.type(screen.getByTestId('reset-password-repeat'), 'new secret 1');
    await user.click(screen.getByTestId('reset-submit'));

    expect(await screen.findByTestId('form-message')).toHaveTextContent('Your password has been changed.');
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
    expect(api.callsTo('POST /api/auth/password-reset/confirm')[0].body).toEqual({
      token: 'tok-r',
      password: 'new secret 1',
    });
  });

  it('offers a new link when the token has expired', async () => {
    mockApi({
      'POST /api/auth/password-reset/confirm': () =>
        apiError(400, 'token_expired', 'This reset link has expired. Ask for a new one.', 'token'),
    });
    renderApp('/reset-password?token=tok-old');
    const user = userEvent.setup();
    await user.type(screen.getByTestId('reset-password'), 'new secret 1');
    await user.type(screen.getByTestId('reset-password-repeat'), 'new secret 1');
    await user.click(screen.getByTestId('reset-submit'));

    expect(await screen.findByTestId('form-error')).toHaveTextContent('This reset link has expired.');
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
  });
});

describe('invitation link', () => {
  async function submit(name: string, password: string) {
    const user = userEvent.setup();
    await user.type(screen.getByTestId('invitation-name'), name);
    await user.type(screen.getByTestId('invitation-password'), password);
    await user.click(screen.getByTestId('invitation-submit'));
  }

  it('shows a server field error at the field', async () => {
    const api = mockApi({
      'POST /api/auth/invitation': () =>
        apiError(400, 'password_common', 'This password is too common. Choose another.', 'password'),
    });
    renderApp('/invitation?token=tok-inv');
    expect(screen.getByTestId('invitation-form')).toBeInTheDocument();
    await submit('Bob', 'password123');

    const password = screen.getByTestId('invitation-password');
    await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'));
    expect(describedText(password)).toMatch(/This password is too common\. Choose another\./);
    expect(screen.getByTestId('invitation-password-error')).toHaveTextContent('This password is too common.');
    expect(screen.queryByTestId('form-error')).not.toBeInTheDocument();
    expect(api.callsTo('POST /api/auth/invitation')[0].body).toEqual({
      token: 'tok-inv',
      displayName: 'Bob',
      password: 'password123',
    });
  });

  it('joins and links to sign-in', async () => {
    mockApi({ 'POST /api/auth/invitation': () => jsonResponse(200, { message: 'You have joined Acme.' }) });
    renderApp('/invitation?token=tok-inv');
    await submit('Bob', 'a long password');
    expect(await screen.findByTestId('form-message')).toHaveTextContent('You have joined Acme.');
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
  });
});

describe('login', () => {
  it('shows the email_not_confirmed message', async () => {
    mockApi({
      'POST /api/auth/login': () =>
        apiError(403, 'email_not_confirmed', 'Confirm your email address first: open the link we sent you.'),
    });
    renderApp('/login');
    const user = userEvent.setup();
    await user.type(screen.getByTestId('login-email'), 'ann@example.com');
    await user.type(screen.getByTestId('login-password'), 'secret pass');
    await user.click(screen.getByTestId('login-submit'));
    expect(await screen.findByTestId('form-error')).toHaveTextContent(
      'Confirm your email address first: open the link we sent you.',
    );
    expect(storedSession()).toBeNull();
  });

  it('refuses an answer that is not a session', async () => {
    mockApi({ 'POST /api/auth/login': () => jsonResponse(200, { accessToken: 'only-this' }) });
    renderApp('/login');
    const user = userEvent.setup();
    await user.type(screen.getByTestId('login-email'), 'ann@example.com');
    await user.type(screen.getByTestId('login-password'), 'secret pass');
    await user.click(screen.getByTestId('login-submit'));
    expect(await screen.findByTestId('login-error')).toHaveTextContent(/could not be understood/);
    expect(storedSession()).toBeNull();
  });

  it('stores the whole session', async () => {
    const session = makeSession({ accessToken: 'a1', refreshToken: 'r1' });
    mockApi({ 'POST /api/auth/login': () => jsonResponse(200, session) });
    renderApp('/login');
    const user = userEvent.setup();
    await user.type(screen.getByTestId('login-email'), 'ann@example.com');
    await user.type(screen.getByTestId('login-password'), 'secret pass');
    await user.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/dashboards'));
    expect(storedSession()).toEqual(session);
    expect(screen.getByTestId('profile-link')).toHaveTextContent('Ann Lee');
  });
});
