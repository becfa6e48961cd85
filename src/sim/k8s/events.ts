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
  /**
   * Event names by what correlates them, an LRU of client-go's maxLruCacheEntries (4096): unbounded, it grew by ~5 per pod
   * forever. Found by the object's uid (or name) and compared field by field, sharing the event's strings: a key joined
   * per event copied every field.
   */
  #byObject = new Map<string, Seen>();
  /** Least and most recently written: the LRU is a list through the entries themselves (no Set's table beside them). */
  #oldest: Seen | undefined;
  #newest: Seen | undefined;
  #size = 0;

  #find(k: Seen): Seen | undefined {
    for (let s = this.#byObject.get(bucketOf(k)); s; s = s.same) if (sameKey(s, k)) return s;
    return undefined;
  }

  #remember(k: Seen, name: string): void {
    // Found again: writing the Event may have recorded others meanwhile, and evicted this one.
    let seen = this.#find(k);
    if (seen) this.#unlink(seen);
    else {
      // The key built for this event is kept as it is: nothing else holds it.
      seen = k;
      const bucket = bucketOf(k);
      seen.same = this.#byObject.get(bucket);
      this.#byObject.set(bucket, seen);
      this.#size++;
    }
    seen.event = name;
    seen.older = this.#newest;
    seen.newer = undefined;
    if (this.#newest) this.#newest.newer = seen;
    else this.#oldest = seen;
    this.#newest = seen;
    if (this.#size > MAX_LRU_CACHE_ENTRIES) this.#forget(this.#oldest!);
  }

  #unlink(s: Seen): void {
    if (s.older) s.older.newer = s.newer;
    else this.#oldest = s.newer;
    if (s.newer) s.newer.older = s.older;
    else this.#newest = s.older;
  }

  #forget(s: Seen): void {
    this.#unlink(s);
    this.#size--;
    const bucket = bucketOf(s);
    let head = this.#byObject.get(bucket);
    if (head === s) {
      if (s.same) this.#byObject.set(bucket, s.same);
      else this.#byObject.delete(bucket);
    } else {
      while (head && head.same !== s) head = head.same;
      if (head) head.same = s.same;
    }
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
    const key = seenKey(ns, io, io.fieldPath ?? '', ev.type ?? '', ev.reason ?? '', ev.message ?? '', ev.source?.component ?? '', ev.source?.host ?? '');
    const existing = this.#find(key)?.event;
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
    const key = seenKey(ns, e.involvedObject, null, e.type, e.reason, e.message, e.source.component ?? '', e.source.host ?? '');
    const now = rfc3339(this.#world.clock.now());
    const existing = this.#find(key)?.event;
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

/** What makes two events the same one, as client-go's getEventKey (its strings are the event's own, not copies). */
interface Seen {
  ns: string;
  kind: string | undefined;
  object: string | undefined;
  uid: string;
  /** null for record(), whose key never had the field path: its events never matched correlate()'s. */
  fieldPath: string | null;
  type: string;
  reason: string;
  message: string;
  component: string;
  host: string;
  /** The Event written for it, whose count a repeat bumps. */
  event: string;
  /** The next one remembered for the same object. */
  same: Seen | undefined;
  older: Seen | undefined;
  newer: Seen | undefined;
}

/** Where a key is looked for: its object's uid, or name without one. */
function bucketOf(k: Seen): string {
  return k.uid || (k.object ?? '');
}

function seenKey(ns: string, io: Event['involvedObject'], fieldPath: string | null, type: string, reason: string, message: string, component: string, host: string): Seen {
  // Every field from the start, so a remembered key keeps its shape.
  return { ns, kind: io.kind, object: io.name, uid: io.uid ?? '', fieldPath, type, reason, message, component, host, event: '', same: undefined, older: undefined, newer: undefined };
}

function sameKey(a: Seen, b: Seen): boolean {
  return a.message === b.message && a.reason === b.reason && a.fieldPath === b.fieldPath && a.object === b.object && a.uid === b.uid && a.kind === b.kind && a.ns === b.ns && a.type === b.type && a.component === b.component && a.host === b.host;
}
