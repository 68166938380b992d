// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MAX_FAILED_LOGINS } from '../../../../mocks/auth/accounts';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();

async function signIn(user: ReturnType<typeof renderApp>['user'], username: string, password: string) {
  await user.type(await screen.findByRole('textbox', { name: 'Username' }), username);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('signing in', () => {
  it('sends a page opened without a session to sign-in, lists the demo accounts, and comes back after sign-in', async () => {
    mock.signInAs(null);
    const { user, router } = renderApp('/demo/mnist/storage');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Attic' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/demo/mnist/storage')}`);
    const demo = within(await screen.findByRole('table'));
    expect(demo.getByRole('row', { name: /demo-member member attic-demo/ })).toBeInTheDocument();

    await signIn(user, 'demo-member', 'wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent('The username or password is wrong.');
    expect(router.state.location.pathname).toBe('/login');

    // "Use" fills the form with a demo account.
    await user.click(screen.getByRole('button', { name: 'Use demo-member' }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Storage' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/demo/mnist/storage');
    expect(screen.getByRole('button', { name: 'Account menu for demo-member' })).toBeInTheDocument();
  });

  it('says plainly when sign-in is paused after repeated failures', async () => {
    mock.signInAs(null);
    mock.db.auth.failedLogins.set('demo-admin', MAX_FAILED_LOGINS);
    const { user } = renderApp('/login');
    await signIn(user, 'demo-admin', 'attic-demo');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many failed sign-ins. Sign-in is paused for this account for a few minutes; wait, then try again.',
    );
  });

  it('goes to sign-in as soon as any request answers 401, and back to that page afterwards', async () => {
    const { user, router } = renderApp('/demo/mnist/artifacts');
    await screen.findByRole('heading', { level: 1, name: 'demo / mnist' });
    // Every collection of the sidebar has loaded: nothing of this page is still asking.
    await screen.findAllByRole('link', { name: /^resnet/ });
    // The session ends on the server (expired, or revoked by a password change elsewhere).
    mock.signInAs(null);
    await user.click(screen.getByRole('link', { name: 'Storage' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Attic' })).toBeInTheDocument();
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/demo/mnist/storage')}`);
    await signIn(user, 'admin', 'attic-admin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Storage' })).toBeInTheDocument();
  });

  it('signs out from the user menu, and the sign-in page lets another user in', async () => {
    mock.signInAs('viewer');
    const { user, router } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Account menu for demo-viewer' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Attic' })).toBeInTheDocument();
    expect(mock.db.auth.session).toBeNull();
    expect(screen.queryByRole('button', { name: /Account menu/ })).not.toBeInTheDocument();
    await signIn(user, 'demo-admin', 'attic-demo');
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(await screen.findByRole('button', { name: 'Account menu for demo-admin' })).toBeInTheDocument();
  });

  it('changes the password on the account page, refusing a wrong current one', async () => {
    mock.signInAs('member');
    const { user } = renderApp('/account');
    await user.type(await screen.findByLabelText('Current password'), 'wrong');
    await user.type(screen.getByLabelText('New password'), 'a-new-password');
    await user.type(screen.getByLabelText('New password again'), 'a-new-password');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The current password is wrong.');
    await user.clear(screen.getByLabelText('Current password'));
    await user.type(screen.getByLabelText('Current password'), 'attic-demo');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Password changed. Your other sessions were signed out.');
    expect(mock.db.auth.users.get('demo-member')?.password).toBe('a-new-password');
  });
});
