// Every test fails on console.error: React warnings, act() warnings and failed requests are bugs.
import { afterEach, beforeEach, vi } from 'vitest';

let errors: unknown[][] = [];

beforeEach(() => {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length > 0) {
    const text = errors.map((args) => args.map(String).join(' ')).join('\n');
    throw new Error(`console.error was called during the test:\n${text}`);
  }
});

if (typeof window !== 'undefined') {
  await import('@testing-library/jest-dom/vitest');
  const { configure } = await import('@testing-library/react');
  // findBy*/waitFor wait on state, never on time, but the default gives up after 1 s: on a busy
  // 2-core machine a page over the mock backend can take longer than that to render, and the test
  // then fails although nothing is wrong. 10 s is far above any real wait and well inside the
  // 20 s test timeout, so a state that never comes still fails the test with its own message.
  configure({ asyncUtilTimeout: 10_000 });
}
