import type { EtcdClient, EtcdResult } from '../etcd/types.ts';
import { Ring } from '../../ring.ts';

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
  /** Who asked: kubectl, kube-scheduler, kube-controller-manager/replicaset-controller, kubelet/kind-worker... */
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

/**
 * What a learner caused, as opposed to the steady background chatter (node
 * heartbeats, status refreshes, leases, events, reads, watch deliveries).
 * `sim trace` and the diagram show only these by default.
 */
export function isActivity(e: TraceEntry): boolean {
  if (e.resource === 'leases' || e.resource === 'events') return false;
  // Reading logs and running a command reach into a pod through the API server: worth showing.
  if (e.resource === 'pods' && (e.subresource === 'log' || e.subresource === 'exec')) return true;
  if (e.verb === 'get' || e.verb === 'list' || e.verb === 'watch' || e.eventType) return false;
  return !(e.resource === 'nodes' && e.subresource === 'status');
}

/**
 * The request log: the newest KEEP entries, plus the newest KEEP activity
 * entries kept apart, so a long sleep's chatter does not push the learner's
 * own requests out of `sim trace`.
 */
export class TraceLog {
  #all = new Ring<TraceEntry>(KEEP);
  #activity = new Ring<TraceEntry>(KEEP);
  #listeners = new Set<(e: TraceEntry) => void>();

  emit(e: TraceEntry): void {
    this.#all.push(e);
    if (isActivity(e)) this.#activity.push(e);
    for (const l of this.#listeners) l(e);
  }

  on(fn: (e: TraceEntry) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** The newest n entries, oldest first. */
  recent(n: number): TraceEntry[] {
    return this.#all.last(n);
  }

  /** The newest n activity entries (isActivity), oldest first. */
  recentActivity(n: number): TraceEntry[] {
    return this.#activity.last(n);
  }
}

const revOf = (r: EtcdResult<unknown>) => (r.ok ? r.header.revision : 0);

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
      let key = compare[0]?.key ?? '';
      for (const o of ran)
        if (o.key) {
          key = o.key;
          break;
        }
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
    leaseGrant(ttl) {
      return inner.leaseGrant(ttl);
    },
  };
}
