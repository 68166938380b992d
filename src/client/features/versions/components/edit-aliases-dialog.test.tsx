// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { chooseAction, chooseActionWithKeyboard } from '../../../test/actions';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();
const mnist = { entity: 'demo', project: 'mnist' };

/** Opens `Edit aliases…` from the version page's kebab. */
async function openDialog(version: string) {
  const view = renderApp(`/demo/mnist/artifacts/dataset/mnist-train/${version}`);
  await screen.findByRole('heading', { level: 1, name: `mnist-train:${version}` });
  await chooseAction(view.user, `Actions for mnist-train:${version}`, 'Edit aliases…');
  const dialog = await screen.findByRole('alertdialog', { name: `Aliases of mnist-train:${version}` });
  return { ...view, dialog: within(dialog) };
}

describe('Edit aliases…', () => {
  it('moves an alias here from the version that holds it, after saying which one that is', async () => {
    const { user, dialog } = await openDialog('v9');
    await user.type(dialog.getByRole('textbox', { name: 'New alias' }), 'best');
    await user.click(dialog.getByRole('button', { name: 'Add' }));
    expect(await dialog.findByText('best moves here from mnist-train:v6.')).toBeInTheDocument();
    // Nothing is sent before Save.
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v6').aliases).toEqual(['best']);

    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Aliases of mnist-train:v9 saved')).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v9').aliases).toEqual(['best']);
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v6').aliases).toEqual([]);
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Aliases' })).getByText('best')).toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Actions for mnist-train:v9' })).toHaveFocus();
  });

  it('removes an alias, and shows latest as managed by Attic, never editable', async () => {
    mock.db.setVersionAliases(mnist, 'mnist-train', 'v11', { aliases: ['latest', 'candidate'] });
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train/v11');
    await screen.findByRole('heading', { level: 1, name: 'mnist-train:v11' });
    await chooseActionWithKeyboard(user, screen.getByRole('button', { name: 'Actions for mnist-train:v11' }), 'Edit aliases…');
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Aliases of mnist-train:v11' }));
    expect(dialog.getByText('latest')).toBeInTheDocument();
    expect(dialog.getByText('managed by Attic')).toBeInTheDocument();
    expect(dialog.queryByRole('button', { name: 'Remove latest' })).not.toBeInTheDocument();

    await user.type(dialog.getByRole('textbox', { name: 'New alias' }), 'latest');
    await user.click(dialog.getByRole('button', { name: 'Add' }));
    expect(dialog.getByText('latest is managed by Attic: it always names the newest committed version.')).toBeInTheDocument();

    await user.click(dialog.getByRole('button', { name: 'Remove candidate' }));
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Aliases of mnist-train:v11 saved')).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v11').aliases).toEqual(['latest']);
  });

  it('checks names as the server does before sending anything', async () => {
    const { user, dialog } = await openDialog('v3');
    await user.type(dialog.getByRole('textbox', { name: 'New alias' }), 'v7');
    await user.click(dialog.getByRole('button', { name: 'Add' }));
    expect(dialog.getByRole('textbox', { name: 'New alias' })).toHaveAccessibleDescription(
      '"v7" is not a valid alias: aliases use letters, digits, ".", "_" or "-" and may not look like a version label such as v3.',
    );
    expect(dialog.queryByRole('button', { name: 'Remove v7' })).not.toBeInTheDocument();
  });

  it("shows the server's refusal in the dialog, which stays open", async () => {
    mock.server.use(
      http.put('*/api/v1/projects/demo/mnist/collections/mnist-train/versions/v2/aliases', () =>
        HttpResponse.json(
          {
            error: {
              code: 'NOT_COMMITTED',
              message: 'mnist-train:v2 is PENDING_DELETION; only COMMITTED versions hold aliases. Restore it first.',
              details: {},
            },
          },
          { status: 409 },
        ),
      ),
    );
    const { user, dialog } = await openDialog('v2');
    await user.type(dialog.getByRole('textbox', { name: 'New alias' }), 'golden{Enter}');
    expect(dialog.getByRole('button', { name: 'Remove golden' })).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent('mnist-train:v2 is PENDING_DELETION; only COMMITTED versions hold aliases. Restore it first.');
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
  });
});
