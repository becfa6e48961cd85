import type { KubeObject, Pod } from '../api/types.ts';
import type { KeyValue, StoredObject, WatchEvent } from '../etcd/types.ts';
import { storedObjectOf } from '../etcd/store.ts';

/**
 * kube-apiserver's watch cache (the cacher), for every resource at once:
 * one etcd watch on /registry/ keeps the current object of every key,
 * decoded once per revision and frozen, so every watcher and every
 * `resourceVersion=0` list shares the same read-only object instead of
 * parsing the stored JSON again (at 1,000 nodes the per-watcher JSON.parse
 * was 68% of CPU). A window of recent events lets a watch resume from an
 * older resourceVersion; API watchers are indexed by key prefix and, for
 * pods, by `spec.nodeName`, so a write costs only its interested watchers.
 */

/** One write as every watcher sees it: decoded once. */
export interface CacheEvent {
  type: 'PUT' | 'DELETE';
  key: string;
  revision: number;
  /** etcd's version of the key after a PUT (1 = created). */
  version: number;
  /** The object after a PUT (none if the stored value cannot be decoded). */
  object?: KubeObject;
  /** The object before the write, if the key existed. */
  prev?: KubeObject;
  /** The key existed but its value could not be decoded. */
  prevCorrupt?: boolean;
}

/** A registered API watcher, as far as the cache's index is concerned. */
export interface IndexedWatcher {
  /** Registration order: events reach watchers in this order. */
  seq: number;
  prefix: string;
  /** Set when the watch selects pods by `spec.nodeName=<value>`: only that node's events reach it. */
  nodeName?: string;
  /** Set when the watch selects one object by `metadata.name` (a kubelet's own Node): only that key's events reach it. */
  key?: string;
}

const PODS = '/registry/pods/';
const EVENTS = '/registry/events/';

/** Freezes o and everything under it: shared cache objects are read-only for every client. */
export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    if (Array.isArray(o)) {
      for (const v of o) if (v && typeof v === 'object') deepFreeze(v);
    } else {
      // for-in over a decoded object: its own keys only, without an array of values per object.
      for (const k in o) {
        const v = (o as Record<string, unknown>)[k];
        if (v && typeof v === 'object') deepFreeze(v);
      }
    }
  }
  return o;
}

/** Sets o's resourceVersion to revision as the last metadata key, where a decode of the stored text puts it; returns o. */
export function withResourceVersionLast(o: KubeObject, revision: number): KubeObject {
  const { resourceVersion: _rv, ...meta } = o.metadata;
  o.metadata = { ...meta, resourceVersion: String(revision) };
  return o;
}

/** Decodes a stored value (undefined when it is not a valid object); the result is the cache's to freeze. */
export type Decoder = (kv: KeyValue) => KubeObject | undefined;

interface Bucket {
  keys: Set<string>;
  /** keys in order as of the last list (may still hold keys deleted since: `removed` counts them). */
  sorted?: string[];
  /** Keys created since the last list. */
  added: string[];
  removed: number;
}

/**
 * A bucket's keys in order. Events and pods come and go all the time, so
 * rather than sorting everything again, the few keys added since the last
 * list are sorted and merged in, and deleted ones dropped on the way.
 */
function sortedKeys(b: Bucket): string[] {
  if (!b.sorted) {
    b.sorted = [...b.keys].sort();
    b.added = [];
    b.removed = 0;
    return b.sorted;
  }
  if (!b.added.length && !b.removed) return b.sorted;
  const old = b.sorted;
  const add = b.added.sort();
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < old.length || j < add.length) {
    const k = j >= add.length || (i < old.length && old[i]! <= add[j]!) ? old[i++]! : add[j++]!;
    // A key deleted and made again is in both lists: keep one.
    if (b.keys.has(k) && out[out.length - 1] !== k) out.push(k);
  }
  b.sorted = out;
  b.added = [];
  b.removed = 0;
  return out;
}

/** The resource part of a key or list prefix, "/registry/pods/" of "/registry/pods/default/web"; undefined when shorter. */
function bucketOf(key: string): string | undefined {
  const a = key.indexOf('/', 1);
  const b = a < 0 ? -1 : key.indexOf('/', a + 1);
  return b < 0 ? undefined : key.slice(0, b + 1);
}

const nodeOf = (key: string, o: KubeObject | undefined): string | undefined => (o && key.startsWith(PODS) ? ((o as Pod).spec?.nodeName ?? '') : undefined);
/** An Event's involvedObject.name ('' when none): what `kubectl describe` selects events by. */
const involvedOf = (key: string, o: KubeObject | undefined): string | undefined =>
  o && key.startsWith(EVENTS) ? ((o as { involvedObject?: { name?: string } }).involvedObject?.name ?? '') : undefined;

/** What a list can be narrowed by through an index instead of a scan of its prefix. */
export interface ListIndex {
  /** Pods by spec.nodeName. */
  nodeName?: string;
  /** Events by involvedObject.name. */
  involvedName?: string;
  /** One object by its key (a `metadata.name` selector: a kubelet's list of its own Node), found without a scan. */
  key?: string;
}

export class WatchCache<W extends IndexedWatcher = IndexedWatcher> {
  #objects = new Map<string, KubeObject>();
  /** Keys by resource (/registry/pods/), each with its keys in order once a list asked, kept up to date by merging in what came since. */
  #buckets = new Map<string, Bucket>();
  /** Keys whose current stored value could not be decoded (kept out of #objects). */
  #corrupt = new Set<string>();
  /** Pod keys by spec.nodeName ('' = unscheduled). */
  #podsByNode = new Map<string, Set<string>>();
  /** Event keys by involvedObject.name (describe lists an object's events out of tens of thousands). */
  #eventsByObject = new Map<string, Set<string>>();
  /** Raw etcd events (their values are shared with etcd's own log), decoded again only for a resuming watch. */
  #window: WatchEvent[] = [];
  /** The window holds every event with revision > #from. */
  #from: number;
  #rev: number;
  /** Watchers by prefix; pods watchers with a nodeName selector by prefix then node. */
  #byPrefix = new Map<string, Set<W>>();
  #byNode = new Map<string, Map<string, Set<W>>>();
  /** Watchers of one key (metadata.name selectors). */
  #byKey = new Map<string, Set<W>>();
  /** Per key directory (`/registry/leases/kube-node-lease/`): the prefix watchers and node-indexed maps over it; emptied when watchers change. */
  #byDir = new Map<string, { prefix: W[]; node: Map<string, Set<W>>[] }>();

  readonly #decode: Decoder;
  /** The object the API server is writing now, with the value it encoded it to (see expectWrite). */
  #written: { key: string; value: string | StoredObject; obj: KubeObject } | undefined;

  /** Starts from a full read of the store at revision `rev` (none and 0: fill it by replaying etcd's history from 1). */
  constructor(decode: Decoder, kvs: KeyValue[] = [], rev = 0) {
    this.#decode = (kv) => deepFreeze(decode(kv));
    for (const kv of kvs) {
      const o = this.#decode(kv);
      if (o) this.#put(kv.key, o);
      else this.#corrupt.add(kv.key);
    }
    this.#from = rev;
    this.#rev = rev;
  }

  /** The last revision applied. */
  get revision(): number {
    return this.#rev;
  }

  get size(): number {
    return this.#objects.size;
  }

  /**
   * The API server is about to write obj under key as value: when etcd's
   * event for that very value comes back, the cache takes obj (with the
   * event's resourceVersion, then frozen) instead of parsing value again,
   * as the cacher keeps the object its own write decoded. undefined: the write is over.
   */
  expectWrite(w: { key: string; value: string | StoredObject; obj: KubeObject } | undefined): void {
    this.#written = w;
  }

  /** The written object for kv, if kv is the write expectWrite announced; metadata rebuilt so resourceVersion comes last, as a decode gives it. */
  #adopt(kv: KeyValue): KubeObject | undefined {
    const w = this.#written;
    if (!w || w.key !== kv.key || w.value !== (typeof w.value === 'string' ? kv.value : storedObjectOf(kv))) return undefined;
    this.#written = undefined;
    return deepFreeze(withResourceVersionLast(w.obj, kv.modRevision));
  }

  /** Applies etcd events (in revision order); returns them decoded, once. */
  apply(events: WatchEvent[]): CacheEvent[] {
    const out: CacheEvent[] = [];
    const before = this.#rev;
    for (const e of events) {
      // A resumed etcd watch may repeat what was already applied (one revision may hold several events).
      if (e.kv.modRevision <= before) continue;
      const key = e.kv.key;
      const prev = this.#objects.get(key);
      const ce: CacheEvent = { type: e.type, key, revision: e.kv.modRevision, version: e.kv.version };
      if (prev) ce.prev = prev;
      else if (e.prevKv) this.#setPrev(ce, e.prevKv);
      const o = e.type === 'PUT' ? (this.#adopt(e.kv) ?? this.#decode(e.kv)) : undefined;
      if (o) {
        ce.object = o;
        this.#put(key, o);
      } else this.#delete(key);
      if (e.type === 'PUT' && !o) this.#corrupt.add(key);
      else this.#corrupt.delete(key);
      this.#rev = Math.max(this.#rev, e.kv.modRevision);
      this.#window.push(e);
      out.push(ce);
    }
    return out;
  }

  /** Forgets window events below revision (the API server's compaction); older resumes get 410 Gone. */
  compact(revision: number): void {
    if (revision - 1 <= this.#from) return;
    let i = 0;
    while (i < this.#window.length && this.#window[i]!.kv.modRevision < revision) i++;
    this.#window = this.#window.slice(i);
    this.#from = revision - 1;
  }

  /** Events after revision under prefix, or undefined when the window no longer reaches back that far. */
  since(revision: number, prefix = ''): CacheEvent[] | undefined {
    if (revision < this.#from) return undefined;
    let lo = 0;
    let hi = this.#window.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#window[mid]!.kv.modRevision <= revision) lo = mid + 1;
      else hi = mid;
    }
    const out: CacheEvent[] = [];
    for (let i = lo; i < this.#window.length; i++) {
      const e = this.#window[i]!;
      if (!e.kv.key.startsWith(prefix)) continue;
      const ce: CacheEvent = { type: e.type, key: e.kv.key, revision: e.kv.modRevision, version: e.kv.version };
      if (e.type === 'PUT') {
        const cur = this.#objects.get(e.kv.key);
        const o = cur?.metadata.resourceVersion === String(e.kv.modRevision) ? cur : this.#decode(e.kv);
        if (o) ce.object = o;
      }
      if (e.prevKv) this.#setPrev(ce, e.prevKv);
      out.push(ce);
    }
    return out;
  }

  /** Current objects under prefix, in key order (as an etcd range returns them); an index narrows pods by node or events by object name. */
  list(prefix: string, index?: string | ListIndex): KubeObject[] {
    const { nodeName, involvedName, key } = typeof index === 'string' ? { nodeName: index, involvedName: undefined, key: undefined } : (index ?? {});
    let keys: string[];
    if (key !== undefined) {
      const o = key.startsWith(prefix) ? this.#objects.get(key) : undefined;
      // Other index conditions still apply (a pod selected by name and node).
      if (!o || (nodeName !== undefined && nodeOf(key, o) !== nodeName) || (involvedName !== undefined && involvedOf(key, o) !== involvedName)) return [];
      return [o];
    }
    if (nodeName !== undefined && prefix.startsWith(PODS)) keys = [...(this.#podsByNode.get(nodeName) ?? [])].filter((k) => k.startsWith(prefix)).sort();
    else if (involvedName !== undefined && prefix.startsWith(EVENTS)) keys = [...(this.#eventsByObject.get(involvedName) ?? [])].filter((k) => k.startsWith(prefix)).sort();
    else {
      const b = bucketOf(prefix);
      const bucket = b === undefined ? undefined : this.#buckets.get(b);
      if (b !== undefined && !bucket) return [];
      if (bucket) {
        const sorted = sortedKeys(bucket);
        keys = prefix === b ? sorted : sorted.filter((k) => k.startsWith(prefix));
      } else {
        keys = [];
        for (const k of this.#objects.keys()) if (k.startsWith(prefix)) keys.push(k);
        keys.sort();
      }
    }
    return keys.map((k) => this.#objects.get(k)!);
  }

  /** Whether a key under prefix holds a value that cannot be decoded (a list there must fail naming it, so it is read from etcd). */
  corruptUnder(prefix: string): boolean {
    for (const k of this.#corrupt) if (k.startsWith(prefix)) return true;
    return false;
  }

  get(key: string): KubeObject | undefined {
    return this.#objects.get(key);
  }

  addWatcher(w: W): void {
    this.#byDir.clear();
    if (w.key !== undefined) {
      let s = this.#byKey.get(w.key);
      if (!s) this.#byKey.set(w.key, (s = new Set()));
      s.add(w);
      return;
    }
    if (w.nodeName !== undefined) {
      let m = this.#byNode.get(w.prefix);
      if (!m) this.#byNode.set(w.prefix, (m = new Map()));
      let s = m.get(w.nodeName);
      if (!s) m.set(w.nodeName, (s = new Set()));
      s.add(w);
      return;
    }
    let s = this.#byPrefix.get(w.prefix);
    if (!s) this.#byPrefix.set(w.prefix, (s = new Set()));
    s.add(w);
  }

  removeWatcher(w: W): void {
    this.#byDir.clear();
    if (w.key !== undefined) {
      const s = this.#byKey.get(w.key);
      s?.delete(w);
      if (s && s.size === 0) this.#byKey.delete(w.key);
      return;
    }
    if (w.nodeName !== undefined) {
      const m = this.#byNode.get(w.prefix);
      const s = m?.get(w.nodeName);
      s?.delete(w);
      if (s && s.size === 0) m!.delete(w.nodeName);
      if (m && m.size === 0) this.#byNode.delete(w.prefix);
      return;
    }
    const s = this.#byPrefix.get(w.prefix);
    s?.delete(w);
    if (s && s.size === 0) this.#byPrefix.delete(w.prefix);
  }

  /** Watchers that may care about e (their prefix holds the key; node watchers only for the pod's old or new node), in registration order. */
  interested(e: CacheEvent): W[] {
    const out: W[] = [];
    const exact = this.#byKey.get(e.key);
    if (exact) for (const w of exact) out.push(w);
    const dir = e.key.slice(0, e.key.lastIndexOf('/') + 1);
    let over = this.#byDir.get(dir);
    if (!over) {
      // Every '/'-terminated prefix of the key: /, /registry/, /registry/pods/, /registry/pods/default/.
      over = { prefix: [], node: [] };
      for (let i = dir.indexOf('/'); i >= 0; i = dir.indexOf('/', i + 1)) {
        const p = dir.slice(0, i + 1);
        const s = this.#byPrefix.get(p);
        if (s) for (const w of s) over.prefix.push(w);
        const m = this.#byNode.get(p);
        if (m) over.node.push(m);
      }
      if (this.#byDir.size >= 4096) this.#byDir.clear();
      this.#byDir.set(dir, over);
    }
    for (const w of over.prefix) out.push(w);
    if (over.node.length) {
      const a = nodeOf(e.key, e.object);
      const b = nodeOf(e.key, e.prev);
      for (const m of over.node) {
        if (a !== undefined) for (const w of m.get(a) ?? []) out.push(w);
        if (b !== undefined && b !== a) for (const w of m.get(b) ?? []) out.push(w);
      }
    }
    // A handful of watchers, mostly in order already: sorted in place (Array.prototype.sort copied the array every time).
    for (let i = 1; i < out.length; i++) {
      const w = out[i]!;
      let j = i - 1;
      while (j >= 0 && out[j]!.seq > w.seq) {
        out[j + 1] = out[j]!;
        j--;
      }
      out[j + 1] = w;
    }
    return out;
  }

  #setPrev(ce: CacheEvent, kv: KeyValue): void {
    const p = this.#decode(kv);
    if (p) ce.prev = p;
    else ce.prevCorrupt = true;
  }

  #put(key: string, o: KubeObject): void {
    const old = this.#objects.get(key);
    this.#objects.set(key, o);
    if (!old) {
      const b = bucketOf(key);
      if (b !== undefined) {
        let bucket = this.#buckets.get(b);
        if (!bucket) this.#buckets.set(b, (bucket = { keys: new Set(), added: [], removed: 0 }));
        bucket.keys.add(key);
        if (bucket.sorted) bucket.added.push(key);
      }
    }
    reindex(this.#podsByNode, key, nodeOf(key, old), nodeOf(key, o));
    reindex(this.#eventsByObject, key, involvedOf(key, old), involvedOf(key, o));
  }

  #delete(key: string): void {
    const old = this.#objects.get(key);
    this.#objects.delete(key);
    const b = old ? bucketOf(key) : undefined;
    const bucket = b === undefined ? undefined : this.#buckets.get(b);
    if (bucket?.keys.delete(key) && bucket.sorted) bucket.removed++;
    reindex(this.#podsByNode, key, nodeOf(key, old), undefined);
    reindex(this.#eventsByObject, key, involvedOf(key, old), undefined);
  }
}

/** Moves key from index value a to b (undefined: not indexed). */
function reindex(idx: Map<string, Set<string>>, key: string, a: string | undefined, b: string | undefined): void {
  if (a === b) return;
  if (a !== undefined) {
    const s = idx.get(a);
    s?.delete(key);
    if (s && s.size === 0) idx.delete(a);
  }
  if (b !== undefined) {
    let s = idx.get(b);
    if (!s) idx.set(b, (s = new Set()));
    s.add(key);
  }
}
