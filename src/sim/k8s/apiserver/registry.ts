import { configMapKind } from './kinds/configmap.ts';
import { controllerRevisionKind } from './kinds/controllerrevision.ts';
import { daemonSetKind } from './kinds/daemonset.ts';
import { deploymentKind } from './kinds/deployment.ts';
import { endpointSliceKind, endpointsKind } from './kinds/endpoints.ts';
import { eventKind } from './kinds/event.ts';
import { jobKind } from './kinds/job.ts';
import { leaseKind } from './kinds/lease.ts';
import { componentStatusKind } from './kinds/componentstatus.ts';
import { namespaceKind } from './kinds/namespace.ts';
import { nodeKind } from './kinds/node.ts';
import { PASSIVE_KINDS } from './kinds/passive.ts';
import { podKind } from './kinds/pod.ts';
import { replicaSetKind } from './kinds/replicaset.ts';
import { serviceKind } from './kinds/service.ts';
import { statefulSetKind } from './kinds/statefulset.ts';
import { cronJobKind } from './kinds/cronjob.ts';
import { hpaKind } from './kinds/hpa.ts';
import { persistentVolumeClaimKind, persistentVolumeKind, storageClassKind } from './kinds/storage.ts';
import { groupOf, type KindDef } from './kinds/types.ts';

/** Every kind the API server serves, in discovery order. */
export const KINDS: readonly KindDef[] = [
  namespaceKind,
  nodeKind,
  podKind,
  serviceKind,
  endpointsKind,
  endpointSliceKind,
  configMapKind,
  eventKind,
  leaseKind,
  deploymentKind,
  replicaSetKind,
  daemonSetKind,
  statefulSetKind,
  controllerRevisionKind,
  jobKind,
  cronJobKind,
  hpaKind,
  persistentVolumeClaimKind,
  persistentVolumeKind,
  storageClassKind,
  componentStatusKind,
  ...PASSIVE_KINDS,
];

const byResource = new Map(KINDS.map((k) => [k.resource, k]));

/** The kind for a manifest's apiVersion and kind, or undefined (kubectl's "no matches for kind"). */
export function kindFor(apiVersion: string, kind: string): KindDef | undefined {
  return KINDS.find((k) => k.kind === kind && k.apiVersion === apiVersion);
}

/**
 * What kubectl accepts as a resource type: plural, singular, short name or
 * kind, any case, optionally with a group (`deployments.apps`).
 */
export function resolveResource(name: string): KindDef | undefined {
  const n = name.toLowerCase();
  const [base, ...rest] = n.split('.');
  const group = rest.join('.');
  return KINDS.find(
    (k) =>
      (!group || groupOf(k.apiVersion) === group) &&
      (k.resource === base || k.singular === base || k.kind.toLowerCase() === base || k.shortNames.includes(base!)),
  );
}

export function kindByResource(resource: string): KindDef | undefined {
  return byResource.get(resource);
}
