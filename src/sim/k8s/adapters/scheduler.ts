import type { Node, Pod } from '../api/types.ts';
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
  return {
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
