/**
 * `kubectl describe`: the kind's describer with the objects it reads
 * (a node's pods and lease, a deployment's ReplicaSets, a service's
 * EndpointSlices) and the events whose involvedObject uid is the object's.
 * Kinds without a describer get Name/Namespace/Labels/Annotations.
 */
import type { CronJob, Deployment, HorizontalPodAutoscaler, EndpointSlice, Event, KubeObject, Lease, Node, PersistentVolume, PersistentVolumeClaim, Pod, ReplicaSet, Service, StatefulSet } from '../../../../sim/k8s/api/types.ts';
import { controllerRef, REVISION } from '../../../../sim/k8s/api/meta.ts';
import { noResourcesFound } from '../print/table.ts';
import { PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, describeEvents } from '../print/describe/common.ts';
import { describeCronJob, describeDeployment, describeHorizontalPodAutoscaler, describeNode, describePersistentVolume, describePersistentVolumeClaim, describePod, describeReplicaSet, describeService, describeStatefulSet } from '../print/describe/describe.ts';
import { fetchTargets } from './get.ts';
import { targets, type Kctx, type Subcommand } from './context.ts';

function list<T extends KubeObject>(k: Kctx, resource: string, ns: string | undefined, opts: { labelSelector?: string; fieldSelector?: string } = {}): T[] {
  const r = k.api.list<T>(resource, ns, opts);
  return r.ok ? r.value.items : [];
}

function eventsFor(k: Kctx, o: KubeObject): Event[] | undefined {
  if (k.args.flags['show-events'] === false) return undefined;
  // kubectl's searchEvents asks the server for the object's events by field selector.
  // Write order (resourceVersion) first, so events of the same second keep the order they happened in.
  const fieldSelector = [`involvedObject.name=${o.metadata.name}`, ...(o.metadata.namespace ? [`involvedObject.namespace=${o.metadata.namespace}`] : []), `involvedObject.kind=${o.kind}`, `involvedObject.uid=${o.metadata.uid ?? ''}`].join(',');
  return list<Event>(k, 'events', o.metadata.namespace ?? 'default', { fieldSelector })
    .filter((e) => e.involvedObject.uid === o.metadata.uid)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
}

const owned = (o: KubeObject, owner: KubeObject) => controllerRef(o)?.uid === owner.metadata.uid;
const revision = (rs: ReplicaSet) => Number(rs.metadata.annotations?.[REVISION] ?? 0);

export function describeObject(k: Kctx, o: KubeObject): string {
  const now = k.now();
  const events = eventsFor(k, o);
  switch (o.kind) {
    case 'Pod':
      return describePod(o as Pod, events, now);
    case 'Node': {
      const pods = list<Pod>(k, 'pods', undefined, { fieldSelector: `spec.nodeName=${o.metadata.name}` }).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
      const lease = k.api.get<Lease>('leases', 'kube-node-lease', o.metadata.name);
      return describeNode({ node: o as Node, pods, events, ...(lease.ok ? { lease: lease.value } : {}) }, now);
    }
    case 'Deployment': {
      const rss = list<ReplicaSet>(k, 'replicasets', o.metadata.namespace).filter((rs) => owned(rs, o));
      const d = o as Deployment;
      const current = d.metadata.annotations?.[REVISION];
      const newRs = rss.find((rs) => rs.metadata.annotations?.[REVISION] === current) ?? [...rss].sort((a, b) => revision(b) - revision(a))[0];
      return describeDeployment({ deployment: d, ...(newRs ? { newReplicaSet: newRs } : {}), oldReplicaSets: rss.filter((rs) => rs !== newRs && (rs.spec.replicas ?? 0) > 0), events }, now);
    }
    case 'ReplicaSet':
      return describeReplicaSet(o as ReplicaSet, list<Pod>(k, 'pods', o.metadata.namespace).filter((p) => owned(p, o)), events, now);
    case 'StatefulSet':
      return describeStatefulSet(o as StatefulSet, list<Pod>(k, 'pods', o.metadata.namespace).filter((p) => owned(p, o)), events, now);
    case 'PersistentVolumeClaim': {
      const usedBy = list<Pod>(k, 'pods', o.metadata.namespace).filter((p) => (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === o.metadata.name)).map((p) => p.metadata.name);
      return describePersistentVolumeClaim(o as PersistentVolumeClaim, usedBy, events, now);
    }
    case 'HorizontalPodAutoscaler':
      return describeHorizontalPodAutoscaler(o as HorizontalPodAutoscaler, events, now);
    case 'CronJob':
      return describeCronJob(o as CronJob, events, now);
    case 'PersistentVolume':
      return describePersistentVolume(o as PersistentVolume, events, now);
    case 'Service':
      return describeService(o as Service, list<EndpointSlice>(k, 'endpointslices', o.metadata.namespace, { labelSelector: `kubernetes.io/service-name=${o.metadata.name}` }), events, now);
    default:
      return describeGeneric(o, events, now);
  }
}

function describeGeneric(o: KubeObject, events: Event[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  if (o.metadata.namespace) w.write(0, `Namespace:\t${o.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', o.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', o.metadata.annotations);
  describeEvents(w, events, now);
  return w.toString();
}

export const describe: Subcommand = (k) => {
  const ts = targets(k, 'describe');
  if (typeof ts === 'number') return ts;
  const found = fetchTargets(k, ts);
  const objs = found.groups.flat();
  if (!objs.length && !found.named) {
    const clusterScoped = ts.every((t) => !t.resource.namespaced);
    if (found.failed) return 1;
    k.err(noResourcesFound(k.args.allNamespaces || clusterScoped ? undefined : k.ns));
    return 0;
  }
  // One blank line between descriptions.
  k.out(objs.map((o) => describeObject(k, o)).join('\n'));
  return found.failed ? 1 : 0;
};
