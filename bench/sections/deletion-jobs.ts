/**
 * `npm run bench -- deletion-jobs` (issue 11): a deletion job taking 100,000 versions on the real
 * server (a child process) against a plain SQL `UPDATE` of the same rows on a copy of the same
 * store, and the latency of an unrelated GET while a job runs against the same GET on the idle
 * server. Side by side, alternating which goes first, median of REPS. The job is timed alone
 * (polled every POLL_MS) and run again with GETs one after another, so that serving the GETs
 * does not count as the job's time.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { StoreBackend } from '../backend';
import { alternate, BLOB_BYTES, record, recordError, seedTemplateOn, spread, type BenchSection, type SeededTemplate, type StoreCopy } from '../harness';
import { smallFiles } from '../seed';
import { startServer, type RunningServer } from '../server';
import { fmtInt, fmtMs, median, progress, timeMs } from '../stats';

const VERSIONS = 100_000;
const REPS = 3;
const IDLE_GETS = 200;
const POLL_MS = 100;
const JOBS = { entity: 'bench', project: 'jobs', type: 'dataset', name: 'shards' };
const OTHER = { entity: 'bench', project: 'other', type: 'model', name: 'net' };
const jobsPath = `/api/v1/projects/${JOBS.entity}/${JOBS.project}/deletion-jobs`;
/** The unrelated GET: the first page of another project's collection. */
const UNRELATED = `/api/v1/projects/${OTHER.entity}/${OTHER.project}/collections/${OTHER.name}/versions?limit=50`;

interface LatencyFigures {
  idle: number[];
  during: number[];
}

async function getMs(server: RunningServer, route: string): Promise<number> {
  return timeMs(async () => {
    const res = await fetch(server.url + route);
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET ${route} answered ${res.status}: ${text.slice(0, 200)}`);
  });
}

/** The versions the job takes (`noAliases` in the collection), by hand: one statement, the same on both dialects. */
const PLAIN_UPDATE = `UPDATE versions SET state = 'PENDING_DELETION', deleted_at = $1, deleted_by = 'local', deletion_id = 'del_bench'
       WHERE project_id = (SELECT id FROM projects WHERE entity = $2 AND name = $3) AND state = 'COMMITTED'
         AND NOT EXISTS (SELECT 1 FROM aliases a WHERE a.version_seq = versions.seq)`;

/** The job's rows changed by hand in one transaction: on SQLite with the server's pragmas, on PostgreSQL through the server's own connection string. */
async function plainUpdate(copy: StoreCopy): Promise<number> {
  const url = copy.env.DATABASE_URL;
  const args = [new Date().toISOString(), JOBS.entity, JOBS.project];
  let changed = 0;
  let ms = 0;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const started = performance.now();
      await client.query('BEGIN');
      changed = (await client.query(PLAIN_UPDATE, args)).rowCount ?? 0;
      await client.query('COMMIT');
      ms = performance.now() - started;
    } finally {
      await client.end();
    }
  } else {
    const db = new BetterSqlite3(path.join(copy.dir, 'attic.db'));
    try {
      // The server's pragmas (src/server/store/database.ts), checkpoint interval included: with
      // SQLite's default of 1,000 pages the UPDATE's own commit paid a checkpoint the server's
      // job does not (decision 182).
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('cache_size = -16000');
      db.pragma('wal_autocheckpoint = 10000');
      // SQLite takes $1.. as named parameters "1".., bound from an object.
      const update = db.prepare(PLAIN_UPDATE);
      const started = performance.now();
      changed = db.transaction(() => update.run({ 1: args[0], 2: args[1], 3: args[2] }).changes)();
      ms = performance.now() - started;
    } finally {
      db.close();
    }
  }
  if (changed !== VERSIONS) throw new Error(`the UPDATE changed ${changed} rows, not ${VERSIONS}`);
  return ms;
}

/** Creates the job; answers its id once the server has fixed its version set. */
async function startJob(server: RunningServer): Promise<string> {
  const res = await fetch(server.url + jobsPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'delete', filter: { collections: [JOBS.name], noAliases: true } }),
  });
  if (res.status !== 202) throw new Error(`POST deletion-jobs answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const { job } = (await res.json()) as { job: { id: string; total: number } };
  if (job.total !== VERSIONS) throw new Error(`the job took ${job.total} versions, not ${VERSIONS}`);
  return job.id;
}

/** Polls the job every POLL_MS until it has ended; throws unless it deleted every version. */
async function jobEnded(server: RunningServer, id: string): Promise<void> {
  for (;;) {
    const current = (await (
      await fetch(`${server.url}${jobsPath}/${id}`).catch((error: unknown) => {
        const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
        throw new Error(`polling the job failed${cause}; server log: ${server.lastOutput().slice(-300)}`);
      })
    ).json()) as { state: string; done: number; failed: number };
    if (current.state !== 'queued' && current.state !== 'running') {
      if (current.state !== 'succeeded' || current.done !== VERSIONS)
        throw new Error(
          `the job ended ${current.state} with ${current.done} done and ${current.failed} refused; server log: ${server.lastOutput().slice(-300)}`,
        );
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** From the request that creates the job until a poll sees it succeeded, nothing else asked meanwhile. */
async function jobAlone(copy: StoreCopy): Promise<number> {
  const server = await startServer(copy.dir, copy.env);
  try {
    return await timeMs(async () => jobEnded(server, await startJob(server)));
  } finally {
    await server.stop();
  }
}

/** The unrelated GET on the idle server, then one after another while a job runs. */
async function getsAroundJob(copy: StoreCopy): Promise<LatencyFigures> {
  const server = await startServer(copy.dir, copy.env);
  try {
    for (let i = 0; i < 20; i++) await getMs(server, UNRELATED);
    const idle: number[] = [];
    for (let i = 0; i < IDLE_GETS; i++) idle.push(await getMs(server, UNRELATED));
    let finished = false;
    const ended = startJob(server)
      .then((id) => jobEnded(server, id))
      .finally(() => {
        finished = true;
      });
    const during: number[] = [];
    while (!finished) during.push(await getMs(server, UNRELATED));
    await ended;
    return { idle, during };
  } finally {
    await server.stop();
  }
}

/** Runs `fn` on a fresh copy of the template store. */
async function onCopy<T>(template: SeededTemplate, label: string, fn: (copy: StoreCopy) => Promise<T>): Promise<T> {
  const copy = await template.copy(label);
  try {
    return await fn(copy);
  } finally {
    await copy.drop();
  }
}

async function benchDeletionJobs(backend: StoreBackend): Promise<void> {
  console.log(`\n== Deletion jobs: a job deleting ${fmtInt(VERSIONS)} versions vs a plain UPDATE; an unrelated GET while it runs vs idle ==`);
  const seeded = performance.now();
  const template = await seedTemplateOn(backend, 'jobs-template', [
    { ...JOBS, pendingDeletion: 0, committed: VERSIONS + 1, files: smallFiles(1, BLOB_BYTES) },
    { ...OTHER, pendingDeletion: 0, committed: 100, files: smallFiles(2, BLOB_BYTES), extraAliases: true },
  ]);
  progress(`seeded ${fmtInt(VERSIONS + 1)} + 100 versions in ${fmtMs(performance.now() - seeded)}`);
  const jobLine = { section: 'deletion jobs', measure: `job deleting ${VERSIONS / 1000}k versions vs plain UPDATE (median of ${REPS})`, target: 3 };
  const getLine = { section: 'deletion jobs', measure: 'unrelated GET while the job runs vs idle (median latency)', target: 2 };
  try {
    const [updates, jobs] = await alternate(
      REPS,
      () =>
        onCopy(template, 'jobs-update', async (copy) => {
          const ms = await plainUpdate(copy);
          progress(`plain UPDATE: ${fmtMs(ms)}`);
          return ms;
        }),
      () =>
        onCopy(template, 'jobs-run', async (copy) => {
          const ms = await jobAlone(copy);
          progress(`job: ${fmtMs(ms)} (${((ms / VERSIONS) * 1000).toFixed(0)} µs/version)`);
          return ms;
        }),
    );
    record({ ...jobLine, small: `UPDATE ${fmtMs(median(updates))}`, large: `job ${fmtMs(median(jobs))}`, ratio: median(jobs) / median(updates) });
    const latencies: LatencyFigures[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const f = await onCopy(template, 'jobs-gets', getsAroundJob);
      progress(`unrelated GET: idle ${spread(f.idle)}; during a job ${spread(f.during)}`);
      latencies.push(f);
    }
    const idle = median(latencies.flatMap((f) => f.idle));
    const during = median(latencies.flatMap((f) => f.during));
    record({ ...getLine, small: `idle ${fmtMs(idle)}`, large: `during ${fmtMs(during)}`, ratio: during / idle });
  } catch (error) {
    recordError(jobLine, error);
    recordError(getLine, error);
  } finally {
    await template.drop();
  }
}

export const deletionJobs: BenchSection = { name: 'deletion-jobs', backends: ['sqlite', 'postgres-s3'], run: benchDeletionJobs };
