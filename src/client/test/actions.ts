/** Test helpers for row and page actions, as a person uses them: open a kebab, pick an item. */
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { expect } from 'vitest';

/**
 * Waits until `target` (by default the page) takes pointer input again after a dialog or menu
 * closed. While a Radix dialog or menu is open, <body> has `pointer-events: none`, and so has every
 * layer beneath it (a toast shown while the dialog was open); Radix lifts both in effects and
 * re-renders that React runs after the layer has left the DOM, tasks later. On a busy machine a
 * test can click in between (a toast's Undo, the next kebab) and user-event rightly refuses: a
 * person cannot click that fast, a test can. A lock that stays on is a real bug and still fails.
 */
export async function waitForPageInteractive(target: Element = document.body): Promise<void> {
  await waitFor(() => {
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    // What user-event checks before a click: the target and every ancestor.
    for (let node: Element | null = target; node; node = node.parentElement) {
      expect(getComputedStyle(node).pointerEvents).not.toBe('none');
    }
  });
}

/** Clicks the kebab named `menuLabel` (e.g. `Actions for mnist-train:v9`) and then its `item`. */
export async function chooseAction(user: UserEvent, menuLabel: string, item: string): Promise<void> {
  const kebab = await screen.findByRole('button', { name: menuLabel });
  await waitForPageInteractive(kebab);
  await user.click(kebab);
  await user.click(await screen.findByRole('menuitem', { name: item }));
}

/** A promise to hold a mock answer back until the test has looked at the pending state. */
export function deferred(): { promise: Promise<void>; release: () => void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

/**
 * Opens `kebab`'s menu and picks `item` with the keyboard only, as a keyboard user would: focus
 * the kebab, Enter (focus moves to the first item), ArrowDown to the item, Enter.
 */
export async function chooseActionWithKeyboard(user: UserEvent, kebab: HTMLElement, item: string): Promise<void> {
  kebab.focus();
  await user.keyboard('{Enter}');
  const menu = await screen.findByRole('menu');
  const items = within(menu).getAllByRole('menuitem');
  const target = within(menu).getByRole('menuitem', { name: item });
  await waitFor(() => expect(items[0]).toHaveFocus());
  for (let i = 0; i < items.indexOf(target); i++) await user.keyboard('{ArrowDown}');
  expect(target).toHaveFocus();
  await user.keyboard('{Enter}');
}
