// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chooseAction } from '../../../test/actions';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mnist = { entity: 'demo', project: 'mnist' };
// `production` is the demo entity's protected alias; give it to v5.
const mock = setupMockServer({}, (db) => db.setVersionAliases(mnist, 'mnist-train', 'v5', { aliases: ['production'] }));

describe('deleting a version that holds a protected alias', () => {
  it('tells a member before anyone clicks that only admins may delete it, and offers no Delete', async () => {
    mock.signInAs('member');
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    await chooseAction(user, 'Actions for mnist-train:v5', 'Delete');
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Delete mnist-train:v5?' }));
    expect(
      await dialog.findByText(
        '"production" is a protected alias of demo: only its admins may delete this version. Ask an admin, or have them move the alias first.',
      ),
    ).toBeInTheDocument();
    expect(dialog.queryByRole('checkbox', { name: 'Also delete aliases' })).not.toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Delete' })).toBeDisabled();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v5').state).toBe('COMMITTED');
  });

  it('lets an admin delete it with its aliases, saying the protected one goes too', async () => {
    mock.signInAs('admin');
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    await chooseAction(user, 'Actions for mnist-train:v5', 'Delete');
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Delete mnist-train:v5?' }));
    expect(await dialog.findByText('"production" is a protected alias of demo; as an admin you may delete it with this version.')).toBeInTheDocument();
    await user.click(dialog.getByRole('checkbox', { name: 'Also delete aliases' }));
    await user.click(dialog.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deleted mnist-train:v5')).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v5')).toMatchObject({ state: 'PENDING_DELETION', aliases: [] });
  });

  it('keeps a member from taking a protected alias off in the aliases dialog, with the reason', async () => {
    mock.signInAs('member');
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    await chooseAction(user, 'Actions for mnist-train:v5', 'Edit aliases…');
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Aliases of mnist-train:v5' }));
    const remove = await dialog.findByRole('button', { name: 'Remove production' });
    expect(await dialog.findByText('protected')).toBeInTheDocument();
    expect(remove).toHaveAttribute('aria-disabled', 'true');
    expect(remove).toHaveAccessibleDescription('production is a protected alias of demo: only its admins may add, move or remove it.');
    await user.click(remove);
    expect(dialog.getByRole('button', { name: 'Remove production' })).toBeInTheDocument();
  });
});
