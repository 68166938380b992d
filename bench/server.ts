/** The real server as a child process (`node --import tsx src/server/main.ts`), on a free port. */
import { spawn, type ChildProcess } from 'node:child_process';
import { BENCH_API_KEY } from './as-admin';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { procStatusKb } from './stats';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RunningServer {
  url: string;
  pid: number;
  /** Peak resident set size of the server process so far (VmHWM), in kB. */
  peakRssKb(): number;
  /** The last few kB the server printed (an error's cause, when a route answers 5xx). */
  lastOutput(): string;
  stop(): Promise<void>;
}

export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_DATA: '0',
      GC_INTERVAL_SECONDS: '86400',
      ADMIN_API_KEY: BENCH_API_KEY,
      ADMIN_PASSWORD: 'bench-admin-password',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`server did not start within 60 s:\n${output}`)), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => fail(new Error(`server exited with code ${code} before listening:\n${output}`)));
  });
  // Keep draining the pipes so a chatty server never blocks on a full pipe; keep the tail.
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout!.removeAllListeners('data');
  child.stderr!.removeAllListeners('data');
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const pid = child.pid!;
  return {
    url,
    pid,
    peakRssKb: () => procStatusKb(pid, 'VmHWM'),
    lastOutput: () => tail,
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * How long one health request to the server at `url` takes, answer read: the latency sections'
 * probe. A server whose event loop was held longer than its keep-alive timeout (5 s) closes the idle
 * socket the moment its timers run again, under a request just sent on it (ECONNRESET, seen before
 * decision 195): the request is sent again on a new socket, and the whole wait counted.
 */
export async function healthMs(url: string): Promise<number> {
  const started = performance.now();
  const ask = async () => (await fetch(`${url}/api/v1/health`)).text();
  try {
    await ask();
  } catch {
    await ask();
  }
  return performance.now() - started;
}
