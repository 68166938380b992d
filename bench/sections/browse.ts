/**
 * Section 1: browsing a collection of 100,000 versions vs one of 100 (API page, first render, server
 * RSS). On PostgreSQL + S3 the seeded rows are copied into a schema each (no blob bytes: browsing
 * reads none). BENCH_NO_BROWSER=1 leaves out the first render (machines without Chromium).
 */
import { ensureWebAppBuilt, firstRender, launchBrowser } from '../browser';
import type { StoreBackend } from '../backend';
import { alternate, drop, notes, record, recordError, seedStoreOn, spread, type BenchSection } from '../harness';
import { countRows, modelFiles, smallFiles, type CollectionSeed } from '../seed';
import { startServer, type RunningServer } from '../server';
import { fmtInt, fmtMb, fmtMs, median, progress, timeMs } from '../stats';

const BROWSE = { entity: 'bench', project: 'browse', type: 'model', name: 'checkpoints' };

function browseSeeds(versions: number): CollectionSeed[] {
  return [
    { ...BROWSE, pendingDeletion: 0, committed: versions, files: modelFiles, extraAliases: true },
    // A few neighbours for the sidebar, the same in both stores.
    { ...BROWSE, type: 'dataset', name: 'train-data', pendingDeletion: 0, committed: 12, files: smallFiles(3, 40_000_000), extraAliases: true },
    { ...BROWSE, type: 'dataset', name: 'eval-data', pendingDeletion: 0, committed: 4, files: smallFiles(2, 5_000_000) },
  ];
}

async function benchBrowse(backend: StoreBackend): Promise<void> {
  console.log('\n== 1. Browse at scale: a collection of 100,000 versions vs one of 100 ==');
  const sizes = [
    { label: '100', versions: 100 },
    { label: '100k', versions: 100_000 },
  ];
  const stores: { label: string; dir: string; env: Record<string, string>; dropStore(): Promise<void>; newest: string; server?: RunningServer }[] = [];
  for (const size of sizes) {
    const started = performance.now();
    const { dir, env, dropStore } = await seedStoreOn(backend, `browse-${size.label}`, browseSeeds(size.versions));
    const rows = countRows(dir);
    progress(
      `seeded ${size.label}: ${fmtInt(rows.versions)} versions, ${fmtInt(rows.versionFiles)} files, ${fmtInt(rows.blobs)} blob rows in ${fmtMs(performance.now() - started)}`,
    );
    stores.push({ label: size.label, dir, env, dropStore, newest: `v${size.versions - 1}` });
  }
  const noBrowser = process.env.BENCH_NO_BROWSER === '1';
  const buildError = noBrowser ? null : ensureWebAppBuilt();
  if (buildError) notes.push(`Browse: the web app could not be built, first render not measured. ${buildError}`);
  if (noBrowser) notes.push(`Browse on ${backend.label}: BENCH_NO_BROWSER=1, first render not measured.`);
  try {
    for (const s of stores) {
      s.server = await startServer(s.dir, s.env);
      progress(`server for ${s.label} listening on ${s.server.url} (pid ${s.server.pid})`);
    }
    const [small, large] = stores as [Required<(typeof stores)[number]>, Required<(typeof stores)[number]>];

    // (a) first versions page from the API.
    const apiPath = `/api/v1/projects/${BROWSE.entity}/${BROWSE.project}/collections/${BROWSE.name}/versions?limit=100`;
    const fetchPage = async (s: typeof small) => {
      let bytes = 0;
      const ms = await timeMs(async () => {
        const res = await fetch(s.server.url + apiPath);
        const text = await res.text();
        bytes = text.length;
        if (res.status !== 200) throw new Error(`GET ${apiPath} on ${s.label}: ${res.status} ${text.slice(0, 300)}`);
      });
      return { ms, bytes };
    };
    for (const s of [small, large]) {
      const res = await fetch(s.server.url + apiPath);
      const body = (await res.json()) as { items: { version: string; aliases: string[] }[]; nextCursor: string | null };
      if (body.items.length !== 100 || body.items[0]?.version !== s.newest || !body.items[0].aliases.includes('latest')) {
        throw new Error(
          `unexpected first page on ${s.label}: ${body.items.length} items, first ${body.items[0]?.version} ${JSON.stringify(body.items[0]?.aliases)}`,
        );
      }
    }
    for (let i = 0; i < 10; i++) for (const s of [small, large]) await fetchPage(s);
    let pageBytes = 0;
    const [apiSmall, apiLarge] = await alternate(
      30,
      async () => (await fetchPage(small)).ms,
      async () => {
        const r = await fetchPage(large);
        pageBytes = r.bytes;
        return r.ms;
      },
    );
    progress(`API first page (${fmtInt(pageBytes)} bytes of JSON): 100: ${spread(apiSmall)}; 100k: ${spread(apiLarge)}`);
    record({
      section: '1. Browse',
      measure: 'API first versions page (median of 30)',
      small: fmtMs(median(apiSmall)),
      large: fmtMs(median(apiLarge)),
      ratio: median(apiLarge) / median(apiSmall),
      target: 1.5,
    });

    // (b) first render in Chromium; a browser that cannot start is an ERROR line, and (c) is still measured.
    if (!buildError && !noBrowser) {
      const render = { section: '1. Browse', measure: 'first render in Chromium (median of 5)', target: 1.5 };
      try {
        const browser = await launchBrowser();
        try {
          const route = `/${BROWSE.entity}/${BROWSE.project}/artifacts/${BROWSE.type}/${BROWSE.name}`;
          const load = async (s: typeof small) => (await firstRender(browser, s.server.url + route, s.newest)).inPageMs;
          for (let i = 0; i < 2; i++) for (const s of [small, large]) await load(s);
          const [renderSmall, renderLarge] = await alternate(
            5,
            () => load(small),
            () => load(large),
          );
          progress(`first render (navigation start to ${large.newest} / ${small.newest} visible): 100: ${spread(renderSmall)}; 100k: ${spread(renderLarge)}`);
          record({ ...render, small: fmtMs(median(renderSmall)), large: fmtMs(median(renderLarge)), ratio: median(renderLarge) / median(renderSmall) });
        } finally {
          await browser.close();
        }
      } catch (error) {
        recordError(render, error);
      }
    }

    // (c) peak RSS of each server after those measurements.
    const rssSmall = small.server.peakRssKb();
    const rssLarge = large.server.peakRssKb();
    record({
      section: '1. Browse',
      measure: 'server peak RSS (VmHWM)',
      small: fmtMb(rssSmall),
      large: fmtMb(rssLarge),
      ratio: rssLarge / rssSmall,
      target: 1.5,
    });
  } finally {
    for (const s of stores) await s.server?.stop();
    for (const s of stores) {
      await s.dropStore();
      drop(s.dir);
    }
  }
}

export const browse: BenchSection = { name: 'browse', backends: ['sqlite', 'postgres-s3'], run: benchBrowse };
