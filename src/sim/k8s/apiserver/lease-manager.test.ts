import { describe, expect, it } from 'vitest';
import { LEASE_MAX_ATTACHED_OBJECT_COUNT, LeaseManager } from './lease-manager.ts';

/** A manager over a fake etcd that numbers its grants, at a settable time. */
function manager() {
  const granted: number[] = [];
  let now = 0;
  const m = new LeaseManager((ttl) => {
    granted.push(ttl);
    return `lease-${granted.length}`;
  }, () => now);
  return { m, granted, at: (ms: number) => (now = ms) };
}

describe('LeaseManager (kube-apiserver lease_manager.go)', () => {
  it.each([
    // [second write at (s), same lease]
    [0, true],
    [59, true],
    // Past the reuse window of min(5% of 3600 s, 60 s): a new lease.
    [60, false],
    [61, false],
  ])('a write %is after the first one reuses its lease: %s', (s, same) => {
    const { m, granted, at } = manager();
    const first = m.getLease(3600);
    at(s * 1000);
    expect(m.getLease(3600) === first).toBe(same);
    // Granted for the TTL plus the reuse window, so an object lives at least its TTL.
    expect(granted[0]).toBe(3660);
  });

  it('takes a new lease after 1,000 objects, and after a reset', () => {
    const { m, granted } = manager();
    for (let i = 0; i < LEASE_MAX_ATTACHED_OBJECT_COUNT; i++) expect(m.getLease(3600)).toBe('lease-1');
    expect(m.getLease(3600)).toBe('lease-2');
    m.reset();
    expect(m.getLease(3600)).toBe('lease-3');
    expect(granted).toEqual([3660, 3660, 3660]);
  });

  it('a short TTL reuses for 5% of it', () => {
    const { m, granted, at } = manager();
    m.getLease(100);
    at(4_000);
    expect(m.getLease(100)).toBe('lease-1');
    at(5_000);
    expect(m.getLease(100)).toBe('lease-2');
    expect(granted).toEqual([105, 105]);
  });
});
