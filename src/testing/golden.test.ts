import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectGolden } from './golden.ts';

describe('expectGolden', () => {
  afterEach(() => vi.unstubAllEnvs());
  const missing = () => join(mkdtempSync(join(tmpdir(), 'golden-')), 'out.txt');

  it('fails on a missing golden in CI instead of writing it', () => {
    vi.stubEnv('CI', '1');
    vi.stubEnv('UPDATE_GOLDEN', '');
    const file = missing();
    expect(() => expectGolden(file, 'x')).toThrow(/golden file .* is missing/);
    expect(existsSync(file)).toBe(false);
  });

  it('writes a missing golden outside CI, or with UPDATE_GOLDEN=1', () => {
    vi.stubEnv('CI', '');
    const a = missing();
    expectGolden(a, 'x');
    expect(existsSync(a)).toBe(true);
    vi.stubEnv('CI', '1');
    vi.stubEnv('UPDATE_GOLDEN', '1');
    const b = missing();
    expectGolden(b, 'x');
    expect(existsSync(b)).toBe(true);
  });
});
