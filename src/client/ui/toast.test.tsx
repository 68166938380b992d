// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../test/jsdom-shims';
import { ToastProvider, useToast, type ToastHandle, type ToastOptions } from './toast';

afterEach(() => cleanup());

function Trigger({ options }: { options: ToastOptions }) {
  const { toast } = useToast();
  return (
    <button type="button" onClick={() => toast(options)}>
      Notify
    </button>
  );
}

/** Shows a toast that stays until the other button dismisses it through its handle, as "Restoring…" does. */
function Progress() {
  const { toast } = useToast();
  const handle = useRef<ToastHandle | null>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          handle.current = toast({ title: 'Restoring collection shards…', durationMs: Number.POSITIVE_INFINITY });
        }}
      >
        Start
      </button>
      <button type="button" onClick={() => handle.current?.dismiss()}>
        Finish
      </button>
    </>
  );
}

describe('ToastProvider', () => {
  it('shows a toast with an Undo action that runs once and closes it', async () => {
    const user = userEvent.setup();
    const undo = vi.fn();
    render(
      <ToastProvider>
        <Trigger
          options={{ title: 'Deleted mnist-train:v3', action: { label: 'Undo', altText: 'Restore mnist-train:v3 from Pending deletion', onAction: undo } }}
        />
      </ToastProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Notify' }));
    expect(await screen.findByText('Deleted mnist-train:v3')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(undo).toHaveBeenCalledOnce();
    expect(screen.queryByText('Deleted mnist-train:v3')).not.toBeInTheDocument();
  });

  it('can be dismissed with its close button', async () => {
    const user = userEvent.setup();
    render(
      <ToastProvider>
        <Trigger options={{ title: 'Copied mnist-train' }} />
      </ToastProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Notify' }));
    await user.click(await screen.findByRole('button', { name: 'Dismiss notification' }));
    expect(screen.queryByText('Copied mnist-train')).not.toBeInTheDocument();
  });

  it('closes a toast through the handle toast() gave back, and only that one', async () => {
    const user = userEvent.setup();
    render(
      <ToastProvider>
        <Progress />
        <Trigger options={{ title: 'Copied mnist-train' }} />
      </ToastProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Start' }));
    await user.click(screen.getByRole('button', { name: 'Notify' }));
    expect(await screen.findByText('Restoring collection shards…')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Finish' }));
    expect(screen.queryByText('Restoring collection shards…')).not.toBeInTheDocument();
    expect(screen.getByText('Copied mnist-train')).toBeInTheDocument();
  });
});
