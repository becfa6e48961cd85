import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heapPop, heapPush } from './heap.ts';

describe('binary heap', () => {
  it('pops in before() order through any mix of pushes and pops', () => {
    const before = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(-1)), { maxLength: 200 }), (ops) => {
        const h: [number, number][] = [];
        const model: [number, number][] = [];
        ops.forEach((op, seq) => {
          if (op >= 0) {
            heapPush(h, [op, seq], before);
            model.push([op, seq]);
            model.sort((a, b) => (before(a, b) ? -1 : 1));
          } else expect(heapPop(h, before)).toEqual(model.shift());
        });
      }),
    );
  });
});
