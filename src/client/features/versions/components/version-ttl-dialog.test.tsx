// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatExactTime, formatRelativeTime } from '../../../../domain';
import { chooseAction, chooseActionWithKeyboard } from '../../../test/actions';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();
const mnist = { entity: 'demo', project: 'mnist' };
const DAY = 24 * 3600 * 1000;

/** The value of a metadata term of the detail page, e.g. `TTL`. */
function term(name: string) {
  return screen.getByText(name, { selector: 'dt' }).nextElementSibling as HTMLElement;
}

/** The expiry of `version` after `days`, as the dialog words it. */
function expiryText(createdAt: string, days: number) {
  const expires = Date.parse(createdAt) + days * DAY;
  const inDays = Math.round((expires - Date.now()) / DAY);
  return `Expires ${new Date(expires).toISOString().slice(0, 10)} (in ${inDays} days), counted from its creation.`;
}

describe('VersionTtlDialog', () => {
  it('sets a custom TTL from the detail kebab, and the TTL line follows', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train/v11');
    await screen.findByRole('heading', { level: 1, name: 'mnist-train:v11' });
    expect(term('TTL')).toHaveTextContent('Never expires (no project default)');
    const { createdAt } = mock.db.getVersion(mnist, 'mnist-train', 'v11');
    const days = Math.ceil((Date.now() - Date.parse(createdAt)) / DAY) + 30;

    await chooseAction(user, 'Actions for mnist-train:v11', 'Set TTL…');
    const dialog = await screen.findByRole('alertdialog', { name: 'TTL of mnist-train:v11' });
    const inherit = within(dialog).getByRole('radio', { name: 'Inherit the project default' });
    expect(inherit).toBeChecked();
    expect(inherit).toHaveAccessibleDescription('(no default)');
    expect(within(dialog).getByText('Never expires while the project has no default.')).toBeInTheDocument();
    expect(within(dialog).getByRole('radio', { name: 'Never expire' })).not.toBeChecked();

    await user.click(within(dialog).getByRole('radio', { name: 'Expire after' }));
    await user.type(within(dialog).getByRole('spinbutton', { name: 'Days' }), String(days));
    expect(within(dialog).getByText(expiryText(createdAt, days))).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('TTL of mnist-train:v11 set')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    const saved = mock.db.getVersion(mnist, 'mnist-train', 'v11').ttl;
    expect(saved).toMatchObject({ mode: 'custom', days });
    await waitFor(() => expect(term('TTL')).toHaveTextContent(`${days} days (set on this version) · expires ${formatRelativeTime(saved.expiresAt!)}`));
    // Relative in the text, exact on hover.
    expect(term('TTL').querySelector('time')).toHaveAttribute('title', formatExactTime(saved.expiresAt!));
    // Focus is back on the kebab that opened the dialog.
    expect(screen.getByRole('button', { name: 'Actions for mnist-train:v11' })).toHaveFocus();
  });

  it('warns from a row kebab when the expiry has already passed, and Cancel changes nothing', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train');
    await chooseAction(user, 'Actions for mnist-train:v5', 'Set TTL…');
    const dialog = await screen.findByRole('alertdialog', { name: 'TTL of mnist-train:v5' });
    // Typing days picks "Expire after" by itself.
    await user.type(within(dialog).getByRole('spinbutton', { name: 'Days' }), '0.01');
    expect(within(dialog).getByRole('radio', { name: 'Expire after' })).toBeChecked();
    expect(within(dialog).queryByText(/^Expires /)).not.toBeInTheDocument();
    expect(
      within(dialog)
        .getByText(/^Already expired/)
        .closest('p'),
    ).toHaveTextContent(
      /^Already expired on \d{4}-\d\d-\d\d \(\d+ (days|hours) ago\), counted from its creation: mnist-train:v5 will be soft-deleted at the next TTL scan\. You can restore it from Pending deletion\.$/,
    );

    await user.click(within(dialog).getByRole('radio', { name: 'Never expire' }));
    expect(within(dialog).queryByText(/^Already expired/)).not.toBeInTheDocument();
    expect(within(dialog).getByText('Never expires: no TTL scan will delete it.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v5').ttl.mode).toBe('inherit');
  });

  it('shows the server refusing zero days in the dialog, then saves fractional days', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train/v6');
    await chooseAction(user, 'Actions for mnist-train:v6', 'Set TTL…');
    const dialog = await screen.findByRole('alertdialog', { name: 'TTL of mnist-train:v6' });
    const days = within(dialog).getByRole('spinbutton', { name: 'Days' });
    await user.type(days, '0');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('A custom TTL needs "days", a positive number of days up to 36500 (fractions allowed).');
    expect(screen.getByRole('alertdialog', { name: 'TTL of mnist-train:v6' })).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v6').ttl.mode).toBe('inherit');

    // Editing the days clears the old error; fractions are fine.
    await user.clear(days);
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    await user.type(days, '4000.5');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('TTL of mnist-train:v6 set')).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v6').ttl).toMatchObject({ mode: 'custom', days: 4000.5 });
    await waitFor(() => expect(term('TTL')).toHaveTextContent('4,000.5 days (set on this version)'));
  });

  it('can be used with the keyboard alone', async () => {
    const { user } = renderApp('/demo/mnist/artifacts/dataset/mnist-train/v7');
    const kebab = await screen.findByRole('button', { name: 'Actions for mnist-train:v7' });
    await chooseActionWithKeyboard(user, kebab, 'Set TTL…');
    const dialog = await screen.findByRole('alertdialog', { name: 'TTL of mnist-train:v7' });
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus());

    // Back from Cancel to the checked radio, then the arrow keys move the choice.
    await user.tab({ shift: true });
    expect(within(dialog).getByRole('spinbutton', { name: 'Days' })).toHaveFocus();
    await user.tab({ shift: true });
    const inherit = within(dialog).getByRole('radio', { name: 'Inherit the project default' });
    expect(inherit).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(within(dialog).getByRole('radio', { name: 'Expire after' })).toBeChecked();
    await user.tab();
    expect(within(dialog).getByRole('spinbutton', { name: 'Days' })).toHaveFocus();
    await user.keyboard('2');
    // "Never expire" is not a stop of its own: the radio group is one.
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(await screen.findByText('TTL of mnist-train:v7 set')).toBeInTheDocument();
    expect(mock.db.getVersion(mnist, 'mnist-train', 'v7').ttl).toMatchObject({ mode: 'custom', days: 2 });
    await waitFor(() => expect(kebab).toHaveFocus());
  });
});
