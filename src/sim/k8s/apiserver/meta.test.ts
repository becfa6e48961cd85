import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clone } from './meta.ts';

describe('clone (the API server\'s copy of what it is given)', () => {
  it('gives exactly what a JSON round trip gives, for any JSON-like value with undefined, NaN and nested arrays', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(Number.NaN), fc.constant(Infinity));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree')), fc.dictionary(fc.string(), tie('tree'))),
    }));
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(fc.string(), tree), fc.array(tree)), (v) => {
        expect(clone(v)).toStrictEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 200 },
    );
  });

  it('shares nothing with its input, honours toJSON (dates) and keeps key order', () => {
    const o = { b: { c: [1, { d: 2 }] }, a: new Date(0), e: undefined, f: () => 1 };
    const c = clone(o) as unknown as { b: { c: [number, { d: number }] }; a: string };
    expect(c).toStrictEqual({ b: { c: [1, { d: 2 }] }, a: '1970-01-01T00:00:00.000Z' });
    expect(Object.keys(c)).toEqual(['b', 'a']);
    c.b.c[1].d = 3;
    expect(o.b.c[1]).toEqual({ d: 2 });
    expect(clone(undefined)).toBeUndefined();
    const hostile = JSON.parse('{"__proto__": {"x": 1}, "y": [null]}') as object;
    expect(clone(hostile)).toStrictEqual(JSON.parse(JSON.stringify(hostile)));
    expect(Object.getPrototypeOf(clone(hostile))).toBe(Object.prototype);
  });
});
