import { describe, expect, it } from 'vitest';
import { kubernetesJsonSchema } from './schemas.ts';

describe('editor schemas', () => {
  it('describe every kind the API server serves, with its fields closed like strict decoding', () => {
    const s = kubernetesJsonSchema() as { properties: { kind: { enum: string[] } }; allOf: { if: { properties: { kind: { const: string } } }; then: { properties: Record<string, { properties?: Record<string, unknown>; additionalProperties?: unknown }> } }[] };
    expect(s.properties.kind.enum).toEqual(expect.arrayContaining(['Deployment', 'Pod', 'Service', 'ConfigMap']));
    const deploy = s.allOf.find((b) => b.if.properties.kind.const === 'Deployment')!.then;
    expect(deploy.properties.spec!.properties).toHaveProperty('replicas');
    expect(deploy.properties.spec!.additionalProperties).toBe(false);
    expect(JSON.stringify(deploy)).toContain('"description"');
  });
});
