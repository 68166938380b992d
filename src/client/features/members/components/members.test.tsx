// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addUser } from '../../../../mocks/auth/accounts';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer({}, (db) => addUser(db.auth, 'ana', 'long-enough', db.now()));

describe('the members page', () => {
  it('lets an admin change a role, add a user, and remove one after confirming', async () => {
    mock.signInAs('admin');
    const { user } = renderApp('/entities/demo/members');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Role of demo-viewer' }), 'member');
    expect(await screen.findByText('demo-viewer is now a member of demo')).toBeInTheDocument();
    expect(mock.db.auth.members.get('demo')?.get('demo-viewer')).toBe('member');

    await user.type(screen.getByRole('textbox', { name: 'Username' }), 'ghost');
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No user is named "ghost".');
    await user.clear(screen.getByRole('textbox', { name: 'Username' }));
    await user.type(screen.getByRole('textbox', { name: 'Username' }), 'ana');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Role' }), 'viewer');
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    expect(await screen.findByRole('combobox', { name: 'Role of ana' })).toHaveValue('viewer');

    await user.click(screen.getByRole('button', { name: 'Remove ana' }));
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Remove ana from demo?' }));
    await user.click(dialog.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('combobox', { name: 'Role of ana' })).not.toBeInTheDocument());
    expect(mock.db.auth.members.get('demo')?.has('ana')).toBe(false);
  });

  it('lets an admin protect an alias, and shows a member the list without a way to change it', async () => {
    mock.signInAs('admin');
    const { user, unmount } = renderApp('/entities/demo/protected-aliases');
    await user.type(await screen.findByRole('textbox', { name: 'Alias to protect' }), 'prod');
    await user.click(screen.getByRole('button', { name: 'Protect' }));
    expect(await screen.findByRole('button', { name: 'Unprotect prod' })).toBeInTheDocument();
    expect(mock.db.auth.protectedAliases.get('demo')).toEqual(['prod', 'production']);
    unmount();

    mock.signInAs('member');
    renderApp('/entities/demo/protected-aliases');
    const unprotect = await screen.findByRole('button', { name: 'Unprotect production' });
    expect(unprotect).toHaveAttribute('aria-disabled', 'true');
    expect(unprotect).toHaveAccessibleDescription('This needs the admin role on the entity.');
    expect(screen.queryByRole('link', { name: 'Members' })).not.toBeInTheDocument();
  });
});
