import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, jsonResponse, mockApi, renderApp, signedIn } from './test/render';
import type { Role } from './session';

const status = {
  masterKeyId: 'mk-20261123-ab12cd',
  masterKeySource: 'file',
  canRotateMasterKey: true,
  dataKeyId: '6f1c2d3e-0000-4000-8000-000000000001',
  dataKeyCreatedAt: '2026-11-01T09:30:00Z',
  secrets: 3,
  secretsUnderOtherKeys: 0,
};

function asRole(role: Role) {
  signedIn({ role });
}

describe('encryption keys panel', () => {
  it.each(['ADMIN', 'MEMBER', 'VIEWER'] as const)('is not shown to an %s, and not asked for', (role) => {
    asRole(role);
    const api = mockApi({ 'GET /api/vault': () => jsonResponse(200, status) });
    renderApp('/admin');
    expect(screen.getByTestId('admin-members')).toBeInTheDocument();
    expect(screen.queryByTestId('admin-vault')).not.toBeInTheDocument();
    expect(api.callsTo('GET /api/vault')).toHaveLength(0);
  });

  it('shows an Owner the counts and key ids', async () => {
    asRole('OWNER');
    const api = mockApi({ 'GET /api/vault': () => jsonResponse(200, status) });
    renderApp('/admin');
    const panel = screen.getByTestId('admin-vault');
    expect(within(panel).getByRole('heading', { name: 'Encryption keys' })).toBeInTheDocument();
    expect(panel).toHaveTextContent(
      'Stored secrets (data source passwords, SSH keys, webhook URLs) are encrypted with AES-256-GCM under this organization’s data key, which is itself encrypted with the server’s master key.',
    );
    expect(await within(panel).findByTestId('vault-secrets')).toHaveTextContent('3');
    expect(within(panel).getByTestId('vault-data-key')).toHaveTextContent(status.dataKeyId);
    expect(within(panel).getByTestId('vault-master-key')).toHaveTextContent('mk-20261123-ab12cd');
    expect(panel).toHaveTextContent('2026');
    expect(within(panel).queryByTestId('vault-other-keys')).not.toBeInTheDocument();
    expect(within(panel).getByTestId('rotate-data-key')).toHaveTextContent('Rotate data key');
    expect(within(panel).getByTestId('rotate-master-key')).toHaveTextContent('Rotate master key');
    expect(api.callsTo('GET /api/vault')[0].auth).toBe('Bearer tok-abc');
  });

  it('says when secrets are still under an older key', async () => {
    asRole('OWNER');
    mockApi({ 'GET /api/vault': () => jsonResponse(200, { ...status, secretsUnderOtherKeys: 2 }) });
    renderApp('/admin');
    expect(await screen.findByTestId('vault-other-keys')).toHaveTextContent('2 secrets: a rotation was interrupted.');
  });

  it('hides Rotate master key when the organization may not rotate it', async () => {
    asRole('OWNER');
    mockApi({ 'GET /api/vault': () => jsonResponse(200, { ...status, canRotateMasterKey: false }) });
    renderApp('/admin');
    expect(await screen.findByTestId('rotate-data-key')).toBeInTheDocument();
    expect(screen.queryByTestId('rotate-master-key')).not.toBeInTheDocument();
  });

  it('rotates the data key only after the confirm step, shows the result and refreshes the status', async () => {
    asRole('OWNER');
    const api = mockApi({
      'GET /api/vault': [
        () => jsonResponse(200, status),
        () => jsonResponse(200, { ...status, dataKeyId: 'new-data-key', dataKeyCreatedAt: '2026-11-23T08:00:00Z' }),
      ],
      'POST /api/vault/rotate-data-key': () =>
        jsonResponse(200, { kind: 'data', keyId: 'new-data-key', resumed: false, dataKeysRewrapped: 0, secretsReencrypted: 3, keysRemoved: 1 }),
    });
    renderApp('/admin');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('rotate-data-key'));
    expect(api.callsTo('POST /api/vault/rotate-data-key')).toHaveLength(0);
    expect(screen.getByRole('group', { name: 'Re-encrypt all 3 stored secrets under a new data key?' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();

    await user.click(screen.getByTestId('rotate-data-key-confirm'));
    const result = screen.getByTestId('vault-result');
    expect(result).toHaveAttribute('role', 'status');
    await waitFor(() => expect(result).toHaveTextContent('New data key in use: 3 secrets re-encrypted, 1 old key removed.'));
    expect(api.callsTo('POST /api/vault/rotate-data-key')).toHaveLength(1);
    expect(api.callsTo('POST /api/vault/rotate-data-key')[0].auth).toBe('Bearer tok-abc');
    await waitFor(() => expect(screen.getByTestId('vault-data-key')).toHaveTextContent('new-data-key'));
    expect(api.callsTo('GET /api/vault')).toHaveLength(2);
  });

  it('rotates the master key after the confirm step', async () => {
    asRole('OWNER');
    const api = mockApi({
      'GET /api/vault': [() => jsonResponse(200, status), () => jsonResponse(200, { ...status, masterKeyId: 'mk-20261123-ff00ee' })],
      'POST /api/vault/rotate-master-key': () =>
        jsonResponse(200, { kind: 'master', keyId: 'mk-20261123-ff00ee', resumed: false, dataKeysRewrapped: 2, secretsReencrypted: 0, keysRemoved: 1 }),
    });
    renderApp('/admin');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('rotate-master-key'));
    expect(api.callsTo('POST /api/vault/rotate-master-key')).toHaveLength(0);
    await user.click(screen.getByTestId('rotate-master-key-confirm'));
    await waitFor(() =>
      expect(screen.getByTestId('vault-result')).toHaveTextContent('New master key mk-20261123-ff00ee: 2 data keys re-wrapped.'),
    );
    await waitFor(() => expect(screen.getByTestId('vault-master-key')).toHaveTextContent('mk-20261123-ff00ee'));
  });

  it('shows a 409 next to Rotate master key and leaves the status as it was', async () => {
    asRole('OWNER');
    const message = 'The master key comes from SIGHTLINE_MASTER_KEY: set a new one there and restart to rotate it.';
    const api = mockApi({
      'GET /api/vault': () => jsonResponse(200, { ...status, masterKeySource: 'environment' }),
      'POST /api/vault/rotate-master-key': () => apiError(409, 'master_key_from_environment', message),
    });
    renderApp('/admin');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('rotate-master-key'));
    await user.click(screen.getByTestId('rotate-master-key-confirm'));
    const error = await screen.findByTestId('rotate-master-key-error');
    expect(error).toHaveTextContent(message);
    expect(error).toHaveAttribute('role', 'alert');
    // The confirm step ends so the message can be read next to the button.
    expect(screen.getByTestId('rotate-master-key')).toBeInTheDocument();
    expect(screen.getByTestId('vault-result')).toBeEmptyDOMElement();
    expect(api.callsTo('GET /api/vault')).toHaveLength(1);
  });

  it('shows a failed status load in the panel', async () => {
    asRole('OWNER');
    mockApi({ 'GET /api/vault': () => apiError(403, 'forbidden', 'Only Owners can see the encryption keys.') });
    renderApp('/admin');
    const panel = screen.getByTestId('admin-vault');
    expect(await within(panel).findByTestId('form-error')).toHaveTextContent('Only Owners can see the encryption keys.');
    expect(within(panel).queryByTestId('rotate-data-key')).not.toBeInTheDocument();
  });
});
