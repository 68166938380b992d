// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../test/jsdom-shims';
import { ActionMenu, type MenuAction } from './action-menu';

afterEach(() => cleanup());

function renderMenu(actions: MenuAction[]) {
  const user = userEvent.setup();
  render(<ActionMenu label="Actions for thing" actions={actions} />);
  return { user, kebab: screen.getByRole('button', { name: 'Actions for thing' }) };
}

describe('ActionMenu', () => {
  it('runs the selected action and closes', async () => {
    const open = vi.fn();
    const { user, kebab } = renderMenu([{ label: 'Open', onSelect: open }]);
    await user.click(kebab);
    await user.click(await screen.findByRole('menuitem', { name: 'Open' }));
    expect(open).toHaveBeenCalledOnce();
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('keeps a disabled action reachable by keyboard, says why, and does not run it', async () => {
    const remove = vi.fn();
    const { user, kebab } = renderMenu([
      { label: 'Open', onSelect: vi.fn() },
      { label: 'Delete', onSelect: remove, destructive: true, disabled: true, disabledReason: 'Already pending deletion.' },
    ]);
    kebab.focus();
    await user.keyboard('{Enter}');
    await user.keyboard('{ArrowDown}');
    const item = screen.getByRole('menuitem', { name: 'Delete' });
    expect(item).toHaveFocus();
    expect(item).toHaveAttribute('aria-disabled', 'true');
    expect(item).toHaveAccessibleDescription('Already pending deletion.');

    await user.keyboard('{Enter}');
    expect(remove).not.toHaveBeenCalled();
    expect(screen.getByRole('menu')).toBeInTheDocument();
  });

  it('sets destructive actions apart with a separator', async () => {
    const { user, kebab } = renderMenu([
      { label: 'Copy name', onSelect: vi.fn() },
      { label: 'Delete', onSelect: vi.fn(), destructive: true },
    ]);
    await user.click(kebab);
    const menu = await screen.findByRole('menu');
    expect(within(menu).getByRole('separator')).toBeInTheDocument();
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Copy name', 'Delete']);
  });
});
