import type { VirtualClock } from '../../clock.ts';
import type { KubeObject } from '../api/types.ts';
import type { ControllerClient, Resource, ResourceTypes, WatchEventType } from './client.ts';
import { CONTROLLER_UID, SharedInformers, type Informer } from './informer.ts';
import { controllerRef } from './util.ts';

export interface ControllerContext {
  client: ControllerClient;
  clock: VirtualClock;
  /** Shared by every controller of one manager (one list+watch per resource); a controller made alone gets its own. */
  informers?: SharedInformers;
}

export interface Controller {
  /** The name kube-controller-manager's --controllers flag uses. */
  readonly name: string;
  start(): void;
  stop(): void;
}

/**
 * Default informer resync: every object is looked at again this often.
 * kube-controller-manager's shared informers resync every 12 to 24 hours
 * (--min-resync-period 12h, randomized); controllers that poll on purpose
 * say so (node monitor 5 s, HPA and PV binder 15 s, namespaces 5 min). At
 * 30 s, an idle cluster re-synced every object of every controller for nothing.
 */
export const RESYNC_MS = 12 * 3600_000;

/**
 * The shape every controller shares, like client-go's informer + workqueue:
 * watch handlers map events to keys, keys are deduplicated in a queue, and
 * sync(key) reconciles one object from fresh API reads. Keys are processed in
 * a zero-delay timer so a burst of watch events costs one sync. start() lists
 * everything, so a restarted controller catches up on what it missed.
 * watch() and lister() go through the shared informers (informer.ts): read
 * the cache with this.lister(resource).get/list instead of listing the API.
 */
export abstract class QueueController implements Controller {
  abstract readonly name: string;
  /** Writes through here are seen at once by this manager's informers. */
  protected readonly client: ControllerClient;
  protected readonly clock: VirtualClock;
  protected readonly informers: SharedInformers;
  #listening = new Set<Resource>();
  #pending = new Set<string>();
  #timer = 0;
  #delayed = new Map<string, number>();
  #delayedAt = new Map<string, number>();
  #cancels: (() => void)[] = [];
  #running = false;

  constructor(ctx: ControllerContext) {
    this.informers = ctx.informers ?? new SharedInformers(ctx.client, ctx.clock);
    this.client = this.informers.client;
    this.clock = ctx.clock;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Reconciles one key; returning a number asks for another sync after that many ms. */
  protected abstract sync(key: string): number | void;
  /** Keys to sync on start and on every resync. */
  protected abstract allKeys(): string[];
  /** Sets up watches through this.watch(). */
  protected abstract watchAll(): void;
  protected resyncMs(): number {
    return RESYNC_MS;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.watchAll();
    this.#cancels.push(this.clock.every(this.resyncMs(), () => this.#enqueueAll()));
    this.#enqueueAll();
  }

  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    for (const c of this.#cancels) c();
    this.#cancels = [];
    this.#listening.clear();
    this.clock.clearTimeout(this.#timer);
    this.#timer = 0;
    for (const id of this.#delayed.values()) this.clock.clearTimeout(id);
    this.#delayed.clear();
    this.#pending.clear();
  }

  /** Calls fn for every watch event of the resource while this controller runs (objects are frozen: copy before changing). */
  protected watch<R extends Resource>(resource: R, fn: (type: WatchEventType, obj: ResourceTypes[R], old?: ResourceTypes[R]) => void): void {
    this.#listening.add(resource);
    this.#cancels.push(this.informers.for(resource).on((t, o, old) => this.#running && fn(t, o, old)));
  }

  /** The shared cache of a resource, kept while this controller runs (objects are frozen: copy before changing). */
  protected lister<R extends Resource>(resource: R): Informer<ResourceTypes[R]> {
    const inf = this.informers.for(resource);
    if (this.#running && !this.#listening.has(resource)) {
      this.#listening.add(resource);
      this.#cancels.push(inf.on(() => {}));
    }
    return inf;
  }

  /** The cached objects of a resource whose controller is owner (by the informer's controller-uid index), in key order. */
  protected owned<R extends Resource>(resource: R, owner: KubeObject): ResourceTypes[R][] {
    const inf = this.lister(resource);
    inf.addIndex(CONTROLLER_UID, (o) => controllerRef(o)?.uid);
    return inf.byIndex(CONTROLLER_UID, owner.metadata.uid ?? '').filter((o) => o.metadata.namespace === owner.metadata.namespace);
  }

  protected enqueue(key: string): void {
    if (!this.#running) return;
    this.#pending.add(key);
    if (!this.#timer) this.#timer = this.clock.setTimeout(() => this.#drain(), 0);
  }

  /** Enqueues o's controller (namespace/name) when it is of this kind; says whether it did. */
  protected enqueueController(o: KubeObject, kind: string): boolean {
    const ref = controllerRef(o);
    if (ref?.kind !== kind) return false;
    this.enqueue(`${o.metadata.namespace}/${ref.name}`);
    return true;
  }

  /** Like workqueue.AddAfter: the earliest request wins. */
  protected enqueueAfter(key: string, ms: number): void {
    if (!this.#running) return;
    const at = this.clock.now() + ms;
    const existing = this.#delayed.get(key);
    if (existing !== undefined) {
      if ((this.#delayedAt.get(key) ?? Infinity) <= at) return;
      this.clock.clearTimeout(existing);
    }
    this.#delayedAt.set(key, at);
    this.#delayed.set(
      key,
      this.clock.setTimeout(() => {
        this.#delayed.delete(key);
        this.#delayedAt.delete(key);
        this.enqueue(key);
      }, ms),
    );
  }
  #enqueueAll(): void {
    for (const k of this.allKeys()) this.enqueue(k);
  }

  #drain(): void {
    this.#timer = 0;
    const keys = [...this.#pending];
    this.#pending.clear();
    for (const k of keys) {
      if (!this.#running) return;
      const again = this.sync(k);
      if (typeof again === 'number') this.enqueueAfter(k, again);
    }
  }
}
