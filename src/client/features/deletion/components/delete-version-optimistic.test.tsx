// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { chooseAction, deferred, waitForPageInteractive } from '../../../test/actions';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();
const mnist = { entity: 'demo', project: 'mnist' };
const VERSION_URL = '*/api/v1/projects/demo/mnist/collections/mnist-test/versions/v0';

/** A link of the version table, hidden ones included (an open dialog hides the page from assistive technology). */
function versionLink(name: string) {
  return screen.queryByRole('link', { name, hidden: true });
}

describe('deleting a version optimistically', () => {
  it('removes the row while the request runs and puts it back when the server refuses', async () => {
    const gate = deferred();
    mock.server.use(
      http.delete(VERSION_URL, async () => {
        await gate.promise;
        return HttpResponse.json(
          { error: { code: 'INTERNAL', message: 'The blob store is read-only right now; try again in a minute.', details: {} } },
          { status: 503 },
        );
      }),
    );
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-test');
    await chooseAction(user, 'Actions for mnist-test:v0', 'Delete');
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete mnist-test:v0?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    // While the request runs: the dialog stays, says so, and the row has already left the list.
    expect(await within(dialog).findByRole('button', { name: 'Deleting…' })).toBeDisabled();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeDisabled();
    await user.keyboard('{Escape}');
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    expect(versionLink('v0')).not.toBeInTheDocument();
    expect(versionLink('v1')).toBeInTheDocument();

    gate.release();
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The blob store is read-only right now; try again in a minute.');
    expect(versionLink('v0')).toBeInTheDocument();
    expect(screen.queryByText('Deleted mnist-test:v0')).not.toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-test', 'v0').state).toBe('COMMITTED');
  });

  it('offers Undo in a toast, which restores the version and brings it back', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/model/resnet');
    await chooseAction(user, 'Actions for resnet:v1', 'Delete');
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete resnet:v1?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    expect(await screen.findByText('Deleted resnet:v1')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'v1' })).not.toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'resnet', 'v1').state).toBe('PENDING_DELETION');

    const undo = screen.getByRole('button', { name: 'Undo' });
    await waitForPageInteractive(undo);
    await user.click(undo);
    expect(await screen.findByRole('link', { name: 'v1' })).toBeInTheDocument();
    expect(await screen.findByText('Restored resnet:v1')).toBeInTheDocument();
    // Focus goes back to the restored row, not to the toasts (found driving the built app).
    await waitFor(() => expect(screen.getByRole('button', { name: 'Actions for resnet:v1' })).toHaveFocus());
    expect(mock.db.getVersion(mnist, 'resnet', 'v1').state).toBe('COMMITTED');
    // Counts are refetched: nothing is left pending deletion.
    expect(await screen.findByText(/^4 versions · .+ stored \(shared files once\)$/)).toBeInTheDocument();
  });

  it('says so in a toast when Undo fails, and the version stays deleted', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/model/cnn');
    await chooseAction(user, 'Actions for cnn:v1', 'Delete');
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    await screen.findByText('Deleted cnn:v1');

    mock.server.use(
      http.post('*/api/v1/projects/demo/mnist/collections/cnn/versions/v1/restore', () =>
        HttpResponse.json(
          { error: { code: 'ALREADY_GARBAGE_COLLECTED', message: 'cnn:v1 was garbage-collected; its files are gone and it cannot be restored.', details: {} } },
          { status: 409 },
        ),
      ),
    );
    const undo = screen.getByRole('button', { name: 'Undo' });
    await waitForPageInteractive(undo);
    await user.click(undo);
    expect(await screen.findByText('Could not restore cnn:v1')).toBeInTheDocument();
    expect(screen.getByText('cnn:v1 was garbage-collected; its files are gone and it cannot be restored.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'v1' })).not.toBeInTheDocument();
  });
});
