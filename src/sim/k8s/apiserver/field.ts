import type { StatusCause } from './status.ts';

/**
 * Field errors as k8s.io/apimachinery/pkg/util/validation/field renders them:
 * `Invalid value: "Web": <detail>`, `Required value`, `Duplicate value: "c"`.
 */
export type FieldErrors = StatusCause[];

/** Go's %#v-ish rendering the apiserver uses for bad values. */
export function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')) {
    const entries = Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify((v as Record<string, string>)[k])}`);
    return `map[string]string{${entries.join(', ')}}`;
  }
  return JSON.stringify(v);
}

export const invalidField = (field: string, value: unknown, detail: string): StatusCause => ({
  reason: 'FieldValueInvalid',
  field,
  message: `Invalid value: ${goValue(value)}${detail ? `: ${detail}` : ''}`,
});

export const requiredField = (field: string, detail = ''): StatusCause => ({
  reason: 'FieldValueRequired',
  field,
  message: detail ? `Required value: ${detail}` : 'Required value',
});

export const duplicateField = (field: string, value: unknown): StatusCause => ({
  reason: 'FieldValueDuplicate',
  field,
  message: `Duplicate value: ${goValue(value)}`,
});

export const forbiddenField = (field: string, detail: string): StatusCause => ({
  reason: 'FieldValueForbidden',
  field,
  message: `Forbidden: ${detail}`,
});

export const notSupportedField = (field: string, value: unknown, valid: string[]): StatusCause => ({
  reason: 'FieldValueNotSupported',
  field,
  message: `Unsupported value: ${goValue(value)}: supported values: ${valid.map((x) => JSON.stringify(x)).join(', ')}`,
});

export const tooLongField = (field: string, max: number): StatusCause => ({
  reason: 'FieldValueTooLong',
  field,
  message: `Too long: may not be more than ${max} bytes`,
});

export const notFoundField = (field: string, value: unknown): StatusCause => ({
  reason: 'FieldValueNotFound',
  field,
  message: `Not found: ${goValue(value)}`,
});
