// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();

describe('API keys on the account page', () => {
  it('shows a new key once, with a copy button, then only its name, creation and last use', async () => {
    mock.signInAs('member');
    const { user } = renderApp('/account');
    expect(await screen.findByText('No API keys yet')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Key name' }), 'ci');
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    const notice = within(await screen.findByRole('region', { name: 'New API key ci' }));
    const stored = [...mock.db.auth.apiKeys.values()][0]!;
    expect(notice.getByText(stored.key)).toBeInTheDocument();
    expect(notice.getByText(/It is shown only this once/)).toBeInTheDocument();
    await user.click(notice.getByRole('button', { name: 'Copy key' }));
    expect(await navigator.clipboard.readText()).toBe(stored.key);

    const table = within(await screen.findByRole('table'));
    expect(table.getByRole('row', { name: /ci .* Never Revoke/ })).toBeInTheDocument();
    await user.click(notice.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText(stored.key)).not.toBeInTheDocument();

    // Leaving and coming back never shows it again: the server does not keep it.
    await user.click(screen.getByRole('link', { name: 'Attic' }));
    await screen.findByRole('heading', { level: 1, name: 'Projects' });
    await user.click(screen.getByRole('button', { name: 'Account menu for demo-member' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Account and API keys' }));
    await screen.findByRole('table');
    expect(screen.queryByText(stored.key)).not.toBeInTheDocument();
  });

  it('revokes a key after confirmation', async () => {
    mock.signInAs('member');
    const { user } = renderApp('/account');
    await user.type(await screen.findByRole('textbox', { name: 'Key name' }), 'old script');
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    await user.click(await screen.findByRole('button', { name: 'Revoke old script' }));
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Revoke old script?' }));
    expect(dialog.getByText(/Scripts and tools using this key are refused from now on/)).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('Revoked old script')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Revoke old script' })).not.toBeInTheDocument());
    expect(mock.db.auth.apiKeys.size).toBe(0);
  });
});
