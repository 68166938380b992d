// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, setupMockServer } from '../../../test/render-app';

const mock = setupMockServer();
const mnist = { entity: 'demo', project: 'mnist' };

describe('VersionDetail', () => {
  it('shows the version with its aliases, state, metadata and kebab', async () => {
    renderApp('/demo/mnist/artifacts/dataset/mnist-train/v11');
    const version = mock.db.getVersion(mnist, 'mnist-train', 'v11');
    const heading = await screen.findByRole('heading', { level: 1, name: 'mnist-train:v11' });
    const header = heading.closest('header')!;
    expect(
      within(within(header).getByRole('list', { name: 'Aliases' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['latest']);
    expect(within(header).getByText('Committed')).toBeInTheDocument();
    expect(within(header).getByRole('button', { name: 'Actions for mnist-train:v11' })).toBeInTheDocument();

    const term = (name: string) => screen.getByText(name, { selector: 'dt' }).nextElementSibling;
    expect(term('Digest')).toHaveTextContent(version.digest);
    expect(term('Size')).toHaveTextContent('342 KB');
    expect(term('Files')).toHaveTextContent('4');
    expect(term('Created by run')).toHaveTextContent(version.createdBy.runId!);
    expect(term('Created')!.querySelector('time')).toHaveAttribute('dateTime', version.createdAt);
  });

  it('lists the files with their sizes and a download link each', async () => {
    renderApp('/demo/mnist/artifacts/dataset/mnist-train/v11');
    const table = await screen.findByRole('table', { name: 'Files' });
    const files = [
      ['README.md', '68 B'],
      ['images/shard-0.bin', '180 KB'],
      ['images/shard-1.bin', '150 KB'],
      ['labels.csv', '12 KB'],
    ];
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]!.textContent)).toEqual(files.map(([path]) => path));
    for (const [path, size] of files) {
      const link = within(table).getByRole('link', { name: `Download ${path}` });
      expect(link).toHaveAttribute('href', `/api/v1/projects/demo/mnist/collections/mnist-train/versions/v11/files/${path}`);
      expect(link.closest('tr')).toHaveTextContent(size!);
    }
  });

  it('follows an alias in the URL to the version it names', async () => {
    renderApp('/demo/mnist/artifacts/dataset/mnist-train/prod');
    expect(await screen.findByRole('heading', { level: 1, name: 'mnist-train:v8' })).toBeInTheDocument();
  });

  it('says so when the version does not exist, with a way back to the collection', async () => {
    renderApp('/demo/mnist/artifacts/dataset/mnist-train/v99');
    const main = within(await screen.findByRole('main'));
    expect(await main.findByRole('heading', { level: 1, name: 'Version not found' })).toBeInTheDocument();
    // Calm: nothing to retry, so no alert and no Retry.
    expect(main.queryByRole('alert')).not.toBeInTheDocument();
    expect(main.getByRole('link', { name: 'Go to mnist-train' })).toHaveAttribute('href', '/demo/mnist/artifacts/dataset/mnist-train');
  });
});
