/**
 * JSON Schemas for the editor's YAML completion and hover, made from the
 * simulator's own definitions: the Compose schema the loader validates with,
 * and the field schemas the API server decodes each Kubernetes kind with
 * (the ones `kubectl explain` prints). Validation markers do not come from
 * these (see diagnostics.ts); they only drive completion and hover docs.
 */
import { z } from 'zod';
import { composeSchema } from '../sim/compose/load/schema.ts';
import { KINDS, type FieldSchema } from '../sim/k8s/apiserver/index.ts';

type JsonSchema = Record<string, unknown>;

/** One FieldSchema node as JSON Schema; objects are closed, as strict decoding is. */
export function fieldToJsonSchema(s: FieldSchema): JsonSchema {
  const base: JsonSchema = s.desc ? { description: s.desc } : {};
  switch (s.type) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return { ...base, type: s.type };
    case 'int-or-string':
      return { ...base, anyOf: [{ type: 'integer' }, { type: 'string' }] };
    case 'map':
      return { ...base, type: 'object', additionalProperties: { type: 'string' } };
    case 'array':
      return { ...base, type: 'array', ...(s.items ? { items: fieldToJsonSchema(s.items) } : {}) };
    case 'object': {
      if (!s.fields) return { ...base, type: 'object' };
      const required = Object.entries(s.fields)
        .filter(([, f]) => f.required)
        .map(([k]) => k);
      return {
        ...base,
        type: 'object',
        properties: Object.fromEntries(Object.entries(s.fields).map(([k, f]) => [k, fieldToJsonSchema(f)])),
        additionalProperties: false,
        ...(required.length ? { required } : {}),
      };
    }
    default:
      return base;
  }
}

/**
 * One schema for any manifest: apiVersion and kind complete from the kinds
 * the simulator serves, and the rest follows the chosen kind (if/then).
 */
export function kubernetesJsonSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubernetes object (kube-lessons simulator)',
    type: 'object',
    properties: {
      apiVersion: { type: 'string', enum: [...new Set(KINDS.map((k) => k.apiVersion))], description: 'Versioned schema of this object, e.g. apps/v1.' },
      kind: { type: 'string', enum: KINDS.map((k) => k.kind), description: 'What this object is, e.g. Deployment.' },
    },
    required: ['apiVersion', 'kind'],
    allOf: KINDS.map((k) => ({
      if: { properties: { kind: { const: k.kind } }, required: ['kind'] },
      then: (() => {
        const s = fieldToJsonSchema(k.schema);
        const props = { ...(s.properties as Record<string, JsonSchema>), apiVersion: { type: 'string', const: k.apiVersion, description: `${k.kind} is served as ${k.apiVersion}.` } };
        return { ...s, properties: props };
      })(),
    })),
  };
}

/**
 * The Compose loader's rules for the editor (Monaco's YAML language support).
 * Made here, not beside the schema, so zod's JSON Schema generator and its
 * cost at load time stay in the editor's chunk, off the terminal's path.
 */
export const composeJsonSchema = z.toJSONSchema(composeSchema, { io: 'input', unrepresentable: 'any' });
