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

export function jsonEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
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
