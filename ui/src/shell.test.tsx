import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderApp, signedIn, storedSession } from './test/render';

describe('application shell', () => {
  it.each(['/', '/dashboards', '/queries', '/admin'])('redirects %s to /login without a token', (path) => {
    renderApp(path);
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/login$/);
    expect(screen.getByTestId('login-form')).toBeInTheDocument();
    expect(screen.queryByTestId('main-nav')).not.toBeInTheDocument();
  });

  it('redirects / to /dashboards when signed in', () => {
    signedIn();
    mockApi({ 'GET /api/dashboards': () => jsonResponse(200, []) });
    renderApp('/');
    expect(screen.getByTestId('location')).toHaveTextContent('/dashboards');
    expect(screen.getByTestId('page-title')).toHaveTextContent('Dashboards');
  });

  it('has landmarks and the navigation links', () => {
    signedIn();
    mockApi({ 'GET /api/dashboards': () => jsonResponse(200, []) });
    renderApp('/dashboards');
    expect(screen.getByRole('banner')).toHaveTextContent('Sightline');
    expect(screen.getByRole('main')).toBeInTheDocument();
    const nav = screen.getByTestId('main-nav');
    expect(nav.tagName).toBe('NAV');
    const links = within(nav).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Dashboards', '/dashboards'],
      ['Reports', '/reports'],
      ['Queries', '/queries'],
      ['Data sources', '/datasources'],
      ['Models', '/models'],
      ['Alerts', '/alerts'],
      ['Schedules', '/schedules'],
      ['Admin', '/admin'],
    ]);
    expect(within(nav).getByRole('link', { name: 'Dashboards' })).toHaveAttribute('aria-current', 'page');
  });

  it('navigates between pages, each with a heading and a teaching empty state', async () => {
    signedIn();
    mockApi({
      'GET /api/datasources': () => jsonResponse(200, []),
      'GET /api/datasources/outbound-addresses': () => jsonResponse(200, { addresses: [], note: null }),
      'GET /api/drivers': () => jsonResponse(200, []),
      'GET /api/dashboards': () => jsonResponse(200, []),
      'GET /api/reports': () => jsonResponse(200, []),
      'GET /api/alerts': () => jsonResponse(200, []),
      'GET /api/schedules': () => jsonResponse(200, []),
      'GET /api/schedules/runs?limit=100': () => jsonResponse(200, []),
    });
    renderApp('/dashboards');
    const user = userEvent.setup();
    const nav = screen.getByTestId('main-nav');
    for (const name of ['Reports', 'Queries', 'Data sources', 'Alerts', 'Schedules', 'Dashboards']) {
      await user.click(within(nav).getByRole('link', { name }));
      // Lazily loaded pages keep the previous one on screen until their code has arrived.
      await waitFor(() => expect(screen.getByTestId('page-title')).toHaveTextContent(name));
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(name);
      expect((await screen.findByTestId('empty-state')).textContent!.length).toBeGreaterThan(80);
    }
    await user.click(within(nav).getByRole('link', { name: 'Admin' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Admin');
    expect(screen.getByRole('heading', { level: 2, name: 'Members' })).toBeInTheDocument();
    expect(screen.getByTestId('members-link')).toHaveAttribute('href', '/admin/members');
  });

  it('shows Page not found with a link home for unknown routes', async () => {
    signedIn();
    mockApi({ 'GET /api/dashboards': () => jsonResponse(200, []) });
    renderApp('/no/such/page');
    expect(screen.getByTestId('page-title')).toHaveTextContent('Page not found');
    await userEvent.setup().click(screen.getByRole('link', { name: 'Go to the home page' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/dashboards');
  });

  it('shows Page not found without a token too', () => {
    renderApp('/nowhere');
    expect(screen.getByTestId('page-title')).toHaveTextContent('Page not found');
    expect(screen.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
  });

  it('signs out: clears the token, tells the server, goes to /login', async () => {
    signedIn();
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => jsonResponse(404, { error: { code: 'not_found', message: 'x', field: null } }));
    vi.stubGlobal('fetch', fetchMock);
    renderApp('/no/such/page'); // a page that loads nothing, so the only call is the logout
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));

    expect(screen.getByTestId('location')).toHaveTextContent('/login');
    expect(storedSession()).toBeNull();
    // Besides the logout, the sign-in page asks whether setup is due.
    await waitFor(() => expect(fetchMock.mock.calls.filter(([u]) => u !== '/api/setup')).toHaveLength(1));
    const [url, init] = fetchMock.mock.calls.find(([u]) => u !== '/api/setup') as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/logout');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('Authorization')).toBe('Bearer tok-abc');
  });

  it('still signs out when the server cannot be reached', async () => {
    signedIn();
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    renderApp('/alerts');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));
    expect(screen.getByTestId('login-form')).toBeInTheDocument();
  });
});

describe('theme', () => {
  function stubPrefersDark(dark: boolean) {
    vi.stubGlobal(
      'matchMedia',
      vi.fn((query: string) => ({ matches: dark && query.includes('dark'), media: query }) as MediaQueryList),
    );
  }

  it('defaults to the system preference', () => {
    stubPrefersDark(true);
    signedIn();
    renderApp('/dashboards');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(screen.getByTestId('theme-toggle')).toHaveAccessibleName('Switch to light theme');
  });

  it('toggles and remembers the choice', async () => {
    stubPrefersDark(false);
    signedIn();
    const { unmount } = renderApp('/dashboards');
    expect(document.documentElement.dataset.theme).toBe('light');

    await userEvent.setup().click(screen.getByTestId('theme-toggle'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('sightline.theme')).toBe('dark');

    unmount();
    delete document.documentElement.dataset.theme;
    renderApp('/dashboards');
    expect(document.documentElement.dataset.theme).toBe('dark');
  });
});
