import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../api/types.ts';
import { ANN_BIND_COMPLETED, ANN_SELECTED_NODE, claimClass } from '../controllers/persistentvolume.ts';
import { podClaimNames, type PodVolumes } from '../scheduler/plugins/volume-binding.ts';
import type { ApiClient, ApiWatchEvent } from '../apiserver/index.ts';
import type { EventRecorder } from '../events.ts';
import type { SchedulerClient } from '../scheduler/client.ts';

/**
 * The scheduler's narrow client on top of the real API server client. It
 * watches only what kube-scheduler's informers watch: all pods (to know what
 * runs where) and all nodes.
 */
export function schedulerClient(api: ApiClient, events: EventRecorder): SchedulerClient {
  const watch = <T extends Pod | Node>(resource: 'pods' | 'nodes', rv: string, onEvent: (e: { type: ApiWatchEvent['type']; object: T }) => void, onError?: () => void) => {
    const r = api.watch<T>(resource, { resourceVersion: rv }, (e) => onEvent({ type: e.type, object: e.object }), onError);
    return r.ok ? { ok: true as const, value: { stop: () => r.value.stop() } } : r;
  };
  const list = <T extends Pod | Node>(resource: 'pods' | 'nodes') => {
    // Like kube-scheduler's informers: resourceVersion=0, served from the watch cache.
    const r = api.list<T>(resource, undefined, { resourceVersion: '0' });
    return r.ok ? { ok: true as const, value: { items: r.value.items, resourceVersion: r.value.metadata.resourceVersion } } : r;
  };
  /** isVolumeBound: a volume name and the bind-completed annotation. */
  const bound = (c: PersistentVolumeClaim) => !!c.spec.volumeName && c.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined;
  const claims = (pod: Pod) => podClaimNames(pod).map((name) => ({ name, got: api.get<PersistentVolumeClaim>('persistentvolumeclaims', pod.metadata.namespace ?? 'default', name) }));
  return {
    podVolumes(pod) {
      const out: PodVolumes = { bound: [], unboundImmediate: [], delayed: [] };
      for (const { name, got } of claims(pod)) {
        if (!got.ok) return { ...out, error: `persistentvolumeclaim "${name}" not found` };
        const c = got.value;
        if (c.metadata.deletionTimestamp) return { ...out, error: `persistentvolumeclaim "${name}" is being deleted` };
        if (bound(c)) {
          const pv = api.get<PersistentVolume>('persistentvolumes', undefined, c.spec.volumeName!);
          if (pv.ok) out.bound.push(pv.value);
          continue;
        }
        // IsDelayBindingMode: a class that does not exist counts as Immediate.
        const cls = claimClass(c);
        const sc = cls ? api.get<StorageClass>('storageclasses', undefined, cls) : undefined;
        if (sc?.ok && sc.value.volumeBindingMode === 'WaitForFirstConsumer' && !c.spec.volumeName) out.delayed.push(c);
        else out.unboundImmediate.push(c);
      }
      return out;
    },
    selectNode: (ns, claim, node) => api.patch<PersistentVolumeClaim>('persistentvolumeclaims', ns, claim, { metadata: { annotations: { [ANN_SELECTED_NODE]: node } } }, 'merge'),
    claimsBound: (pod) => claims(pod).every(({ got }) => got.ok && bound(got.value)),
    watchVolumes(onChange) {
      const stops: (() => void)[] = [];
      for (const resource of ['persistentvolumeclaims', 'persistentvolumes', 'storageclasses']) {
        const l = api.list(resource, undefined, { resourceVersion: '0' });
        if (!l.ok) continue;
        const w = api.watch(resource, { resourceVersion: l.value.metadata.resourceVersion }, () => onChange());
        if (w.ok) stops.push(() => w.value.stop());
      }
      return { stop: () => stops.forEach((s) => s()) };
    },
    listPods: () => list<Pod>('pods'),
    watchPods: (rv, onEvent, onError) => watch<Pod>('pods', rv, onEvent, onError),
    listNodes: () => list<Node>('nodes'),
    watchNodes: (rv, onEvent, onError) => watch<Node>('nodes', rv, onEvent, onError),
    bind: (ns, pod, node) => api.bind(ns, pod, node),
    patchPodStatus: (ns, pod, patch) => api.patch<Pod>('pods', ns, pod, { status: patch }, 'strategic', { subresource: 'status' }),
    deletePod: (ns, pod) => api.delete<Pod>('pods', ns, pod),
    recordEvent: (e) => events.record({ involvedObject: { ...e.involvedObject, apiVersion: 'v1' }, type: e.type, reason: e.reason, message: e.message, source: e.source }),
  };
}
