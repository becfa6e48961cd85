import { describe, expect, it } from 'vitest';
import { composeJsonSchema } from '../../../editor/schemas.ts';
import { composeSchema } from './schema.ts';

type Json = { properties?: Record<string, Json>; additionalProperties?: unknown; patternProperties?: unknown; type?: unknown; anyOf?: Json[] };

describe('composeJsonSchema', () => {
  const root = composeJsonSchema as Json;
  const service = root.properties!.services!.additionalProperties as Json;

  it('closes objects but allows x- extensions, for the editor as for the loader', () => {
    expect([root.additionalProperties, root.patternProperties]).toEqual([false, { '^x-': {} }]);
    expect([service.additionalProperties, service.patternProperties]).toEqual([false, { '^x-': {} }]);
    expect(composeSchema.safeParse({ 'x-anchors': { a: 1 }, services: { web: { image: 'nginx', 'x-note': 1 } } }).success).toBe(true);
    expect(composeSchema.safeParse({ services: { web: { image: 'nginx', imag: 'x' } } }).success).toBe(false);
  });

  it('knows service attributes the simulator does not model', () => {
    for (const k of ['secrets', 'configs', 'logging', 'develop', 'extends', 'cap_add']) expect(Object.keys(service.properties!)).toContain(k);
    expect(service.properties!.ports!.type).toBe('array');
  });
});
