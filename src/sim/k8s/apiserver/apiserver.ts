import type { KubeObject, Pod } from '../api/types.ts';
import { keyFor, prefixFor } from '../etcd/keys.ts';
import type { EtcdClient, KeyValue, StoredObject, WatchEvent } from '../etcd/types.ts';
import type { SimError } from '../../errors.ts';
import type { World } from '../../world.ts';
import { invalidField } from './field.ts';
import { INITIAL_NAMESPACES } from './kinds/namespace.ts';
import { componentStatusKind, componentStatusObject, type ComponentProbe } from './kinds/componentstatus.ts';
import { groupOf, type AdmitContext, type KindDef } from './kinds/types.ts';
import { clone, cloneShared, jsonEqual, rfc3339, specOf, uuid, validateMeta, validateMetaUpdate } from './meta.ts';
import { dns1123Subdomain } from './names.ts';
import { jsonPatch, mergePatch, strategicMergePatch, type PatchType } from './patch.ts';
import { kindByResource, kindFor, KINDS, resolveResource } from './registry.ts';
import { normalizeNulls, plainFits, typeError, unknownFields } from './schema.ts';
import { MAX_REPLICAS, replicasLimitDetail } from '../../limits.ts';
import {
  COMMON_FIELDS,
  matchesFields,
  matchesRequirements,
  parseFieldSelector,
  parseLabelSelector,
  type FieldRequirement,
  type Requirement,
} from './selectors.ts';
import {
  alreadyExists,
  apiFail,
  apiOk,
  badRequest,
  conflict,
  conflictModified,
  connectionRefused,
  forbidden,
  gone,
  internalError,
  invalid,
  methodNotAllowed,
  notFound,
  storageError,
  type ApiError,
  type ApiResult,
  type StatusCause,
} from './status.ts';
import { TraceLog, tracedEtcd, type EtcdOpTrace, type TraceEntry } from './trace.ts';
import type { ExecOutput, KubeletServer, LogStream } from '../api/kubelet.ts';
import { KUBERNETES_VERSION } from '../version.ts';
import { podExec, podLog, podPortForward, type PodExecOptions, type PodLogOptions } from './proxy.ts';
import type { Listener } from '../../containers/types.ts';
import type { MetricsBackend, NodeMetrics, PodMetrics } from '../api/metrics.ts';
import { LeaseManager } from './lease-manager.ts';
import { storedObjectOf } from '../etcd/store.ts';
import { deepFreeze, withResourceVersionLast, WatchCache, type CacheEvent, type IndexedWatcher } from './watch-cache.ts';

export interface ObjectList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string };
  items: T[];
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /**
   * "0": any recent state will do, served from the API server's watch cache
   * (what client-go's reflectors ask for). None: a consistent read, also
   * served from the watch cache once it has caught up with etcd (as
   * kube-apiserver 1.31+ does). Either way the items are shared read-only
   * (frozen) objects: copy one before changing it. Any other value: read
   * from etcd, objects the caller may change.
   */
  resourceVersion?: string;
}

export interface WriteOptions {
  /** Validate and default, but do not store (kubectl --dry-run=server). */
  dryRun?: boolean;
  /** Reject unknown fields (kubectl's default, --validate=strict). */
  fieldValidation?: 'Strict' | 'Ignore';
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface ApiWatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
}

export interface WatchOptions extends ListOptions {
  namespace?: string;
  /**
   * Start after this resourceVersion (an etcd revision): events of later
   * revisions are replayed, then live ones follow. Without it (or "0") the
   * watch starts with an ADDED event per existing object.
   */
  resourceVersion?: string;
}

export interface WatchHandle {
  stop(): void;
}

export interface Scale {
  apiVersion: 'autoscaling/v1';
  kind: 'Scale';
  metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string; creationTimestamp?: string };
  spec: { replicas: number };
  status: { replicas: number; selector: string };
}

export interface ApiServerOptions {
  /** Delay of watch event delivery in virtual ms (0 = on the next clock flush). */
  watchLatencyMs?: number;
}

/** The verbs an actor can call; `api.as(component)` gives one bound to that identity. */
export interface ApiClient {
  readonly component: string;
  create<T extends KubeObject>(obj: T, opts?: WriteOptions & { namespace?: string }): ApiResult<T>;
  /** opts.resourceVersion '0': any recent state, from the watch cache (a shared, frozen object: copy before changing), as a kubelet's first GET of its Node. */
  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string, opts?: { resourceVersion?: string }): ApiResult<T>;
  list<T extends KubeObject = KubeObject>(resource: string, namespace?: string, opts?: ListOptions): ApiResult<ObjectList<T>>;
  update<T extends KubeObject>(obj: T, opts?: WriteOptions): ApiResult<T>;
  updateStatus<T extends KubeObject>(obj: T): ApiResult<T>;
  patch<T extends KubeObject = KubeObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    type?: PatchType,
    opts?: WriteOptions & { subresource?: 'status' },
  ): ApiResult<T>;
  /** Returns the object as it is after the call: still there (graceful) or gone (last state). */
  delete<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string, opts?: DeleteOptions): ApiResult<T>;
  watch<T extends KubeObject = KubeObject>(resource: string, opts: WatchOptions, onEvent: (e: ApiWatchEvent<T>) => void, onError?: (e: ApiError) => void): ApiResult<WatchHandle>;
  /** The pods/binding subresource: what the scheduler calls. */
  bind(namespace: string, pod: string, node: string): ApiResult<Pod>;
  getScale(resource: string, namespace: string, name: string): ApiResult<Scale>;
  updateScale(resource: string, namespace: string, name: string, replicas: number, resourceVersion?: string): ApiResult<Scale>;
  /** GET /version: the server's build, as `kubectl version` shows it. */
  version(): ApiResult<{ gitVersion: string }>;
  /** GET /healthz, /livez or /readyz: whether etcd answers a quorum read (the server's own "etcd" check); the caller words the checks. */
  health(endpoint: 'healthz' | 'livez' | 'readyz'): ApiResult<{ etcd: boolean }>;
  /** GET pods/log: the container's log, streamed from the kubelet of the pod's node. */
  podLog(namespace: string, name: string, opts?: PodLogOptions): ApiResult<LogStream>;
  /** POST pods/exec: runs the command in the container through the pod's kubelet. */
  podExec(namespace: string, name: string, opts: PodExecOptions): ApiResult<ExecOutput>;
  /** POST pods/portforward: one connection to the pod's port, through the pod's kubelet. */
  podPortForward(namespace: string, name: string, port: number): ApiResult<Listener | undefined>;
  /** GET /apis/metrics.k8s.io/v1beta1/{pods,nodes}: answered by the aggregated metrics-server when one is registered. */
  metrics(resource: 'pods', namespace?: string): ApiResult<PodMetrics[]>;
  metrics(resource: 'nodes'): ApiResult<NodeMetrics[]>;
  /** GET /apis, the groups discovery lists: only the aggregated ones vary (metrics.k8s.io while metrics-server's APIService is registered). */
  aggregatedGroups(): ApiResult<string[]>;
}

/**
 * Kinds whose updates read the current object from the watch cache first:
 * the heartbeats (a Lease every 10 s per node, Node status) and Event
 * counts, which have no admission side effects to repeat on a retry. Their
 * creates and updates also hand the written object to the cache (#put), so
 * what they return is the cache's shared, frozen object.
 */
const CACHED_UPDATES: ReadonlySet<string> = new Set(['leases', 'nodes', 'events']);

interface Stored {
  obj: KubeObject;
  kv: KeyValue;
}

interface WatchState extends IndexedWatcher {
  def: KindDef;
  lastRev: number;
  labels: Requirement[];
  fields: FieldRequirement[];
  component: string;
  onEvent: (e: ApiWatchEvent) => void;
  onError?: (e: ApiError) => void;
  stopped: boolean;
}

export const COMPACTION_INTERVAL_MS = 5 * 60_000;
/** kube-apiserver --event-ttl (default 1h). */
export const EVENT_TTL_MS = 60 * 60_000;
const UNDELETABLE_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/**
 * The Kubernetes API server: the only holder of the etcd client. Every actor
 * reads and writes cluster state through it, identified by `as(component)`,
 * and every request lands in the trace with the etcd operations it caused.
 */
export class ApiServer {
  readonly #world: World;
  readonly #etcd: EtcdClient;
  readonly #trace = new TraceLog();
  readonly #latency: number;
  #current: EtcdOpTrace[] | undefined;
  #running = true;
  #bootstrapped = false;
  #watches = new Set<WatchState>();
  /** Where each node's kubelet answers, as the Node's daemonEndpoints would say. */
  #kubelets = new Map<string, KubeletServer>();
  #metrics: MetricsBackend | undefined;
  /** Probes of the control-plane components, for componentstatuses (connected by the cluster). */
  #probes: (() => ComponentProbe[]) | undefined;
  #watchSeq = 0;
  /** The watch cache and its etcd watch (undefined while stopped or before the first watch). */
  #cache: WatchCache<WatchState> | undefined;
  #cacheCancel: (() => void) | undefined;
  /** The etcd leases Events are attached to (see lease-manager.ts). */
  readonly #leases: LeaseManager;
  /** The revision seen at the previous compaction tick: the next tick compacts up to it. */
  #compactNext = 0;

  constructor(world: World, etcd: EtcdClient, opts: ApiServerOptions = {}) {
    this.#world = world;
    this.#etcd = tracedEtcd(etcd, () => this.#current);
    this.#latency = opts.watchLatencyMs ?? 0;
    this.#leases = new LeaseManager((ttl) => {
      const r = this.#etcd.leaseGrant(ttl);
      return r.ok ? r.value.id : undefined;
    }, () => world.clock.now());
    this.#bootstrap();
    // Like kube-apiserver's --etcd-compaction-interval=5m: keeps etcd's history (and memory) bounded.
    world.clock.every(COMPACTION_INTERVAL_MS, () => this.#compact());
  }

  #compact(): void {
    if (!this.#running) return;
    const head = this.#etcd.range('/registry/namespaces/default', { countOnly: true });
    if (!head.ok) return;
    const rev = head.header.revision;
    if (this.#compactNext > 0) {
      this.#etcd.compact(this.#compactNext);
      this.#cache?.compact(this.#compactNext);
    }
    this.#compactNext = rev;
  }

  as(component: string): ApiClient {
    const s = this;
    return {
      component,
      create: (obj, opts) => s.#request(component, 'create', s.#kindName(obj), s.#nsOf(obj, opts?.namespace), obj.metadata?.name, () => s.#create(obj, opts ?? {})) as never,
      get: (resource, ns, name, opts) => s.#request(component, 'get', resource, ns, name, () => s.#withDef(resource, (d) => s.#get(d, ns, name, opts?.resourceVersion))) as never,
      list: (resource, ns, opts) => s.#request(component, 'list', resource, ns, undefined, () => s.#withDef(resource, (d) => s.#list(d, ns, opts ?? {}))) as never,
      update: (obj, opts) => s.#request(component, 'update', s.#kindName(obj), s.#nsOf(obj), obj.metadata?.name, () => s.#update(obj, opts ?? {}, 'main')) as never,
      updateStatus: (obj) => s.#request(component, 'update', s.#kindName(obj), s.#nsOf(obj), obj.metadata?.name, () => s.#update(obj, {}, 'status'), 'status') as never,
      patch: (resource, ns, name, p, type = 'strategic', opts) =>
        s.#request(component, 'patch', resource, ns, name, () => s.#withDef(resource, (d) => s.#patch(d, ns, name, p, type, opts ?? {})), opts?.subresource) as never,
      delete: (resource, ns, name, opts) => s.#request(component, 'delete', resource, ns, name, () => s.#withDef(resource, (d) => s.#delete(d, ns, name, opts ?? {}))) as never,
      watch: (resource, opts, onEvent, onError) =>
        s.#request(component, 'watch', resource, opts.namespace, undefined, () => s.#withDef(resource, (d) => s.#watch(component, d, opts, onEvent as never, onError))),
      bind: (ns, pod, node) => s.#request(component, 'create', 'pods', ns, pod, () => s.#bind(ns, pod, node), 'binding') as never,
      getScale: (resource, ns, name) => s.#request(component, 'get', resource, ns, name, () => s.#withDef(resource, (d) => s.#getScale(d, ns, name)), 'scale'),
      updateScale: (resource, ns, name, replicas, rv) =>
        s.#request(component, 'update', resource, ns, name, () => s.#withDef(resource, (d) => s.#updateScale(d, ns, name, replicas, rv)), 'scale'),
      version: () => s.#request(component, 'get', '/version', undefined, undefined, () => apiOk({ gitVersion: KUBERNETES_VERSION })),
      // The etcd check reads a key through Raft: without quorum it fails, and /readyz with it.
      health: (endpoint) => s.#request(component, 'get', `/${endpoint}`, undefined, undefined, () => apiOk({ etcd: s.#etcd.range('/registry/health').ok })),
      podLog: (ns, name, opts) => s.#request(component, 'get', 'pods', ns, name, () => s.#withPod(ns, name, (p) => podLog(p, opts ?? {}, (n) => s.#kubelets.get(n))), 'log'),
      podExec: (ns, name, opts) => s.#request(component, 'create', 'pods', ns, name, () => s.#withPod(ns, name, (p) => podExec(p, opts, (n) => s.#kubelets.get(n))), 'exec'),
      podPortForward: (ns, name, port) => s.#request(component, 'create', 'pods', ns, name, () => s.#withPod(ns, name, (p) => podPortForward(p, port, (n) => s.#kubelets.get(n))), 'portforward'),
      metrics: ((resource: 'pods' | 'nodes', ns?: string) =>
        s.#request(component, 'list', `${resource}.metrics.k8s.io`, ns, undefined, () => {
          const m = s.#metrics;
          // No APIService for metrics.k8s.io: the aggregator has no such resource.
          if (!m) return apiFail({ code: 'NotFound', httpCode: 404, message: `the server could not find the requested resource (get ${resource}.metrics.k8s.io)` });
          return apiOk(resource === 'pods' ? m.podMetrics(ns) : m.nodeMetrics());
        })) as never,
      aggregatedGroups: () => s.#request(component, 'get', '/apis', undefined, undefined, () => apiOk(s.#metrics ? ['metrics.k8s.io'] : [])),
    };
  }

  /** The APIService v1beta1.metrics.k8s.io: metrics-server answers the resource metrics API; returns the unregistration. */
  connectMetrics(backend: MetricsBackend): () => void {
    this.#metrics = backend;
    return () => {
      if (this.#metrics === backend) this.#metrics = undefined;
    };
  }

  /** What GET componentstatuses probes: the scheduler's and controller manager's /healthz and each etcd server's /health. */
  connectComponentProbes(probe: () => ComponentProbe[]): void {
    this.#probes = probe;
  }

  get metricsAvailable(): boolean {
    return this.#metrics !== undefined;
  }

  /** A node's kubelet becomes reachable for pods/log and pods/exec; returns the disconnect. */
  connectKubelet(node: string, server: KubeletServer): () => void {
    this.#kubelets.set(node, server);
    return () => {
      if (this.#kubelets.get(node) === server) this.#kubelets.delete(node);
    };
  }

  #withPod<T>(ns: string, name: string, fn: (p: Pod) => ApiResult<T>): ApiResult<T> {
    const r = this.#get(kindByResource('pods')!, ns, name);
    return r.ok ? fn(r.value as Pod) : apiFail(r.errors[0]);
  }

  /** Stops serving: every call is refused and watches pause until start(). */
  stop(): void {
    this.#running = false;
    this.#cacheCancel?.();
    this.#cacheCancel = undefined;
  }

  /** Serves again; paused watches resume after the last revision they saw. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    if (this.#watches.size) this.#ensureCache();
  }

  get running(): boolean {
    return this.#running;
  }

  onTrace(fn: (e: TraceEntry) => void): () => void {
    return this.#trace.on(fn);
  }

  recentTrace(n: number): TraceEntry[] {
    return this.#trace.recent(n);
  }

  /** The newest n requests a learner would care about (see isActivity), however much chatter came since. */
  recentActivity(n: number): TraceEntry[] {
    return this.#trace.recentActivity(n);
  }

  /** The kinds served, for discovery (`kubectl api-resources`). */
  kinds(): readonly KindDef[] {
    return KINDS;
  }

  // ---------- plumbing ----------

  /** The namespace a request about obj is in, for the trace (namespaced kinds default to `default`). */
  #nsOf(obj: KubeObject, requested?: string): string | undefined {
    const d = kindFor(obj.apiVersion, obj.kind);
    return d?.namespaced ? obj.metadata?.namespace || requested || 'default' : undefined;
  }

  #kindName(obj: KubeObject): string {
    return kindFor(obj.apiVersion, obj.kind)?.resource ?? String(obj.kind ?? '').toLowerCase();
  }

  #request<T>(component: string, verb: string, resource: string, namespace: string | undefined, name: string | undefined, run: () => ApiResult<T>, subresource?: string): ApiResult<T> {
    const entry: TraceEntry = { time: this.#world.clock.now(), component, verb, resource: kindByResource(resource)?.resource ?? resolveResource(resource)?.resource ?? resource, code: 0, etcd: [] };
    if (subresource) entry.subresource = subresource;
    if (namespace) entry.namespace = namespace;
    if (name) entry.name = name;
    let result: ApiResult<T>;
    if (!this.#running) result = apiFail(connectionRefused());
    else {
      const outer = this.#current;
      this.#current = entry.etcd;
      try {
        if (!this.#bootstrapped) this.#bootstrap();
        result = run();
      } catch (e) {
        // A request that meets an undecodable object fails alone, as in kube-apiserver (KEP-3926); the key is named so it can be removed.
        if (!(e instanceof CorruptObject)) throw e;
        result = apiFail(internalError(`Internal error occurred: failed to decode object at key "${e.key}": ${e.detail}`));
      } finally {
        this.#current = outer;
      }
      // An exec that got through is a protocol upgrade (101 Switching Protocols).
      entry.code = result.ok ? (subresource === 'exec' ? 101 : verb === 'create' ? 201 : 200) : result.errors[0].httpCode;
      const def = kindByResource(resource) ?? resolveResource(resource);
      if (result.ok && def?.deprecation && !subresource) result = { ...result, warnings: [...(result.warnings ?? []), { code: 'Deprecated', severity: 'warning', message: def.deprecation }] };
      // A generateName create only learns its name here; the trace shows what was made.
      const made = result.ok && !entry.name ? (result.value as { metadata?: { name?: unknown } } | undefined)?.metadata?.name : undefined;
      if (verb === 'create' && typeof made === 'string') entry.name = made;
    }
    this.#trace.emit(entry);
    return result;
  }

  #withDef<T>(resource: string, fn: (d: KindDef) => ApiResult<T>): ApiResult<T> {
    const d = kindByResource(resource) ?? resolveResource(resource);
    if (!d) return apiFail(notFoundResource());
    return fn(d);
  }

  #key(d: KindDef, ns: string | undefined, name: string): string {
    return keyFor(d.resource, d.namespaced ? (ns ?? 'default') : undefined, name);
  }

  #prefix(d: KindDef, ns?: string): string {
    return prefixFor(d.resource, d.namespaced ? ns : undefined);
  }

  /** Throws CorruptObject for a value that is not an object (written straight into etcd); #request turns it into a 500 naming the key. */
  #decode(kv: KeyValue): KubeObject {
    let o: KubeObject;
    const stored = storedObjectOf(kv);
    // A value held as the cache's object: copied as its text would parse, without making the text to parse it.
    if (stored instanceof CachedObject) {
      o = stored.copy();
      o.metadata.resourceVersion = String(kv.modRevision);
      return o;
    }
    try {
      o = JSON.parse(kv.value) as KubeObject;
    } catch (e) {
      throw new CorruptObject(kv.key, goJsonError(kv.value, e as Error));
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new CorruptObject(kv.key, `json: cannot unmarshal ${Array.isArray(o) ? 'array' : o === null ? 'null' : typeof o === 'number' ? 'number' : typeof o === 'boolean' ? 'bool' : 'string'} into Go value of type struct`);
    if (typeof o.metadata !== 'object' || o.metadata === null) throw new CorruptObject(kv.key, 'object has no metadata');
    o.metadata.resourceVersion = String(kv.modRevision);
    return o;
  }

  /** Watches skip what they cannot decode, so one corrupt key does not stop every watcher of its resource. */
  #tryDecode(kv: KeyValue): KubeObject | undefined {
    try {
      return this.#decode(kv);
    } catch (e) {
      if (e instanceof CorruptObject) return undefined;
      throw e;
    }
  }

  #read(d: KindDef, ns: string | undefined, name: string): ApiResult<Stored | undefined> {
    const r = this.#etcd.range(this.#key(d, ns, name));
    if (!r.ok) return apiFail(storageError(r.error.message));
    const kv = r.value.kvs[0];
    return apiOk(kv ? { obj: this.#decode(kv), kv } : undefined);
  }

  /**
   * #read for a caller that only looks: the object from etcd's answer, taken
   * from the watch cache (no decode) when the cache holds that very revision.
   */
  #readShared(d: KindDef, ns: string | undefined, name: string): ApiResult<Stored | undefined> {
    const key = this.#key(d, ns, name);
    const r = this.#etcd.range(key);
    if (!r.ok) return apiFail(storageError(r.error.message));
    const kv = r.value.kvs[0];
    if (!kv) return apiOk(undefined);
    const cached = this.#cache && this.#cacheCancel ? this.#cache.get(key) : undefined;
    return apiOk({ obj: cached && cached.metadata.resourceVersion === String(kv.modRevision) ? cached : this.#decode(kv), kv });
  }

  #now(): string {
    return rfc3339(this.#world.clock.now());
  }

  #admitContext(): AdmitContext {
    return {
      rng: this.#world.rng,
      now: this.#now(),
      list: (resource) => {
        const d = kindByResource(resource);
        if (!d) return [];
        const r = this.#etcd.range(this.#prefix(d), { prefix: true });
        return r.ok ? r.value.kvs.flatMap((kv) => this.#tryDecode(kv) ?? []) : [];
      },
    };
  }

  /** Namespaces and the `kubernetes` Service every cluster starts with, written once. */
  #bootstrap(): void {
    const prev = this.#current;
    this.#current = undefined;
    try {
      const nsDef = kindByResource('namespaces')!;
      for (const name of INITIAL_NAMESPACES) {
        const r = this.#read(nsDef, undefined, name);
        if (!r.ok) return;
        if (!r.value) this.#create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, {});
      }
      const svcDef = kindByResource('services');
      if (svcDef) {
        const r = this.#read(svcDef, 'default', 'kubernetes');
        if (!r.ok) return;
        if (!r.value)
          this.#create(
            {
              apiVersion: 'v1',
              kind: 'Service',
              metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
              spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
            } as KubeObject,
            {},
          );
      }
      this.#bootstrapped = true;
    } finally {
      this.#current = prev;
    }
  }

  // ---------- verbs ----------

  #create(input: KubeObject, opts: WriteOptions & { namespace?: string }): ApiResult<KubeObject> {
    const d = kindFor(input.apiVersion, input.kind);
    if (!d) return apiFail(notFoundResource());
    if (d === componentStatusKind) return apiFail(READ_ONLY);
    const strict = this.#strict(d, input, opts);
    if (strict) return apiFail(strict);
    const o = clone(input);
    o.metadata ??= { name: '' };
    if (o.metadata.resourceVersion) return apiFail(badRequest('resourceVersion should not be set on objects to be created'));
    if (d.namespaced) {
      if (opts.namespace && o.metadata.namespace && opts.namespace !== o.metadata.namespace)
        return apiFail(badRequest('the namespace of the provided object does not match the namespace sent on the request'));
      o.metadata.namespace = o.metadata.namespace || opts.namespace || 'default';
    } else delete o.metadata.namespace;
    if (!o.metadata.name && o.metadata.generateName) o.metadata.name = o.metadata.generateName + this.#world.rng.k8sSuffix(5);
    const ns = o.metadata.namespace;
    if (d.namespaced && ns) {
      const nsr = this.#readShared(kindByResource('namespaces')!, undefined, ns);
      if (!nsr.ok) return nsr;
      if (!nsr.value) return apiFail(notFound('namespaces', ns));
      if (nsr.value.obj.metadata.deletionTimestamp)
        return apiFail(forbidden(`${d.resource} "${o.metadata.name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`));
    }
    o.metadata.uid = uuid(this.#world.rng);
    o.metadata.creationTimestamp = this.#now();
    delete o.metadata.deletionTimestamp;
    delete o.metadata.deletionGracePeriodSeconds;
    if (d.generation) o.metadata.generation = 1;
    else delete o.metadata.generation;
    const withStatus = o as KubeObject & { status?: unknown };
    // Nodes register with their status; other kinds with a status subresource start from the server's.
    if (d.statusSubresource && d.kind !== 'Node') delete withStatus.status;
    d.defaults?.(o);
    const causes = [...validateMeta(o.metadata, d.namespaced, d.nameRule ?? dns1123Subdomain), ...(d.validate?.(o) ?? [])];
    if (o.metadata.generateName && !input.metadata?.name) prefixGenerateName(causes);
    if (causes.length) return apiFail(invalid(d.kind, o.metadata.name, causes, groupOf(d.apiVersion)));
    const admitted = d.admit?.(o, this.#admitContext()) ?? [];
    if (admitted.length) return apiFail(invalid(d.kind, o.metadata.name, admitted, groupOf(d.apiVersion)));
    if (d.initialStatus) withStatus.status = d.initialStatus(o);
    if (opts.dryRun) return apiOk(o, this.#warnings(d));
    const key = this.#key(d, ns, o.metadata.name);
    // o was made for this request alone: the watch cache keeps it (and etcd with it, not a second copy as text).
    const r = this.#put(key, 0, o, true, d.resource === 'events');
    if (!r.ok) return apiFail(storageError(r.error.message));
    if (!r.value.succeeded) return apiFail(alreadyExists(d.resource, o.metadata.name, groupOf(d.apiVersion)));
    if (!Object.isFrozen(o)) o.metadata.resourceVersion = String(r.header.revision);
    // The cached kinds' writers take the shared object; any other creator gets a copy of its own to change.
    return apiOk(Object.isFrozen(o) && !CACHED_UPDATES.has(d.resource) ? clone(o) : o, this.#warnings(d));
  }

  #warnings(d: KindDef): SimError[] | undefined {
    return d.controlled ? undefined : [{ code: 'NoController', severity: 'warning', message: `no controller in this simulator acts on ${d.kind} objects; it is stored and listed only` }];
  }

  #strict(d: KindDef, o: KubeObject, opts: WriteOptions): ApiError | undefined {
    if (plainFits(o, d.schema)) return undefined;
    const version = d.apiVersion.split('/').pop();
    // Decoding into the typed object fails first, whatever the field validation level: nothing mistyped is stored.
    const typed = typeError(o, d.schema, d.kind);
    if (typed) return badRequest(`${d.kind} in version "${version}" cannot be handled as a ${d.kind}: ${typed}`);
    normalizeNulls(o, d.schema);
    if (opts.fieldValidation === 'Ignore') return undefined;
    const unknown = unknownFields(o, d.schema);
    if (!unknown.length) return undefined;
    return badRequest(`${d.kind} in version "${version}" cannot be handled as a ${d.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
  }

  #get(d: KindDef, ns: string | undefined, name: string, resourceVersion?: string): ApiResult<KubeObject> {
    if (d === componentStatusKind) {
      const p = this.#probes?.().find((x) => x.name === name);
      return p ? apiOk(componentStatusObject(p)) : apiFail(notFound(d.resource, name));
    }
    const cache = resourceVersion === '0' ? this.#ensureCache() : undefined;
    if (cache && typeof cache !== 'string') {
      const o = cache.get(this.#key(d, ns, name));
      return o ? apiOk(o) : apiFail(notFound(d.resource, name, groupOf(d.apiVersion)));
    }
    const r = this.#read(d, ns, name);
    if (!r.ok) return r;
    return r.value ? apiOk(r.value.obj) : apiFail(notFound(d.resource, name, groupOf(d.apiVersion)));
  }

  #list(d: KindDef, ns: string | undefined, opts: ListOptions): ApiResult<ObjectList> {
    if (d === componentStatusKind) return apiOk({ apiVersion: 'v1', kind: 'ComponentStatusList', metadata: { resourceVersion: '' }, items: (this.#probes?.() ?? []).map((p) => componentStatusObject(p)) });
    const f = this.#filters(d, opts);
    if (!f.ok) return f;
    const prefix = this.#prefix(d, ns);
    const fields = { ...COMMON_FIELDS, ...d.fieldSelectors };
    const keep = (o: KubeObject) => matchesRequirements(o.metadata.labels, f.value.labels) && matchesFields(o, f.value.fields, fields);
    const consistent = !opts.resourceVersion;
    const cache = opts.resourceVersion === '0' || consistent ? this.#ensureCache() : undefined;
    if (cache && typeof cache !== 'string') {
      let rev = cache.revision;
      if (consistent) {
        // kube-apiserver >= 1.31 (ConsistentListFromCache, beta and on by default) serves a list without
        // resourceVersion from its watch cache once the cache has caught up with etcd's current revision,
        // which it reads with a limit-1 range on the resource's prefix (GetCurrentResourceVersionFromStorage); here a
        // range of the prefix as one key, which has the same header revision without counting every key under it.
        // A cache that is behind (a write made while etcd is still delivering) falls back to etcd, as upstream does.
        const head = this.#etcd.range(prefix);
        if (!head.ok) return apiFail(storageError(head.error.message));
        rev = head.header.revision;
      }
      // A key that cannot be decoded makes the list fail naming it (KEP-3926): that error comes from reading etcd.
      if (rev <= cache.revision && !(consistent && cache.corruptUnder(prefix))) {
        const named = nameSelected(d, ns, f.value.fields);
        const index = { nodeName: nodeNameSelected(d, f.value.fields), involvedName: involvedNameSelected(d, f.value.fields), key: named === undefined ? undefined : this.#key(d, ns, named) };
        const items = cache.list(prefix, index).filter(keep);
        return apiOk({ apiVersion: d.apiVersion, kind: `${d.kind}List`, metadata: { resourceVersion: String(rev) }, items });
      }
    }
    const r = this.#etcd.range(prefix, { prefix: true });
    if (!r.ok) return apiFail(storageError(r.error.message));
    const items = r.value.kvs.map((kv) => this.#decode(kv)).filter(keep);
    return apiOk({ apiVersion: d.apiVersion, kind: `${d.kind}List`, metadata: { resourceVersion: String(r.header.revision) }, items });
  }

  #filters(d: KindDef, opts: ListOptions): ApiResult<{ labels: Requirement[]; fields: FieldRequirement[] }> {
    const labels = parseLabelSelector(opts.labelSelector ?? '');
    if (!labels.ok) return apiFail(badRequest(labels.message));
    const fields = parseFieldSelector(opts.fieldSelector ?? '', { ...COMMON_FIELDS, ...d.fieldSelectors });
    if (!fields.ok) return apiFail(badRequest(fields.message));
    return apiOk({ labels: labels.value, fields: fields.value });
  }

  #matches(d: KindDef, o: KubeObject, labels: Requirement[], fields: FieldRequirement[]): boolean {
    return matchesRequirements(o.metadata.labels, labels) && matchesFields(o, fields, { ...COMMON_FIELDS, ...d.fieldSelectors });
  }

  #update(input: KubeObject, opts: WriteOptions, mode: 'main' | 'status'): ApiResult<KubeObject> {
    const d = kindFor(input.apiVersion, input.kind);
    if (!d) return apiFail(notFoundResource());
    if (d === componentStatusKind) return apiFail(READ_ONLY);
    const strict = this.#strict(d, input, opts);
    if (strict) return apiFail(strict);
    // GuaranteedUpdate's first try starts from the watch cache (no decode); a conflict or a miss there is tried again from etcd.
    if (CACHED_UPDATES.has(d.resource)) {
      const r = this.#updateFrom(d, input, opts, mode, true);
      if (r.ok || (r.errors[0].code !== 'Conflict' && r.errors[0].code !== 'NotFound')) return r;
    }
    return this.#updateFrom(d, input, opts, mode, false);
  }

  /** The current object from the watch cache (shared, frozen: never changed here), when the cache is running. */
  #readCached(d: KindDef, ns: string | undefined, name: string): ApiResult<Stored | undefined> {
    const cache = this.#cache && this.#cacheCancel ? this.#cache : undefined;
    if (!cache) return this.#read(d, ns, name);
    const obj = cache.get(this.#key(d, ns, name));
    return apiOk(obj ? { obj, kv: undefined as unknown as KeyValue } : undefined);
  }

  #updateFrom(d: KindDef, input: KubeObject, opts: WriteOptions, mode: 'main' | 'status', cached: boolean): ApiResult<KubeObject> {
    const name = input.metadata?.name ?? '';
    const ns = d.namespaced ? input.metadata?.namespace || 'default' : undefined;
    const cur = cached ? this.#readCached(d, ns, name) : this.#read(d, ns, name);
    if (!cur.ok) return cur;
    if (!cur.value) return apiFail(notFound(d.resource, name, groupOf(d.apiVersion)));
    const old = cur.value.obj;
    if (input.metadata.resourceVersion && input.metadata.resourceVersion !== old.metadata.resourceVersion)
      return apiFail(conflictModified(d.resource, name, groupOf(d.apiVersion)));
    // From the cache, the result is adopted and frozen by the cache: the frozen (cache) parts of old and input can be
    // shared instead of copied, unless defaulting could write into them. A status write copies only the new status.
    const share = cached && (mode === 'status' || !d.defaults);
    const copy = share ? cloneShared : clone;
    let next: KubeObject;
    if (mode === 'status') {
      next = share ? ({ ...old } as KubeObject) : clone(old);
      (next as { status?: unknown }).status = copy((input as { status?: unknown }).status);
    } else {
      next = copy(input);
      if (d.statusSubresource) (next as { status?: unknown }).status = copy((old as { status?: unknown }).status);
    }
    return this.#commitUpdate(d, old, next, opts, mode);
  }

  /** Fills server-owned metadata, validates and writes with a compare on the old revision. */
  #commitUpdate(d: KindDef, old: KubeObject, next: KubeObject, opts: WriteOptions, mode: 'main' | 'status', adopt = CACHED_UPDATES.has(d.resource)): ApiResult<KubeObject> {
    const name = old.metadata.name;
    const causes = validateMetaUpdate(next.metadata, old.metadata);
    next.metadata = {
      ...next.metadata,
      name,
      uid: old.metadata.uid,
      creationTimestamp: old.metadata.creationTimestamp,
      resourceVersion: old.metadata.resourceVersion,
    };
    if (d.namespaced) next.metadata.namespace = old.metadata.namespace;
    else delete next.metadata.namespace;
    for (const k of ['deletionTimestamp', 'deletionGracePeriodSeconds', 'generateName'] as const) {
      if (old.metadata[k] !== undefined) (next.metadata as unknown as Record<string, unknown>)[k] = old.metadata[k];
      else delete next.metadata[k];
    }
    if (mode === 'main') d.defaults?.(next);
    if (d.generation) next.metadata.generation = (old.metadata.generation ?? 1) + (jsonEqual(specOf(next), specOf(old)) ? 0 : 1);
    if (mode === 'main') {
      causes.push(...validateMeta(next.metadata, d.namespaced, d.nameRule ?? dns1123Subdomain), ...(d.validate?.(next) ?? []));
      if (!causes.length) causes.push(...(d.validateUpdate?.(next, old) ?? []));
      if (!causes.length) causes.push(...(d.admit?.(next, this.#admitContext(), old) ?? []));
    }
    if (causes.length) return apiFail(invalid(d.kind, name, causes, groupOf(d.apiVersion)));
    if (jsonEqual(next, old)) return apiOk(old);
    if (opts.dryRun) return apiOk(next);
    if (next.metadata.deletionTimestamp && !hasFinalizers(next)) return this.#remove(d, old);
    return this.#write(d, old, next, adopt);
  }

  /**
   * adopt: next was built for this request alone (shares nothing with the
   * caller's input but frozen cache parts), so the watch cache may keep it and
   * the caller gets it back frozen. By default only for the cached-update
   * kinds, whose writers already get the cache's frozen object back from a
   * no-op update; other writers change what update returns (the Deployment
   * controller assigns it onto its ReplicaSet). Bindings and status patches
   * adopt too: their callers (scheduler, kubelet) only read the result.
   */
  #write(d: KindDef, old: KubeObject, next: KubeObject, adopt = CACHED_UPDATES.has(d.resource)): ApiResult<KubeObject> {
    const key = this.#key(d, old.metadata.namespace, old.metadata.name);
    const r = this.#put(key, Number(old.metadata.resourceVersion), next, adopt, d.resource === 'events');
    if (!r.ok) return apiFail(storageError(r.error.message));
    if (!r.value.succeeded) return apiFail(conflictModified(d.resource, old.metadata.name, groupOf(d.apiVersion)));
    if (!Object.isFrozen(next)) next.metadata.resourceVersion = String(r.header.revision);
    return apiOk(next);
  }

  /**
   * Writes o under key if the key's mod revision is still modRev (0: absent).
   * With own, the watch cache takes o itself for the new revision (frozen,
   * resourceVersion filled in) rather than parsing the value just encoded:
   * the caller then gets that shared read-only object back.
   */
  #put(key: string, modRev: number, o: KubeObject, own: boolean, expires = false) {
    const text = encodeObject(o);
    const cache = own && this.#cacheCancel ? this.#cache : undefined;
    // The cache keeps o itself: etcd gets o too, its text made again only if something reads it.
    const value = cache ? new CachedObject(o, text.length) : text;
    cache?.expectWrite({ key, value, obj: o });
    try {
      const compare = [{ key, target: modRev ? ('mod' as const) : ('create' as const), result: '=' as const, value: modRev }];
      // kube-apiserver --event-ttl=1h: an Event is put with an etcd lease, so etcd deletes it an hour after its last write.
      const lease = expires ? this.#leases.getLease(EVENT_TTL_MS / 1000) : undefined;
      let r = this.#etcd.txn(compare, [lease ? { type: 'put', key, value, lease } : { type: 'put', key, value }]);
      if (lease && !r.ok && r.error.code === 'LeaseNotFound') {
        // The lease was revoked by hand (etcdctl lease revoke): a new one, once.
        this.#leases.reset();
        const again = this.#leases.getLease(EVENT_TTL_MS / 1000);
        r = this.#etcd.txn(compare, [again ? { type: 'put', key, value, lease: again } : { type: 'put', key, value }]);
      }
      // Stored, yet not adopted (not expected to happen): etcd holds o, so nobody may change it now.
      if (cache && r.ok && r.value.succeeded && !Object.isFrozen(o)) deepFreeze(withResourceVersionLast(o, r.header.revision));
      return r;
    } finally {
      cache?.expectWrite(undefined);
    }
  }

  #remove(d: KindDef, old: KubeObject): ApiResult<KubeObject> {
    const key = this.#key(d, old.metadata.namespace, old.metadata.name);
    const r = this.#etcd.txn([{ key, target: 'mod', result: '=', value: Number(old.metadata.resourceVersion) }], [{ type: 'delete', key }]);
    if (!r.ok) return apiFail(storageError(r.error.message));
    if (!r.value.succeeded) return apiFail(conflictModified(d.resource, old.metadata.name, groupOf(d.apiVersion)));
    return apiOk(old);
  }

  #patch(d: KindDef, ns: string | undefined, name: string, p: unknown, type: PatchType, opts: WriteOptions & { subresource?: 'status' }): ApiResult<KubeObject> {
    if (d === componentStatusKind) return apiFail(READ_ONLY);
    // A status patch only reads old (the patch functions copy what they change), so it may be the cache's frozen object.
    const status = opts.subresource === 'status';
    const key = d.namespaced ? ns || 'default' : undefined;
    const cur = status ? this.#readShared(d, key, name) : this.#read(d, key, name);
    if (!cur.ok) return cur;
    if (!cur.value) return apiFail(notFound(d.resource, name, groupOf(d.apiVersion)));
    const old = cur.value.obj;
    let patched: unknown;
    if (type === 'json') {
      const r = jsonPatch(old, p);
      if (!r.ok) return apiFail(badRequest(r.message));
      patched = r.value;
    } else patched = type === 'merge' ? mergePatch(old, p) : strategicMergePatch(old, p);
    const next = patched as KubeObject;
    // A patch that names a resourceVersion is a precondition; one that does not applies to the latest.
    const patchRv = (p as { metadata?: { resourceVersion?: string } } | null)?.metadata?.resourceVersion;
    if (patchRv && patchRv !== old.metadata.resourceVersion) return apiFail(conflictModified(d.resource, name, groupOf(d.apiVersion)));
    next.metadata = { ...next.metadata, resourceVersion: old.metadata.resourceVersion };
    next.apiVersion = old.apiVersion;
    next.kind = old.kind;
    const strict = this.#strict(d, next, opts);
    if (strict) return apiFail(strict);
    if (status) {
      // The new status shares values with the caller's patch document (the kubelet keeps its conditions): those are
      // copied, old's frozen parts shared, so the cache may keep the result. Status writes are never defaulted.
      const only = { ...old, status: cloneShared((next as { status?: unknown }).status) } as KubeObject;
      return this.#commitUpdate(d, old, only, opts, 'status', true);
    }
    if (d.statusSubresource) (next as { status?: unknown }).status = clone((old as { status?: unknown }).status);
    return this.#commitUpdate(d, old, next, opts, 'main', false);
  }

  #delete(d: KindDef, ns: string | undefined, name: string, opts: DeleteOptions): ApiResult<KubeObject> {
    if (d === componentStatusKind) return apiFail(READ_ONLY);
    const cur = this.#read(d, d.namespaced ? ns || 'default' : undefined, name);
    if (!cur.ok) return cur;
    if (!cur.value) return apiFail(notFound(d.resource, name, groupOf(d.apiVersion)));
    const old = cur.value.obj;
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid)
      return apiFail(conflict(d.resource, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`, groupOf(d.apiVersion)));
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion)
      return apiFail(conflict(d.resource, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`, groupOf(d.apiVersion)));
    if (d.kind === 'Namespace' && UNDELETABLE_NAMESPACES.has(name)) return apiFail(forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`));
    const grace = this.#grace(d, old, opts);
    if (grace > 0 || hasFinalizers(old)) {
      const next = clone(old);
      const now = this.#world.clock.now();
      const due = rfc3339(now + grace * 1000);
      // A second delete may shorten the grace period, never extend it.
      if (old.metadata.deletionTimestamp && old.metadata.deletionTimestamp <= due) return apiOk(old);
      next.metadata.deletionTimestamp = due;
      next.metadata.deletionGracePeriodSeconds = grace;
      if (d.kind === 'Namespace') (next as { status?: unknown }).status = { phase: 'Terminating' };
      return this.#write(d, old, next);
    }
    return this.#remove(d, old);
  }

  /** Pods get a grace period unless they never reached a node or already finished. */
  #grace(d: KindDef, o: KubeObject, opts: DeleteOptions): number {
    if (d.kind !== 'Pod') return 0;
    const p = o as Pod;
    if (!p.spec?.nodeName || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') return 0;
    const g = opts.gracePeriodSeconds ?? p.spec.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, g);
  }

  #bind(ns: string, name: string, node: string): ApiResult<KubeObject> {
    const d = kindByResource('pods')!;
    const cur = this.#readShared(d, ns, name);
    if (!cur.ok) return cur;
    if (!cur.value) return apiFail(notFound('pods', name));
    const old = cur.value.obj as Pod;
    if (old.metadata.deletionTimestamp) return apiFail(conflict('pods/binding', name, `pod ${name} is being deleted, cannot be assigned to a host`));
    if (old.spec.nodeName) return apiFail(conflict('pods/binding', name, `pod ${name} is already assigned to node "${old.spec.nodeName}"`));
    // New objects only along the changed paths; the rest is old's, read-only (frozen when from the cache), and the
    // cache keeps the result. Keys keep their places, so the stored bytes are what a decoded copy would give.
    const conds = old.status?.conditions ?? [];
    const next: Pod = {
      ...old,
      metadata: { ...old.metadata },
      spec: { ...old.spec, nodeName: node },
      status: { ...old.status, conditions: [...conds.filter((c) => c.type !== 'PodScheduled'), { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.#now() }] },
    };
    return this.#write(d, old, next, true);
  }

  #getScale(d: KindDef, ns: string, name: string): ApiResult<Scale> {
    if (!d.scale) return apiFail(notFoundResource());
    const r = this.#get(d, ns, name);
    if (!r.ok) return r;
    return apiOk(toScale(d, r.value));
  }

  #updateScale(d: KindDef, ns: string, name: string, replicas: number, rv?: string): ApiResult<Scale> {
    if (!d.scale) return apiFail(notFoundResource());
    if (!Number.isInteger(replicas) || replicas < 0)
      return apiFail(invalid('Scale', name, [invalidField('spec.replicas', replicas, 'must be greater than or equal to 0')], 'autoscaling'));
    if (replicas > MAX_REPLICAS) return apiFail(invalid('Scale', name, [invalidField('spec.replicas', replicas, replicasLimitDetail())], 'autoscaling'));
    const cur = this.#read(d, ns, name);
    if (!cur.ok) return cur;
    if (!cur.value) return apiFail(notFound(d.resource, name, groupOf(d.apiVersion)));
    const old = cur.value.obj;
    if (rv && rv !== old.metadata.resourceVersion) return apiFail(conflictModified(d.resource, name, groupOf(d.apiVersion)));
    const next = clone(old);
    d.scale.set(next, replicas);
    const r = this.#commitUpdate(d, old, next, {}, 'main');
    return r.ok ? apiOk(toScale(d, r.value)) : r;
  }

  // ---------- watch ----------

  #watch(component: string, d: KindDef, opts: WatchOptions, onEvent: (e: ApiWatchEvent) => void, onError?: (e: ApiError) => void): ApiResult<WatchHandle> {
    const f = this.#filters(d, opts);
    if (!f.ok) return f;
    const w: WatchState = { seq: this.#watchSeq++, def: d, prefix: this.#prefix(d, opts.namespace), lastRev: 0, labels: f.value.labels, fields: f.value.fields, component, onEvent, stopped: false };
    const node = nodeNameSelected(d, w.fields);
    if (node !== undefined) w.nodeName = node;
    // One object by name (a kubelet's own Node): indexed by its key, so another node's write does not visit this watch.
    const named = w.fields.find((f) => f.field === 'metadata.name' && !f.negate)?.value;
    if (named !== undefined && node === undefined && (!d.namespaced || opts.namespace)) w.key = this.#key(d, opts.namespace, named);
    if (onError) w.onError = onError;
    const handle = apiOk<WatchHandle>({
      stop: () => {
        w.stopped = true;
        this.#watches.delete(w);
        this.#cache?.removeWatcher(w);
      },
    });
    const fromNow = !opts.resourceVersion || opts.resourceVersion === '0';
    let rv = 0;
    if (!fromNow) {
      rv = Number(opts.resourceVersion);
      if (!Number.isInteger(rv) || rv < 0) return apiFail(badRequest(`invalid resource version: ${opts.resourceVersion}`));
    }
    const cache = this.#ensureCache();
    if (typeof cache === 'string') {
      if (fromNow) return apiFail(storageError(cache));
      this.#world.clock.setTimeout(() => !w.stopped && w.onError?.(storageError(cache)), this.#latency);
      return handle;
    }
    if (fromNow) {
      w.lastRev = cache.revision;
      const initial = cache.list(w.prefix, { nodeName: w.nodeName, key: w.key }).filter((o) => this.#matches(d, o, w.labels, w.fields));
      this.#deliver(w, initial.map((object) => ({ type: 'ADDED' as const, object })));
    } else {
      w.lastRev = rv;
      if (rv < cache.revision) {
        const past = cache.since(rv, w.prefix);
        if (!past) {
          const err = gone(`too old resource version: ${rv} (${rv + 1})`);
          this.#world.clock.setTimeout(() => !w.stopped && w.onError?.(err), this.#latency);
          return handle;
        }
        this.#dispatch(w, past);
      }
    }
    this.#watches.add(w);
    cache.addWatcher(w);
    return handle;
  }

  /**
   * The watch cache, filled and subscribed to etcd if it is not (first use,
   * or after a restart); a message when etcd cannot serve the watch. Its
   * reads and watch are the API server's own, not part of any request.
   */
  #ensureCache(): WatchCache<WatchState> | string {
    if (this.#cache && this.#cacheCancel) return this.#cache;
    const outer = this.#current;
    this.#current = undefined;
    try {
      let failed: SimError | undefined;
      if (!this.#cache) {
        // Filled by replaying etcd's retained history, so watches may resume from any revision etcd still has.
        const fresh = new WatchCache<WatchState>((kv) => this.#tryDecode(kv));
        const cancel = this.#etcd.watch(REGISTRY_PREFIX, { prefix: true, startRevision: 1 }, (events) => this.#onCacheEvents(fresh, events), (e) => (failed = e));
        if (!failed) {
          this.#cache = fresh;
          this.#cacheCancel = cancel;
          return fresh;
        }
        if (failed.code !== 'Compacted') return failed.message;
        // History from the start is gone: a full read, then watch from there.
        failed = undefined;
        const r = this.#etcd.range(REGISTRY_PREFIX, { prefix: true });
        if (!r.ok) return r.error.message;
        this.#cache = new WatchCache<WatchState>((kv) => this.#tryDecode(kv), r.value.kvs, r.header.revision);
      }
      const cache = this.#cache;
      const cancel = this.#etcd.watch(
        REGISTRY_PREFIX,
        { prefix: true, startRevision: cache.revision + 1 },
        (events) => this.#onCacheEvents(cache, events),
        (e) => (failed = e),
      );
      if (failed) {
        this.#cacheFailed(failed);
        return failed.message;
      }
      this.#cacheCancel = cancel;
      return cache;
    } finally {
      this.#current = outer;
    }
  }

  /** The cache's etcd watch could not (re)start: every API watch ends with the error, as each of its own etcd watches would have. */
  #cacheFailed(e: SimError): void {
    const compacted = e.code === 'Compacted';
    // A cache that missed compacted history is rebuilt from a fresh read on next use.
    if (compacted) this.#cache = undefined;
    for (const w of [...this.#watches]) {
      const err = compacted ? gone(`too old resource version: ${w.lastRev} (${w.lastRev + 1})`) : storageError(e.message);
      this.#watches.delete(w);
      this.#cache?.removeWatcher(w);
      this.#world.clock.setTimeout(() => !w.stopped && w.onError?.(err), this.#latency);
    }
  }

  /** One etcd delivery: decoded once by the cache, then handed to the interested watchers in registration order. */
  #onCacheEvents(cache: WatchCache<WatchState>, events: WatchEvent[]): void {
    const decoded = cache.apply(events);
    let watchers: Iterable<WatchState>;
    let per: Map<WatchState, CacheEvent[]> | undefined;
    if (decoded.length === 1) watchers = cache.interested(decoded[0]!);
    else {
      per = new Map();
      for (const e of decoded)
        for (const w of cache.interested(e)) {
          const list = per.get(w);
          if (list) list.push(e);
          else per.set(w, [e]);
        }
      watchers = [...per.keys()].sort((a, b) => a.seq - b.seq);
    }
    // One timer for every watcher this delivery reaches, not one each: they would fire back to back anyway.
    let batch: [WatchState, ApiWatchEvent[]][] | undefined;
    for (const w of watchers) {
      const out = this.#select(w, per ? per.get(w)! : decoded);
      if (out.length) (batch ??= []).push([w, out]);
    }
    if (!batch) return;
    const ready = batch;
    this.#world.clock.setTimeout(() => {
      for (const [w, out] of ready) this.#emit(w, out);
    }, this.#latency);
  }

  /** Turns cache events into what this watcher sees: selector watches see objects enter and leave the selection as ADDED and DELETED. */
  #dispatch(w: WatchState, events: CacheEvent[]): void {
    this.#deliver(w, this.#select(w, events));
  }

  #select(w: WatchState, events: CacheEvent[]): ApiWatchEvent[] {
    const out: ApiWatchEvent[] = [];
    const selective = w.labels.length > 0 || w.fields.length > 0;
    for (const e of events) {
      if (e.revision <= w.lastRev) continue;
      w.lastRev = e.revision;
      const prev = e.prev;
      const prevMatch = !!prev && (!selective || this.#matches(w.def, prev, w.labels, w.fields));
      // A corrupt object was never delivered, so its removal is not either.
      if (e.prevCorrupt && (selective || e.type === 'DELETE')) continue;
      if (e.type === 'DELETE') {
        // The last state, with the deletion's revision: a shallow copy, the cached object stays as it was.
        const last: KubeObject = prev
          ? { ...prev, metadata: { ...prev.metadata, resourceVersion: String(e.revision) } }
          : { apiVersion: w.def.apiVersion, kind: w.def.kind, metadata: { name: e.key.split('/').pop() ?? '', resourceVersion: String(e.revision) } };
        if (!prev || prevMatch) out.push({ type: 'DELETED', object: last });
        continue;
      }
      const obj = e.object;
      // Watches skip what they cannot decode, so one corrupt key does not stop every watcher of its resource.
      if (!obj) continue;
      const match = !selective || this.#matches(w.def, obj, w.labels, w.fields);
      if (match) out.push({ type: e.version === 1 || (prev && !prevMatch) ? 'ADDED' : 'MODIFIED', object: obj });
      else if (prevMatch) out.push({ type: 'DELETED', object: obj });
    }
    return out;
  }

  /** Always later, never inside the writer's request: actors must not run re-entrantly. */
  #deliver(w: WatchState, events: ApiWatchEvent[]): void {
    if (!events.length) return;
    this.#world.clock.setTimeout(() => this.#emit(w, events), this.#latency);
  }

  #emit(w: WatchState, events: ApiWatchEvent[]): void {
    for (const e of events) {
      if (w.stopped) return;
      const entry: TraceEntry = { time: this.#world.clock.now(), component: w.component, verb: 'event', resource: w.def.resource, code: 200, etcd: [], eventType: e.type, name: e.object.metadata.name };
      if (e.object.metadata.namespace) entry.namespace = e.object.metadata.namespace;
      this.#trace.emit(entry);
      w.onEvent(e);
    }
  }
}

const REGISTRY_PREFIX = '/registry/';

/** Objects are stored without resourceVersion: it is the etcd mod revision, filled in on read. */
function encodeObject(o: KubeObject): string {
  const { resourceVersion: _rv, ...meta } = o.metadata;
  return JSON.stringify({ ...o, metadata: meta });
}

/** A written object the watch cache adopts (frozen from then on), as etcd holds it: the same text on every read. */
class CachedObject implements StoredObject {
  readonly bytes: number;
  readonly #o: KubeObject;

  constructor(o: KubeObject, bytes: number) {
    this.#o = o;
    this.bytes = bytes;
  }

  text(): string {
    return encodeObject(this.#o);
  }

  /** What JSON.parse(text()) gives, resourceVersion aside: a JSON-semantics copy, in the same key order. */
  copy(): KubeObject {
    return clone(this.#o);
  }
}

/** componentstatuses are served, never stored: writes get the 405 of a read-only REST storage. */
const READ_ONLY = methodNotAllowed('the server does not allow this method on the requested resource');

/** The node a pods watch or list selects with `spec.nodeName=<node>`: the cache serves it from its per-node index. */
/** The object an events list selects with `involvedObject.name=<name>` (kubectl describe): the cache's event index serves it. */
function involvedNameSelected(d: KindDef, fields: FieldRequirement[]): string | undefined {
  if (d.resource !== 'events') return undefined;
  return fields.find((f) => f.field === 'involvedObject.name' && !f.negate)?.value;
}

/** The one name a `metadata.name=<name>` selector picks, when that names one key (cluster-scoped, or within a namespace): the cache looks it up. */
function nameSelected(d: KindDef, ns: string | undefined, fields: FieldRequirement[]): string | undefined {
  if (d.namespaced && !ns) return undefined;
  return fields.find((f) => f.field === 'metadata.name' && !f.negate)?.value;
}

function nodeNameSelected(d: KindDef, fields: FieldRequirement[]): string | undefined {
  if (d.resource !== 'pods') return undefined;
  return fields.find((f) => f.field === 'spec.nodeName' && !f.negate)?.value;
}

class CorruptObject extends Error {
  readonly key: string;
  readonly detail: string;
  constructor(key: string, detail: string) {
    super(`corrupt object at ${key}: ${detail}`);
    this.key = key;
    this.detail = detail;
  }
}

/** encoding/json's syntax error text for the first bad byte (`invalid character 'h' looking for beginning of value`). */
function goJsonError(text: string, e: Error): string {
  if (text.trim() === '') return 'unexpected end of JSON input';
  const at = /position (\d+)/.exec(e.message);
  const i = at ? Number(at[1]) : text.search(/\S/);
  const ch = text[i];
  if (ch === undefined) return 'unexpected end of JSON input';
  return `invalid character '${ch}' ${i === text.search(/\S/) ? 'looking for beginning of value' : 'after top-level value'}`;
}

function notFoundResource(): ApiError {
  return { ...notFound('', ''), message: 'the server could not find the requested resource', details: {} };
}

function hasFinalizers(o: KubeObject): boolean {
  const spec = (o as { spec?: { finalizers?: string[] } }).spec;
  return (o.metadata.finalizers?.length ?? 0) > 0 || (o.kind === 'Namespace' && (spec?.finalizers?.length ?? 0) > 0);
}

/** With generateName, a bad name is reported against the prefix the user wrote. */
function prefixGenerateName(causes: StatusCause[]): void {
  for (const c of causes) if (c.field === 'metadata.name') c.field = 'metadata.generateName';
}

function toScale(d: KindDef, o: KubeObject): Scale {
  const m = o.metadata;
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name: m.name, namespace: m.namespace!, uid: m.uid!, resourceVersion: m.resourceVersion!, creationTimestamp: m.creationTimestamp! },
    spec: { replicas: d.scale!.replicas(o) },
    status: { replicas: ((o as { status?: { replicas?: number } }).status?.replicas ?? 0), selector: d.scale!.selector(o) },
  };
}

