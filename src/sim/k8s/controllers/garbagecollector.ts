import type { KubeObject, OwnerReference } from '../api/types.ts';
import { CLUSTER_SCOPED, RESOURCE_OF_KIND, type Resource } from './client.ts';
import { QueueController } from './controller.ts';
import { listOr } from './util.ts';

/** Resources whose objects carry ownerReferences worth following. */
export const GC_RESOURCES: readonly Resource[] = ['deployments', 'replicasets', 'daemonsets', 'statefulsets', 'controllerrevisions', 'cronjobs', 'jobs', 'pods', 'persistentvolumeclaims', 'services', 'endpointslices', 'endpoints'];

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';

type OwnerState = 'absent' | 'waiting' | 'alive';

/**
 * pkg/controller/garbagecollector, without the dependency graph: a dependent
 * whose owners are all gone is deleted (Background); one whose owner is being
 * deleted in the foreground is deleted in the foreground too, and the owner's
 * foregroundDeletion finalizer goes once no blocking dependent is left; an
 * owner deleted with Orphan has its ownerReferences stripped from dependents
 * before its orphan finalizer goes. Keys: "dep|res|ns|name", "own|res|ns|name".
 */
export class GarbageCollector extends QueueController {
  readonly name = 'garbagecollector';

  protected watchAll(): void {
    for (const res of GC_RESOURCES) {
      this.watch(res, (type, o: KubeObject) => {
        if (type === 'DELETED') {
          this.#enqueueDependentsOf(o);
          // A dependent going away may unblock an owner waiting in the foreground.
          for (const ref of o.metadata.ownerReferences ?? []) this.#enqueueOwnerRef(o, ref);
          return;
        }
        if (o.metadata.ownerReferences?.length) this.enqueue(key('dep', res, o));
        if (o.metadata.deletionTimestamp && hasGcFinalizer(o)) this.enqueue(key('own', res, o));
      });
    }
  }

  protected allKeys(): string[] {
    const keys: string[] = [];
    for (const res of GC_RESOURCES)
      for (const o of this.lister(res).list() as KubeObject[]) {
        if (o.metadata.ownerReferences?.length) keys.push(key('dep', res, o));
        if (o.metadata.deletionTimestamp && hasGcFinalizer(o)) keys.push(key('own', res, o));
      }
    return keys;
  }

  protected sync(k: string): void {
    const [kind, res, ns, name] = k.split('|') as ['dep' | 'own', Resource, string, string];
    // From the shared informers: every dependent is looked at each resync, and these reads were most of an idle cluster's API calls.
    const o = this.lister(res).get(ns || undefined, name) as KubeObject | undefined;
    if (!o) return;
    if (kind === 'dep') this.#syncDependent(res, o);
    else this.#syncOwner(res, o);
  }

  #ownerState(dep: KubeObject, ref: OwnerReference): OwnerState {
    const res = RESOURCE_OF_KIND[ref.kind];
    if (!res) return 'alive'; // a kind we cannot look up is never collected
    const ns = CLUSTER_SCOPED.has(res) ? undefined : dep.metadata.namespace;
    const cached = this.lister(res).get(ns, ref.name) as KubeObject | undefined;
    if (cached?.metadata.uid === ref.uid) return cached.metadata.deletionTimestamp && cached.metadata.finalizers?.includes(FOREGROUND) ? 'waiting' : 'alive';
    // Like attemptToDeleteItem: an owner missing from the cache is confirmed with a live read before anything is collected.
    const got = this.client.get(res, ns, ref.name);
    if (!got.ok || got.value.metadata.uid !== ref.uid) return 'absent';
    const o = got.value as KubeObject;
    return o.metadata.deletionTimestamp && o.metadata.finalizers?.includes(FOREGROUND) ? 'waiting' : 'alive';
  }

  #syncDependent(res: Resource, o: KubeObject): void {
    if (o.metadata.deletionTimestamp) return;
    const refs = o.metadata.ownerReferences ?? [];
    const states = refs.map((r) => this.#ownerState(o, r));
    if (states.includes('alive')) {
      // Solid owner left: only drop references to owners that no longer exist.
      if (states.includes('absent')) {
        this.client.update(res, { ...o, metadata: { ...o.metadata, ownerReferences: refs.filter((_, i) => states[i] !== 'absent') } } as never);
      }
      return;
    }
    if (!refs.length) return;
    const policy = states.includes('waiting') ? 'Foreground' : 'Background';
    this.client.delete(res, o.metadata.namespace, o.metadata.name, { propagationPolicy: policy });
  }

  #syncOwner(res: Resource, o: KubeObject): void {
    if (!o.metadata.deletionTimestamp) return;
    const uid = o.metadata.uid;
    const fins = o.metadata.finalizers ?? [];
    const dependents = this.#dependentsOf(o);
    if (fins.includes(ORPHAN)) {
      for (const { res: dres, obj } of dependents) {
        obj.metadata.ownerReferences = obj.metadata.ownerReferences?.filter((r) => r.uid !== uid);
        this.client.update(dres, obj as never);
      }
      this.#dropFinalizer(res, o, ORPHAN);
      return;
    }
    if (fins.includes(FOREGROUND)) {
      let blocking = 0;
      for (const { res: dres, obj } of dependents) {
        if (obj.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion)) blocking++;
        if (!obj.metadata.deletionTimestamp) this.client.delete(dres, obj.metadata.namespace, obj.metadata.name, { propagationPolicy: 'Foreground' });
      }
      // Dependents deleted without finalizers are gone at once; look again.
      if (blocking && this.#dependentsOf(o).some(({ obj }) => obj.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion))) return;
      this.#dropFinalizer(res, o, FOREGROUND);
    }
  }

  #dropFinalizer(res: Resource, o: KubeObject, fin: string): void {
    const got = this.client.get(res, o.metadata.namespace, o.metadata.name);
    if (!got.ok) return;
    const cur = got.value as KubeObject;
    cur.metadata.finalizers = cur.metadata.finalizers?.filter((f) => f !== fin);
    this.client.update(res, cur as never);
  }

  #dependentsOf(owner: KubeObject): { res: Resource; obj: KubeObject }[] {
    const out: { res: Resource; obj: KubeObject }[] = [];
    for (const res of GC_RESOURCES)
      for (const obj of listOr(this.client.list(res, owner.metadata.namespace)))
        if (obj.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid)) out.push({ res, obj });
    return out;
  }

  #enqueueDependentsOf(owner: KubeObject): void {
    for (const { res, obj } of this.#dependentsOf(owner)) this.enqueue(key('dep', res, obj));
  }

  #enqueueOwnerRef(dep: KubeObject, ref: OwnerReference): void {
    const res = RESOURCE_OF_KIND[ref.kind];
    if (res && GC_RESOURCES.includes(res)) this.enqueue(`own|${res}|${CLUSTER_SCOPED.has(res) ? '' : (dep.metadata.namespace ?? '')}|${ref.name}`);
  }
}

function key(kind: 'dep' | 'own', res: Resource, o: KubeObject): string {
  return `${kind}|${res}|${o.metadata.namespace ?? ''}|${o.metadata.name}`;
}

function hasGcFinalizer(o: KubeObject): boolean {
  return !!o.metadata.finalizers?.some((f) => f === ORPHAN || f === FOREGROUND);
}
