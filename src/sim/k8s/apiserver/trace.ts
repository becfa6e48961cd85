import type { EtcdClient, EtcdResult, Op } from '../etcd/types.ts';

/** One etcd operation caused by an API request. */
export interface EtcdOpTrace {
  op: 'range' | 'put' | 'delete' | 'txn' | 'watch';
  key: string;
  /** Store revision after the operation (the new revision for writes); 0 when it failed. */
  revision: number;
  /** For txn: whether the compares held. */
  succeeded?: boolean;
}

/** One API request, or one watch event delivered to a watcher (verb `event`). */
export interface TraceEntry {
  /** Virtual time in ms. */
  time: number;
  /** Who asked: kubectl, kube-scheduler, kube-controller-manager/replicaset-controller, kubelet/worker-1... */
  component: string;
  verb: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** HTTP status code; 0 when the connection was refused. */
  code: number;
  etcd: EtcdOpTrace[];
  /** ADDED/MODIFIED/DELETED for watch events. */
  eventType?: string;
}

const KEEP = 2000;

export class TraceLog {
  #entries: TraceEntry[] = [];
  #listeners = new Set<(e: TraceEntry) => void>();

  emit(e: TraceEntry): void {
    this.#entries.push(e);
    if (this.#entries.length > KEEP) this.#entries.splice(0, this.#entries.length - KEEP);
    for (const l of this.#listeners) l(e);
  }

  on(fn: (e: TraceEntry) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  recent(n: number): TraceEntry[] {
    return n <= 0 ? [] : this.#entries.slice(-n);
  }
}

const revOf = (r: EtcdResult<unknown>) => (r.ok ? r.header.revision : 0);
const opKey = (o: Op) => o.key;

/**
 * Wraps the EtcdClient so every call lands in the trace entry of the request
 * being served (`sink()`); calls outside a request are not recorded.
 */
export function tracedEtcd(inner: EtcdClient, sink: () => EtcdOpTrace[] | undefined): EtcdClient {
  const note = (op: EtcdOpTrace['op'], key: string, r: EtcdResult<unknown>, succeeded?: boolean) =>
    sink()?.push(succeeded === undefined ? { op, key, revision: revOf(r) } : { op, key, revision: revOf(r), succeeded });
  return {
    range(key, options) {
      const r = inner.range(key, options);
      note('range', key, r);
      return r;
    },
    put(key, value, options) {
      const r = inner.put(key, value, options);
      note('put', key, r);
      return r;
    },
    delete(key, options) {
      const r = inner.delete(key, options);
      note('delete', key, r);
      return r;
    },
    txn(compare, success, failure) {
      const r = inner.txn(compare, success, failure);
      const ran = r.ok ? (r.value.succeeded ? success : (failure ?? [])) : success;
      const key = ran.map(opKey).find((k) => k) ?? compare[0]?.key ?? '';
      note('txn', key, r, r.ok ? r.value.succeeded : undefined);
      return r;
    },
    watch(key, options, onEvents, onError) {
      sink()?.push({ op: 'watch', key, revision: options.startRevision ?? 0 });
      return inner.watch(key, options, onEvents, onError);
    },
    compact(revision) {
      return inner.compact(revision);
    },
  };
}
