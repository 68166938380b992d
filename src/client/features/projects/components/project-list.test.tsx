// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, setupMockServer } from '../../../test/render-app';

setupMockServer();

describe('ProjectList', () => {
  it('lists the demo projects with their collection counts, stored bytes and pending versions, linking to their artifacts', async () => {
    const { user } = renderApp('/');
    const table = await screen.findByRole('table', { name: 'Projects' });
    // Each demo project stores about 9 MB once shared files are counted once.
    await within(table).findAllByText('9 MB');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(['demo / llm-finetune3 collections9 MB0 versions', 'demo / mnist4 collections9 MB0 versions']);

    await user.click(within(table).getByRole('link', { name: 'demo / mnist' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'demo / mnist' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Collections' })).toBeInTheDocument();
  });
});
