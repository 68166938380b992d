// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chooseAction } from '../../../test/actions';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();
const mnist = { entity: 'demo', project: 'mnist' };

/** The row of the version table whose version link is `version`. */
function row(version: string) {
  return within(screen.getByRole('table', { name: /^Versions of / }))
    .getByRole('link', { name: version })
    .closest('tr')!;
}

describe('Show pending deletion', () => {
  it('shows the versions pending deletion in place, with a badge and Restore, and keeps the choice in the URL', async () => {
    mock.db.deleteVersion(mnist, 'mnist-train', 'v9');
    const { user, router } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    await screen.findByRole('link', { name: 'v10' });
    expect(screen.queryByRole('link', { name: 'v9' })).not.toBeInTheDocument();

    const toggle = screen.getByRole('checkbox', { name: 'Show pending deletion' });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    expect(router.state.location.search).toBe('?pending=1');
    expect(await screen.findByRole('link', { name: 'v9' })).toBeInTheDocument();
    expect(within(row('v9')).getByText('Pending deletion')).toBeInTheDocument();
    expect(within(row('v10')).queryByText('Pending deletion')).not.toBeInTheDocument();

    await user.click(within(row('v9')).getByRole('button', { name: 'Actions for mnist-train:v9' }));
    const menu = await screen.findByRole('menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Copy name', 'Open', 'Copy id', 'Restore']);
    await user.click(within(menu).getByRole('menuitem', { name: 'Restore' }));

    expect(await screen.findByText('Restored mnist-train:v9')).toBeInTheDocument();
    expect(within(row('v9')).queryByText('Pending deletion')).not.toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v9').state).toBe('COMMITTED');
    await chooseAction(user, 'Actions for mnist-train:v9', 'Delete');
    expect(await screen.findByRole('alertdialog', { name: 'Delete mnist-train:v9?' })).toBeInTheDocument();
  });

  it('reads the choice from the URL, and turning it off hides them again', async () => {
    mock.db.deleteVersion(mnist, 'mnist-train', 'v7');
    const { user, router } = renderApp('/demo/mnist/artifacts/dataset/mnist-train?pending=1');
    expect(await screen.findByRole('link', { name: 'v7' })).toBeInTheDocument();
    expect(within(row('v7')).getByText('Pending deletion')).toBeInTheDocument();
    const toggle = screen.getByRole('checkbox', { name: 'Show pending deletion' });
    expect(toggle).toBeChecked();

    await user.click(toggle);
    expect(router.state.location.search).toBe('');
    expect(await screen.findByRole('link', { name: 'v8' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'v7' })).not.toBeInTheDocument();
  });

  it('marks a deleted version in place when it is deleted with the toggle on', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train?pending=1');
    await chooseAction(user, 'Actions for mnist-train:v5', 'Delete');
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deleted mnist-train:v5')).toBeInTheDocument();
    expect(within(row('v5')).getByText('Pending deletion')).toBeInTheDocument();
  });
});
