// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../../../domain';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();
const mnist = { entity: 'demo', project: 'mnist' };

describe("A project's default TTL", () => {
  it('is read on the overview, previewed before saving (how many versions would expire at once) and saved', async () => {
    const { user } = renderApp('/demo/mnist/artifacts');
    const main = within(screen.getByRole('main'));
    expect(await main.findByText('Default TTL: none')).toBeInTheDocument();

    await user.click(main.getByRole('button', { name: 'Change default TTL…' }));
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Default TTL of demo/mnist' }));
    expect(dialog.getByRole('radio', { name: 'No default' })).toBeChecked();

    await user.type(dialog.getByRole('spinbutton', { name: 'Days' }), '3');
    expect(dialog.getByRole('radio', { name: 'Expire versions after' })).toBeChecked();
    const preview = mock.db.previewDefaultTtl(mnist, '3');
    expect(preview.versionsExpiringNow).toBeGreaterThan(0);
    expect(
      await dialog.findByText(
        `${formatCount(preview.versionsInheriting, 'version')} inherit it. ${formatCount(preview.versionsExpiringNow, 'version')} would be moved to Pending deletion at the next TTL scan.`,
      ),
    ).toBeInTheDocument();
    // Previewing changes nothing.
    expect(mock.db.getProjectSettings(mnist).defaultTtlDays).toBeNull();

    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Default TTL of demo/mnist set')).toBeInTheDocument();
    expect(mock.db.getProjectSettings(mnist).defaultTtlDays).toBe(3);
    await waitFor(() => expect(main.getByText('Default TTL: 3 days')).toBeInTheDocument());
    expect(main.getByRole('button', { name: 'Change default TTL…' })).toHaveFocus();
  });

  it('asks for positive days before previewing or sending, and can be turned off again', async () => {
    mock.db.setProjectSettings(mnist, { defaultTtlDays: 400 });
    const { user } = renderApp('/demo/mnist/artifacts');
    const main = within(screen.getByRole('main'));
    await user.click(await main.findByRole('button', { name: 'Change default TTL…' }));
    const dialog = within(await screen.findByRole('alertdialog', { name: 'Default TTL of demo/mnist' }));
    const days = dialog.getByRole('spinbutton', { name: 'Days' });
    expect(days).toHaveValue(400);
    await user.clear(days);
    await user.type(days, '0');
    expect(dialog.getByText('Enter a number of days above 0 (up to 36,500).')).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();

    await user.click(dialog.getByRole('radio', { name: 'No default' }));
    expect(await dialog.findByText('Versions that inherit the default never expire.')).toBeInTheDocument();
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(main.getByText('Default TTL: none')).toBeInTheDocument());
    expect(mock.db.getProjectSettings(mnist).defaultTtlDays).toBeNull();
  });
});
