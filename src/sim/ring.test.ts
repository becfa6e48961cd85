import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ring } from './ring.ts';

describe('Ring', () => {
  it('keeps the newest entries, oldest first, once it wraps', () => {
    const r = new Ring<number>(3);
    for (let i = 1; i <= 5; i++) r.push(i);
    expect(r.size).toBe(3);
    expect(r.last(10)).toEqual([3, 4, 5]);
    expect(r.last(2)).toEqual([4, 5]);
    expect(r.last(0)).toEqual([]);
  });

  it('matches an array that drops its head (random pushes and reads)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer(), { maxLength: 100 }), fc.integer({ min: -2, max: 30 }), (cap, xs, n) => {
        const r = new Ring<number>(cap);
        for (const x of xs) r.push(x);
        const model = xs.slice(-cap);
        expect(r.size).toBe(model.length);
        expect(r.last(n)).toEqual(n <= 0 ? [] : model.slice(-n));
      }),
    );
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new Ring(0)).toThrow(RangeError);
    expect(() => new Ring(1.5)).toThrow(RangeError);
  });
});
