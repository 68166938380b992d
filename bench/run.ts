/**
 * `npm run bench`: scale benchmarks of Attic, each a ratio measured side by side in one run
 * (large vs small store, or a run vs a plain unlink), with medians over repetitions after
 * warm-ups. Timings are printed against targets, never asserted: these machines are shared and noisy.
 *
 *   npm run bench                      every section, on SQLite + files
 *   npm run bench -- browse purge      only some (see SECTIONS)
 *   npm run bench -- --backends=sqlite,postgres-s3 latency fleet
 *                                      each section on each backend that it supports, lines side by side
 *
 * A section is a file under bench/sections/ exporting a `BenchSection` (bench/harness.ts); add it
 * to SECTIONS below. It records its lines with `record` (or `recordError` for a line it could not
 * measure) and its remarks in `notes`; a section that throws is reported and the others still run.
 * A section that can run on PostgreSQL + S3 says so in its `backends` (bench/backend.ts); the others
 * seed SQLite files directly and are skipped there, with a note.
 */
import './as-admin';
import os from 'node:os';
import { backendsFromArgs, dropBackends } from './backend';
import { dropAll, measuringOn, notes, results, type BenchSection } from './harness';
import { backlogLatency } from './sections/backlog-latency';
import { browse } from './sections/browse';
import { deletionJobs } from './sections/deletion-jobs';
import { fleet } from './sections/fleet';
import { gcLatency } from './sections/gc-latency';
import { latency } from './sections/latency';
import { memory } from './sections/memory';
import { pending } from './sections/pending';
import { pending100k } from './sections/pending-100k';
import { purge } from './sections/purge';
import { fmtMs, table, targetText, verdict } from './stats';

/** In the order they run. */
const SECTIONS: BenchSection[] = [browse, purge, pending, memory, pending100k, latency, gcLatency, backlogLatency, deletionJobs, fleet];

async function main(): Promise<void> {
  const names = SECTIONS.map((s) => s.name);
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((a) => !names.includes(a));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}; choose from ${names.join(', ')}`);
  const backends = backendsFromArgs(process.argv.slice(2));
  // Without names, the sections that run on one of the backends (the default run stays what it
  // was); a section named but not runnable on them gets a note saying why.
  const chosen =
    asked.length > 0
      ? SECTIONS.filter((s) => asked.includes(s.name))
      : SECTIONS.filter((s) => backends.some((b) => (s.backends ?? ['sqlite']).includes(b.name)));
  const started = performance.now();
  console.log(
    `Attic benchmarks: ${chosen.map((s) => s.name).join(', ')} on ${backends.map((b) => b.label).join(', ')} (node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}, temp dirs under ${os.tmpdir()})`,
  );
  const failures: string[] = [];
  for (const section of chosen) {
    for (const backend of backends) {
      if (!(section.backends ?? ['sqlite']).includes(backend.name)) {
        notes.push(
          `${section.name}: not run on ${backend.label} (${section.backends ? `it runs on ${section.backends.join(', ')}: add --backends=${section.backends.join(',')}` : 'it seeds SQLite files directly'}).`,
        );
        continue;
      }
      if (backends.length > 1 || backend.name !== 'sqlite') console.log(`\n-- ${section.name} on ${backend.label} --`);
      measuringOn(backend.name);
      try {
        await section.run(backend);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push(`${section.name} on ${backend.name}: ${message}`);
        console.error(`!! section ${section.name} on ${backend.name} failed: ${message}`);
      }
    }
  }

  console.log('\n== Summary (ratios measured side by side in this run; targets are goals, not assertions) ==');
  console.log(
    table(
      ['section', 'backend', 'measure', 'baseline / small', 'large', 'ratio', 'target', 'verdict'],
      results.map((r) => [r.section, r.backend ?? 'sqlite', r.measure, r.small, r.large, r.error ? 'n/a' : r.ratio.toFixed(2), targetText(r), verdict(r)]),
    ),
  );
  const errors = results.filter((r) => r.error);
  if (errors.length > 0) console.log(`\nLines that could not be measured:\n${errors.map((r) => `- ${r.section}, ${r.measure}: ${r.error}`).join('\n')}`);
  if (notes.length > 0) console.log(`\nNotes:\n${notes.map((n) => `- ${n}`).join('\n')}`);
  if (failures.length > 0) console.log(`\nSections that did not finish:\n${failures.map((f) => `- ${f.split('\n')[0]}`).join('\n')}`);
  console.log(
    `\nTotal bench time ${fmtMs(performance.now() - started)} (load average at the end ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores).`,
  );
  if (failures.length > 0 || errors.length > 0) process.exitCode = 1;
}

process.on('SIGINT', () => {
  dropAll();
  void dropBackends().finally(() => process.exit(130));
});

try {
  await main();
} finally {
  dropAll();
  await dropBackends();
}
