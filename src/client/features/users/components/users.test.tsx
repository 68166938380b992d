// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();

describe('the users page', () => {
  it('lets a site admin list users and create one, and refuses a taken name', async () => {
    const { user } = renderApp('/users');
    const table = within(await screen.findByRole('table', { name: 'Users' }));
    expect(table.getByRole('row', { name: /admin site admin/ })).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'New username' }), 'ana');
    await user.type(screen.getByLabelText('First password'), 'long-enough');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Created ana.');
    expect(await table.findByRole('row', { name: /^ana/ })).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'New username' }), 'ana');
    await user.type(screen.getByLabelText('First password'), 'long-enough');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A user named "ana" already exists.');
  });

  it('is a site admin’s only: an entity admin sees why, and no Users entry in their menu', async () => {
    mock.signInAs('admin');
    const { user } = renderApp('/users');
    expect(await screen.findByText('Only site admins may do this.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Account menu for demo-admin' }));
    expect(await screen.findByRole('menuitem', { name: 'Account and API keys' })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: 'Users' })).not.toBeInTheDocument();
  });
});
