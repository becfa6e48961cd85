/**
 * In-memory stand-in for the API server, enough for the node actors' tests:
 * resourceVersions, watches delivered on the virtual clock (never inside the
 * caller's stack, as with a real watch), graceful pod deletion, and a record of
 * everything the node wrote so tests can assert on it.
 */
import { apiFail } from '../../apiserver/status.ts';
import type { ConfigMap, EndpointSlice, Event, KubeObject, Lease, Node, Pod, Service } from '../../api/types.ts';
import type { VirtualClock } from '../../../clock.ts';
import type { ApiResult, ClaimView, DeleteOptions, SecretView, VolumeView, ListOptions, ListResult, NodeClient, StopWatch, WatchEvent, WatchOptions } from '../client.ts';
import { rfc3339 } from '../format.ts';

type Kind = 'Pod' | 'Node' | 'Lease' | 'Event' | 'Service' | 'EndpointSlice' | 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'PersistentVolume';

interface Watcher {
  kind: Kind;
  match: (o: KubeObject) => boolean;
  fn: (e: WatchEvent<never>) => void;
  live: boolean;
}

const clone = <T>(o: T): T => structuredClone(o);
const key = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function notFound(kind: string, name: string) {
  return apiFail({ code: 'NotFound', httpCode: 404, message: `${kind.toLowerCase()}s "${name}" not found` });
}

function fieldMatcher(sel: string | undefined): (o: KubeObject) => boolean {
  if (!sel) return () => true;
  const m = /^spec\.nodeName=(.*)$/.exec(sel);
  if (m) return (o) => (o as Pod).spec?.nodeName === m[1];
  const n = /^metadata\.name=(.*)$/.exec(sel);
  if (n) return (o) => o.metadata.name === n[1];
  throw new Error(`fake client: unsupported field selector ${sel}`);
}

export class FakeClient implements NodeClient {
  readonly clock: VirtualClock;
  #objects = new Map<string, KubeObject>();
  #rv = 1;
  #watchers: Watcher[] = [];
  #uid = 0;
  /** Every status the kubelet PUT, in order, for timeline assertions. */
  readonly podStatusWrites: { at: number; pod: Pod }[] = [];
  readonly leaseWrites: { at: number; lease: Lease }[] = [];
  readonly nodeStatusWrites: { at: number; node: Node }[] = [];
  readonly events: (Event & { at: number })[] = [];
  /** Set to make every write fail, as an unreachable API server would. */
  unavailable = false;

  constructor(clock: VirtualClock) {
    this.clock = clock;
  }

  // ---------- test helpers (what other actors would do) ----------

  /** Creates (or replaces) an object as kubectl/the scheduler would, filling uid and metadata. */
  put<T extends KubeObject>(obj: T): T {
    const o = clone(obj);
    const prev = this.#objects.get(key(o));
    o.metadata.uid ??= prev?.metadata.uid ?? `uid-${++this.#uid}`;
    o.metadata.creationTimestamp ??= prev?.metadata.creationTimestamp ?? rfc3339(this.clock.now());
    if (o.kind === 'Pod' || o.kind === 'Service') o.metadata.namespace ??= 'default';
    return this.#store(o, prev ? 'MODIFIED' : 'ADDED');
  }

  get<T extends KubeObject>(kind: Kind, namespace: string | undefined, name: string): T | undefined {
    const o = this.#objects.get(`${kind}/${namespace ?? ''}/${name}`);
    return o ? (clone(o) as T) : undefined;
  }

  pod(name: string, namespace = 'default'): Pod | undefined {
    return this.get<Pod>('Pod', namespace, name);
  }

  remove(kind: Kind, namespace: string | undefined, name: string): void {
    const k = `${kind}/${namespace ?? ''}/${name}`;
    const o = this.#objects.get(k);
    if (!o) return;
    this.#objects.delete(k);
    o.metadata.resourceVersion = String(++this.#rv);
    this.#emit('DELETED', o);
  }

  eventsFor(name: string): string[] {
    return this.events.filter((e) => e.involvedObject.name === name).map((e) => `${e.reason}: ${e.message}`);
  }

  // ---------- KubeletClient ----------

  listPods(opts: ListOptions): ApiResult<ListResult<Pod>> {
    return this.#list<Pod>('Pod', fieldMatcher(opts.fieldSelector));
  }

  watchPods(opts: WatchOptions, onEvent: (e: WatchEvent<Pod>) => void): StopWatch {
    return this.#watch('Pod', fieldMatcher(opts.fieldSelector), onEvent);
  }

  updatePodStatus(pod: Pod): ApiResult<Pod> {
    if (this.unavailable) return unavailable();
    const cur = this.#objects.get(key(pod)) as Pod | undefined;
    if (!cur || cur.metadata.uid !== pod.metadata.uid) return notFound('Pod', pod.metadata.name);
    const next = clone(cur);
    next.status = clone(pod.status);
    const stored = this.#store(next, 'MODIFIED');
    this.podStatusWrites.push({ at: this.clock.now(), pod: clone(stored) });
    return { ok: true, value: stored };
  }

  createPod(pod: Pod): ApiResult<Pod> {
    if (this.unavailable) return unavailable();
    if (this.#objects.has(key(pod))) return alreadyExists('pods', pod.metadata.name);
    return { ok: true, value: this.put(pod) };
  }

  deletePod(namespace: string, name: string, opts: DeleteOptions): ApiResult<Pod> {
    if (this.unavailable) return unavailable();
    const cur = this.#objects.get(`Pod/${namespace}/${name}`) as Pod | undefined;
    if (!cur) return notFound('Pod', name);
    if (opts.preconditions?.uid && opts.preconditions.uid !== cur.metadata.uid) {
      return apiFail({ code: 'Conflict', httpCode: 409, message: `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${cur.metadata.uid}` });
    }
    const grace = opts.gracePeriodSeconds ?? cur.spec.terminationGracePeriodSeconds ?? 30;
    // Like the API server: unscheduled pods and grace 0 go at once; others get a deletionTimestamp.
    if (grace === 0 || !cur.spec.nodeName) {
      this.remove('Pod', namespace, name);
      return { ok: true, value: clone(cur) };
    }
    if (cur.metadata.deletionTimestamp) return { ok: true, value: clone(cur) };
    const next = clone(cur);
    next.metadata.deletionTimestamp = rfc3339(this.clock.now() + grace * 1000);
    next.metadata.deletionGracePeriodSeconds = grace;
    return { ok: true, value: this.#store(next, 'MODIFIED') };
  }

  getSecret(namespace: string, name: string): ApiResult<SecretView> {
    const o = this.get<KubeObject>('Secret', namespace, name);
    return o ? { ok: true, value: o as unknown as SecretView } : apiFail({ code: 'NotFound', httpCode: 404, message: `secrets "${name}" not found` });
  }

  getPersistentVolumeClaim(namespace: string, name: string): ApiResult<ClaimView> {
    const o = this.get<KubeObject>('PersistentVolumeClaim', namespace, name);
    return o ? { ok: true, value: o as unknown as ClaimView } : apiFail({ code: 'NotFound', httpCode: 404, message: `persistentvolumeclaims "${name}" not found` });
  }

  getPersistentVolume(name: string): ApiResult<VolumeView> {
    const o = this.get<KubeObject>('PersistentVolume', undefined, name);
    return o ? { ok: true, value: o as unknown as VolumeView } : apiFail({ code: 'NotFound', httpCode: 404, message: `persistentvolumes "${name}" not found` });
  }

  getConfigMap(namespace: string, name: string): ApiResult<ConfigMap> {
    const cm = this.get<ConfigMap>('ConfigMap', namespace, name);
    return cm ? { ok: true, value: cm } : apiFail({ code: 'NotFound', httpCode: 404, message: `configmaps "${name}" not found` });
  }

  listNodes(opts: ListOptions): ApiResult<ListResult<Node>> {
    return this.#list<Node>('Node', fieldMatcher(opts.fieldSelector));
  }

  watchNodes(opts: WatchOptions, onEvent: (e: WatchEvent<Node>) => void): StopWatch {
    return this.#watch('Node', fieldMatcher(opts.fieldSelector), onEvent);
  }

  getNode(name: string): ApiResult<Node> {
    const n = this.get<Node>('Node', undefined, name);
    return n ? { ok: true, value: n } : notFound('Node', name);
  }

  createNode(node: Node): ApiResult<Node> {
    if (this.unavailable) return unavailable();
    if (this.#objects.has(key(node))) return alreadyExists('nodes', node.metadata.name);
    return { ok: true, value: this.put(node) };
  }

  updateNodeStatus(node: Node): ApiResult<Node> {
    if (this.unavailable) return unavailable();
    const cur = this.#objects.get(key(node)) as Node | undefined;
    if (!cur) return notFound('Node', node.metadata.name);
    const next = clone(cur);
    next.status = clone(node.status);
    const stored = this.#store(next, 'MODIFIED');
    this.nodeStatusWrites.push({ at: this.clock.now(), node: clone(stored) });
    return { ok: true, value: stored };
  }

  getLease(namespace: string, name: string): ApiResult<Lease> {
    const l = this.get<Lease>('Lease', namespace, name);
    return l ? { ok: true, value: l } : notFound('Lease', name);
  }

  createLease(lease: Lease): ApiResult<Lease> {
    if (this.unavailable) return unavailable();
    if (this.#objects.has(key(lease))) return alreadyExists('leases.coordination.k8s.io', lease.metadata.name);
    const stored = this.put(lease);
    this.leaseWrites.push({ at: this.clock.now(), lease: clone(stored) });
    return { ok: true, value: stored };
  }

  updateLease(lease: Lease): ApiResult<Lease> {
    if (this.unavailable) return unavailable();
    if (!this.#objects.has(key(lease))) return notFound('Lease', lease.metadata.name);
    const stored = this.put(lease);
    this.leaseWrites.push({ at: this.clock.now(), lease: clone(stored) });
    return { ok: true, value: stored };
  }

  createEvent(event: Event): ApiResult<Event> {
    if (this.unavailable) return unavailable();
    this.events.push({ ...clone(event), at: this.clock.now() });
    return { ok: true, value: clone(event) };
  }

  // ---------- ProxyClient ----------

  listServices(): ApiResult<ListResult<Service>> {
    return this.#list<Service>('Service', () => true);
  }
  watchServices(_opts: WatchOptions, onEvent: (e: WatchEvent<Service>) => void): StopWatch {
    return this.#watch('Service', () => true, onEvent);
  }
  listEndpointSlices(): ApiResult<ListResult<EndpointSlice>> {
    return this.#list<EndpointSlice>('EndpointSlice', () => true);
  }
  watchEndpointSlices(_opts: WatchOptions, onEvent: (e: WatchEvent<EndpointSlice>) => void): StopWatch {
    return this.#watch('EndpointSlice', () => true, onEvent);
  }

  // ---------- internals ----------

  #list<T extends KubeObject>(kind: Kind, match: (o: KubeObject) => boolean): ApiResult<ListResult<T>> {
    const items = [...this.#objects.values()].filter((o) => o.kind === kind && match(o)).map((o) => clone(o) as T);
    return { ok: true, value: { items, resourceVersion: String(this.#rv) } };
  }

  #watch<T>(kind: Kind, match: (o: KubeObject) => boolean, fn: (e: WatchEvent<T>) => void): StopWatch {
    const w: Watcher = { kind, match, fn: fn as (e: WatchEvent<never>) => void, live: true };
    this.#watchers.push(w);
    return () => {
      w.live = false;
      this.#watchers = this.#watchers.filter((x) => x !== w);
    };
  }

  #store<T extends KubeObject>(o: T, type: 'ADDED' | 'MODIFIED'): T {
    o.metadata.resourceVersion = String(++this.#rv);
    this.#objects.set(key(o), o);
    this.#emit(type, o);
    return clone(o);
  }

  #emit(type: WatchEvent<unknown>['type'], o: KubeObject): void {
    const snapshot = clone(o);
    for (const w of this.#watchers) {
      if (w.kind !== o.kind || !w.match(o)) continue;
      // Delivered on the clock, like a watch stream: never re-entrant.
      this.clock.setTimeout(() => {
        if (w.live) w.fn({ type, object: clone(snapshot) } as never);
      }, 0);
    }
  }
}

function unavailable() {
  return apiFail({ code: 'ServiceUnavailable', httpCode: 503, message: 'the server is currently unable to handle the request' });
}

function alreadyExists(resource: string, name: string) {
  return apiFail({ code: 'AlreadyExists', httpCode: 409, message: `${resource} "${name}" already exists` });
}
