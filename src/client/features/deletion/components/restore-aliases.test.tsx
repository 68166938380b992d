// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { chooseAction, waitForPageInteractive } from '../../../test/actions';
import { renderApp, setupMockServer } from '../../../test/render-app';

// The db's clock is the test's to move, so a TTL can run out mid-test; each test starts it afresh.
const START = Date.now();
let clock = START;
const mock = setupMockServer({ now: () => clock });
beforeEach(() => {
  clock = START;
});
const mnist = { entity: 'demo', project: 'mnist' };
const DAY = 86_400_000;

/** The row of the pending table whose name link is `name`. */
async function pendingRow(name: string) {
  const table = await screen.findByRole('table', { name: 'Versions pending deletion' });
  return within(table).getByRole('link', { name }).closest('tr')!;
}

describe('Restoring a version brings its aliases back', () => {
  it('the Undo of a delete says prod is back, and it is', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train/v8');
    await chooseAction(user, 'Actions for mnist-train:v8', 'Delete');
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete mnist-train:v8?' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'Also delete aliases' }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await screen.findByText('Deleted mnist-train:v8');
    const undo = screen.getByRole('button', { name: 'Undo' });
    await waitForPageInteractive(undo);
    await user.click(undo);
    expect(await screen.findByText('Restored mnist-train:v8')).toBeInTheDocument();
    expect(screen.getByText('Its alias is back: prod.')).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v8').aliases).toEqual(['prod']);
  });

  it('shows the aliases each pending version had, names the ones taken meanwhile and moves one back in one click', async () => {
    mock.db.deleteVersion(mnist, 'mnist-train', 'v6', 'true');
    mock.db.setVersionAliases(mnist, 'mnist-train', 'v7', { aliases: ['best'] });
    const { user } = renderApp('/demo/mnist/artifacts/pending');

    const row = await pendingRow('mnist-train:v6');
    const table = screen.getByRole('table', { name: 'Versions pending deletion' });
    expect(within(table).getByRole('columnheader', { name: 'Aliases it had' })).toBeInTheDocument();
    expect(within(row).getAllByRole('cell')[2]).toHaveTextContent('best');
    // No accounts yet: the server says `local`, the person reads "you".
    expect(within(row).getAllByRole('cell')[3]).toHaveTextContent(/^you$/);

    await user.click(within(row).getByRole('button', { name: 'Restore mnist-train:v6' }));
    expect(await screen.findByText('Restored mnist-train:v6')).toBeInTheDocument();
    expect(screen.getByText('best stayed on mnist-train:v7, which got it after the delete.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Move best back' }));
    expect(await screen.findByText('Moved best to mnist-train:v6')).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v6').aliases).toEqual(['best']);
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v7').aliases).toEqual([]);
  });

  it('says a version the TTL scan deleted had its TTL turned off, and offers Set TTL…', async () => {
    mock.db.setVersionTtl(mnist, 'mnist-train', 'v4', { mode: 'custom', days: 1 });
    clock += 30 * DAY;
    expect(mock.db.expireVersions()).toBeGreaterThan(0);
    const { user } = renderApp('/demo/mnist/artifacts/pending');

    const row = await pendingRow('mnist-train:v4');
    expect(within(row).getAllByRole('cell')[3]).toHaveTextContent('TTL expiry');
    await user.click(within(row).getByRole('button', { name: 'Restore mnist-train:v4' }));
    expect(await screen.findByText('Restored mnist-train:v4')).toBeInTheDocument();
    expect(screen.getByText('Its TTL had run out, so it is now turned off: the TTL scan will not delete it again.')).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v4').ttl.mode).toBe('disabled');

    await user.click(screen.getByRole('button', { name: 'Set TTL…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'TTL of mnist-train:v4' });
    expect(within(dialog).getByRole('radio', { name: 'Never expire' })).toBeChecked();
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Save' })).toBeEnabled());
  });
});
