// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../../../mocks/auth/audit';
import { renderApp, setupMockServer } from '../../../test/render-app';

const HOUR = 3600_000;
const mock = setupMockServer({}, (db) => {
  const now = db.now();
  recordAudit(db.auth, 'demo', { actor: 'demo-member', action: 'version.delete', target: 'mnist/cnn:v0', outcome: 'success', details: {} }, now - 3 * HOUR);
  recordAudit(
    db.auth,
    'demo',
    { actor: 'demo-viewer', action: 'version.delete', target: 'mnist/cnn:v1', outcome: 'denied', details: { code: 'FORBIDDEN' } },
    now - 2 * HOUR,
  );
  recordAudit(db.auth, 'demo', { actor: 'demo-admin', action: 'member.set', target: 'demo-viewer', outcome: 'success', details: { key: 'ci' } }, now - HOUR);
});

/** The actor column of the audit table, top to bottom. */
function actors(): string[] {
  const table = screen.getByRole('table', { name: 'Audit log, newest first' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[1]!.textContent ?? '');
}

describe('the audit log page', () => {
  it('lists the entity’s entries newest first, filters them, and exports what the filters match', async () => {
    mock.signInAs('admin');
    const { user, router } = renderApp('/entities/demo/audit');
    await screen.findByRole('heading', { level: 1, name: 'Audit log of demo' });
    await screen.findByRole('table', { name: 'Audit log, newest first' });
    expect(actors()).toEqual(['demo-admin', 'demo-viewer', 'demo-member']);
    expect(screen.getByText('key: ci')).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Action' }), 'version.delete');
    await user.type(screen.getByRole('textbox', { name: 'Actor' }), 'demo-viewer');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(actors()).toEqual(['demo-viewer']));
    expect(router.state.location.search).toBe('?actor=demo-viewer&action=version.delete');
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
      'href',
      '/api/v1/entities/demo/audit/export?format=csv&actor=demo-viewer&action=version.delete',
    );
    expect(screen.getByRole('link', { name: 'Export JSONL' })).toHaveAttribute(
      'href',
      '/api/v1/entities/demo/audit/export?format=jsonl&actor=demo-viewer&action=version.delete',
    );

    await user.type(screen.getByRole('textbox', { name: 'Actor' }), 'x');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    expect(await screen.findByText('No entries match these filters')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(actors()).toEqual(['demo-admin', 'demo-viewer', 'demo-member']));
  });

  it('records a change made in the app, under the user who made it', async () => {
    mock.signInAs('admin');
    const { user } = renderApp('/entities/demo/members');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Role of demo-viewer' }), 'member');
    await screen.findByText('demo-viewer is now a member of demo');
    await user.click(screen.getByRole('link', { name: 'Audit log' }));
    await screen.findByRole('table', { name: 'Audit log, newest first' });
    expect(actors()[0]).toBe('demo-admin');
    expect(within(screen.getAllByRole('row')[1]!).getByText('member.set')).toBeInTheDocument();
  });

  it('tells a member the log is an admin’s', async () => {
    mock.signInAs('member');
    renderApp('/entities/demo/audit');
    expect(await screen.findByText('This needs the admin role on the entity.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
