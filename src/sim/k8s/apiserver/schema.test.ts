import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kindFor } from './registry.ts';
import { normalizeNulls, plainFits, typeError, unknownFields, type FieldSchema } from './schema.ts';

const pod = kindFor('v1', 'Pod')!.schema;

/** A pod-like object with random damage: nulls, wrong types, unknown keys, in known and unknown places. */
const damage = fc.constantFrom<unknown>(null, undefined, 'x', 7, 1.5, true, [], {}, [null], { z: null });
/** Mostly the good value, sometimes damaged. */
const or = <T,>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good as fc.Arbitrary<unknown>, weight: 6 }, { arbitrary: damage, weight: 1 });
const podLike = fc.record({
  apiVersion: fc.constant('v1'),
  kind: fc.constant('Pod'),
  metadata: fc.record({ name: or(fc.constant('web')), labels: or(fc.constant({ app: 'web' })), annotations: fc.option(damage, { nil: undefined }) }, { requiredKeys: ['name'] }),
  spec: fc.record(
    {
      containers: fc.oneof(fc.constant([{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }]), fc.array(fc.record({ name: or(fc.constant('c')), image: fc.constant('nginx'), ports: or(fc.constant([{ containerPort: 80 }])), resources: or(fc.constant({ limits: { cpu: '1', memory: 5 } })) }, { requiredKeys: ['name'] }), { maxLength: 2 }), damage),
      nodeName: or(fc.constant('n1')),
      imagez: fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: damage, weight: 1 }),
    },
    { requiredKeys: [] },
  ),
});

describe('plainFits (the one-walk fast path of strict decoding)', () => {
  it('says yes only when typeError, unknownFields and normalizeNulls have nothing to say', () => {
    let yes = 0;
    fc.assert(
      fc.property(podLike, (o) => {
        if (!plainFits(o, pod as FieldSchema)) return;
        yes++;
        expect(typeError(o, pod, 'Pod')).toBeUndefined();
        expect(unknownFields(o, pod)).toEqual([]);
        const before = JSON.stringify(o);
        normalizeNulls(o, pod);
        expect(JSON.stringify(o)).toBe(before);
      }),
      { numRuns: 1000 },
    );
    // The property would hold vacuously if plainFits always said no.
    expect(yes).toBeGreaterThan(20);
  });

  it('sends a mistyped field, an unknown field or a null down the slow path that words the error', () => {
    const ok = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    expect(plainFits(ok, pod)).toBe(true);
    expect(plainFits({ ...ok, spec: { containers: 'nginx' } }, pod)).toBe(false);
    expect(plainFits({ ...ok, spec: { ...ok.spec, imagez: 'x' } }, pod)).toBe(false);
    expect(plainFits({ ...ok, metadata: { ...ok.metadata, labels: { app: null } } }, pod)).toBe(false);
    expect(plainFits({ ...ok, spec: { containers: [null] } }, pod)).toBe(false);
  });

  it('remembers a frozen part that fitted only for the schema it fitted', () => {
    const containers = Object.freeze([Object.freeze({ name: 'c', image: 'nginx' })]);
    const spec = (pod as { fields: Record<string, FieldSchema> }).fields.spec!;
    const metadata = (pod as { fields: Record<string, FieldSchema> }).fields.metadata!;
    const frozenSpec = Object.freeze({ containers });
    expect(plainFits(frozenSpec, spec)).toBe(true);
    expect(plainFits(frozenSpec, spec)).toBe(true);
    // The same object where metadata belongs: 'containers' is unknown there.
    expect(plainFits(frozenSpec, metadata)).toBe(false);
    expect(plainFits({ apiVersion: 'v1', kind: 'Pod', metadata: frozenSpec }, pod)).toBe(false);
  });
});
