import { findUntoleratedTaint } from '../api/taints.ts';
import type { KubeObject, Labels, OwnerReference, Pod, Taint, Toleration } from '../api/types.ts';
import type { ApiResult } from './client.ts';

/** Shared helpers of the controllers: selectors, owners, pod state, taints, time. */

export { canonicalJson, controllerRef, jsonEqual } from '../api/meta.ts';

/** A workload's LabelSelector (nil: nothing, `{}`: everything) and a Service's map selector (absent or empty: nothing). */
export { labelSelectorMatches as matchesSelector, serviceSelects as matchesMap } from '../api/labels.ts';

export function ownerRefTo(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

export function clone<T>(o: T): T {
  return structuredClone(o);
}

export { rfc3339 } from '../time.ts';

import { parseTime } from '../time.ts';

export { parseTime };

/** Code-unit order: the same on every host, unlike localeCompare. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function keyOf(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

/** Counts toward a controller's replicas: not finished and not being deleted. */
export function isPodActive(p: Pod): boolean {
  return p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && p.metadata.deletionTimestamp === undefined;
}

export function podReadyCondition(p: Pod) {
  return p.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(p: Pod): boolean {
  return podReadyCondition(p)?.status === 'True';
}

/** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
export function isPodAvailable(p: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(p)) return false;
  if (minReadySeconds <= 0) return true;
  const since = parseTime(podReadyCondition(p)?.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 <= now;
}

/** Milliseconds until a ready pod turns available, or undefined when nothing will change by waiting. */
export function msUntilAvailable(p: Pod, minReadySeconds: number, now: number): number | undefined {
  if (!isPodReady(p) || minReadySeconds <= 0) return undefined;
  const since = parseTime(podReadyCondition(p)?.lastTransitionTime);
  if (since === undefined) return undefined;
  const left = since + minReadySeconds * 1000 - now;
  return left > 0 ? left : undefined;
}

export { toleratesTaint as tolerates } from '../api/taints.ts';

/** The first taint with one of these effects that no toleration tolerates. */
export function untoleratedTaint(tolerations: Toleration[] | undefined, taints: Taint[] | undefined, effects: Taint['effect'][]): Taint | undefined {
  return findUntoleratedTaint(taints, tolerations, (t) => effects.includes(t.effect));
}

/** The list, or [] when the call failed (the next resync retries). */
export function listOr<T>(r: ApiResult<T[]>): T[] {
  return r.ok ? r.value : [];
}

/** The Pod a controller creates from its template. */
export function podFromTemplate(owner: KubeObject, template: { metadata?: Partial<KubeObject['metadata']>; spec: Pod['spec'] }, extraLabels: Labels = {}): Pod {
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      labels: { ...(meta.labels ?? {}), ...extraLabels },
      ownerReferences: [ownerRefTo(owner)],
    },
    spec: clone(template.spec),
  };
  if (meta.annotations && Object.keys(meta.annotations).length) pod.metadata.annotations = { ...meta.annotations };
  if (meta.finalizers?.length) pod.metadata.finalizers = [...meta.finalizers];
  return pod;
}
