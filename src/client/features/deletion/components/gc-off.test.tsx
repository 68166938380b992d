// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chooseAction } from '../../../test/actions';
import { renderApp, setupMockServer } from '../../../test/render-app';

const REASON = 'ARTIFACT_GC_ENABLED is false on this server.';
const mock = setupMockServer({ gc: { enabled: false, disabledReason: REASON } });
const mnist = { entity: 'demo', project: 'mnist' };

describe('when garbage collection is off', () => {
  it('the delete dialog says the files stay until it is enabled, and why it is off', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    await chooseAction(user, 'Actions for mnist-train:v9', 'Delete');
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete mnist-train:v9?' });
    await within(dialog).findByText(/^Frees /);
    expect(dialog).toHaveAccessibleDescription(
      'The version is soft-deleted: its files stay in storage until garbage collection is enabled (it is off: ARTIFACT_GC_ENABLED is false on this server). You can restore it until then.',
    );
  });

  it('the pending review says so instead of a purge time', async () => {
    mock.db.deleteVersion(mnist, 'cnn', 'v2');
    renderApp('/demo/mnist/artifacts/pending');
    const row = (await screen.findByRole('link', { name: 'cnn:v2' })).closest('tr')!;
    expect(within(row).getAllByRole('cell')[7]).toHaveTextContent('Garbage collection is off');
    expect(
      screen.getByText(
        (_, element) =>
          element?.tagName === 'P' &&
          element.textContent === `Garbage collection is off: ${REASON} Nothing here is purged until it is enabled, and you can restore any of it.`,
      ),
    ).toBeInTheDocument();
  });
});
