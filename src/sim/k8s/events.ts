import type { Event } from './api/types.ts';
import type { ApiClient, ApiResult } from './apiserver/index.ts';
import type { World } from '../world.ts';
import { rfc3339 } from './time.ts';

/** client-go tools/record: the correlator remembers this many events. */
export const MAX_LRU_CACHE_ENTRIES = 4096;

export interface EventInput {
  involvedObject: Event['involvedObject'];
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: { component: string; host?: string };
}

/**
 * Records core/v1 Events through the API server, like client-go's recorder:
 * a repeat of the same event on the same object bumps count and
 * lastTimestamp instead of creating a new object (`5s (x3 over 1m)`).
 */
export class EventRecorder {
  #client: ApiClient;
  #world: World;
  /** Event names by correlation key, an LRU of client-go's maxLruCacheEntries (4096): unbounded, it grew by ~5 keys per pod forever. */
  #names = new Map<string, string>();

  #remember(key: string, name: string): void {
    this.#names.delete(key);
    this.#names.set(key, name);
    if (this.#names.size > MAX_LRU_CACHE_ENTRIES) this.#names.delete(this.#names.keys().next().value!);
  }

  constructor(world: World, client: ApiClient) {
    this.#world = world;
    this.#client = client;
  }

  /**
   * A whole Event as an actor built it (the kubelet): created the first time,
   * a repeat of the same source, object, type, reason and message on the same
   * object updates count and lastTimestamp (client-go's EventCorrelator), so
   * `kubectl describe` shows `(x3 over 40s)`.
   */
  correlate(ev: Event): ApiResult<Event> {
    const io = ev.involvedObject;
    const ns = ev.metadata.namespace ?? io.namespace ?? 'default';
    const key = [ns, io.kind, io.name, io.uid ?? '', io.fieldPath ?? '', ev.type, ev.reason, ev.message, ev.source?.component ?? '', ev.source?.host ?? ''].join('\u0000');
    const existing = this.#names.get(key);
    if (existing) {
      const got = this.#client.get<Event>('events', ns, existing);
      if (got.ok) {
        const upd = this.#client.update<Event>({ ...got.value, count: (got.value.count ?? 1) + 1, lastTimestamp: ev.lastTimestamp ?? rfc3339(this.#world.clock.now()) });
        if (upd.ok) {
          this.#remember(key, existing);
          return upd;
        }
      }
    }
    const r = this.#client.create(ev);
    if (r.ok) this.#remember(key, ev.metadata.name);
    return r;
  }

  record(e: EventInput): void {
    const ns = e.involvedObject.namespace ?? 'default';
    const key = [ns, e.involvedObject.kind, e.involvedObject.name, e.involvedObject.uid ?? '', e.type, e.reason, e.message, e.source.component, e.source.host ?? ''].join('\u0000');
    const now = rfc3339(this.#world.clock.now());
    const existing = this.#names.get(key);
    if (existing) {
      const got = this.#client.get<Event>('events', ns, existing);
      if (got.ok) {
        const ev = got.value;
        const upd = this.#client.update<Event>({ ...ev, count: (ev.count ?? 1) + 1, lastTimestamp: now });
        if (upd.ok) {
          this.#remember(key, existing);
          return;
        }
      }
    }
    const name = `${e.involvedObject.name}.${this.#world.rng.hex(16)}`;
    const ev: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: e.involvedObject,
      reason: e.reason,
      message: e.message,
      type: e.type,
      source: e.source,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      reportingComponent: e.source.component,
    };
    if (this.#client.create(ev).ok) this.#remember(key, name);
  }
}
