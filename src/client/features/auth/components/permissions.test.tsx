// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { forbiddenReason } from '../../../../domain';
import { waitForPageInteractive } from '../../../test/actions';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();

/** Opens the (first) kebab named `label` and returns its menu: a collection's is in the sidebar and again in its page's header. */
async function openMenu(user: ReturnType<typeof renderApp>['user'], label: string) {
  const [kebab] = await screen.findAllByRole('button', { name: label });
  if (!kebab) throw new Error(`No kebab ${label}`);
  await waitForPageInteractive(kebab);
  await user.click(kebab);
  return within(await screen.findByRole('menu'));
}

describe('what each role may do', () => {
  it("shows a viewer every change in a version's menu disabled, with the role it needs", async () => {
    mock.signInAs('viewer');
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    const menu = await openMenu(user, 'Actions for mnist-train:v5');
    for (const [item, permission] of [
      ['Edit aliases…', 'editAliases'],
      ['Set TTL…', 'setVersionTtl'],
      ['Delete', 'deleteVersion'],
    ] as const) {
      const entry = menu.getByRole('menuitem', { name: item });
      expect(entry).toHaveAttribute('aria-disabled', 'true');
      expect(entry).toHaveAccessibleDescription(forbiddenReason(permission));
    }
    // Reading stays open to a viewer.
    expect(menu.getByRole('menuitem', { name: 'Copy name' })).not.toHaveAttribute('aria-disabled');
    await user.click(menu.getByRole('menuitem', { name: 'Delete' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('lets a member delete versions but not collections, and not run garbage collection or change the default TTL', async () => {
    mock.signInAs('member');
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    const versionMenu = await openMenu(user, 'Actions for mnist-train:v5');
    expect(versionMenu.getByRole('menuitem', { name: 'Delete' })).not.toHaveAttribute('aria-disabled');
    await user.keyboard('{Escape}');
    const collectionMenu = await openMenu(user, 'Actions for collection mnist-train');
    const deleteCollection = collectionMenu.getByRole('menuitem', { name: 'Delete' });
    expect(deleteCollection).toHaveAttribute('aria-disabled', 'true');
    expect(deleteCollection).toHaveAccessibleDescription('This needs the admin role on the entity.');
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('link', { name: /^Storage/ }));
    const run = await screen.findByRole('button', { name: 'Run garbage collection' });
    expect(run).toHaveAttribute('aria-disabled', 'true');
    expect(run).toHaveAccessibleDescription('Only site admins may do this.');
    await user.click(run);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();

    // The entity's own pages are an admin's: not linked for a member.
    expect(screen.getByRole('list', { name: 'Project pages' })).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Pages of entity demo' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Audit log/ })).not.toBeInTheDocument();
  });

  it("disables a member's Delete selected and Delete versions without aliases…: deleting many is an admin's job", async () => {
    mock.signInAs('member');
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    const checkbox = await screen.findByRole('checkbox', { name: 'Select mnist-train:v5' });
    await waitForPageInteractive(checkbox);
    await user.click(checkbox);
    const deleteSelected = await screen.findByRole('button', { name: 'Delete selected' });
    expect(deleteSelected).toHaveAttribute('aria-disabled', 'true');
    expect(deleteSelected).toHaveAccessibleDescription(forbiddenReason('bulkJob'));
    await user.click(deleteSelected);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    const collectionMenu = await openMenu(user, 'Actions for collection mnist-train');
    expect(collectionMenu.getByRole('menuitem', { name: 'Delete versions without aliases…' })).toHaveAttribute('aria-disabled', 'true');
  });

  it("disables a member's Change default TTL… with the reason beside it", async () => {
    mock.signInAs('member');
    renderApp('/demo/mnist/artifacts');
    const change = await screen.findByRole('button', { name: 'Change default TTL…' });
    expect(change).toHaveAttribute('aria-disabled', 'true');
    expect(change).toHaveAccessibleDescription(forbiddenReason('projectSettings'));
    expect(screen.getByText(forbiddenReason('projectSettings'))).toBeVisible();
  });

  it("links an entity admin to the entity's members, protected aliases and audit log", async () => {
    mock.signInAs('admin');
    const { user } = renderApp('/demo/mnist/artifacts');
    const pages = within(await screen.findByRole('list', { name: 'Pages of entity demo' }));
    expect(pages.getAllByRole('link').map((link) => link.textContent)).toEqual(['Members of demo', 'Protected aliases of demo', 'Audit log of demo']);
    const collectionMenu = await openMenu(user, 'Actions for collection mnist-train');
    expect(collectionMenu.getByRole('menuitem', { name: 'Delete' })).not.toHaveAttribute('aria-disabled');
  });

  it('hides an entity from a signed-in user without a role on it', async () => {
    mock.signInAs('outsider');
    renderApp('/');
    expect(await screen.findByText(/No projects/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /mnist/ })).not.toBeInTheDocument();
  });

  it('says a project of such an entity does not exist', async () => {
    mock.signInAs('outsider');
    renderApp('/demo/mnist/artifacts');
    expect(await screen.findByRole('heading', { level: 1, name: 'Project not found' })).toBeInTheDocument();
  });
});
