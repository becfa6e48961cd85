import type { Compare, EtcdClient, EtcdResult, KeyValue, Op, OpResponse, WatchEvent } from '../../etcd/types.ts';

/**
 * A tiny single-member etcd for the API server's tests, until the real store
 * lands: MVCC revisions, txn, prefix range and watch with history. `down`
 * makes every call fail like a cluster without quorum.
 */
export class MemoryEtcd implements EtcdClient {
  revision = 1;
  down = false;
  #kvs = new Map<string, KeyValue>();
  #history: WatchEvent[] = [];
  #watchers = new Set<{ key: string; prefix: boolean; fn: (e: WatchEvent[]) => void }>();

  #header() {
    return { clusterId: 'c', memberId: 'm', revision: this.revision, raftTerm: 2 };
  }
  #fail<T>(): EtcdResult<T> {
    return { ok: false, error: { code: 'Unavailable', message: 'etcdserver: request timed out' } };
  }
  #match(k: string, key: string, prefix?: boolean) {
    return prefix ? k.startsWith(key) : k === key;
  }
  #range(key: string, prefix?: boolean) {
    const kvs = [...this.#kvs.values()].filter((kv) => this.#match(kv.key, key, prefix)).sort((a, b) => (a.key < b.key ? -1 : 1));
    return { kvs, count: kvs.length, more: false };
  }

  range(key: string, options: { prefix?: boolean } = {}) {
    if (this.down) return this.#fail<{ kvs: KeyValue[]; count: number; more: boolean }>();
    return { ok: true as const, header: this.#header(), value: this.#range(key, options.prefix) };
  }
  put(key: string, value: string) {
    const r = this.txn([], [{ type: 'put', key, value }]);
    return r.ok ? { ok: true as const, header: r.header, value: {} } : r;
  }
  delete(key: string, options: { prefix?: boolean } = {}) {
    const r = this.txn([], [{ type: 'delete', key, prefix: options.prefix }]);
    if (!r.ok) return r;
    const resp = r.value.responses[0] as Extract<OpResponse, { type: 'delete' }>;
    return { ok: true as const, header: r.header, value: { deleted: resp.deleted, prevKvs: resp.prevKvs } };
  }
  txn(compare: Compare[], success: Op[], failure: Op[] = []): EtcdResult<{ succeeded: boolean; responses: OpResponse[] }> {
    if (this.down) return this.#fail();
    const holds = compare.every((c) => {
      const kv = this.#kvs.get(c.key);
      const actual = c.target === 'mod' ? (kv?.modRevision ?? 0) : c.target === 'create' ? (kv?.createRevision ?? 0) : c.target === 'version' ? (kv?.version ?? 0) : (kv?.value ?? '');
      return c.result === '=' ? actual === c.value : c.result === '!=' ? actual !== c.value : c.result === '<' ? actual < c.value : actual > c.value;
    });
    const ops = holds ? success : failure;
    const writes = ops.some((o) => o.type !== 'range');
    const rev = writes ? this.revision + 1 : this.revision;
    const events: WatchEvent[] = [];
    const responses: OpResponse[] = ops.map((o): OpResponse => {
      if (o.type === 'range') return { type: 'range', ...this.#range(o.key, o.options?.prefix) };
      if (o.type === 'put') {
        const prev = this.#kvs.get(o.key);
        const kv: KeyValue = { key: o.key, value: o.value, createRevision: prev?.createRevision ?? rev, modRevision: rev, version: (prev?.version ?? 0) + 1 };
        this.#kvs.set(o.key, kv);
        events.push(prev ? { type: 'PUT', kv, prevKv: prev } : { type: 'PUT', kv });
        return prev ? { type: 'put', prevKv: prev } : { type: 'put' };
      }
      const gone = this.#range(o.key, o.prefix).kvs;
      for (const kv of gone) {
        this.#kvs.delete(kv.key);
        events.push({ type: 'DELETE', kv: { key: kv.key, value: '', createRevision: 0, modRevision: rev, version: 0 }, prevKv: kv });
      }
      return { type: 'delete', deleted: gone.length, prevKvs: gone };
    });
    if (writes) {
      this.revision = rev;
      this.#history.push(...events);
      for (const w of [...this.#watchers]) {
        const mine = events.filter((e) => this.#match(e.kv.key, w.key, w.prefix));
        if (mine.length) w.fn(mine);
      }
    }
    return { ok: true, header: this.#header(), value: { succeeded: holds, responses } };
  }
  watch(key: string, options: { prefix?: boolean; startRevision?: number }, onEvents: (e: WatchEvent[]) => void): () => void {
    const w = { key, prefix: !!options.prefix, fn: onEvents };
    if (options.startRevision) {
      const past = this.#history.filter((e) => e.kv.modRevision >= options.startRevision! && this.#match(e.kv.key, key, options.prefix));
      if (past.length) onEvents(past);
    }
    this.#watchers.add(w);
    return () => this.#watchers.delete(w);
  }
  compact(revision: number) {
    return { ok: true as const, header: this.#header(), value: { revision } };
  }
}
