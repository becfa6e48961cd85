import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../api/meta.ts';
import { clone, jsonEqual, validateMeta } from './meta.ts';

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

describe('jsonEqual (does an update change anything)', () => {
  const leaf = fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.constant(null));
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.oneof(tie('tree'), fc.constant(undefined)), { maxKeys: 4 })),
  }));
  /** The same value with every object's keys in reverse order. */
  const reversed = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(reversed) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;

  it('agrees with comparing sorted-key JSON, whatever the key order and undefined members', () => {
    fc.assert(
      fc.property(tree, tree, (a, b) => {
        const same = canonicalJson(a) === canonicalJson(b);
        expect(jsonEqual(a, b)).toBe(same);
        expect(jsonEqual(a, reversed(b))).toBe(same);
        expect(jsonEqual(a, reversed(a))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('sees a one-field change anywhere in a Lease, and an extra or missing key', () => {
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n', namespace: 'kube-node-lease', labels: { a: '1' } }, spec: { holderIdentity: 'n', renewTime: 't1' } };
    expect(jsonEqual(lease, { ...lease, spec: { ...lease.spec, renewTime: 't2' } })).toBe(false);
    expect(jsonEqual(lease, { ...lease, metadata: { ...lease.metadata, labels: { a: '2' } } })).toBe(false);
    expect(jsonEqual(lease, { ...lease, status: {} })).toBe(false);
    expect(jsonEqual({ ...lease, x: undefined }, lease)).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({}, [])).toBe(false);
  });
});

describe('validateMeta with frozen label maps (shared from the watch cache)', () => {
  const sub = (n: string) => (/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(n) ? [] : ['bad name']);
  it('still reports bad labels every time, and good ones never', () => {
    const bad = Object.freeze({ 'a b': 'x' });
    const good = Object.freeze({ app: 'web' });
    for (let i = 0; i < 2; i++) {
      expect(validateMeta({ name: 'web', labels: bad }, true, sub).map((c) => c.field)).toEqual(['metadata.labels']);
      expect(validateMeta({ name: 'web', labels: good, annotations: good }, true, sub)).toEqual([]);
    }
    // A valid map is remembered as valid, and a name is still checked on its own.
    expect(validateMeta({ name: 'Web', labels: good }, true, sub).map((c) => c.field)).toEqual(['metadata.name']);
  });
});
