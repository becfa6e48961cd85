import type { VirtualClock } from '../../clock.ts';
import type { KubeObject } from '../api/types.ts';
import { listAndWatch, type Reflector } from '../reflector.ts';
import { deepFreeze } from '../apiserver/watch-cache.ts';
import type { ApiResult, ControllerClient, Resource, ResourceTypes, WatchEventType } from './client.ts';
import { keyOf } from './util.ts';

/** The pods informer's index by spec.nodeName (define it with pods.addIndex(NODE_NAME, (p) => p.spec.nodeName)). */
export const NODE_NAME = 'spec.nodeName';
/** An index by the controller owner's uid (QueueController.owned defines it): a set's pods, a CronJob's Jobs. */
export const CONTROLLER_UID = 'controllerUid';

/** old: the cached object the event replaces (as client-go's UpdateFunc(old, new) gets it), when there was one. */
export type InformerHandler<T> = (type: WatchEventType, obj: T, old?: T) => void;

/**
 * Shared informers, the small version of client-go's SharedInformerFactory:
 * ONE list and ONE watch per resource for all of kube-controller-manager,
 * into a local cache keyed "namespace/name" (just "name" when cluster-scoped).
 *
 *   const pods = informers.for('pods');
 *   const off = pods.on((type, pod) => ...);   // starts it (list + watch); off() stops it with the last handler
 *   pods.get('default', 'web-1');              // from the cache, no API call
 *   pods.list('default');                      // sorted by namespace then name, like ControllerClient.list
 *   pods.byIndex('nodeName', 'kind-worker');   // pods.addIndex('nodeName', (p) => p.spec.nodeName) first
 *
 * Rules for code that reads it:
 * - Cached objects are shared and frozen: never change one; copy first
 *   (`{ ...pod, status: { ...pod.status, phase } }` or structuredClone).
 * - Other actors' writes arrive by watch, a little later, as in a real
 *   informer. This manager's own writes made through `informers.client`
 *   (create, update, updateStatus) are in the cache at once, and an object it
 *   deleted is hidden until the watch shows it deleted or being deleted, so a sync right
 *   after a write never acts twice (what client-go's expectations are for).
 * - A resource is cached only while someone listens (on()); QueueController's
 *   watch() and lister() do that for the controller's lifetime, so a stopped
 *   kube-controller-manager lists everything again when it starts.
 * - Like client-go's reflector: a list that fails or a watch that ends (API
 *   server down, 410 Gone) is retried with back-off; the new list is compared
 *   with the cache and handlers get ADDED/MODIFIED/DELETED for what changed.
 */
export class Informer<T extends KubeObject> {
  readonly resource: Resource;
  #client: ControllerClient;
  #objs = new Map<string, T>();
  #sorted: string[] | undefined;
  #handlers = new Set<InformerHandler<T>>();
  #running = false;
  #reflector: Reflector | undefined;
  /** Keys this manager deleted: hidden until the watch shows the deletion. */
  #hidden = new Set<string>();
  #indexers = new Map<string, (o: T) => string | undefined>();
  #indexes = new Map<string, Map<string, Set<string>>>();

  #clock: VirtualClock | undefined;

  constructor(resource: Resource, client: ControllerClient, clock?: VirtualClock) {
    this.resource = resource;
    this.#client = client;
    this.#clock = clock;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Whether the last list succeeded and the watch is open. */
  get synced(): boolean {
    return this.#reflector?.synced ?? false;
  }

  /** Adds a handler (starting the informer if it is the first); returns its removal. */
  on(fn: InformerHandler<T>): () => void {
    // A Set would drop a second registration of the same function; wrap so each call counts.
    const h: InformerHandler<T> = (t, o, old) => fn(t, o, old);
    this.#handlers.add(h);
    if (!this.#running) this.#start();
    return () => {
      if (!this.#handlers.delete(h)) return;
      if (this.#handlers.size === 0) this.#stop();
    };
  }

  get(namespace: string | undefined, name: string): T | undefined {
    const key = namespace ? `${namespace}/${name}` : name;
    return this.#hidden.has(key) ? undefined : this.#objs.get(key);
  }

  /** Every cached object (of one namespace when given), sorted by namespace then name. */
  list(namespace?: string): T[] {
    const keys = (this.#sorted ??= [...this.#objs.keys()].sort());
    const out: T[] = [];
    let i = 0;
    const prefix = namespace ? `${namespace}/` : '';
    if (prefix) i = lowerBound(keys, prefix);
    for (; i < keys.length; i++) {
      const k = keys[i]!;
      if (prefix && !k.startsWith(prefix)) break;
      if (!this.#hidden.has(k)) out.push(this.#objs.get(k)!);
    }
    return out;
  }

  /** An index by one value of each object (undefined: not indexed); define it before reading byIndex. */
  addIndex(name: string, fn: (o: T) => string | undefined): void {
    if (this.#indexers.has(name)) return;
    this.#indexers.set(name, fn);
    const idx = new Map<string, Set<string>>();
    this.#indexes.set(name, idx);
    for (const [k, o] of this.#objs) add(idx, fn(o), k);
  }

  /** Objects whose index value is value, sorted by key. */
  byIndex(name: string, value: string): T[] {
    const keys = this.#indexes.get(name)?.get(value);
    if (!keys) return [];
    return [...keys]
      .sort()
      .filter((k) => !this.#hidden.has(k))
      .map((k) => this.#objs.get(k)!);
  }

  #start(): void {
    this.#running = true;
    const client = this.#client;
    const resource = this.resource;
    let changes: [WatchEventType, T, T?][] = [];
    this.#reflector = listAndWatch<KubeObject[], [WatchEventType, T]>(
      {
        list: () => (client.listShared ? client.listShared(resource) : client.list(resource)),
        // The controller client's watch starts "from now", which is the list just made (nothing runs in between).
        watch: (_l, onEvent, onEnd) => client.watch(resource, (t, o) => onEvent([t, o as T]), () => onEnd()),
      },
      {
        replace: (items) => (changes = this.#replace(items as T[])),
        event: ([t, o]) => this.#event(t, o),
        // A relist tells handlers what it found changed (everything, after a first list that failed), once the watch is open.
        watching: (cause) => {
          const c = changes;
          changes = [];
          if (cause !== undefined) for (const [t, o, old] of c) for (const h of [...this.#handlers]) h(t, o, old);
        },
      },
      this.#clock,
    );
  }

  /** The store becomes the list; what changed, for the handlers of a relist. */
  #replace(items: T[]): [WatchEventType, T, T?][] {
    const fresh = new Map<string, T>();
    for (const o of items) fresh.set(keyOf(o), o);
    const changes: [WatchEventType, T, T?][] = [];
    for (const [k, old] of [...this.#objs]) {
      if (fresh.has(k)) continue;
      this.#set(k, undefined);
      changes.push(['DELETED', old]);
    }
    for (const [k, o] of fresh) {
      const old = this.#objs.get(k);
      if (old && old.metadata.resourceVersion === o.metadata.resourceVersion) continue;
      this.#set(k, deepFreeze(o));
      changes.push([old ? 'MODIFIED' : 'ADDED', o, old]);
    }
    this.#hidden.clear();
    return changes;
  }

  #stop(): void {
    this.#running = false;
    this.#reflector?.stop();
    this.#reflector = undefined;
    this.#objs.clear();
    this.#sorted = undefined;
    this.#hidden.clear();
    for (const idx of this.#indexes.values()) idx.clear();
  }

  #event(type: WatchEventType, o: T): void {
    if (!this.#running) return;
    const key = keyOf(o);
    const old = this.#objs.get(key);
    // A deleted object is gone or carries a deletionTimestamp; an older event still in flight keeps it hidden.
    if (type === 'DELETED' || o.metadata.deletionTimestamp) this.#hidden.delete(key);
    if (type === 'DELETED') this.#set(key, undefined);
    else if (!newer(old, o)) this.#set(key, deepFreeze(o));
    for (const h of [...this.#handlers]) h(type, o, old);
  }

  /** This manager's own write, as the API server answered it. */
  wrote(o: T): void {
    if (!this.#running) return;
    const key = keyOf(o);
    this.#hidden.delete(key);
    if (!newer(this.#objs.get(key), o)) this.#set(key, deepFreeze(structuredClone(o)));
  }

  /** This manager deleted the object: hide it until the watch says what became of it. */
  deleted(namespace: string | undefined, name: string): void {
    if (!this.#running) return;
    const key = namespace ? `${namespace}/${name}` : name;
    if (this.#objs.has(key)) this.#hidden.add(key);
  }

  #set(key: string, o: T | undefined): void {
    const old = this.#objs.get(key);
    if (old) for (const [name, fn] of this.#indexers) this.#indexes.get(name)!.get(fn(old) ?? '\0')?.delete(key);
    if (!o) {
      if (old) {
        this.#objs.delete(key);
        this.#sorted = undefined;
      }
      return;
    }
    if (!old) this.#sorted = undefined;
    this.#objs.set(key, o);
    for (const [name, fn] of this.#indexers) add(this.#indexes.get(name)!, fn(o), key);
  }
}

/** Whether the cached object is already newer than o (resourceVersions are etcd revisions, so they compare as numbers). */
function newer(cached: KubeObject | undefined, o: KubeObject): boolean {
  const a = Number(cached?.metadata.resourceVersion);
  const b = Number(o.metadata.resourceVersion);
  return Number.isFinite(a) && Number.isFinite(b) && a > b;
}

function add(idx: Map<string, Set<string>>, value: string | undefined, key: string): void {
  if (value === undefined) return;
  let s = idx.get(value);
  if (!s) idx.set(value, (s = new Set()));
  s.add(key);
}

function lowerBound(a: readonly string[], x: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One informer per resource, and the client whose writes they see at once. */
export class SharedInformers {
  readonly client: ControllerClient;
  #informers = new Map<Resource, Informer<KubeObject>>();

  readonly #clock: VirtualClock | undefined;

  /** With a clock, a failed list or an ended watch is retried (a reflector); without one (unit tests), it is not. */
  constructor(client: ControllerClient, clock?: VirtualClock) {
    this.#clock = clock;
    const inf = this.#informers;
    const wrote = <R extends Resource>(resource: R, r: ApiResult<ResourceTypes[R]>) => {
      if (r.ok) inf.get(resource)?.wrote(r.value);
      return r;
    };
    this.client = {
      list: (resource, namespace, selector) => client.list(resource, namespace, selector),
      ...(client.listShared ? { listShared: <R extends Resource>(resource: R) => client.listShared!(resource) } : {}),
      get: (resource, namespace, name) => client.get(resource, namespace, name),
      create: (resource, obj) => wrote(resource, client.create(resource, obj)),
      update: (resource, obj) => wrote(resource, client.update(resource, obj)),
      updateStatus: (resource, obj) => wrote(resource, client.updateStatus(resource, obj)),
      delete: (resource, namespace, name, opts) => {
        const r = client.delete(resource, namespace, name, opts);
        if (r.ok) inf.get(resource)?.deleted(namespace, name);
        return r;
      },
      watch: (resource, onEvent, onError) => client.watch(resource, onEvent, onError),
      recordEvent: (obj, type, reason, message, source) => client.recordEvent(obj, type, reason, message, source),
      // Reads of metrics.k8s.io (the HPA controller) pass straight through: nothing of them is cached.
      ...(client.podMetrics ? { podMetrics: (ns: string) => client.podMetrics!(ns) } : {}),
    };
  }

  for<R extends Resource>(resource: R): Informer<ResourceTypes[R]> {
    let i = this.#informers.get(resource);
    if (!i) this.#informers.set(resource, (i = new Informer(resource, this.client, this.#clock)));
    return i as unknown as Informer<ResourceTypes[R]>;
  }
}
