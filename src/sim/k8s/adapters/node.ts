import type { ConfigMap, EndpointSlice, Event, KubeObject, Lease, Node, Pod, Service } from '../api/types.ts';
import type { ApiResult } from '../apiserver/status.ts';
import type { ApiClient } from '../apiserver/index.ts';
import type { EventRecorder } from '../events.ts';
import type { ClaimView, KubeletClient, ProxyClient, SecretView, VolumeView } from '../node/client.ts';
import { listOf, toStatus, watchOf } from './common.ts';

/**
 * The kubelet's client, bound to the kubelet's own identity (kubelet/<node>)
 * for the trace; with a recorder, its events go through client-go's correlator.
 */
export function kubeletClient(api: ApiClient, events?: EventRecorder): KubeletClient {
  return {
    // Reflector-style list: any recent state, from the API server's watch cache.
    listPods: (o) => listOf<Pod>(api, 'pods', undefined, { ...o, resourceVersion: '0' }),
    watchPods: (o, on, onError) => watchOf<Pod>(api, 'pods', o, on, onError),
    updatePodStatus: (pod) => toStatus(api.patch<Pod>('pods', pod.metadata.namespace, pod.metadata.name, statusPatch(pod), 'merge', { subresource: 'status' })),
    createPod: (pod) => toStatus(api.create(pod)),
    deletePod: (ns, name, o) => toStatus(api.delete<Pod>('pods', ns, name, o)),
    listNodes: (o) => listOf<Node>(api, 'nodes', undefined, { ...o, resourceVersion: '0' }),
    watchNodes: (o, on, onError) => watchOf<Node>(api, 'nodes', o, on, onError),
    getNode: (name, opts) => toStatus(api.get<Node>('nodes', undefined, name, opts)),
    createNode: (node) => toStatus(api.create(node)),
    updateNodeStatus: (node) => toStatus(api.updateStatus(node)),
    getLease: (ns, name) => toStatus(api.get<Lease>('leases', ns, name)),
    createLease: (lease) => toStatus(api.create(lease)),
    updateLease: (lease) => toStatus(api.update(lease)),
    createEvent: (event: Event) => toStatus(events ? events.correlate(event) : api.create(event)),
    getConfigMap: (ns, name, opts) => toStatus(api.get<ConfigMap>('configmaps', ns, name, opts)),
    getSecret: (ns, name, opts) => toStatus(api.get<KubeObject>('secrets', ns, name, opts)) as ApiResult<SecretView>,
    getPersistentVolumeClaim: (ns, name) => toStatus(api.get<KubeObject>('persistentvolumeclaims', ns, name)) as ApiResult<ClaimView>,
    getPersistentVolume: (name) => toStatus(api.get<KubeObject>('persistentvolumes', undefined, name)) as ApiResult<VolumeView>,
    // The Service informer's list: any recent state, from the API server's watch cache, as a reflector's first list.
    listServices: () => listOf<Service>(api, 'services', undefined, { resourceVersion: '0' }),
    watchServices: (o, on, onError) => watchOf<Service>(api, 'services', o, on, onError),
  };
}

export function proxyClient(api: ApiClient): ProxyClient {
  return {
    listServices: () => listOf<Service>(api, 'services'),
    watchServices: (o, on) => watchOf<Service>(api, 'services', o, on),
    listEndpointSlices: () => listOf<EndpointSlice>(api, 'endpointslices'),
    watchEndpointSlices: (o, on) => watchOf<EndpointSlice>(api, 'endpointslices', o, on),
  };
}

/**
 * The status manager's PATCH: no resourceVersion, so a write made before our
 * own previous write came back through the watch still lands (a PUT of the
 * cached pod would be a 409 and the newer state lost). Fields the kubelet owns
 * and no longer reports are nulled, as its two-way diff would remove them.
 */
function statusPatch(pod: Pod): unknown {
  const status: Record<string, unknown> = { podIP: null, podIPs: null, initContainerStatuses: null, ...pod.status };
  return { metadata: { uid: pod.metadata.uid }, status };
}
