import type { KubeObject, ObjectMeta } from '../api/types.ts';
import type { Rng } from '../../rng.ts';
import { forbiddenField, invalidField, requiredField, tooLongField } from './field.ts';
import type { StatusCause } from './status.ts';
import { dns1123Label, dns1123Subdomain, labelKey, labelValueErrors } from './names.ts';

export { rfc3339 } from '../time.ts';
export { jsonEqual } from '../api/meta.ts';

/** A version 4 UUID drawn from the world's seeded rng. */
export function uuid(rng: Rng): string {
  // Version nibble 4, variant 10xx: the same digits as before, by slicing rather than an array of 32 characters.
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) & 3]!}${h.slice(17, 20)}-${h.slice(20)}`;
}

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export const utf8Length = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
};

export function validateMeta(m: ObjectMeta, namespaced: boolean, nameRule: (n: string) => string[]): StatusCause[] {
  const errs: StatusCause[] = [];
  if (!m.name) errs.push(requiredField('metadata.name', 'name or generateName is required'));
  else for (const e of nameRule(m.name)) errs.push(invalidField('metadata.name', m.name, e));
  if (namespaced && m.namespace) for (const e of dns1123Label(m.namespace)) errs.push(invalidField('metadata.namespace', m.namespace, e));
  const labels = m.labels;
  if (labels && !validMaps.has(labels)) {
    const before = errs.length;
    for (const [k, v] of Object.entries(labels)) {
      for (const e of labelKey(k)) errs.push(invalidField('metadata.labels', k, e));
      if (typeof v !== 'string') errs.push(invalidField('metadata.labels', v, 'must be a string'));
      else for (const e of labelValueErrors(v)) errs.push(invalidField('metadata.labels', v, e));
    }
    if (errs.length === before && Object.isFrozen(labels)) validMaps.add(labels);
  }
  const annotations = m.annotations;
  if (annotations && !validMaps.has(annotations)) {
    const before = errs.length;
    for (const k of Object.keys(annotations)) for (const e of labelKey(k.toLowerCase())) errs.push(invalidField('metadata.annotations', k, e));
    // ValidateAnnotationsSize: keys plus values, in bytes (kubectl apply's last-applied copy counts too).
    const annotationBytes = Object.entries(annotations).reduce((n, [k, v]) => n + utf8Length(k) + utf8Length(String(v)), 0);
    if (annotationBytes > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLongField('metadata.annotations', TOTAL_ANNOTATION_SIZE_LIMIT));
    if (errs.length === before && Object.isFrozen(annotations)) validMaps.add(annotations);
  }
  return errs;
}

/** Frozen label and annotation maps (shared from the watch cache by every update of an object) found valid: they cannot change. */
const validMaps = new WeakSet<object>();

/** Fields of metadata that never change after create. */
export function validateMetaUpdate(m: ObjectMeta, old: ObjectMeta): StatusCause[] {
  const errs: StatusCause[] = [];
  if (m.uid !== undefined && m.uid !== old.uid) errs.push(invalidField('metadata.uid', m.uid, 'field is immutable'));
  if (m.creationTimestamp !== undefined && m.creationTimestamp !== old.creationTimestamp)
    errs.push(invalidField('metadata.creationTimestamp', m.creationTimestamp, 'field is immutable'));
  if (m.generateName !== undefined && old.generateName !== undefined && m.generateName !== old.generateName)
    errs.push(invalidField('metadata.generateName', m.generateName, 'field is immutable'));
  if (old.deletionTimestamp && m.finalizers && m.finalizers.some((f) => !(old.finalizers ?? []).includes(f)))
    errs.push(forbiddenField('metadata.finalizers', 'no new finalizers can be added if the object is being deleted'));
  return errs;
}

export const subdomainName = dns1123Subdomain;

/**
 * Deep copy with JSON's semantics (what a stringify + parse round trip gives:
 * undefined, function and symbol members dropped, in arrays null; non-finite
 * numbers null; toJSON honoured), walked directly: every update copies its
 * input, and the round trip was 8 µs of a 60 µs Lease renewal, plus garbage.
 */
export function clone<T>(o: T): T {
  return o === undefined ? o : (jsonCopy(o) as T);
}

/**
 * clone, except that frozen objects are shared, not copied: they come from the
 * watch cache (JSON values, read-only for everyone), so a copy could only ever
 * be read as well. For a write whose result the cache adopts and freezes: a
 * Lease renewal copies its spec, not the metadata it was built from.
 */
export function cloneShared<T>(o: T): T {
  return o === undefined ? o : (jsonCopy(o, true) as T);
}

function jsonCopy(v: unknown, share = false): unknown {
  if (typeof v !== 'object' || v === null) {
    if (typeof v === 'number') return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    // bigint throws, as JSON.stringify does; functions and symbols at the top become undefined, as there.
    return typeof v === 'bigint' ? JSON.stringify(v) : typeof v === 'function' || typeof v === 'symbol' ? undefined : v;
  }
  if (share && Object.isFrozen(v)) return v;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(v)) as unknown;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      out[i] = x === undefined || typeof x === 'function' || typeof x === 'symbol' ? null : jsonCopy(x, share);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    // JSON.parse makes "__proto__" an own key; an assignment would set the prototype.
    if (k === '__proto__') Object.defineProperty(out, k, { value: jsonCopy(x, share), enumerable: true, writable: true, configurable: true });
    else out[k] = jsonCopy(x, share);
  }
  return out;
}

/** Everything except metadata and status: what a generation bump is about. */
export function specOf(o: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o as KubeObject & { status?: unknown };
  return rest;
}
