import { simError, type SimError } from '../../errors.ts';
import type { EtcdCluster, MemberInfo, Proposal } from './cluster.ts';
import type { TxnValue } from './store.ts';
import type { Compare, EtcdClient, EtcdResult, KeyValue, Op } from './types.ts';

export interface EtcdClientOptions {
  /**
   * Talk to this one endpoint (etcdctl's --endpoints). Without it the client
   * uses the first running member, as clientv3's balancer fails over.
   */
  endpoint?: MemberInfo;
}

export const ERR_DEADLINE = 'context deadline exceeded';

const deadline = (): SimError => simError('DeadlineExceeded', ERR_DEADLINE);
const fail = <T>(error: SimError): EtcdResult<T> => ({ ok: false, error });

/** The EtcdClient the API server holds: every call goes through the cluster's quorum rules. */
export function createEtcdClient(cluster: EtcdCluster, opts: EtcdClientOptions = {}): EtcdClient {
  const serving = (): MemberInfo | undefined => {
    if (opts.endpoint) return cluster.isRunning(opts.endpoint.name) ? opts.endpoint : undefined;
    return cluster.firstRunning();
  };

  const write = (p: Proposal): EtcdResult<TxnValue | { revision: number }> => {
    const via = serving();
    if (!via) return fail(deadline());
    const r = cluster.propose(p, via);
    if (!r.ok) return fail(r.error);
    if (!r.result.ok) return fail(r.result.error);
    return { ok: true, header: r.header, value: r.result.value as TxnValue | { revision: number } };
  };

  const txn = (compare: Compare[], success: Op[], failure: Op[] = []): EtcdResult<TxnValue> => {
    const first = success[0] ?? failure[0];
    const key = compare[0]?.key ?? first?.key ?? '';
    return write({ req: { type: 'txn', compare, success, failure }, op: 'txn', key }) as EtcdResult<TxnValue>;
  };

  const single = (op: Op, label: 'put' | 'delete'): EtcdResult<TxnValue> =>
    write({ req: { type: 'txn', compare: [], success: [op], failure: [] }, op: label, key: op.key }) as EtcdResult<TxnValue>;

  return {
    range(key, options = {}) {
      const via = serving();
      if (!via) return fail(deadline());
      // A linearizable read confirms leadership with a quorum (ReadIndex); a serializable one does not.
      const blocked = options.serializable ? undefined : cluster.quorumError();
      if (blocked) return fail(blocked);
      const r = cluster.storeOf(via)!.range(key, options);
      return r.ok ? { ok: true, header: cluster.header(via), value: r.value } : fail(r.error);
    },

    leaseGrant(ttl) {
      const via = serving();
      if (!via) return fail(deadline());
      const r = cluster.leaseGrant(ttl, via);
      return r.ok ? { ok: true, header: r.header, value: { id: r.id, ttl: r.ttl } } : fail(r.error);
    },

    put(key, value, options = {}) {
      const r = single({ type: 'put', key, value, lease: options.lease }, 'put');
      if (!r.ok) return r;
      const resp = r.value.responses[0];
      const prevKv: KeyValue | undefined = resp?.type === 'put' ? resp.prevKv : undefined;
      return { ok: true, header: r.header, value: prevKv ? { prevKv } : {} };
    },

    delete(key, options = {}) {
      const r = single({ type: 'delete', key, prefix: options.prefix }, 'delete');
      if (!r.ok) return r;
      const resp = r.value.responses[0];
      return { ok: true, header: r.header, value: resp?.type === 'delete' ? { deleted: resp.deleted, prevKvs: resp.prevKvs } : { deleted: 0, prevKvs: [] } };
    },

    txn,

    watch(key, options, onEvents, onError) {
      if (!serving()) {
        onError?.(deadline());
        return () => {};
      }
      return cluster.watch(key, options, onEvents, onError);
    },

    compact(revision) {
      return write({ req: { type: 'compact', revision }, op: 'compact', key: '' }) as EtcdResult<{ revision: number }>;
    },
  };
}
