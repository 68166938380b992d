// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chooseAction, waitForPageInteractive } from '../../../test/actions';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();
const mnist = { entity: 'demo', project: 'mnist' };

/** The version table's links, hidden ones included (an open dialog hides the page from assistive technology). */
function versionLink(name: string) {
  return screen.queryByRole('link', { name, hidden: true });
}

async function openDeleteDialog(user: Parameters<typeof chooseAction>[0], name: string) {
  await chooseAction(user, `Actions for ${name}`, 'Delete');
  return screen.findByRole('alertdialog', { name: `Delete ${name}?` });
}

describe('DeleteVersionDialog', () => {
  it('explains the soft delete and what it frees, deletes on confirm, and the row leaves the list', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    const dialog = await openDeleteDialog(user, 'mnist-train:v9');

    // The description is the first thing a screen reader reads: soft delete, files kept, restorable.
    expect(dialog).toHaveAccessibleDescription(/^The version is soft-deleted: its files stay in storage until garbage collection purges it/);
    expect(dialog).toHaveAccessibleDescription(/after a grace period of 1 day; next run in (\d+ minutes|1 hour)\)\. You can restore it until then\.$/);
    // Only its labels (12,000 bytes) are v9's own: its two shards are shared with v8 and v10.
    expect(await within(dialog).findByText(/^Frees 12 KB once collected/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('checkbox')).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deleted mnist-train:v9')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(versionLink('v9')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'v10' })).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v9').state).toBe('PENDING_DELETION');
    // The collection's counts follow.
    expect(await screen.findByText(/^11 versions · .+ stored \(shared files once\) · 1 pending deletion$/)).toBeInTheDocument();
  });

  it('lists the aliases and keeps Delete refused, saying why, until "Also delete aliases" is ticked', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    const dialog = await openDeleteDialog(user, 'mnist-train:v8');
    const chips = within(dialog).getByRole('list', { name: 'Aliases' });
    expect(
      within(chips)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['prod']);

    const remove = within(dialog).getByRole('button', { name: 'Delete' });
    // Refused with its reason in sight and as its description, and still reachable by Tab.
    const reason = 'Tick "Also delete aliases" to delete this version with its alias.';
    expect(remove).toHaveAttribute('aria-disabled', 'true');
    expect(remove).toHaveAccessibleDescription(reason);
    expect(within(dialog).getByText(reason)).toBeVisible();
    expect(remove).not.toHaveAttribute('disabled');
    await user.click(remove);
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v8').state).toBe('COMMITTED');

    await user.click(within(dialog).getByRole('checkbox', { name: 'Also delete aliases' }));
    expect(remove).not.toHaveAttribute('aria-disabled');
    expect(remove).toBeEnabled();
    expect(within(dialog).queryByText(reason)).not.toBeInTheDocument();
    await user.click(remove);

    expect(await screen.findByText('Deleted mnist-train:v8')).toBeInTheDocument();
    const deleted = mock.db.getVersion(mnist, 'mnist-train', 'v8');
    expect(deleted.state).toBe('PENDING_DELETION');
    expect(deleted.aliases).toEqual([]);
    expect(() => mock.db.getVersion(mnist, 'mnist-train', 'prod')).toThrow();
  });

  it('says where "latest" moves, and Cancel deletes nothing', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    const dialog = await openDeleteDialog(user, 'mnist-train:v11');
    expect(await within(dialog).findByText('"latest" will move to v10.')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'v11' })).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v11')).toMatchObject({ state: 'COMMITTED', aliases: ['latest'] });
    // The page is usable again (no pointer-events: none left behind by the menu), focus back on the kebab.
    expect(document.body.style.pointerEvents).not.toBe('none');
    expect(screen.getByRole('button', { name: 'Actions for mnist-train:v11' })).toHaveFocus();
  });

  it('can be done with the keyboard alone', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    const kebab = await screen.findByRole('button', { name: 'Actions for mnist-train:v6' });
    kebab.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('menuitem', { name: 'Copy name' })).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Delete' })).toHaveFocus();
    await user.keyboard('{Enter}');

    const dialog = await screen.findByRole('alertdialog', { name: 'Delete mnist-train:v6?' });
    // Focus starts on Cancel, the safe choice; Delete comes next, refused, and says why.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Delete' })).toHaveFocus();
    expect(within(dialog).getByRole('button', { name: 'Delete' })).toHaveAccessibleDescription(/^Tick "Also delete aliases"/);
    await user.tab();
    const checkbox = within(dialog).getByRole('checkbox', { name: 'Also delete aliases' });
    expect(checkbox).toHaveFocus();
    await user.keyboard(' ');
    expect(checkbox).toBeChecked();
    await user.tab();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Delete' })).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(await screen.findByText('Deleted mnist-train:v6')).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v6').state).toBe('PENDING_DELETION');
  });

  it("shows a server error in the dialog, in the server's words, and keeps the version", async () => {
    // `delete-500` is the mock backend's sentinel: any delete in it answers 500.
    const files = mock.db.listFiles(mnist, 'mnist-test', 'v0').items;
    mock.db.logVersion(mnist, { type: 'dataset', name: 'delete-500', files });
    const { user } = renderApp('/demo/mnist/artifacts/dataset/delete-500');
    const dialog = await openDeleteDialog(user, 'delete-500:v0');
    // Its only version carries `latest`, which has nowhere to move.
    expect(await within(dialog).findByText('"latest" will be removed: no other committed version is left.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Also delete aliases' }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The server failed to answer this request; try again, and report it if it keeps happening.',
    );
    expect(within(dialog).getByRole('button', { name: 'Delete' })).toBeEnabled();
    expect(versionLink('v0')).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'delete-500', 'v0').state).toBe('COMMITTED');

    // Closed and opened again, the dialog starts over without the old error.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    const again = await openDeleteDialog(user, 'delete-500:v0');
    expect(within(again).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(again).getByRole('checkbox', { name: 'Also delete aliases' })).not.toBeChecked();
  });

  it('deletes from the version page too, which then shows the version as pending deletion with Restore', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/model/cnn/v3');
    await screen.findByRole('heading', { level: 1, name: 'cnn:v3' });
    const dialog = await openDeleteDialog(user, 'cnn:v3');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    expect(await screen.findByText('Deleted cnn:v3')).toBeInTheDocument();
    const header = screen.getByRole('heading', { level: 1, name: 'cnn:v3' }).closest('header')!;
    expect(await within(header).findByText('Pending deletion')).toBeInTheDocument();
    const kebab = within(header).getByRole('button', { name: 'Actions for cnn:v3' });
    await waitForPageInteractive(kebab);
    await user.click(kebab);
    const menu = await screen.findByRole('menu');
    // Its page is the one open, so no Open.
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Copy name', 'Copy id', 'Restore']);
  });

  it('stays on the deleted version when its page was opened by an alias the delete removes', async () => {
    const { user, router } = renderApp('/demo/mnist/artifacts/model/cnn/latest');
    await screen.findByRole('heading', { level: 1, name: 'cnn:v8' });
    const dialog = await openDeleteDialog(user, 'cnn:v8');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Also delete aliases' }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    expect(await screen.findByText('Deleted cnn:v8')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/demo/mnist/artifacts/model/cnn/v8');
    const header = (await screen.findByRole('heading', { level: 1, name: 'cnn:v8' })).closest('header')!;
    expect(await within(header).findByText('Pending deletion')).toBeInTheDocument();
  });
});
