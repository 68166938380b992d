// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../test/jsdom-shims';
import { ActionMenu } from './action-menu';
import { ConfirmDialog } from './alert-dialog';

afterEach(() => cleanup());

/** The pattern delete will use: the menu item sets state, the dialog is the menu's sibling. */
function MenuWithDialog({ onConfirm, pending = false, error = null }: { onConfirm: () => void; pending?: boolean; error?: string | null }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <ActionMenu label="Actions for thing" actions={[{ label: 'Delete', destructive: true, onSelect: () => setOpen(true) }]} />
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Delete thing?"
        description="It can be restored until garbage collection."
        confirmLabel="Delete"
        destructive
        onConfirm={onConfirm}
        pending={pending}
        error={error}
      />
    </>
  );
}

describe('ConfirmDialog', () => {
  it('opens from a menu action, confirms, and cancels back to the page', async () => {
    const user = userEvent.setup();
    const confirm = vi.fn();
    render(<MenuWithDialog onConfirm={confirm} />);
    await user.click(screen.getByRole('button', { name: 'Actions for thing' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Delete thing?' });
    expect(dialog).toHaveAccessibleDescription('It can be restored until garbage collection.');
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(confirm).toHaveBeenCalledOnce();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    // The menu closed cleanly: the page is clickable again (no stuck pointer-events: none).
    expect(document.body.style.pointerEvents).not.toBe('none');
  });

  it('stays open while pending and shows the error it owns', async () => {
    const user = userEvent.setup();
    render(<MenuWithDialog onConfirm={vi.fn()} pending error="Version is already garbage collected." />);
    await user.click(screen.getByRole('button', { name: 'Actions for thing' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Version is already garbage collected.');
    expect(screen.getByRole('button', { name: 'Delete…' })).toBeDisabled();
    await user.keyboard('{Escape}');
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
  });
});
