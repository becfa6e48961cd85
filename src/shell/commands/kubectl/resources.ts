/**
 * The resource types kubectl knows in the simulator: what discovery would tell
 * it (plural, singular, short names, group, scope). Shared by argument
 * resolution, `-o name`, `get all` prefixes and completion.
 */
import { groupOf, PASSIVE_KINDS } from '../../../sim/k8s/apiserver/index.ts';

export interface ResourceInfo {
  /** Plural resource name, as in URLs: `pods`. */
  resource: string;
  singular: string;
  kind: string;
  /** API group; '' for the core group. */
  group: string;
  version: string;
  shortNames: string[];
  namespaced: boolean;
}

const r = (resource: string, singular: string, kind: string, group: string, version: string, shortNames: string[], namespaced = true): ResourceInfo => ({
  resource,
  singular,
  kind,
  group,
  version,
  shortNames,
  namespaced,
});

export const RESOURCES: readonly ResourceInfo[] = [
  r('pods', 'pod', 'Pod', '', 'v1', ['po']),
  r('nodes', 'node', 'Node', '', 'v1', ['no'], false),
  r('deployments', 'deployment', 'Deployment', 'apps', 'v1', ['deploy']),
  r('replicasets', 'replicaset', 'ReplicaSet', 'apps', 'v1', ['rs']),
  r('daemonsets', 'daemonset', 'DaemonSet', 'apps', 'v1', ['ds']),
  r('statefulsets', 'statefulset', 'StatefulSet', 'apps', 'v1', ['sts']),
  r('controllerrevisions', 'controllerrevision', 'ControllerRevision', 'apps', 'v1', []),
  r('services', 'service', 'Service', '', 'v1', ['svc']),
  r('endpoints', 'endpoints', 'Endpoints', '', 'v1', ['ep']),
  r('endpointslices', 'endpointslice', 'EndpointSlice', 'discovery.k8s.io', 'v1', []),
  r('events', 'event', 'Event', '', 'v1', ['ev']),
  r('namespaces', 'namespace', 'Namespace', '', 'v1', ['ns'], false),
  r('jobs', 'job', 'Job', 'batch', 'v1', []),
  r('cronjobs', 'cronjob', 'CronJob', 'batch', 'v1', ['cj']),
  r('horizontalpodautoscalers', 'horizontalpodautoscaler', 'HorizontalPodAutoscaler', 'autoscaling', 'v2', ['hpa']),
  r('configmaps', 'configmap', 'ConfigMap', '', 'v1', ['cm']),
  r('leases', 'lease', 'Lease', 'coordination.k8s.io', 'v1', []),
  r('persistentvolumeclaims', 'persistentvolumeclaim', 'PersistentVolumeClaim', '', 'v1', ['pvc']),
  r('persistentvolumes', 'persistentvolume', 'PersistentVolume', '', 'v1', ['pv'], false),
  r('storageclasses', 'storageclass', 'StorageClass', 'storage.k8s.io', 'v1', ['sc'], false),
  r('componentstatuses', 'componentstatus', 'ComponentStatus', '', 'v1', ['cs'], false),
  // Kinds the API server stores without a simulated controller (Ingress, Secret…): discovery lists them too.
  ...PASSIVE_KINDS.map((k) => r(k.resource, k.singular, k.kind, groupOf(k.apiVersion), k.apiVersion.split('/').pop()!, k.shortNames, k.namespaced)),
];

/** What `kubectl get all` expands to, in discovery order. */
export const ALL_CATEGORY: readonly string[] = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs'];

/**
 * Resolves what a user typed (`po`, `Pods`, `deployment.apps`, `deploy.v1.apps`)
 * the way kubectl's REST mapper does: case-insensitive, optional group suffix.
 */
export function resolveResource(word: string): ResourceInfo | undefined {
  const w = word.toLowerCase();
  for (const info of RESOURCES) {
    const names = [info.resource, info.singular, info.kind.toLowerCase(), ...info.shortNames];
    for (const n of names) {
      if (w === n) return info;
      if (info.group && (w === `${n}.${info.group}` || w === `${n}.${info.version}.${info.group}`)) return info;
      if (!info.group && w === `${n}.${info.version}`) return info;
    }
  }
  return undefined;
}

export function resourceForKind(kind: string): ResourceInfo | undefined {
  return RESOURCES.find((i) => i.kind === kind);
}

/** `pod`, `deployment.apps`: the prefix of `-o name` and of `get all` rows (lower-cased Kind.group). */
export function kindPrefix(kind: string, apiVersion?: string): string {
  const info = resourceForKind(kind);
  const group = info ? info.group : apiVersion && apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return (group ? `${kind}.${group}` : kind).toLowerCase();
}
