// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, setupMockServer } from '../../../test/render-app';

const REASON = 'ARTIFACT_GC_ENABLED is false on this server.';
const mock = setupMockServer({ gc: { enabled: false, disabledReason: REASON } });

describe('the storage page when garbage collection is off', () => {
  it("says so with the server's reason, and the Run button is disabled with that reason", async () => {
    const { user } = renderApp('/demo/mnist/storage');
    const status = await screen.findByText((_, element) => element?.tagName === 'P' && element.classList.contains('gc-status-line'));
    expect(status).toHaveTextContent(
      `Garbage collection is off: ${REASON} Nothing is purged until it is enabled. Once on: grace period 1 day · runs every 1 hour · trash kept 7 days.`,
    );

    const button = screen.getByRole('button', { name: 'Run garbage collection' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAccessibleDescription(`Garbage collection is off: ${REASON}`);
    // Still reachable by keyboard, so the reason can be heard; pressing it starts nothing.
    await user.tab();
    while (document.activeElement !== button && document.activeElement !== document.body) await user.tab();
    expect(button).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.click(button);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(mock.db.listGcRuns().items).toHaveLength(0);
  });
});
