import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, jsonResponse, mockApi, noContent, renderApp, signedIn, storedSession } from './test/render';
import type { Role } from './session';

const ann = { id: 'm1', userId: 'u1', email: 'ann@example.com', displayName: 'Ann Lee', role: 'ADMIN', createdAt: '2026-01-05T10:00:00Z' };
const bob = { id: 'm2', userId: 'u2', email: 'bob@example.com', displayName: 'Bob Roe', role: 'MEMBER', createdAt: '2026-02-01T10:00:00Z' };
const olga = { id: 'm3', userId: 'u3', email: 'olga@example.com', displayName: 'Olga Owner', role: 'OWNER', createdAt: '2025-12-01T10:00:00Z' };
const invite = { id: 'i1', email: 'cid@example.com', role: 'VIEWER', createdAt: '2026-03-01T10:00:00Z', expiresAt: '2026-03-08T10:00:00Z' };

function membersApi(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/orgs/o1/members': () => jsonResponse(200, [ann, bob, olga].map((m) => ({ ...m }))),
    'GET /api/orgs/o1/invitations': () => jsonResponse(200, [invite]),
    ...extra,
  });
}

function asRole(role: Role) {
  signedIn({ role, user: { id: 'u1', email: 'ann@example.com', displayName: 'Ann Lee' } });
}

describe('members page', () => {
  it('is linked from the Admin page', async () => {
    asRole('VIEWER');
    membersApi();
    renderApp('/admin');
    await userEvent.setup().click(screen.getByTestId('members-link'));
    expect(screen.getByTestId('location')).toHaveTextContent('/admin/members');
    expect(await screen.findByTestId('members-table')).toBeInTheDocument();
  });

  it('shows a read-only list to a Viewer', async () => {
    asRole('VIEWER');
    const api = membersApi();
    renderApp('/admin/members');
    const table = await screen.findByTestId('members-table');

    const rows = within(table).getAllByTestId('member-row');
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual([
      'Ann Lee (you)',
      'Bob Roe',
      'Olga Owner',
    ]);
    expect(rows[1]).toHaveTextContent('bob@example.com');
    expect(rows[1]).toHaveTextContent('Member');
    expect(within(table).queryByRole('combobox')).not.toBeInTheDocument();
    expect(within(table).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByTestId('invite-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('members-readonly')).toHaveTextContent('Only admins and owners');
    // Invitations are for Admins and Owners; a Viewer does not even ask.
    expect(api.callsTo('GET /api/orgs/o1/invitations')).toHaveLength(0);
  });

  it('shows controls to an Admin, but not on their own row or an Owner’s', async () => {
    asRole('ADMIN');
    membersApi();
    renderApp('/admin/members');
    const table = await screen.findByTestId('members-table');

    expect(screen.getByTestId('invite-form')).toBeInTheDocument();
    const [self, member, owner] = within(table).getAllByTestId('member-row');
    expect(within(self).queryByRole('combobox')).not.toBeInTheDocument();
    expect(within(owner).queryByRole('combobox')).not.toBeInTheDocument();
    const select = within(member).getByRole('combobox', { name: 'Role of Bob Roe' });
    expect([...select.querySelectorAll('option')].map((o) => o.value)).toEqual(['VIEWER', 'MEMBER', 'ADMIN']);
    expect(within(member).getByRole('button', { name: 'Remove Bob Roe' })).toBeInTheDocument();
    // The invite form offers no Owner role to an Admin.
    const inviteRole = screen.getByTestId('invite-role');
    expect([...inviteRole.querySelectorAll('option')].map((o) => o.value)).toEqual(['VIEWER', 'MEMBER', 'ADMIN']);
    expect(await screen.findByText('cid@example.com')).toBeInTheDocument();
  });

  it('offers the Owner role to an Owner', async () => {
    asRole('OWNER');
    membersApi();
    renderApp('/admin/members');
    await screen.findByTestId('members-table');
    const options = [...screen.getByTestId('invite-role').querySelectorAll('option')].map((o) => o.value);
    expect(options).toEqual(['VIEWER', 'MEMBER', 'ADMIN', 'OWNER']);
  });

  it('invites by email and role, then reloads the pending invitations', async () => {
    asRole('ADMIN');
    const api = membersApi({
      'POST /api/orgs/o1/members': () => jsonResponse(202, { message: 'An invitation is on its way to dan@example.com.' }),
    });
    renderApp('/admin/members');
    await screen.findByTestId('members-table');
    const user = userEvent.setup();
    await user.type(screen.getByTestId('invite-email'), 'dan@example.com');
    await user.selectOptions(screen.getByTestId('invite-role'), 'VIEWER');
    await user.click(screen.getByTestId('invite-submit'));

    expect(await screen.findByTestId('form-message')).toHaveTextContent('An invitation is on its way to dan@example.com.');
    expect(api.callsTo('POST /api/orgs/o1/members')[0].body).toEqual({ email: 'dan@example.com', role: 'VIEWER' });
    await waitFor(() => expect(api.callsTo('GET /api/orgs/o1/invitations')).toHaveLength(2));
    expect(screen.getByTestId('invite-email')).toHaveValue('');
  });

  it('shows an invite error at the email field', async () => {
    asRole('ADMIN');
    membersApi({
      'POST /api/orgs/o1/members': () => apiError(409, 'already_member', 'Bob Roe is already a member.', 'email'),
    });
    renderApp('/admin/members');
    await screen.findByTestId('members-table');
    const user = userEvent.setup();
    await user.type(screen.getByTestId('invite-email'), 'bob@example.com');
    await user.click(screen.getByTestId('invite-submit'));
    expect(await screen.findByTestId('invite-email-error')).toHaveTextContent('Bob Roe is already a member.');
    expect(screen.getByTestId('invite-email')).toHaveAttribute('aria-invalid', 'true');
  });

  it('changes a role with PATCH', async () => {
    asRole('ADMIN');
    const api = membersApi({
      'PATCH /api/orgs/o1/members/m2': (call) => jsonResponse(200, { ...bob, ...(call.body as object) }),
    });
    renderApp('/admin/members');
    await screen.findByTestId('members-table');
    const select = screen.getByRole('combobox', { name: 'Role of Bob Roe' });
    await userEvent.setup().selectOptions(select, 'VIEWER');

    await waitFor(() => expect(api.callsTo('PATCH /api/orgs/o1/members/m2')[0]?.body).toEqual({ role: 'VIEWER' }));
    expect(await screen.findByText('Bob Roe is now Viewer.')).toBeInTheDocument();
    expect(select).toHaveValue('VIEWER');
  });

  it('removes a member only after the confirm step', async () => {
    asRole('OWNER');
    const api = membersApi({ 'DELETE /api/orgs/o1/members/m2': () => noContent() });
    renderApp('/admin/members');
    const table = await screen.findByTestId('members-table');
    const user = userEvent.setup();

    await user.click(within(table).getByRole('button', { name: 'Remove Bob Roe' }));
    expect(api.callsTo('DELETE /api/orgs/o1/members/m2')).toHaveLength(0);
    expect(within(table).getByText('Remove Bob Roe from Acme?')).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'Cancel' })).toHaveFocus();

    await user.click(within(table).getByRole('button', { name: 'Cancel' }));
    expect(within(table).getByRole('button', { name: 'Remove Bob Roe' })).toHaveFocus();

    await user.click(within(table).getByRole('button', { name: 'Remove Bob Roe' }));
    await user.click(screen.getByTestId('member-remove-confirm'));
    await waitFor(() => expect(within(table).queryByText('Bob Roe')).not.toBeInTheDocument());
    expect(api.callsTo('DELETE /api/orgs/o1/members/m2')).toHaveLength(1);
    expect(screen.getByText('Bob Roe was removed from Acme.')).toBeInTheDocument();
  });

  it('teaches how to invite when the admin is alone', async () => {
    asRole('OWNER');
    mockApi({
      'GET /api/orgs/o1/members': () => jsonResponse(200, [{ ...ann, role: 'OWNER' }]),
      'GET /api/orgs/o1/invitations': () => jsonResponse(200, []),
    });
    renderApp('/admin/members');
    expect(await screen.findByTestId('empty-state')).toHaveTextContent(/Only you are here so far\. Invite a colleague/);
    expect(await screen.findByTestId('invitations-empty')).toHaveTextContent(/No invitations are waiting/);
  });
});

describe('organization switcher', () => {
  const acme = { id: 'o1', name: 'Acme', role: 'OWNER' as Role };
  const beta = { id: 'o2', name: 'Beta Corp', role: 'VIEWER' as Role };

  it('is a plain name when there is one organization', () => {
    signedIn();
    renderApp('/dashboards');
    expect(screen.queryByTestId('org-switcher')).not.toBeInTheDocument();
    expect(screen.getByRole('banner')).toHaveTextContent('Acme');
  });

  it('calls PUT /api/me/organization, updates the header and reloads the page data', async () => {
    signedIn({ organization: acme, organizations: [acme, beta] });
    const api = mockApi({
      'GET /api/orgs/o1/members': () => jsonResponse(200, [{ ...ann, role: 'OWNER' }, bob]),
      'GET /api/orgs/o1/invitations': () => jsonResponse(200, []),
      'GET /api/orgs/o2/members': () => jsonResponse(200, [{ ...ann, id: 'm9', role: 'VIEWER' }]),
      'PUT /api/me/organization': () =>
        jsonResponse(200, {
          user: { id: 'u1', email: 'ann@example.com', displayName: 'Ann Lee' },
          organization: beta,
          organizations: [acme, beta],
        }),
    });
    renderApp('/admin/members');
    await screen.findByText('Bob Roe');
    const switcher = screen.getByLabelText('Organization');
    expect(switcher).toBe(screen.getByTestId('org-switcher'));
    expect(switcher).toHaveValue('o1');
    expect(screen.getByTestId('invite-form')).toBeInTheDocument();

    await userEvent.setup().selectOptions(switcher, 'o2');

    await waitFor(() => expect(screen.getByTestId('org-switcher')).toHaveValue('o2'));
    expect(api.callsTo('PUT /api/me/organization')[0].body).toEqual({ organizationId: 'o2' });
    expect(screen.getByRole('banner')).toHaveTextContent('Viewer');
    expect(storedSession()?.organization).toEqual(beta);
    expect(storedSession()?.accessToken).toBe('tok-abc');
    // The page loaded the new organization's members, read-only for a Viewer.
    await waitFor(() => expect(api.callsTo('GET /api/orgs/o2/members')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText('Bob Roe')).not.toBeInTheDocument());
    expect(screen.queryByTestId('invite-form')).not.toBeInTheDocument();
  });

  it('shows a failed switch next to the switcher and stays', async () => {
    signedIn({ organization: acme, organizations: [acme, beta] });
    mockApi({
      'PUT /api/me/organization': () => apiError(403, 'not_a_member', 'You are no longer a member of Beta Corp.'),
      'GET /api/dashboards': () => jsonResponse(200, []),
    });
    renderApp('/dashboards');
    const switcher = screen.getByTestId('org-switcher');
    await userEvent.setup().selectOptions(switcher, 'o2');
    const error = await screen.findByRole('alert');
    expect(error).toHaveTextContent('You are no longer a member of Beta Corp.');
    expect(switcher).toHaveValue('o1');
    expect(switcher).toHaveAttribute('aria-describedby', error.id);
  });

  it('links to the profile with the display name', async () => {
    signedIn();
    mockApi({ 'GET /api/me/tokens': () => jsonResponse(200, []) });
    renderApp('/dashboards');
    const link = screen.getByTestId('profile-link');
    expect(link).toHaveTextContent('Ann Lee');
    expect(link).toHaveAttribute('href', '/profile');
    await userEvent.setup().click(link);
    expect(screen.getByTestId('page-title')).toHaveTextContent('Your profile');
  });
});
