// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../../domain';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();

describe('ProjectList', () => {
  it('lists the demo projects with their collection counts, stored bytes and pending versions, linking to their artifacts', async () => {
    const { user } = renderApp('/');
    const table = await screen.findByRole('table', { name: 'Projects' });
    const stored = (project: string) => formatBytes(mock.db.projectStorage({ entity: 'demo', project }).liveBytes);
    await within(table).findByText(stored('mnist'));
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      `demo / llm-finetune3 collections${stored('llm-finetune')}0 versions`,
      `demo / mnist4 collections${stored('mnist')}0 versions`,
    ]);

    await user.click(within(table).getByRole('link', { name: 'demo / mnist' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'demo / mnist' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Collections' })).toBeInTheDocument();
  });
});
