import type { ApiResult } from '../apiserver/status.ts';
import type {
  ConfigMap,
  CronJob,
  DaemonSet,
  Deployment,
  Endpoints,
  EndpointSlice,
  Event,
  HorizontalPodAutoscaler,
  Job,
  KubeObject,
  LabelSelector,
  Lease,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  ReplicaSet,
  Service,
  ServiceAccount,
  StatefulSet,
  StorageClass, ControllerRevision } from '../api/types.ts';
import type { PodMetrics } from '../api/metrics.ts';

/**
 * What a controller may ask of the API server: the slice of client-go's typed
 * clients and informers the controllers use. The controllers talk to nothing
 * else; the integrator adapts the real API server to this, and the tests use
 * testing/fake-client.ts.
 *
 * Calls are synchronous (the simulated API server answers in the same tick);
 * watch events arrive later, on the virtual clock, as they would over HTTP.
 */
export interface ResourceTypes {
  pods: Pod;
  replicasets: ReplicaSet;
  deployments: Deployment;
  daemonsets: DaemonSet;
  jobs: Job;
  nodes: Node;
  leases: Lease;
  services: Service;
  endpointslices: EndpointSlice;
  endpoints: Endpoints;
  namespaces: Namespace;
  events: Event;
  configmaps: ConfigMap;
  serviceaccounts: ServiceAccount;
  statefulsets: StatefulSet;
  controllerrevisions: ControllerRevision;
  cronjobs: CronJob;
  horizontalpodautoscalers: HorizontalPodAutoscaler;
  persistentvolumeclaims: PersistentVolumeClaim;
  persistentvolumes: PersistentVolume;
  storageclasses: StorageClass;
}

export type Resource = keyof ResourceTypes;

export const CLUSTER_SCOPED: ReadonlySet<Resource> = new Set<Resource>(['nodes', 'namespaces', 'persistentvolumes', 'storageclasses']);

/** Namespaced resources, in the order the namespace controller empties a namespace. */
export const NAMESPACED: readonly Resource[] = [
  'deployments',
  'daemonsets',
  'statefulsets',
  'cronjobs',
  'horizontalpodautoscalers',
  'jobs',
  'replicasets',
  'pods',
  'services',
  'endpointslices',
  'endpoints',
  'leases',
  'events',
  'configmaps',
  'serviceaccounts',
  'persistentvolumeclaims',
  'controllerrevisions',
];

/** The resource a `kind` lives under, for following ownerReferences. */
export const RESOURCE_OF_KIND: Readonly<Record<string, Resource>> = {
  Pod: 'pods',
  ReplicaSet: 'replicasets',
  Deployment: 'deployments',
  DaemonSet: 'daemonsets',
  StatefulSet: 'statefulsets',
  ControllerRevision: 'controllerrevisions',
  CronJob: 'cronjobs',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  PersistentVolume: 'persistentvolumes',
  Job: 'jobs',
  Node: 'nodes',
  Lease: 'leases',
  Service: 'services',
  EndpointSlice: 'endpointslices',
  Endpoints: 'endpoints',
  Namespace: 'namespaces',
  Event: 'events',
};

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** The API server's own result: a value, or its Status (reason in `code`, HTTP status in `httpCode`). */
export type { ApiError, ApiResult } from '../apiserver/status.ts';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
}

export interface ControllerClient {
  /** Sorted by namespace then name, so every controller walks objects in the same order. */
  list<R extends Resource>(resource: R, namespace?: string, labelSelector?: LabelSelector): ApiResult<ResourceTypes[R][]>;
  /**
   * list for a reader that keeps what it gets read-only (the shared informer, which freezes its objects): the API
   * server's own frozen objects, not a copy each. Clients without it are read through list.
   */
  listShared?<R extends Resource>(resource: R): ApiResult<ResourceTypes[R][]>;
  get<R extends Resource>(resource: R, namespace: string | undefined, name: string): ApiResult<ResourceTypes[R]>;
  /** metadata.generateName is honoured (the server appends 5 random characters). */
  create<R extends Resource>(resource: R, obj: ResourceTypes[R]): ApiResult<ResourceTypes[R]>;
  /**
   * Replaces spec and metadata; status is ignored (use updateStatus). A stale
   * metadata.resourceVersion gives Conflict. For a Namespace, a changed
   * spec.finalizers is the `finalize` subresource.
   */
  update<R extends Resource>(resource: R, obj: ResourceTypes[R]): ApiResult<ResourceTypes[R]>;
  updateStatus<R extends Resource>(resource: R, obj: ResourceTypes[R]): ApiResult<ResourceTypes[R]>;
  delete(resource: Resource, namespace: string | undefined, name: string, opts?: DeleteOptions): ApiResult<void>;
  /** Events for every object of the resource, from now on; returns cancel. onError: the watch ended (API server down, 410 Gone); list again. */
  watch<R extends Resource>(resource: R, onEvent: (type: WatchEventType, obj: ResourceTypes[R]) => void, onError?: () => void): () => void;
  /** `source` is the reporting component, e.g. "replicaset-controller". */
  /** The resource metrics API (metrics.k8s.io) through the API server's aggregation layer. */
  podMetrics?(namespace: string): ApiResult<PodMetrics[]>;
  recordEvent(involvedObject: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source?: string): void;
}
