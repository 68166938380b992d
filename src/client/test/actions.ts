/** Test helpers for row and page actions, as a person uses them: open a kebab, pick an item. */
import { screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

/** Clicks the kebab named `menuLabel` (e.g. `Actions for mnist-train:v9`) and then its `item`. */
export async function chooseAction(user: UserEvent, menuLabel: string, item: string): Promise<void> {
  await user.click(await screen.findByRole('button', { name: menuLabel }));
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
