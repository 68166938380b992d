// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { chooseActionWithKeyboard } from '../../../test/actions';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();
const mnist = { entity: 'demo', project: 'mnist' };

/** Deletes with the keyboard only: the kebab's menu, then Tab from Cancel (where the dialog starts) to the confirm button. */
async function deleteVersionWithKeyboard(user: UserEvent, kebabName: string, options: { alsoAliases?: boolean } = {}) {
  await chooseActionWithKeyboard(user, await screen.findByRole('button', { name: kebabName }), 'Delete');
  const dialog = await screen.findByRole('alertdialog');
  await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus());
  if (options.alsoAliases) {
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    expect(within(dialog).getByRole('checkbox', { name: 'Also delete aliases' })).toHaveFocus();
    await user.keyboard(' {Tab}');
  }
  await user.keyboard('{Tab}');
  expect(within(dialog).getByRole('button', { name: 'Delete' })).toHaveFocus();
  await user.keyboard('{Enter}');
  await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
}

async function deleteCollectionWithKeyboard(user: UserEvent, kebab: HTMLElement, name: string) {
  await chooseActionWithKeyboard(user, kebab, 'Delete');
  const dialog = await screen.findByRole('alertdialog', { name: `Delete collection ${name}?` });
  await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus());
  await user.keyboard('{Shift>}{Tab}{/Shift}');
  await user.keyboard(`${name}{Enter}`);
  await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
}

describe('focus after a delete', () => {
  it('moves to the next row’s version link, and Undo leaves it there', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    const table = await screen.findByRole('table', { name: 'Versions of mnist-train' });
    await deleteVersionWithKeyboard(user, 'Actions for mnist-train:v9');

    expect(within(table).queryByRole('link', { name: 'v9' })).not.toBeInTheDocument();
    const v8 = within(table).getByRole('link', { name: 'v8' });
    await waitFor(() => expect(v8).toHaveFocus());

    // Undo clicked without moving focus (as Safari clicks buttons): the row comes back above v8,
    // and focus stays where the user is.
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(await within(table).findByRole('link', { name: 'v9' })).toBeInTheDocument();
    expect(await screen.findByText('Restored mnist-train:v9')).toBeInTheDocument();
    expect(v8).toHaveFocus();
  });

  it('moves to the previous row’s link when the last row was deleted', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    const table = await screen.findByRole('table', { name: 'Versions of mnist-train' });
    await deleteVersionWithKeyboard(user, 'Actions for mnist-train:v0');

    expect(within(table).queryByRole('link', { name: 'v0' })).not.toBeInTheDocument();
    await waitFor(() => expect(within(table).getByRole('link', { name: 'v1' })).toHaveFocus());
  });

  it('moves to the table itself when it becomes empty', async () => {
    // Leave mnist-test with one committed version, v4 (it carries `latest`).
    for (const v of ['v0', 'v1', 'v2', 'v3']) mock.db.deleteVersion(mnist, 'mnist-test', v, 'true');
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-test');
    const table = await screen.findByRole('table', { name: 'Versions of mnist-test' });
    await deleteVersionWithKeyboard(user, 'Actions for mnist-test:v4', { alsoAliases: true });

    expect(within(table).getByText('No versions')).toBeInTheDocument();
    await waitFor(() => expect(table).toHaveFocus());
  });

  it('gives focus back to the kebab when the dialog is cancelled', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/model/cnn');
    const kebab = await screen.findByRole('button', { name: 'Actions for cnn:v5' });
    await chooseActionWithKeyboard(user, kebab, 'Delete');
    await screen.findByRole('alertdialog');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(kebab).toHaveFocus());
  });

  it('moves to the next collection’s link after a delete from the sidebar', async () => {
    const { user } = renderApp('/demo/mnist/artifacts');
    const nav = within(await screen.findByRole('navigation', { name: 'Collections' }));
    await user.click(await nav.findByRole('button', { name: 'model, 2 collections' }));
    const list = await nav.findByRole('list', { name: 'model collections' });
    await deleteCollectionWithKeyboard(user, within(list).getByRole('button', { name: 'Actions for collection cnn' }), 'cnn');

    await waitFor(() => expect(within(list).queryByRole('link', { name: /^cnn/ })).not.toBeInTheDocument());
    await waitFor(() => expect(within(list).getByRole('link', { name: /^resnet/ })).toHaveFocus());
  });

  it('moves to the sidebar’s heading when the deleted collection was the last of its type', async () => {
    const { user } = renderApp('/demo/llm-finetune/artifacts');
    const nav = within(await screen.findByRole('navigation', { name: 'Collections' }));
    await user.click(await nav.findByRole('button', { name: 'dataset, 1 collection' }));
    const list = await nav.findByRole('list', { name: 'dataset collections' });
    await deleteCollectionWithKeyboard(user, within(list).getByRole('button', { name: 'Actions for collection instruct-mix' }), 'instruct-mix');

    expect(nav.queryByRole('button', { name: /^dataset/ })).not.toBeInTheDocument();
    await waitFor(() => expect(nav.getByRole('link', { name: 'demo / llm-finetune' })).toHaveFocus());
  });

  it('keeps focus in the sidebar when deleting the open collection leaves its page', async () => {
    const { user, router } = renderApp('/demo/llm-finetune/artifacts/model/llama-lora');
    const nav = within(await screen.findByRole('navigation', { name: 'Collections' }));
    const list = await nav.findByRole('list', { name: 'model collections' });
    await deleteCollectionWithKeyboard(user, within(list).getByRole('button', { name: 'Actions for collection llama-lora' }), 'llama-lora');

    // Its page would be empty: the app goes to Pending deletion, and the sidebar closes its type.
    expect(await screen.findByRole('heading', { level: 1, name: 'Pending deletion' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/demo/llm-finetune/artifacts/pending');
    await waitFor(() => expect(nav.getByRole('link', { name: 'demo / llm-finetune' })).toHaveFocus());
  });
});
