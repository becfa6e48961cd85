import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';

describe('Rng', () => {
  it('gives the same sequence for the same seed', () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const a = new Rng(seed);
        const b = new Rng(seed);
        return Array.from({ length: 20 }, () => a.nextUint32()).join() === Array.from({ length: 20 }, () => b.nextUint32()).join();
      }),
    );
  });

  it('is pinned: a change to the generator shows up here (and in every golden file)', () => {
    const r = new Rng(42);
    expect([r.hex(12), r.k8sSuffix(5), r.int(100)]).toMatchSnapshot();
  });

  it('stays in range', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const r = new Rng(seed);
        for (let i = 0; i < 50; i++) {
          const v = r.int(n);
          if (v < 0 || v >= n || !Number.isInteger(v)) return false;
        }
        return true;
      }),
    );
  });

  it('hex and k8s suffixes have the asked length and alphabet', () => {
    const r = new Rng(7);
    expect(r.hex(64)).toMatch(/^[0-9a-f]{64}$/);
    expect(r.k8sSuffix(5)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('hex(n) is the numbers\' 8-digit hex, most significant digit first, cut to n (one number per 8 digits or fewer)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 70 }), (seed, n) => {
        const r = new Rng(seed);
        const ref = new Rng(seed);
        let want = '';
        while (want.length < n) want += ref.nextUint32().toString(16).padStart(8, '0');
        return r.hex(n) === want.slice(0, n) && r.nextUint32() === ref.nextUint32();
      }),
    );
  });

  it('different seeds diverge', () => {
    expect(new Rng(1).hex(16)).not.toBe(new Rng(2).hex(16));
  });
});
