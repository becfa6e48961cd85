import type { SimError } from '../../errors.ts';

/**
 * The etcd v3 client surface the API server uses (and etcdctl prints).
 * Calls are synchronous in virtual time: a request either commits on a
 * quorum now or fails now with etcd's own error text. Values are strings
 * (JSON in the simulator; real Kubernetes stores protobuf).
 */
export interface KeyValue {
  key: string;
  value: string;
  createRevision: number;
  modRevision: number;
  version: number;
  /** The lease the key is attached to: its ID as etcdctl prints it, 16 hex digits (an int64 does not fit a JS number). */
  lease?: string;
}

export interface ResponseHeader {
  clusterId: string;
  memberId: string;
  revision: number;
  raftTerm: number;
}

/**
 * Failure codes: 'Unavailable' with message 'etcdserver: no leader' or
 * 'etcdserver: request timed out' when there is no quorum,
 * 'DeadlineExceeded' ('context deadline exceeded') as etcdctl reports it,
 * 'Compacted' ('mvcc: required revision has been compacted'),
 * 'FutureRev' ('mvcc: required revision is a future revision').
 */
export type EtcdResult<T> = { ok: true; header: ResponseHeader; value: T } | { ok: false; error: SimError };

export interface RangeOptions {
  prefix?: boolean;
  /** Read [key, rangeEnd) instead of one key; "\0" means to the end of the keyspace. */
  rangeEnd?: string;
  /** Read at an older revision. */
  revision?: number;
  limit?: number;
  keysOnly?: boolean;
  countOnly?: boolean;
  /** Serializable read: answered by the local member even without quorum (may be stale). */
  serializable?: boolean;
}

export interface Compare {
  key: string;
  target: 'mod' | 'create' | 'version' | 'value';
  result: '=' | '!=' | '<' | '>';
  value: number | string;
}

/**
 * A value given to etcd as the read-only object its text encodes, not as the
 * text: the API server's watch cache keeps that very object for the new
 * revision, so etcd holding the text of every retained version as well
 * doubled what each write kept (etcd values were a quarter of the heap at
 * 5,000 nodes). The text is made again when something reads it (etcdctl, a
 * value compare); `bytes` is its length, for the database size.
 */
export interface StoredObject {
  readonly bytes: number;
  text(): string;
}

export type Op =
  | { type: 'put'; key: string; value: string | StoredObject; lease?: string }
  | { type: 'delete'; key: string; prefix?: boolean }
  | { type: 'range'; key: string; options?: RangeOptions };

export type OpResponse =
  | { type: 'put'; prevKv?: KeyValue }
  | { type: 'delete'; deleted: number; prevKvs: KeyValue[] }
  | { type: 'range'; kvs: KeyValue[]; count: number };

export interface WatchEvent {
  type: 'PUT' | 'DELETE';
  kv: KeyValue;
  prevKv?: KeyValue;
}

export interface WatchOptions {
  prefix?: boolean;
  /** Deliver history from this revision on (inclusive), then live events. */
  startRevision?: number;
}

export interface EtcdClient {
  range(key: string, options?: RangeOptions): EtcdResult<{ kvs: KeyValue[]; count: number; more: boolean }>;
  put(key: string, value: string, options?: { lease?: string }): EtcdResult<{ prevKv?: KeyValue }>;
  delete(key: string, options?: { prefix?: boolean }): EtcdResult<{ deleted: number; prevKvs: KeyValue[] }>;
  /** All compares true: run success ops; else failure ops. Atomic, one revision for all writes. */
  txn(compare: Compare[], success: Op[], failure?: Op[]): EtcdResult<{ succeeded: boolean; responses: OpResponse[] }>;
  /**
   * Watches a key or prefix. Events are delivered synchronously, in revision
   * order, right after the write commits. Returns a cancel function.
   */
  watch(key: string, options: WatchOptions, onEvents: (events: WatchEvent[]) => void, onError?: (e: SimError) => void): () => void;
  compact(revision: number): EtcdResult<{ revision: number }>;
  /** LeaseGrant: a lease of ttl seconds (raised to etcd's minimum); keys put with it are deleted when it expires. */
  leaseGrant(ttl: number): EtcdResult<{ id: string; ttl: number }>;
}
