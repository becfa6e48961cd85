import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

/**
 * Golden files, kwok style: the expected output lives in a file beside the
 * test and is reviewed as a diff. `UPDATE_GOLDEN=1 npx vitest run` rewrites
 * them. Volatile parts must be normalised by the caller before comparing.
 */
export function expectGolden(file: string, actual: string): void {
  const update = process.env.UPDATE_GOLDEN === '1';
  if (update || !existsSync(file)) {
    // In CI (.ci/run sets CI=1) a missing golden is a failure: writing it would make the test pass without anyone reviewing it.
    if (!update && isCI()) throw new Error(`golden file ${file} is missing; run UPDATE_GOLDEN=1 npx vitest run and review it`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

function isCI(): boolean {
  const v = process.env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}
