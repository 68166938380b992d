/**
 * Prints the short summary of a Stryker JSON report (mutation-testing-report-schema): the score
 * of each file and in total, and every mutant that survived or was never reached by a test, one
 * line each, so a run's result fits on a screen. Usage: mutation-summary.ts reports/mutation/mutation.json
 */
import { readFileSync } from 'node:fs';

interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}
interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Stryker's score: detected / (detected + undetected); compile and runtime errors and ignored mutants do not count. */
function score(mutants: Mutant[]): { detected: number; undetected: number; percent: number } {
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const undetected = mutants.filter((m) => UNDETECTED.has(m.status)).length;
  const total = detected + undetected;
  return { detected, undetected, percent: total === 0 ? 100 : (100 * detected) / total };
}

/** The mutated text, on one line and cut short. */
function original(source: string, m: Mutant): string {
  const lines = source.split('\n');
  const { start, end } = m.location;
  const text = start.line === end.line ? lines[start.line - 1]!.slice(start.column - 1, end.column - 1) : `${lines[start.line - 1]!.slice(start.column - 1)} …`;
  return oneLine(text);
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 70 ? `${flat.slice(0, 67)}...` : flat;
}

const reportPath = process.argv[2] ?? 'reports/mutation/mutation.json';
const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
const files = Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b));
const all = files.flatMap(([, f]) => f.mutants);

console.log('\nMutation score per file (killed or timed out / all that ran or had no test):');
for (const [name, file] of files) {
  const s = score(file.mutants);
  console.log(`  ${s.percent.toFixed(1).padStart(5)} %  ${String(s.detected).padStart(4)} detected  ${String(s.undetected).padStart(3)} undetected  ${name}`);
}
const total = score(all);
console.log(
  `  ${total.percent.toFixed(1).padStart(5)} %  ${String(total.detected).padStart(4)} detected  ${String(total.undetected).padStart(3)} undetected  all files`,
);

const survivors = files.flatMap(([name, file]) => file.mutants.filter((m) => UNDETECTED.has(m.status)).map((m) => ({ name, file, m })));
console.log(`\nSurviving mutants (${survivors.length}):`);
for (const { name, file, m } of survivors) {
  const where = `${name}:${m.location.start.line}:${m.location.start.column}`;
  const status = m.status === 'NoCoverage' ? ' [no test reaches it]' : '';
  console.log(`  ${where}  ${m.mutatorName}${status}: ${original(file.source, m)}  ->  ${oneLine(m.replacement ?? '')}`);
}
console.log(`\nHTML report: ${reportPath.replace(/mutation\.json$/, 'index.html')}`);
