import type { World } from '../../../world.ts';
import type { KubeObject, LabelSelector, Pod, Toleration } from '../../api/types.ts';
import type { StatusReason } from '../../apiserver/status.ts';
import {
  CLUSTER_SCOPED,
  type ApiResult,
  type ApiError,
  type ControllerClient,
  type DeleteOptions,
  type Resource,
  type ResourceTypes,
  type WatchEventType,
} from '../client.ts';
import { clone, cmp, jsonEqual, matchesSelector, rfc3339 } from '../util.ts';

/**
 * An in-memory API server for controller tests: objects in Maps, one
 * resourceVersion counter, watch events delivered on the virtual clock. It
 * emulates the server-side behaviour controllers rely on: generateName,
 * generation bumps on spec changes, finalizers and deletionTimestamp, the
 * orphan/foregroundDeletion finalizers of propagationPolicy, namespace
 * Terminating, and the DefaultTolerationSeconds admission plugin.
 */
type Watcher = (type: WatchEventType, obj: KubeObject) => void;

const fail = (reason: StatusReason, code: number, message: string): { ok: false; errors: [ApiError] } => ({ ok: false, errors: [{ code: reason, httpCode: code, message }] });

export interface RecordedEvent {
  involved: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source?: string;
  at: number;
}

export class FakeClient implements ControllerClient {
  readonly world: World;
  #stores = new Map<Resource, Map<string, KubeObject>>();
  #watchers = new Map<Resource, Set<Watcher>>();
  #rv = 0;
  #uid = 0;
  readonly events: RecordedEvent[] = [];
  /** Every create/update/delete call, for tests that count API writes. */
  readonly writes: { verb: string; resource: Resource; name: string }[] = [];

  constructor(world: World) {
    this.world = world;
  }

  #store(r: Resource): Map<string, KubeObject> {
    let s = this.#stores.get(r);
    if (!s) this.#stores.set(r, (s = new Map()));
    return s;
  }

  #key(r: Resource, ns: string | undefined, name: string): string {
    return CLUSTER_SCOPED.has(r) ? name : `${ns ?? ''}/${name}`;
  }

  #emit(r: Resource, type: WatchEventType, obj: KubeObject): void {
    for (const w of this.#watchers.get(r) ?? []) {
      const copy = clone(obj);
      this.world.clock.setTimeout(() => {
        if (this.#watchers.get(r)?.has(w)) w(type, copy);
      }, 0);
    }
  }

  #now(): string {
    return rfc3339(this.world.clock.now());
  }

  list<R extends Resource>(resource: R, namespace?: string, labelSelector?: LabelSelector): ApiResult<ResourceTypes[R][]> {
    const out: KubeObject[] = [];
    for (const o of this.#store(resource).values()) {
      if (namespace !== undefined && o.metadata.namespace !== namespace) continue;
      if (labelSelector && !matchesSelector(labelSelector, o.metadata.labels)) continue;
      out.push(clone(o));
    }
    out.sort((a, b) => cmp(this.#key(resource, a.metadata.namespace, a.metadata.name), this.#key(resource, b.metadata.namespace, b.metadata.name)));
    return { ok: true, value: out as ResourceTypes[R][] };
  }

  get<R extends Resource>(resource: R, namespace: string | undefined, name: string): ApiResult<ResourceTypes[R]> {
    const o = this.#store(resource).get(this.#key(resource, namespace, name));
    if (!o) return fail('NotFound', 404, `${resource} "${name}" not found`);
    return { ok: true, value: clone(o) as ResourceTypes[R] };
  }

  create<R extends Resource>(resource: R, obj: ResourceTypes[R]): ApiResult<ResourceTypes[R]> {
    const o = clone(obj) as KubeObject;
    const store = this.#store(resource);
    const ns = CLUSTER_SCOPED.has(resource) ? undefined : (o.metadata.namespace ?? 'default');
    if (ns !== undefined) {
      o.metadata.namespace = ns;
      const nsObj = this.#store('namespaces').get(ns);
      if (nsObj?.metadata.deletionTimestamp)
        return fail('Forbidden', 403, `${resource} "${o.metadata.name || o.metadata.generateName}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
    }
    if (!o.metadata.name && o.metadata.generateName) {
      do o.metadata.name = o.metadata.generateName + this.world.rng.k8sSuffix(5);
      while (store.has(this.#key(resource, ns, o.metadata.name)));
    }
    if (!o.metadata.name) return fail('Invalid', 422, `${resource} "" is invalid: metadata.name: Required value: name or generateName is required`);
    const key = this.#key(resource, ns, o.metadata.name);
    if (store.has(key)) return fail('AlreadyExists', 409, `${resource} "${o.metadata.name}" already exists`);
    o.metadata.uid = `uid-${++this.#uid}`;
    o.metadata.creationTimestamp = this.#now();
    o.metadata.generation = 1;
    o.metadata.resourceVersion = String(++this.#rv);
    delete o.metadata.deletionTimestamp;
    if (resource === 'pods') defaultTolerations(o as Pod);
    if (resource === 'namespaces') {
      const n = o as ResourceTypes['namespaces'];
      n.spec = { finalizers: ['kubernetes'], ...n.spec };
      n.status = { phase: 'Active' };
    }
    store.set(key, o);
    this.writes.push({ verb: 'create', resource, name: o.metadata.name });
    this.#emit(resource, 'ADDED', o);
    return { ok: true, value: clone(o) as ResourceTypes[R] };
  }

  #replace<R extends Resource>(resource: R, obj: ResourceTypes[R], statusOnly: boolean): ApiResult<ResourceTypes[R]> {
    const store = this.#store(resource);
    const key = this.#key(resource, obj.metadata.namespace, obj.metadata.name);
    const old = store.get(key);
    if (!old) return fail('NotFound', 404, `${resource} "${obj.metadata.name}" not found`);
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== old.metadata.resourceVersion)
      return fail('Conflict', 409, `Operation cannot be fulfilled on ${resource} "${obj.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`);
    const next = clone(old) as KubeObject & { status?: unknown; spec?: unknown };
    const given = clone(obj) as KubeObject & { status?: unknown };
    if (statusOnly) {
      next.status = given.status;
    } else {
      const { metadata, status: _status, ...rest } = given;
      const oldRest = { ...old, metadata: undefined, status: undefined };
      Object.assign(next, rest);
      // Fields the server owns survive whatever the client sends.
      next.metadata = { ...metadata, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp, generation: old.metadata.generation, deletionTimestamp: old.metadata.deletionTimestamp, namespace: old.metadata.namespace };
      if (!next.metadata.deletionTimestamp) delete next.metadata.deletionTimestamp;
      if (!jsonEqual({ ...next, metadata: undefined, status: undefined }, oldRest)) next.metadata.generation = (old.metadata.generation ?? 1) + 1;
    }
    if (jsonEqual(next, old)) return { ok: true, value: clone(old) as ResourceTypes[R] };
    next.metadata.resourceVersion = String(++this.#rv);
    this.writes.push({ verb: statusOnly ? 'updateStatus' : 'update', resource, name: obj.metadata.name });
    if (next.metadata.deletionTimestamp && !this.#hasFinalizers(resource, next)) {
      store.delete(key);
      this.#emit(resource, 'DELETED', next);
      return { ok: true, value: clone(next) as ResourceTypes[R] };
    }
    store.set(key, next);
    this.#emit(resource, 'MODIFIED', next);
    return { ok: true, value: clone(next) as ResourceTypes[R] };
  }

  update<R extends Resource>(resource: R, obj: ResourceTypes[R]): ApiResult<ResourceTypes[R]> {
    return this.#replace(resource, obj, false);
  }

  updateStatus<R extends Resource>(resource: R, obj: ResourceTypes[R]): ApiResult<ResourceTypes[R]> {
    return this.#replace(resource, obj, true);
  }

  #hasFinalizers(resource: Resource, o: KubeObject): boolean {
    if (o.metadata.finalizers?.length) return true;
    return resource === 'namespaces' && !!(o as ResourceTypes['namespaces']).spec?.finalizers?.length;
  }

  delete(resource: Resource, namespace: string | undefined, name: string, opts: DeleteOptions = {}): ApiResult<void> {
    const store = this.#store(resource);
    const key = this.#key(resource, namespace, name);
    const old = store.get(key);
    if (!old) return fail('NotFound', 404, `${resource} "${name}" not found`);
    const o = clone(old);
    const policy = opts.propagationPolicy;
    const fin = policy === 'Orphan' ? 'orphan' : policy === 'Foreground' ? 'foregroundDeletion' : undefined;
    if (fin && !o.metadata.deletionTimestamp && !o.metadata.finalizers?.includes(fin)) o.metadata.finalizers = [...(o.metadata.finalizers ?? []), fin];
    this.writes.push({ verb: 'delete', resource, name });
    if (this.#hasFinalizers(resource, o)) {
      if (o.metadata.deletionTimestamp) return { ok: true, value: undefined };
      o.metadata.deletionTimestamp = this.#now();
      if (resource === 'namespaces') (o as ResourceTypes['namespaces']).status = { phase: 'Terminating' };
      o.metadata.resourceVersion = String(++this.#rv);
      store.set(key, o);
      this.#emit(resource, 'MODIFIED', o);
      return { ok: true, value: undefined };
    }
    store.delete(key);
    o.metadata.resourceVersion = String(++this.#rv);
    this.#emit(resource, 'DELETED', o);
    return { ok: true, value: undefined };
  }

  watch<R extends Resource>(resource: R, onEvent: (type: WatchEventType, obj: ResourceTypes[R]) => void): () => void {
    const w = onEvent as Watcher;
    let set = this.#watchers.get(resource);
    if (!set) this.#watchers.set(resource, (set = new Set()));
    set.add(w);
    return () => void this.#watchers.get(resource)?.delete(w);
  }

  recordEvent(involvedObject: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source?: string): void {
    const ns = involvedObject.metadata.namespace;
    this.events.push({
      involved: `${involvedObject.kind}/${ns ? `${ns}/` : ''}${involvedObject.metadata.name}`,
      type,
      reason,
      message,
      source,
      at: this.world.clock.now(),
    });
  }

  // ---- test conveniences (not part of ControllerClient) ----

  /** Changes an object as another actor (kubelet, user) would, with a MODIFIED event. */
  mutate<R extends Resource>(resource: R, namespace: string | undefined, name: string, fn: (o: ResourceTypes[R]) => void): ResourceTypes[R] | undefined {
    const key = this.#key(resource, namespace, name);
    const old = this.#store(resource).get(key);
    if (!old) return undefined;
    const o = clone(old) as ResourceTypes[R];
    fn(o);
    o.metadata.resourceVersion = String(++this.#rv);
    this.#store(resource).set(key, o);
    this.#emit(resource, 'MODIFIED', o);
    return clone(o);
  }

  /** Objects as stored, without cloning. */
  objects<R extends Resource>(resource: R, namespace?: string): ResourceTypes[R][] {
    const r = this.list(resource, namespace);
    return r.ok ? r.value : [];
  }

  eventMessages(reason?: string): string[] {
    return this.events.filter((e) => !reason || e.reason === reason).map((e) => e.message);
  }
}

/** The DefaultTolerationSeconds admission plugin: 300 s for not-ready and unreachable. */
function defaultTolerations(p: Pod): void {
  const tols: Toleration[] = p.spec.tolerations ?? [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tols.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
    if (!has) tols.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  p.spec.tolerations = tols;
}

