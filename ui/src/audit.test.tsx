import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { apiError, jsonResponse, mockApi, renderApp, signedIn } from './test/render';
import type { Role } from './session';

const FIRST_PAGE = '/api/audit?offset=0&limit=50';

function entry(sequence: number, overrides: Record<string, unknown> = {}) {
  return {
    sequence,
    at: '2026-11-23T08:00:00.123456Z',
    actorId: 'u1',
    actorEmail: 'ann@example.com',
    sourceAddress: '10.0.0.1',
    action: 'auth.login',
    objectType: 'member',
    objectId: `m${sequence}`,
    details: null,
    hash: 'a'.repeat(64),
    ...overrides,
  };
}

/** A page of `count` entries, newest (highest sequence) first. */
function page(offset: number, count: number, total: number) {
  const entries = Array.from({ length: count }, (_, i) => entry(total - offset - i));
  return jsonResponse(200, { entries, total, offset, limit: 50 });
}

function asRole(role: Role) {
  signedIn({ role });
}

describe('audit log page', () => {
  it('is linked from the Admin page for Admins and Owners', async () => {
    asRole('ADMIN');
    mockApi({ [`GET ${FIRST_PAGE}`]: () => page(0, 2, 2) });
    renderApp('/admin');
    expect(screen.getByTestId('admin-audit')).toHaveTextContent('Audit log');
    await userEvent.setup().click(screen.getByTestId('audit-link'));
    expect(screen.getByTestId('location')).toHaveTextContent('/admin/audit');
    expect(await screen.findByTestId('audit-table')).toBeInTheDocument();
  });

  it.each(['OWNER', 'ADMIN'] as const)('shows the audit panel on the Admin page to an %s', (role) => {
    asRole(role);
    mockApi({});
    renderApp('/admin');
    expect(screen.getByTestId('admin-audit')).toBeInTheDocument();
  });

  it.each(['MEMBER', 'VIEWER'] as const)('hides the audit panel on the Admin page from a %s', (role) => {
    asRole(role);
    mockApi({});
    renderApp('/admin');
    expect(screen.getByTestId('admin-members')).toBeInTheDocument();
    expect(screen.queryByTestId('admin-audit')).not.toBeInTheDocument();
    expect(screen.queryByTestId('audit-link')).not.toBeInTheDocument();
  });

  it.each(['VIEWER', 'MEMBER'] as const)('tells a %s that the log is for Admins and Owners, without asking the API', (role) => {
    asRole(role);
    const api = mockApi({ [`GET ${FIRST_PAGE}`]: () => page(0, 2, 2) });
    renderApp('/admin/audit');
    expect(screen.getByTestId('page-title')).toHaveTextContent('Audit log');
    expect(screen.getByTestId('audit-forbidden')).toHaveTextContent('Only Admins and Owners can read the audit log.');
    expect(screen.queryByTestId('audit-table')).not.toBeInTheDocument();
    expect(screen.queryByTestId('audit-export')).not.toBeInTheDocument();
    expect(api.calls.filter((c) => c.url.startsWith('/api/audit'))).toHaveLength(0);
  });

  it('lists the newest entries with the bearer token', async () => {
    asRole('ADMIN');
    const api = mockApi({
      [`GET ${FIRST_PAGE}`]: () =>
        jsonResponse(200, {
          entries: [
            entry(2, { action: 'member.role_change', objectId: 'm7', details: 'role: MEMBER → ADMIN' }),
            entry(1, {
              actorId: 'system',
              actorEmail: null,
              sourceAddress: null,
              action: 'module.install',
              objectType: null,
              objectId: null,
            }),
          ],
          total: 2,
          offset: 0,
          limit: 50,
        }),
    });
    renderApp('/admin/audit');
    const table = await screen.findByTestId('audit-table');
    expect(api.callsTo(`GET ${FIRST_PAGE}`)[0].auth).toBe('Bearer tok-abc');

    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['When', 'Who', 'Action', 'Object', 'From address', 'Details']);
    const [first, second] = within(table).getAllByTestId('audit-row');
    const cells = within(first).getAllByRole('cell');
    expect(cells[0].querySelector('time')).toHaveAttribute('title', '2026-11-23T08:00:00.123456Z');
    expect(cells[0].querySelector('time')).toHaveAttribute('dateTime', '2026-11-23T08:00:00.123456Z');
    expect(cells[0]).toHaveTextContent('2026');
    expect(cells[1]).toHaveTextContent('ann@example.com');
    expect(cells[2]).toHaveTextContent('member.role_change');
    expect(cells[3]).toHaveTextContent('member m7');
    expect(cells[4]).toHaveTextContent('10.0.0.1');
    expect(cells[5]).toHaveTextContent('role: MEMBER → ADMIN');
    expect(within(second).getAllByRole('cell')[1]).toHaveTextContent('system');
    expect(screen.getByTestId('audit-pager')).toHaveTextContent('Showing 1–2 of 2');
    // The wide table scrolls in a focusable, named region.
    expect(table.parentElement).toHaveAttribute('tabindex', '0');
    expect(table.parentElement).toHaveAccessibleName('Audit log entries, newest first');
  });

  it('labels every filter and offers the action groups', async () => {
    asRole('OWNER');
    mockApi({ [`GET ${FIRST_PAGE}`]: () => page(0, 1, 1) });
    renderApp('/admin/audit');
    for (const label of ['Person', 'Action', 'Object type', 'From', 'To']) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
    expect(screen.getByLabelText('From')).toHaveAttribute('type', 'date');
    expect(screen.getByLabelText('To')).toHaveAttribute('type', 'date');
    const options = [...screen.getByLabelText('Action').querySelectorAll('option')].map((o) => [o.value, o.textContent]);
    expect(options).toEqual([
      ['', 'Any action'],
      ['auth.', 'Sign-ins'],
      ['account.', 'Account'],
      ['member.', 'Members'],
      ['organization.', 'Organization'],
      ['vault.', 'Keys'],
      ['module.', 'Modules'],
      ['audit.', 'Audit'],
    ]);
    await screen.findByTestId('audit-table');
  });

  it('builds the query string from the filters, and Reset clears them', async () => {
    asRole('ADMIN');
    const filtered = '/api/audit?actor=ann%40example.com&action=auth.&objectType=member&from=2026-11-01&to=2026-11-23&offset=0&limit=50';
    const api = mockApi({
      [`GET ${FIRST_PAGE}`]: () => page(0, 3, 3),
      [`GET ${filtered}`]: () => page(0, 1, 1),
    });
    renderApp('/admin/audit');
    await screen.findByTestId('audit-table');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Person'), ' ann@example.com ');
    await user.selectOptions(screen.getByLabelText('Action'), 'Sign-ins');
    await user.type(screen.getByLabelText('Object type'), 'member');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-23' } });
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() => expect(api.callsTo(`GET ${filtered}`)).toHaveLength(1));
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/admin/audit?actor=ann%40example.com&action=auth.&objectType=member&from=2026-11-01&to=2026-11-23',
    );
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1));
    expect(screen.getByLabelText('Person')).toHaveValue('ann@example.com');

    await user.click(screen.getByRole('button', { name: 'Reset' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(3));
    expect(api.callsTo(`GET ${FIRST_PAGE}`)).toHaveLength(2);
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/admin\/audit$/);
    expect(screen.getByLabelText('Person')).toHaveValue('');
    expect(screen.getByLabelText('Action')).toHaveValue('');
    expect(screen.getByLabelText('To')).toHaveValue('');
  });

  it('reads its filters from the address, so a filtered view can be reloaded or shared', async () => {
    asRole('ADMIN');
    const api = mockApi({ 'GET /api/audit?action=vault.&offset=50&limit=50': () => page(50, 10, 60) });
    renderApp('/admin/audit?action=vault.&offset=50');
    expect(await screen.findByTestId('audit-pager')).toHaveTextContent('Showing 51–60 of 60');
    expect(api.callsTo('GET /api/audit?action=vault.&offset=50&limit=50')).toHaveLength(1);
    expect(screen.getByLabelText('Action')).toHaveValue('vault.');
  });

  it('pages with Previous and Next', async () => {
    asRole('ADMIN');
    const api = mockApi({
      [`GET ${FIRST_PAGE}`]: () => page(0, 50, 123),
      'GET /api/audit?offset=50&limit=50': () => page(50, 50, 123),
      'GET /api/audit?offset=100&limit=50': () => page(100, 23, 123),
    });
    renderApp('/admin/audit');
    const pager = await screen.findByTestId('audit-pager');
    const previous = within(pager).getByRole('button', { name: 'Previous' });
    const next = within(pager).getByRole('button', { name: 'Next' });
    expect(pager).toHaveTextContent('Showing 1–50 of 123');
    expect(previous).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getAllByTestId('audit-row')).toHaveLength(50);
    const user = userEvent.setup();

    await user.click(previous);
    expect(api.calls).toHaveLength(1);

    await user.click(next);
    await waitFor(() => expect(pager).toHaveTextContent('Showing 51–100 of 123'));
    expect(api.callsTo('GET /api/audit?offset=50&limit=50')).toHaveLength(1);
    expect(previous).not.toHaveAttribute('aria-disabled');
    expect(next).toHaveFocus();

    await user.click(next);
    await waitFor(() => expect(pager).toHaveTextContent('Showing 101–123 of 123'));
    expect(screen.getAllByTestId('audit-row')).toHaveLength(23);
    expect(next).toHaveAttribute('aria-disabled', 'true');
    await user.click(next);
    expect(api.calls).toHaveLength(3);

    await user.click(previous);
    await waitFor(() => expect(pager).toHaveTextContent('Showing 51–100 of 123'));
    expect(api.callsTo('GET /api/audit?offset=50&limit=50')).toHaveLength(2);
  });

  it('keeps the filters when paging, and goes back to the first page on Apply', async () => {
    asRole('ADMIN');
    const api = mockApi({
      'GET /api/audit?action=auth.&offset=0&limit=50': () => page(0, 50, 80),
      'GET /api/audit?action=auth.&offset=50&limit=50': () => page(50, 30, 80),
    });
    renderApp('/admin/audit?action=auth.');
    const pager = await screen.findByTestId('audit-pager');
    const user = userEvent.setup();
    await user.click(within(pager).getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(pager).toHaveTextContent('Showing 51–80 of 80'));
    expect(screen.getByTestId('location')).toHaveTextContent('/admin/audit?action=auth.&offset=50');

    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(api.callsTo('GET /api/audit?action=auth.&offset=0&limit=50')).toHaveLength(2));
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/admin\/audit\?action=auth\.$/);
  });

  it('shows a 400 naming "to" next to the To field', async () => {
    asRole('ADMIN');
    const bad = '/api/audit?from=2026-11-23&to=2026-11-01&offset=0&limit=50';
    mockApi({
      [`GET ${FIRST_PAGE}`]: () => page(0, 2, 2),
      [`GET ${bad}`]: () => apiError(400, 'invalid', "Must be after 'from'.", 'to'),
    });
    renderApp('/admin/audit');
    await screen.findByTestId('audit-table');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-23' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-01' } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Apply' }));

    const error = await screen.findByTestId('audit-to-error');
    expect(error).toHaveTextContent("Must be after 'from'.");
    const to = screen.getByLabelText('To');
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(to.getAttribute('aria-describedby')).toContain(error.id);
    expect(to).toHaveFocus();
    expect(screen.queryByTestId('audit-from-error')).not.toBeInTheDocument();
    // The entries of the earlier filters are gone, not shown as if they matched.
    expect(screen.queryByTestId('audit-table')).not.toBeInTheDocument();
    expect(screen.queryByTestId('form-error')).not.toBeInTheDocument();

    // Correcting the field clears its error.
    fireEvent.change(to, { target: { value: '2026-11-30' } });
    expect(screen.queryByTestId('audit-to-error')).not.toBeInTheDocument();
  });

  it('shows other failures in plain words where the entries would be', async () => {
    asRole('ADMIN');
    mockApi({ [`GET ${FIRST_PAGE}`]: () => new Response('<html>Bad gateway</html>', { status: 502 }) });
    renderApp('/admin/audit');
    expect(await screen.findByTestId('form-error')).toHaveTextContent(
      'Reading the audit log is not available right now: the server answered 502.',
    );
    expect(screen.queryByTestId('audit-table')).not.toBeInTheDocument();
  });

  it('says when nothing has been recorded yet', async () => {
    asRole('OWNER');
    mockApi({ [`GET ${FIRST_PAGE}`]: () => jsonResponse(200, { entries: [], total: 0, offset: 0, limit: 50 }) });
    renderApp('/admin/audit');
    expect(await screen.findByTestId('audit-empty')).toHaveTextContent(
      'Nothing recorded yet. Sign-ins, member changes and key rotations appear here.',
    );
    expect(screen.queryByTestId('audit-table')).not.toBeInTheDocument();
    expect(screen.queryByTestId('audit-pager')).not.toBeInTheDocument();
  });

  it('says when no entry matches the filters', async () => {
    asRole('OWNER');
    mockApi({
      'GET /api/audit?objectType=datasource&offset=0&limit=50': () =>
        jsonResponse(200, { entries: [], total: 0, offset: 0, limit: 50 }),
    });
    renderApp('/admin/audit?objectType=datasource');
    expect(await screen.findByTestId('audit-empty')).toHaveTextContent('No audit entries match these filters.');
  });

  it('verifies the chain: intact', async () => {
    asRole('ADMIN');
    const api = mockApi({
      [`GET ${FIRST_PAGE}`]: () => page(0, 2, 2),
      'GET /api/audit/verify': () =>
        jsonResponse(200, { intact: true, entries: 120, brokenAt: null, problem: null, lastHash: 'b'.repeat(64) }),
    });
    renderApp('/admin/audit');
    await screen.findByTestId('audit-table');
    const result = screen.getByTestId('audit-verify-result');
    expect(result).toHaveAttribute('role', 'status');
    expect(result).toBeEmptyDOMElement();
    await userEvent.setup().click(screen.getByTestId('audit-verify'));
    await waitFor(() => expect(result).toHaveTextContent('Chain intact: 120 entries verified.'));
    expect(result.querySelector('.form-error')).toBeNull();
    expect(api.callsTo('GET /api/audit/verify')[0].auth).toBe('Bearer tok-abc');
  });

  it('verifies the chain: broken', async () => {
    asRole('OWNER');
    mockApi({
      [`GET ${FIRST_PAGE}`]: () => page(0, 2, 2),
      'GET /api/audit/verify': () =>
        jsonResponse(200, {
          intact: false,
          entries: 5,
          brokenAt: 5,
          problem: 'content was changed after it was written (hash differs)',
          lastHash: 'c'.repeat(64),
        }),
    });
    renderApp('/admin/audit');
    await screen.findByTestId('audit-table');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Verify chain' }));
    const result = screen.getByTestId('audit-verify-result');
    await waitFor(() =>
      expect(result).toHaveTextContent(
        'Chain broken at entry 5: content was changed after it was written (hash differs). Someone changed the audit log outside Sightline — investigate and restore from backup.',
      ),
    );
    expect(result.querySelector('.form-error')).not.toBeNull();
  });

  it('shows a failed verification in the same place', async () => {
    asRole('ADMIN');
    mockApi({
      [`GET ${FIRST_PAGE}`]: () => page(0, 2, 2),
      'GET /api/audit/verify': () => apiError(403, 'forbidden', 'Only Admins and Owners can read the audit log.'),
    });
    renderApp('/admin/audit');
    await screen.findByTestId('audit-table');
    await userEvent.setup().click(screen.getByTestId('audit-verify'));
    await waitFor(() =>
      expect(screen.getByTestId('audit-verify-result')).toHaveTextContent('Only Admins and Owners can read the audit log.'),
    );
  });

  it('exports CSV with the current filters and the bearer token', async () => {
    asRole('ADMIN');
    const csvUrl = '/api/audit?actor=ann&action=member.&format=csv';
    const api = mockApi({
      'GET /api/audit?actor=ann&action=member.&offset=0&limit=50': () => page(0, 2, 2),
      [`GET ${csvUrl}`]: () =>
        new Response('sequence,at\r\n2,2026-11-23T08:00:00Z\r\n', {
          status: 200,
          headers: { 'Content-Type': 'text/csv; charset=utf-8' },
        }),
    });
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:audit');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });

    renderApp('/admin/audit?actor=ann&action=member.');
    await screen.findByTestId('audit-table');
    // A filter typed but not applied is not exported: the export matches the table.
    await userEvent.setup().type(screen.getByLabelText('Object type'), 'member');
    await userEvent.setup().click(screen.getByTestId('audit-export'));

    await waitFor(() => expect(clicked).toHaveLength(1));
    const call = api.callsTo(`GET ${csvUrl}`)[0];
    expect(call.auth).toBe('Bearer tok-abc');
    const accept = new Headers(api.fetchMock.mock.calls.at(-1)?.[1]?.headers).get('Accept');
    expect(accept).toContain('text/csv');
    expect(clicked[0]).toEqual({ href: 'blob:audit', download: 'sightline-audit.csv' });
    const blob = createObjectURL.mock.calls[0][0] as Blob;
    expect(await blob.text()).toContain('2026-11-23T08:00:00Z');
    expect(screen.getByTestId('audit-export')).toHaveTextContent('Export CSV');
    expect(screen.queryByTestId('audit-export-error')).not.toBeInTheDocument();
  });

  it('shows a failed export next to the button', async () => {
    asRole('ADMIN');
    mockApi({
      [`GET ${FIRST_PAGE}`]: () => page(0, 2, 2),
      'GET /api/audit?format=csv': () => new Response(null, { status: 503 }),
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderApp('/admin/audit');
    await screen.findByTestId('audit-table');
    await userEvent.setup().click(screen.getByTestId('audit-export'));
    const error = await screen.findByTestId('audit-export-error');
    expect(error).toHaveTextContent('Exporting the audit log is not available right now: the server answered 503.');
    expect(screen.getByTestId('audit-export')).toHaveAttribute('aria-describedby', error.id);
    expect(click).not.toHaveBeenCalled();
  });
});
