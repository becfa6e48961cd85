import { expect } from 'vitest';
import type { ApiResult } from '../status.ts';
import { kubectlMessage } from '../status.ts';

/** The text kubectl would print for a failed call; fails the test if the call succeeded. */
export function printed(r: ApiResult<unknown>, ctx: { verb?: string; file?: string } = {}): string {
  expect(r.ok).toBe(false);
  return r.ok ? '' : kubectlMessage(r.errors[0], ctx);
}

export function must<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.value;
}
