import { simError, type SimError } from '../../errors.ts';
import { type KeyRange, inRange, keyRange, overlaps } from './range.ts';
import type { Compare, KeyValue, Op, OpResponse, RangeOptions, StoredObject, WatchEvent, WatchOptions } from './types.ts';
import { WatchHub } from './watch.ts';

/** A store answer: the value, or etcd's error. The revision is the store's after the call. */
export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: SimError };

export interface RangeValue {
  kvs: KeyValue[];
  count: number;
  more: boolean;
}

export interface TxnValue {
  succeeded: boolean;
  responses: OpResponse[];
}

/** A write as it travels through the Raft log: every member applies the same requests in the same order. */
export type WriteRequest =
  | { type: 'txn'; compare: Compare[]; success: Op[]; failure: Op[] }
  | { type: 'compact'; revision: number }
  /** Lease grants and revokes go through the log too (the lessor's expiry is the leader's; see cluster.ts). */
  | { type: 'leaseGrant'; id: string; ttl: number }
  | { type: 'leaseRevoke'; id: string };

export const ERR_LEASE_NOT_FOUND = 'etcdserver: requested lease not found';
export const ERR_LEASE_EXISTS = 'etcdserver: lease already exists';

export const ERR_COMPACTED = 'mvcc: required revision has been compacted';
export const ERR_FUTURE_REV = 'mvcc: required revision is a future revision';
export const ERR_DUPLICATE_KEY = 'etcdserver: duplicate key given in txn request';

export const compactedError = (): SimError => simError('Compacted', ERR_COMPACTED);
export const futureRevError = (): SimError => simError('FutureRev', ERR_FUTURE_REV);

/** One stored version of a key; kv undefined is the tombstone a delete leaves. Never changed once made: members share them. */
interface Version {
  rev: number;
  kv: KeyValue | undefined;
}

/**
 * What one member's txn did to its store. Members apply the same entries
 * from the same state, so another member at that state takes the result
 * over (replay) instead of redoing the txn: the members share the stored
 * versions, log entry and events, immutable, instead of holding three
 * equal copies of every revision (and the followers skip the work).
 */
export interface Applied {
  /** The store's revision before the txn: replay only onto a store there. */
  from: number;
  result: StoreResult<TxnValue>;
  versions: [key: string, v: Version][];
  /** The revision's log entry; none when the txn wrote nothing. */
  entry?: { revision: number; events: WatchEvent[] };
}

/** bbolt's starting file size for a fresh member, as `endpoint status` shows it (20 kB). */
const BASE_DB_SIZE = 20_480;
/** The fresh file's free pages: small data sets fit without growing it. */
const FREE_IN_BASE = 16_384;
const PAGE = 4096;
/** Per stored version overhead beyond key and value bytes (revision key, protobuf framing). */
const VERSION_OVERHEAD = 48;

/**
 * etcd's MVCC key-value store (mvcc/kvstore): one global revision that every
 * write transaction bumps by one, every version of every key kept until
 * compaction, reads at any retained revision, watches fed from the history.
 * A fresh store is at revision 1, so the first write gets revision 2.
 */
export class MvccStore {
  #rev = 1;
  #compacted = 0;
  #keys = new Map<string, Version[]>();
  /** Every key with retained versions, sorted: ranges walk it in key order (see #keysSorted). */
  #sorted: string[] = [];
  /**
   * Keys created since #sorted was last merged, unsorted: a splice into a
   * 60,000-key array for every new key was 14% of the CPU of scheduling
   * 2,000 pods at 1,000 nodes; ranges merge them in once, when they need order.
   */
  #unsorted: string[] = [];
  /** The events of each write revision still retained, for watch replay. */
  #log: { revision: number; events: WatchEvent[] }[] = [];
  #hub = new WatchHub();
  #bytes = 0;
  #peakDbSize = BASE_DB_SIZE;
  /** Granted leases: ID → granted TTL in seconds. */
  #leases = new Map<string, number>();
  /** What the last txn did, for other members to replay (see Applied). */
  #applied: Applied | undefined;

  /** Granted leases in grant order, with their granted TTL (s). */
  leases(): { id: string; ttl: number }[] {
    return [...this.#leases].map(([id, ttl]) => ({ id, ttl }));
  }

  /** Keys attached to a lease now, sorted. */
  leaseKeys(id: string): string[] {
    return this.#keysSorted().filter((k) => this.#latest(k)?.lease === id);
  }

  #leaseGrant(id: string, ttl: number): StoreResult<{ revision: number }> {
    if (this.#leases.has(id)) return { ok: false, error: simError('LeaseExists', ERR_LEASE_EXISTS) };
    this.#leases.set(id, ttl);
    return { ok: true, value: { revision: this.#rev } };
  }

  /** Revoking deletes every attached key in one revision, as the lessor's RevokeLease txn does. */
  #leaseRevoke(id: string): StoreResult<{ revision: number }> {
    if (!this.#leases.has(id)) return { ok: false, error: simError('LeaseNotFound', ERR_LEASE_NOT_FOUND) };
    const keys = this.leaseKeys(id);
    this.#leases.delete(id);
    if (keys.length) this.txn([], keys.map((key) => ({ type: 'delete' as const, key })), []);
    return { ok: true, value: { revision: this.#rev } };
  }

  get revision(): number {
    return this.#rev;
  }

  get compactRevision(): number {
    return this.#compacted;
  }

  /** Database file size: grows with the data and, as with bbolt without defrag, never shrinks. */
  get dbSize(): number {
    return this.#peakDbSize;
  }

  /** Bytes the retained data would take, what etcd calls "db size in use". */
  get dbSizeInUse(): number {
    return BASE_DB_SIZE + Math.max(0, Math.ceil((this.#bytes - FREE_IN_BASE) / PAGE)) * PAGE;
  }

  range(key: string, options: RangeOptions = {}): StoreResult<RangeValue> {
    return this.#range(key, options, this.#rev);
  }

  put(key: string, value: string, lease?: string): StoreResult<{ prevKv?: KeyValue }> {
    const r = this.txn([], [{ type: 'put', key, value, lease }], []);
    if (!r.ok) return r;
    const first = r.value.responses[0];
    return { ok: true, value: first?.type === 'put' && first.prevKv ? { prevKv: first.prevKv } : {} };
  }

  delete(key: string, options: { prefix?: boolean } = {}): StoreResult<{ deleted: number; prevKvs: KeyValue[] }> {
    const r = this.txn([], [{ type: 'delete', key, prefix: options.prefix }], []);
    if (!r.ok) return r;
    const first = r.value.responses[0];
    return { ok: true, value: first?.type === 'delete' ? { deleted: first.deleted, prevKvs: first.prevKvs } : { deleted: 0, prevKvs: [] } };
  }

  /**
   * All compares true: run success, else failure. Every write in the chosen
   * branch shares one new revision; a branch that changes nothing keeps the
   * revision where it is. Reads inside see the branch's earlier writes.
   */
  txn(compare: Compare[], success: Op[], failure: Op[] = []): StoreResult<TxnValue> {
    let succeeded = true;
    for (let i = 0; i < compare.length && succeeded; i++) succeeded = this.#compare(compare[i]!);
    const ops = succeeded ? success : failure;
    const from = this.#rev;
    this.#applied = undefined;
    const check = this.#checkOps(ops);
    if (check) return this.#done(from, { ok: false, error: check }, []);
    const rev = this.#rev + 1;
    const events: WatchEvent[] = [];
    const responses: OpResponse[] = [];
    const versions: [string, Version][] = [];
    for (const op of ops) {
      if (op.type === 'range') {
        // Reads see this branch's earlier writes; #checkOps ruled out bad revisions, so it cannot fail.
        const r = this.#range(op.key, op.options ?? {}, events.length ? rev : this.#rev);
        responses.push({ type: 'range', kvs: r.ok ? r.value.kvs : [], count: r.ok ? r.value.count : 0 });
      } else if (op.type === 'put') {
        const prev = this.#latest(op.key);
        const createRevision = prev ? prev.createRevision : rev;
        const version = prev ? prev.version + 1 : 1;
        const kv: KeyValue =
          typeof op.value === 'string' ? { key: op.key, value: op.value, createRevision, modRevision: rev, version } : new ObjectKeyValue(op.key, op.value, createRevision, rev, version);
        if (op.lease) kv.lease = op.lease;
        const v: Version = { rev, kv };
        versions.push([op.key, v]);
        this.#append(op.key, v);
        events.push(prev ? { type: 'PUT', kv, prevKv: prev } : { type: 'PUT', kv });
        responses.push(prev ? { type: 'put', prevKv: prev } : { type: 'put' });
      } else {
        const gone = this.#read(keyRange(op.key, { prefix: op.prefix }), Infinity);
        for (const prev of gone) {
          const v: Version = { rev, kv: undefined };
          versions.push([prev.key, v]);
          this.#append(prev.key, v);
          events.push({ type: 'DELETE', kv: { key: prev.key, value: '', createRevision: 0, modRevision: rev, version: 0 }, prevKv: prev });
        }
        responses.push({ type: 'delete', deleted: gone.length, prevKvs: gone });
      }
    }
    const entry = events.length > 0 ? { revision: rev, events } : undefined;
    if (entry) this.#commit(entry);
    return this.#done(from, { ok: true, value: { succeeded, responses } }, versions, entry);
  }

  #done(from: number, result: StoreResult<TxnValue>, versions: [string, Version][], entry?: Applied['entry']): StoreResult<TxnValue> {
    this.#applied = entry ? { from, result, versions, entry } : { from, result, versions };
    return result;
  }

  #commit(entry: { revision: number; events: WatchEvent[] }): void {
    this.#rev = entry.revision;
    this.#log.push(entry);
    this.#peakDbSize = Math.max(this.#peakDbSize, this.dbSizeInUse);
    this.#hub.publish(entry.events);
  }

  /** What the last txn did (undefined after any other kind of write). */
  get lastApplied(): Applied | undefined {
    return this.#applied;
  }

  /**
   * Takes over another member's txn (a follower applying the entry its
   * leader applied): the same versions, log entry and answer, shared.
   * False (nothing done) when this store is not at the state it ran from.
   */
  replay(a: Applied): boolean {
    if (a.from !== this.#rev) return false;
    for (const [key, v] of a.versions) this.#append(key, v);
    if (a.entry) this.#commit(a.entry);
    this.#applied = a;
    return true;
  }

  /**
   * Forgets every version older than revision that a newer version
   * supersedes (and keys deleted by then). Reads and watches below it fail
   * with "mvcc: required revision has been compacted".
   */
  compact(revision: number): StoreResult<{ revision: number }> {
    if (revision <= this.#compacted) return { ok: false, error: compactedError() };
    if (revision > this.#rev) return { ok: false, error: futureRevError() };
    this.#compacted = revision;
    // Every 5 minutes on every member: most keys have nothing to drop, so nothing is copied for them.
    let gone = false;
    for (const [key, versions] of this.#keys) {
      // Keep the version visible at `revision` (unless it is a tombstone) and everything after it.
      let keepFrom = 0;
      for (let i = versions.length - 1; i >= 0; i--) {
        if (versions[i]!.rev <= revision) {
          keepFrom = versions[i]!.kv ? i : i + 1;
          break;
        }
      }
      if (keepFrom === 0) continue;
      for (let i = 0; i < keepFrom; i++) this.#bytes -= this.#sizeOf(key, versions[i]!);
      if (keepFrom < versions.length) this.#keys.set(key, versions.slice(keepFrom));
      else {
        this.#keys.delete(key);
        gone = true;
      }
    }
    if (gone) {
      this.#keysSorted();
      this.#sorted = this.#sorted.filter((k) => this.#keys.has(k));
    }
    const lo = this.#logFrom(revision);
    if (lo > 0) this.#log = this.#log.slice(lo);
    return { ok: true, value: { revision } };
  }

  /** Index of the first log entry at or after revision (binary search: the log is in revision order). */
  #logFrom(revision: number): number {
    let lo = 0;
    let hi = this.#log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#log[mid]!.revision < revision) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Applies a replicated write; the member's answer to the client who proposed it. */
  apply(req: WriteRequest): StoreResult<TxnValue | { revision: number }> {
    this.#applied = undefined;
    if (req.type === 'leaseGrant') return this.#leaseGrant(req.id, req.ttl);
    if (req.type === 'leaseRevoke') return this.#leaseRevoke(req.id);
    return req.type === 'compact' ? this.compact(req.revision) : this.txn(req.compare, req.success, req.failure);
  }

  /** Events of every revision from fromRev on, oldest first (watch replay). */
  history(fromRev: number): { ok: true; events: WatchEvent[] } | { ok: false; error: SimError } {
    if (fromRev < this.#compacted) return { ok: false, error: compactedError() };
    return { ok: true, events: this.#log.slice(this.#logFrom(fromRev)).flatMap((e) => e.events) };
  }

  watch(key: string, options: WatchOptions, onEvents: (events: WatchEvent[]) => void, onError?: (e: SimError) => void): () => void {
    return this.#hub.add(keyRange(key, options), options.startRevision, this.#rev, (from) => this.history(from), onEvents, onError);
  }

  /** A range read; `latest` is the revision an unpinned read sees. */
  #range(key: string, options: RangeOptions, latest: number): StoreResult<RangeValue> {
    const at = options.revision !== undefined && options.revision > 0 ? options.revision : latest;
    if (at > latest) return { ok: false, error: futureRevError() };
    if (at < this.#compacted) return { ok: false, error: compactedError() };
    const all = this.#read(keyRange(key, options), at);
    const limit = options.limit !== undefined && options.limit > 0 ? options.limit : all.length;
    // Stored key-values never change once made (members and watchers already share them): handed out as they are.
    const kvs = options.countOnly ? [] : options.keysOnly ? all.slice(0, limit).map((kv) => ({ ...kv, value: '' })) : limit < all.length ? all.slice(0, limit) : all;
    return { ok: true, value: { kvs, count: all.length, more: all.length > limit } };
  }

  /** Every live key-value in the range at revision `at`, in key order. */
  #read(range: KeyRange, at: number): KeyValue[] {
    const out: KeyValue[] = [];
    if (range.end === undefined) {
      const kv = this.#at(range.start, at);
      if (kv) out.push(kv);
      return out;
    }
    const sorted = this.#keysSorted();
    for (let i = lowerBound(sorted, range.start); i < sorted.length; i++) {
      const key = sorted[i]!;
      if (!inRange(range, key)) break;
      const kv = this.#at(key, at);
      if (kv) out.push(kv);
    }
    return out;
  }

  #at(key: string, at: number): KeyValue | undefined {
    const versions = this.#keys.get(key);
    if (!versions) return undefined;
    for (let i = versions.length - 1; i >= 0; i--) if (versions[i]!.rev <= at) return versions[i]!.kv;
    return undefined;
  }

  #latest(key: string): KeyValue | undefined {
    return this.#at(key, Infinity);
  }

  #append(key: string, v: Version): void {
    const versions = this.#keys.get(key);
    if (versions) versions.push(v);
    else {
      this.#keys.set(key, [v]);
      this.#unsorted.push(key);
    }
    this.#bytes += this.#sizeOf(key, v);
  }

  #keysSorted(): string[] {
    if (this.#unsorted.length === 0) return this.#sorted;
    const add = this.#unsorted.sort();
    this.#unsorted = [];
    const old = this.#sorted;
    const out: string[] = new Array(old.length + add.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < old.length && j < add.length) out[k++] = old[i]! < add[j]! ? old[i++]! : add[j++]!;
    while (i < old.length) out[k++] = old[i++]!;
    while (j < add.length) out[k++] = add[j++]!;
    this.#sorted = out;
    return out;
  }

  #sizeOf(key: string, v: Version): number {
    return key.length + (v.kv ? (storedObjectOf(v.kv)?.bytes ?? v.kv.value.length) : 0) + VERSION_OVERHEAD;
  }

  /** etcd's compare on a missing key: value compares are false, numeric targets read 0. */
  #compare(c: Compare): boolean {
    const kv = this.#latest(c.key);
    if (c.target === 'value' && !kv) return false;
    const actual: number | string =
      c.target === 'value' ? kv!.value : c.target === 'version' ? (kv?.version ?? 0) : c.target === 'create' ? (kv?.createRevision ?? 0) : (kv?.modRevision ?? 0);
    const want = typeof actual === 'number' ? Number(c.value) : String(c.value);
    switch (c.result) {
      case '=':
        return actual === want;
      case '!=':
        return actual !== want;
      case '<':
        return actual < want;
      case '>':
        return actual > want;
    }
  }

  /** What etcd rejects before touching anything: bad read revisions and a key written twice. */
  #checkOps(ops: Op[]): SimError | undefined {
    // One put (nearly every write the API server makes): only its lease can be wrong.
    if (ops.length === 1 && ops[0]!.type === 'put') return ops[0]!.lease && !this.#leases.has(ops[0]!.lease) ? simError('LeaseNotFound', ERR_LEASE_NOT_FOUND) : undefined;
    const writes: { range: KeyRange; put: boolean }[] = [];
    for (const op of ops) {
      if (op.type === 'range') {
        const rev = op.options?.revision ?? 0;
        if (rev > this.#rev) return futureRevError();
        if (rev > 0 && rev < this.#compacted) return compactedError();
        continue;
      }
      if (op.type === 'put' && op.lease && !this.#leases.has(op.lease)) return simError('LeaseNotFound', ERR_LEASE_NOT_FOUND);
      const r = op.type === 'put' ? keyRange(op.key) : keyRange(op.key, { prefix: op.prefix });
      const put = op.type === 'put';
      // etcd allows overlapping deletes; a put may not share a key with any other write.
      if (writes.some((w) => (put || w.put) && overlaps(w.range, r))) return simError('InvalidArgument', ERR_DUPLICATE_KEY);
      writes.push({ range: r, put });
    }
    return undefined;
  }
}

/** A key-value whose value etcd was given as a StoredObject: the text is made when read. */
class ObjectKeyValue implements KeyValue {
  key: string;
  createRevision: number;
  modRevision: number;
  version: number;
  readonly #stored: StoredObject;

  constructor(key: string, stored: StoredObject, createRevision: number, modRevision: number, version: number) {
    this.key = key;
    this.createRevision = createRevision;
    this.modRevision = modRevision;
    this.version = version;
    this.#stored = stored;
  }

  get value(): string {
    return this.#stored.text();
  }

  get stored(): StoredObject {
    return this.#stored;
  }
}

/** The StoredObject behind kv's value, when it was written as one. */
export const storedObjectOf = (kv: KeyValue): StoredObject | undefined => (kv instanceof ObjectKeyValue ? kv.stored : undefined);

/** Index of the first element >= key in a sorted array. */
function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
