import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.ts';
import { STAGES } from './stages.ts';

const policy = { initialMs: STAGES.backOffInitialMs, maxMs: STAGES.backOffMaxMs, resetMs: STAGES.backOffResetMs };

describe('kubelet restart back-off', () => {
  it('waits 10s, 20s, 40s, ... and never more than 5 minutes', () => {
    const b = new Backoff(policy);
    const delays = Array.from({ length: 8 }, (_, i) => b.next('web', i * 1000));
    expect(delays.map((d) => d / 1000)).toEqual([10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('starts again from 10s after 10 minutes without a failure', () => {
    const b = new Backoff(policy);
    b.next('web', 0);
    b.next('web', 1000);
    expect(b.next('web', 1000 + 600_001)).toBe(10_000);
  });

  it('keeps containers apart', () => {
    const b = new Backoff(policy);
    b.next('a', 0);
    b.next('a', 0);
    expect(b.next('b', 0)).toBe(10_000);
    expect(b.current('a')).toBe(20_000);
  });
});
