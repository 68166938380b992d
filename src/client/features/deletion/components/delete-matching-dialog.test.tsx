// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chooseAction, waitForPageInteractive } from '../../../test/actions';
import { renderApp, setupMockServer } from '../../../test/render-app';

// Jobs run one batch of two versions per poll, so the dialog is seen queued, running and finished.
const mock = setupMockServer({ jobBatchSize: 2 });
const mnist = { entity: 'demo', project: 'mnist' };
const llm = { entity: 'demo', project: 'llm-finetune' };

const progress = (dialog: HTMLElement, name = 'Deletion progress') => within(dialog).getByRole('progressbar', { name });

async function selectRange(user: ReturnType<typeof renderApp>['user'], first: string, last: string) {
  await user.click(await screen.findByRole('checkbox', { name: `Select mnist-train:${first}` }));
  await user.keyboard('{Shift>}');
  await user.click(await screen.findByRole('checkbox', { name: `Select mnist-train:${last}` }));
  await user.keyboard('{/Shift}');
}

describe('deleting many versions in one dialog', () => {
  it('shows the dry run, then the progress bar while the job runs, then the outcome, and one Undo restores them all', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    await selectRange(user, 'v5', 'v1');
    await user.click(await screen.findByRole('button', { name: 'Delete selected' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete 5 selected versions of mnist-train?' });

    // Step 1: the dry run.
    expect(await within(dialog).findByText('Deletes 5 versions, none of them with aliases.')).toBeInTheDocument();
    expect(within(dialog).getByText(/^Frees .+ once collected/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('checkbox', { name: 'Also delete their aliases' })).not.toBeInTheDocument();
    expect(mock.db.getCollection(mnist, 'mnist-train').pendingDeletionCount).toBe(0);
    await user.click(within(dialog).getByRole('button', { name: 'Delete 5 versions' }));

    // Step 2: the bar moves as the job's batches are done; the dialog cannot be closed meanwhile.
    const bar = await within(dialog).findByRole('progressbar', { name: 'Deletion progress' });
    expect(bar).toHaveAttribute('aria-valuemax', '5');
    await waitFor(() => expect(Number(progress(dialog).getAttribute('aria-valuenow'))).toBeGreaterThan(0));
    expect(within(dialog).queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();

    // Step 3: the outcome, the bar full.
    expect(await within(dialog).findByRole('status')).toHaveTextContent('Deleted 5 of 5 versions.');
    expect(progress(dialog)).toHaveAttribute('aria-valuenow', '5');
    for (const v of ['v1', 'v3', 'v5']) expect(mock.db.getVersion(mnist, 'mnist-train', v).state).toBe('PENDING_DELETION');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'v3' })).not.toBeInTheDocument());

    await user.click(within(dialog).getByRole('button', { name: 'Undo' }));
    expect(await within(dialog).findByRole('progressbar', { name: 'Restore progress' })).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Restored 5 of 5 versions.'));
    expect(within(dialog).queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
    for (const v of ['v1', 'v3', 'v5']) expect(mock.db.getVersion(mnist, 'mnist-train', v).state).toBe('COMMITTED');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitForPageInteractive();
    expect(await screen.findByRole('link', { name: 'v3' })).toBeInTheDocument();
    // The job spent the selection.
    expect(screen.getByRole('checkbox', { name: 'Select mnist-train:v3' })).not.toBeChecked();
  });

  it('lists each version it refused for its aliases, and deletes them too when asked to take their aliases', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    await selectRange(user, 'v9', 'v6');
    await user.click(await screen.findByRole('button', { name: 'Delete selected' }));
    let dialog = await screen.findByRole('alertdialog', { name: 'Delete 4 selected versions of mnist-train?' });
    expect(await within(dialog).findByText('Deletes 4 versions; 2 of them hold aliases:')).toBeInTheDocument();
    expect(
      within(within(dialog).getByRole('list', { name: 'Aliases' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['best', 'prod']);
    expect(within(dialog).getByText('Without this, each version that holds an alias is refused and stays as it is.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete 4 versions' }));

    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Deleted 2 of 4 versions.'));
    const refused = within(within(dialog).getByRole('list', { name: 'Refused versions' })).getAllByRole('listitem');
    expect(refused.map((li) => li.textContent)).toEqual(['mnist-train:v6 has aliases (left as it was)', 'mnist-train:v8 has aliases (left as it was)']);
    expect(mock.db.getVersion(mnist, 'mnist-train', 'prod').version).toBe('v8');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitForPageInteractive();

    // Again, with their aliases: the two left are deleted, prod and best with them.
    await selectRange(user, 'v8', 'v6');
    await user.click(await screen.findByRole('button', { name: 'Delete selected' }));
    dialog = await screen.findByRole('alertdialog', { name: 'Delete 2 selected versions of mnist-train?' });
    const before = await within(dialog).findByText(/^Frees /);
    const freedWithout = before.textContent;
    await user.click(within(dialog).getByRole('checkbox', { name: 'Also delete their aliases' }));
    await waitFor(() => expect(within(dialog).getByText(/^Frees /).textContent).not.toBe(freedWithout));
    await user.click(within(dialog).getByRole('button', { name: 'Delete 2 versions' }));
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Deleted 2 of 2 versions.'));
    expect(within(dialog).queryByRole('list', { name: 'Refused versions' })).not.toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v8')).toMatchObject({ state: 'PENDING_DELETION', deletedAliases: ['prod'] });
  });

  it("a collection's kebab deletes its versions without aliases in the same dialog, and Stop ends the job where it is", async () => {
    const { user } = renderApp('/demo/llm-finetune/artifacts/eval/eval-logs');
    await chooseAction(user, 'Actions for collection eval-logs', 'Delete versions without aliases…');
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete the versions of eval-logs without aliases?' });
    expect(await within(dialog).findByText('Deletes 1,997 versions, none of them with aliases.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete 1,997 versions' }));

    // Two versions a poll: the job is far from done when Stop is pressed.
    await waitFor(() => expect(Number(progress(dialog).getAttribute('aria-valuenow'))).toBeGreaterThan(0));
    await user.click(within(dialog).getByRole('button', { name: 'Stop' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('status')).toHaveTextContent(/^Stopped\. Deleted \d+ of 1,997 versions; the others were left as they were\.$/),
    );
    const deleted = mock.db.getCollection(llm, 'eval-logs').pendingDeletionCount;
    expect(deleted).toBeGreaterThan(0);
    expect(deleted).toBeLessThan(1997);
    expect(within(dialog).getByRole('status')).toHaveTextContent(`Deleted ${deleted} of 1,997`);

    await user.click(within(dialog).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent(`Restored ${deleted} of ${deleted}`));
    expect(mock.db.getCollection(llm, 'eval-logs').pendingDeletionCount).toBe(0);
  });

  it('says when nothing matches, and offers only Close', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    await chooseAction(user, 'Actions for collection mnist-train', 'Delete versions without aliases…');
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete the versions of mnist-train without aliases?' });
    expect(await within(dialog).findByText('Deletes 8 versions, none of them with aliases.')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitForPageInteractive();

    const collection = mock.db.getCollection(mnist, 'mnist-test');
    for (let i = 0; i < collection.versionCount; i++) {
      const v = mock.db.getVersion(mnist, 'mnist-test', `v${i}`);
      if (v.aliases.length === 0) mock.db.deleteVersion(mnist, 'mnist-test', `v${i}`);
    }
    await chooseAction(user, 'Actions for collection mnist-test', 'Delete versions without aliases…');
    const empty = await screen.findByRole('alertdialog', { name: 'Delete the versions of mnist-test without aliases?' });
    expect(await within(empty).findByText('No live version matches: there is nothing to delete.')).toBeInTheDocument();
    expect(
      within(empty)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Close']);
  });
});
