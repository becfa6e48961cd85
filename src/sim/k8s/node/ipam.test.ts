import { describe, expect, it } from 'vitest';
import { PodIPAllocator } from './ipam.ts';

describe('pod IP allocation from the node pod CIDR', () => {
  it('hands out .2, .3, .4 in order', () => {
    const a = new PodIPAllocator('10.244.1.0/24');
    expect([a.allocate(), a.allocate(), a.allocate()]).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4']);
  });

  it('does not give a released address to the next pod', () => {
    const a = new PodIPAllocator('10.244.1.0/24');
    const first = a.allocate()!;
    a.release(first);
    expect(a.allocate()).toBe('10.244.1.3');
  });

  it('wraps around to free addresses and reports exhaustion', () => {
    const a = new PodIPAllocator('10.244.1.0/30'); // .2 only usable besides gateway .1 and broadcast .3
    expect(a.allocate()).toBe('10.244.1.2');
    expect(a.allocate()).toBeUndefined();
    a.release('10.244.1.2');
    expect(a.allocate()).toBe('10.244.1.2');
  });
});
