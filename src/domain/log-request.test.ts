import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { CHECK_STEP_FILES, logRequestChecks, validateLogRequest } from './log-request';

const digest = 'a'.repeat(64);
const files = (n: number) => Array.from({ length: n }, (_, i) => ({ path: `f/${i}`, digest, sizeBytes: 1 }));

function codeAndDetails(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, details: error.details };
    throw error;
  }
  return null;
}

describe('logRequestChecks', () => {
  it('pauses between steps of files, so a server can serve other requests during a big manifest', () => {
    const steps = logRequestChecks({ type: 'dataset', name: 'ds', files: files(CHECK_STEP_FILES * 3) });
    let pauses = 0;
    let step = steps.next();
    while (!step.done) {
      pauses++;
      step = steps.next();
    }
    expect(pauses).toBeGreaterThanOrEqual(3);
    expect(step.value.files).toHaveLength(CHECK_STEP_FILES * 3);
  });

  it('names the field of the file that breaks the shape, counted over the whole manifest', () => {
    const list: unknown[] = files(CHECK_STEP_FILES + 10);
    list[CHECK_STEP_FILES + 5] = { path: 'x', digest, sizeBytes: -1 };
    expect(codeAndDetails(() => validateLogRequest({ type: 'dataset', name: 'ds', files: list }))).toEqual({
      code: 'INVALID_REQUEST',
      details: { field: `files.${CHECK_STEP_FILES + 5}.sizeBytes` },
    });
  });

  it('refuses a manifest whose sizes add up beyond 2^53-1 before looking at names', () => {
    const huge = [
      { path: 'a', digest, sizeBytes: Number.MAX_SAFE_INTEGER },
      { path: 'b', digest, sizeBytes: 1 },
    ];
    expect(codeAndDetails(() => validateLogRequest({ type: 'bad name', name: 'ds', files: huge }))).toEqual({
      code: 'INVALID_REQUEST',
      details: { field: 'files' },
    });
  });
});
