// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, setupMockServer } from '../../../test/render-app';

setupMockServer();

describe('ProjectList', () => {
  it('lists the demo projects with their collection counts, linking to their artifacts', async () => {
    const { user } = renderApp('/');
    const table = await screen.findByRole('table', { name: 'Projects' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(['demo / llm-finetune3 collections', 'demo / mnist4 collections']);

    await user.click(within(table).getByRole('link', { name: 'demo / mnist' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'demo / mnist' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Collections' })).toBeInTheDocument();
  });
});
