/**
 * What the node actors (kubelet, kube-proxy) may ask of the API server: the
 * client-go calls a real kubelet makes, nothing more. The node never touches
 * etcd or other actors directly; the integrator adapts this to the API server.
 * Calls are synchronous values (the simulator has no I/O); watch callbacks may
 * be delivered later on the virtual clock.
 */
import type { ConfigMap, EndpointSlice, Event, Lease, Node, Pod, Service } from '../api/types.ts';

/** The API server's own result: a value, or its Status (reason in `code`, HTTP status in `httpCode`). */
export type { ApiError, ApiResult } from '../apiserver/status.ts';
import type { ApiResult } from '../apiserver/status.ts';

export interface WatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: T;
}

export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
}

export interface ListOptions {
  /** Only `spec.nodeName=<node>` (pods) and `metadata.name=<node>` (its own Node) are needed by the kubelet. */
  fieldSelector?: string;
}

export interface WatchOptions extends ListOptions {
  /** Events after this list resourceVersion. */
  resourceVersion: string;
}

/** Stops a watch; calling it twice is harmless. */
export type StopWatch = () => void;

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string };
}

export interface KubeletClient {
  listPods(opts: ListOptions): ApiResult<ListResult<Pod>>;
  /** onError: the watch ended (410 Gone, storage unavailable); the caller lists and watches again. */
  watchPods(opts: WatchOptions, onEvent: (e: WatchEvent<Pod>) => void, onError?: () => void): StopWatch;
  /** PATCH pods/{name}/status without a resourceVersion precondition: only status is taken from the argument. */
  updatePodStatus(pod: Pod): ApiResult<Pod>;
  /** Mirror pods: the API's view of the static pods this kubelet runs from its manifest directory. */
  createPod(pod: Pod): ApiResult<Pod>;
  /** The kubelet's final delete after the containers are gone uses gracePeriodSeconds 0. */
  deletePod(namespace: string, name: string, opts: DeleteOptions): ApiResult<Pod>;

  /**
   * The kubelet's node informer: its own Node only (`metadata.name=<node>`),
   * listed from the API server's cache, then watched. tryUpdateNodeStatus's
   * first try reads this local copy (frozen: copy before changing); a retry
   * after a conflict GETs from etcd.
   */
  listNodes(opts: ListOptions): ApiResult<ListResult<Node>>;
  watchNodes(opts: WatchOptions, onEvent: (e: WatchEvent<Node>) => void, onError?: () => void): StopWatch;
  /** opts.resourceVersion '0': from the API server's cache (shared, frozen: copy before changing). */
  getNode(name: string, opts?: { resourceVersion?: string }): ApiResult<Node>;
  createNode(node: Node): ApiResult<Node>;
  /** PUT nodes/{name}/status. */
  updateNodeStatus(node: Node): ApiResult<Node>;

  getLease(namespace: string, name: string): ApiResult<Lease>;
  createLease(lease: Lease): ApiResult<Lease>;
  updateLease(lease: Lease): ApiResult<Lease>;

  createEvent(event: Event): ApiResult<Event>;

  /** Reads a ConfigMap for a container's env (the kubelet's configmap manager). */
  getConfigMap(namespace: string, name: string, opts?: { resourceVersion?: string }): ApiResult<ConfigMap>;
  /** Reads a Secret for a secret volume or env (the kubelet's secret manager). */
  getSecret(namespace: string, name: string, opts?: { resourceVersion?: string }): ApiResult<SecretView>;
  /** The volume manager's desired-state populator reads the claim, then the volume it is bound to. */
  getPersistentVolumeClaim(namespace: string, name: string): ApiResult<ClaimView>;
  getPersistentVolume(name: string): ApiResult<VolumeView>;
  /**
   * The kubelet's Service informer (list once, then watch, every namespace):
   * a container's service variables come from its cache, not a LIST per start.
   */
  listServices(): ApiResult<ListResult<Service>>;
  watchServices(opts: WatchOptions, onEvent: (e: WatchEvent<Service>) => void, onError?: () => void): StopWatch;
}

/** The parts of a Secret the kubelet reads (data is base64, as the API serves it). */
export interface SecretView {
  metadata: { name: string; namespace?: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** The parts of a PersistentVolumeClaim the volume manager reads: the bound volume's name. */
export interface ClaimView {
  metadata: { name: string; namespace?: string };
  spec?: { volumeName?: string };
  status?: { phase?: string };
}

/** The parts of a PersistentVolume the kubelet mounts: a directory on the node (kind's local-path provisioner makes hostPath volumes). */
export interface VolumeView {
  metadata: { name: string };
  spec?: { hostPath?: { path: string; type?: string }; local?: { path: string } };
}

export interface ProxyClient {
  listServices(): ApiResult<ListResult<Service>>;
  watchServices(opts: WatchOptions, onEvent: (e: WatchEvent<Service>) => void): StopWatch;
  listEndpointSlices(): ApiResult<ListResult<EndpointSlice>>;
  watchEndpointSlices(opts: WatchOptions, onEvent: (e: WatchEvent<EndpointSlice>) => void): StopWatch;
}

export type NodeClient = KubeletClient & ProxyClient;

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
