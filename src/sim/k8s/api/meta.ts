/**
 * Object-metadata facts that several actors share (the controllers that set
 * them and kubectl that reads them): well-known keys, the controller owner
 * reference, and deploymentutil.EqualIgnoreHash.
 */
import type { KubeObject, OwnerReference, PodTemplateSpec } from './types.ts';

/** deployment.kubernetes.io/revision on a Deployment and its ReplicaSets. */
export const REVISION = 'deployment.kubernetes.io/revision';
/** apps/v1 DefaultDeploymentUniqueLabelKey. */
export const HASH_LABEL = 'pod-template-hash';
/** What `kubectl rollout restart` sets on the pod template. */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** metav1.GetControllerOf. */
export function controllerRef(o: KubeObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}

/** JSON with object keys sorted, so equal values give equal strings. */
export function canonicalJson(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

/**
 * Structural equality of JSON values; key order does not matter. Every update
 * asks whether it changed anything, and the change is nearly always in a late
 * key (spec, status; a Lease's renewTime), so keys are compared last first;
 * no key lists are built.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const arr = Array.isArray(a);
  if (arr !== Array.isArray(b)) return false;
  if (arr) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = x.length - 1; i >= 0; i--) if (!jsonEqual(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  let defined = 0;
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i]!;
    const v = x[k];
    if (v === undefined) continue;
    defined++;
    if (!jsonEqual(v, y[k])) return false;
  }
  // Every defined key of a matched one in b; b has no others when the defined counts agree.
  let other = 0;
  for (const k in y) if (Object.prototype.hasOwnProperty.call(y, k) && y[k] !== undefined) other++;
  return defined === other;
}

/** A copy of the template without the pod-template-hash label (and without labels if that was the only one). */
export function templateWithoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const c = structuredClone(t);
  if (c.metadata?.labels) {
    delete c.metadata.labels[HASH_LABEL];
    if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
  }
  return c;
}

/** deploymentutil.EqualIgnoreHash: the same template but for the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return canonicalJson(templateWithoutHash(a)) === canonicalJson(templateWithoutHash(b));
}
