// @vitest-environment jsdom
// `Restore selected` says what a restore could not undo, as a single restore's toast does (issue 9):
// an alias another version took meanwhile, with a way to move it back, and a TTL it turned off.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();
const mnist = { entity: 'demo', project: 'mnist' };

describe('Restore selected', () => {
  it('names an alias another version holds now, and moves it back in one click', async () => {
    mock.db.deleteVersion(mnist, 'mnist-train', 'v8', 'true');
    mock.db.setVersionAliases(mnist, 'mnist-train', 'v7', { aliases: ['prod'] });
    const { user } = renderApp('/demo/mnist/artifacts/pending');
    await user.click(await screen.findByRole('checkbox', { name: 'Select mnist-train:v8' }));
    await user.click(screen.getByRole('button', { name: 'Restore selected' }));

    const note = await screen.findByRole('status', { name: 'Aliases not restored' });
    expect(note).toHaveTextContent('prod stayed on the version that got it after the delete (mnist-train:v8 came back without it).');
    await user.click(within(note).getByRole('button', { name: 'Move prod back to mnist-train:v8' }));
    expect(await screen.findByText('Moved prod to mnist-train:v8')).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v8').aliases).toContain('prod');
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v7').aliases).not.toContain('prod');
  });

  it('says nothing more when every alias came back', async () => {
    mock.db.deleteVersion(mnist, 'mnist-train', 'v8', 'true');
    const { user } = renderApp('/demo/mnist/artifacts/pending');
    await user.click(await screen.findByRole('checkbox', { name: 'Select mnist-train:v8' }));
    await user.click(screen.getByRole('button', { name: 'Restore selected' }));
    expect(await screen.findByText('Restored 1 version')).toBeInTheDocument();
    expect(screen.queryByRole('status', { name: 'Aliases not restored' })).not.toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v8').aliases).toContain('prod');
  });
});
