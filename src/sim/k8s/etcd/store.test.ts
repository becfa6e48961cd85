import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MvccStore, ERR_COMPACTED, ERR_FUTURE_REV, ERR_DUPLICATE_KEY } from './store.ts';
import type { Compare, WatchEvent } from './types.ts';

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** a=1, b=2, a=3, delete b: revisions 2, 3, 4, 5. */
function seeded(): MvccStore {
  const s = new MvccStore();
  s.put('/a', '1');
  s.put('/b', '2');
  s.put('/a', '3');
  s.delete('/b');
  return s;
}

describe('MvccStore revisions and versions', () => {
  it('a fresh store is at revision 1 and its first put gets revision 2', () => {
    const s = new MvccStore();
    expect(s.revision).toBe(1);
    s.put('/k', 'v');
    expect(must(s.range('/k')).kvs[0]).toMatchObject({ createRevision: 2, modRevision: 2, version: 1 });
  });

  it.each([
    ['/a after two puts', '/a', { value: '3', createRevision: 2, modRevision: 4, version: 2 }],
    ['/b after delete', '/b', undefined],
  ])('%s', (_, key, want) => {
    const kv = must(seeded().range(key)).kvs[0];
    if (want) expect(kv).toMatchObject(want);
    else expect(kv).toBeUndefined();
  });

  it('recreating a deleted key starts a new life: version 1, new create revision', () => {
    const s = seeded();
    s.put('/b', 'again');
    expect(must(s.range('/b')).kvs[0]).toMatchObject({ createRevision: 6, modRevision: 6, version: 1 });
  });

  it.each([
    ['delete of a missing key', (s: MvccStore) => s.delete('/nope')],
    ['txn whose branch only reads', (s: MvccStore) => s.txn([], [{ type: 'range', key: '/a' }])],
    ['txn with an empty failure branch', (s: MvccStore) => s.txn([{ key: '/a', target: 'value', result: '=', value: 'x' }], [{ type: 'put', key: '/a', value: 'y' }])],
  ])('%s does not bump the revision', (_, f) => {
    const s = seeded();
    f(s);
    expect(s.revision).toBe(5);
  });

  it('a delete by prefix removes every key under it in one revision', () => {
    const s = new MvccStore();
    for (const k of ['/p/1', '/p/2', '/q/1']) s.put(k, 'x');
    expect(must(s.delete('/p/', { prefix: true })).deleted).toBe(2);
    expect(s.revision).toBe(5);
    expect(must(s.range('/', { prefix: true })).kvs.map((kv) => kv.key)).toEqual(['/q/1']);
  });
});

describe('MvccStore range', () => {
  const s = new MvccStore();
  for (const k of ['/r/c', '/r/a', '/r/b', '/rx', '/s']) s.put(k, `v${k}`);
  it.each([
    ['exact key', '/r/a', {}, ['/r/a'], 1, false],
    ['missing key', '/r/z', {}, [], 0, false],
    ['prefix in key order', '/r/', { prefix: true }, ['/r/a', '/r/b', '/r/c'], 3, false],
    ['prefix without slash', '/r', { prefix: true }, ['/r/a', '/r/b', '/r/c', '/rx'], 4, false],
    ['limit', '/r/', { prefix: true, limit: 2 }, ['/r/a', '/r/b'], 3, true],
    ['count only', '/r/', { prefix: true, countOnly: true }, [], 3, false],
    ['range end', '/r/b', { rangeEnd: '/s' }, ['/r/b', '/r/c', '/rx'], 3, false],
    ['empty prefix is everything', '', { prefix: true }, ['/r/a', '/r/b', '/r/c', '/rx', '/s'], 5, false],
  ])('%s', (_, key, opts, keys, count, more) => {
    const r = must(s.range(key, opts));
    expect(r.kvs.map((kv) => kv.key)).toEqual(keys);
    expect(r.count).toBe(count);
    expect(r.more).toBe(more);
  });

  it('keys-only drops values and keeps revisions', () => {
    const kv = must(s.range('/r/a', { keysOnly: true })).kvs[0]!;
    expect(kv.value).toBe('');
    expect(kv.modRevision).toBe(3);
  });

  it.each([
    [2, '1', false],
    [3, '1', true],
    [4, '3', true],
    [5, '3', false],
  ])('reading /a and /b at revision %i', (rev, a, bExists) => {
    const st = seeded();
    const r = must(st.range('/', { prefix: true, revision: rev }));
    expect(r.kvs.find((kv) => kv.key === '/a')?.value).toBe(a);
    expect(r.kvs.some((kv) => kv.key === '/b')).toBe(bExists);
  });

  it('a future revision is an error', () => {
    expect(seeded().range('/a', { revision: 6 })).toMatchObject({ ok: false, error: { code: 'FutureRev', message: ERR_FUTURE_REV } });
  });
});

describe('MvccStore txn', () => {
  const cases: [string, Compare, boolean][] = [
    ['mod = 4', { key: '/a', target: 'mod', result: '=', value: 4 }, true],
    ['mod < 4', { key: '/a', target: 'mod', result: '<', value: 4 }, false],
    ['create = 2', { key: '/a', target: 'create', result: '=', value: 2 }, true],
    ['version > 1', { key: '/a', target: 'version', result: '>', value: 1 }, true],
    ['value = 3', { key: '/a', target: 'value', result: '=', value: '3' }, true],
    ['value != 3', { key: '/a', target: 'value', result: '!=', value: '3' }, false],
    ['missing key has version 0', { key: '/b', target: 'version', result: '=', value: 0 }, true],
    ['missing key has create 0 (create-if-absent)', { key: '/new', target: 'create', result: '=', value: 0 }, true],
    ['missing key fails any value compare', { key: '/b', target: 'value', result: '!=', value: 'x' }, false],
  ];
  it.each(cases)('%s', (_, cmp, want) => {
    const s = seeded();
    const r = must(s.txn([cmp], [{ type: 'put', key: '/t', value: 'yes' }], [{ type: 'put', key: '/t', value: 'no' }]));
    expect(r.succeeded).toBe(want);
    expect(must(s.range('/t')).kvs[0]?.value).toBe(want ? 'yes' : 'no');
  });

  it('all writes of a txn share one revision and later reads see earlier writes', () => {
    const s = seeded();
    const r = must(s.txn([], [{ type: 'put', key: '/x', value: '1' }, { type: 'delete', key: '/a' }, { type: 'range', key: '/x' }]));
    expect(s.revision).toBe(6);
    expect(must(s.range('/x')).kvs[0]?.modRevision).toBe(6);
    expect(r.responses[2]).toMatchObject({ type: 'range', count: 1 });
    expect(r.responses[1]).toMatchObject({ type: 'delete', deleted: 1 });
  });

  it('the same key written twice in one txn is rejected and nothing changes', () => {
    const s = seeded();
    const r = s.txn([], [{ type: 'put', key: '/x', value: '1' }, { type: 'put', key: '/x', value: '2' }]);
    expect(r).toMatchObject({ ok: false, error: { message: ERR_DUPLICATE_KEY } });
    expect(s.revision).toBe(5);
  });
});

describe('MvccStore watch', () => {
  const fmt = (evs: WatchEvent[]) => evs.map((e) => `${e.type} ${e.kv.key}@${e.kv.modRevision}${e.kv.value ? '=' + e.kv.value : ''}`);

  it.each([
    ['no start revision: live events only', { prefix: true }, ['PUT /a@6=4', 'PUT /c@7=5']],
    ['from revision 2: history, then live', { prefix: true, startRevision: 2 }, ['PUT /a@2=1', 'PUT /b@3=2', 'PUT /a@4=3', 'DELETE /b@5', 'PUT /a@6=4', 'PUT /c@7=5']],
    ['from revision 4 on one key', { startRevision: 4 }, ['PUT /a@4=3', 'PUT /a@6=4']],
  ])('%s', (_, opts, want) => {
    const s = seeded();
    const seen: WatchEvent[] = [];
    const key = 'prefix' in opts ? '/' : '/a';
    s.watch(key, opts, (evs) => seen.push(...evs));
    s.put('/a', '4');
    s.put('/c', '5');
    expect(fmt(seen)).toEqual(want);
  });

  it('a delete event carries the deleted value as prevKv', () => {
    const s = new MvccStore();
    s.put('/k', 'old');
    const seen: WatchEvent[] = [];
    s.watch('/k', {}, (evs) => seen.push(...evs));
    s.delete('/k');
    expect(seen[0]).toMatchObject({ type: 'DELETE', kv: { key: '/k', modRevision: 3 }, prevKv: { value: 'old' } });
  });

  it('writes made inside a watch callback reach every watcher in revision order', () => {
    const s = new MvccStore();
    const order: number[][] = [[], []];
    s.watch('/', { prefix: true }, (evs) => {
      order[0]!.push(...evs.map((e) => e.kv.modRevision));
      if (evs.some((e) => e.kv.key === '/in')) s.put('/out', 'reaction');
    });
    s.watch('/', { prefix: true }, (evs) => order[1]!.push(...evs.map((e) => e.kv.modRevision)));
    s.put('/in', 'x');
    expect(order).toEqual([
      [2, 3],
      [2, 3],
    ]);
  });

  it('cancel stops delivery', () => {
    const s = new MvccStore();
    const seen: WatchEvent[] = [];
    const cancel = s.watch('/k', {}, (evs) => seen.push(...evs));
    s.put('/k', '1');
    cancel();
    s.put('/k', '2');
    expect(seen).toHaveLength(1);
  });
});

describe('MvccStore compaction', () => {
  it('reads below the compacted revision fail; at and above it they work', () => {
    const s = seeded();
    must(s.compact(4));
    expect(s.range('/a', { revision: 3 })).toMatchObject({ ok: false, error: { code: 'Compacted', message: ERR_COMPACTED } });
    expect(must(s.range('/a', { revision: 4 })).kvs[0]?.value).toBe('3');
    expect(must(s.range('/b', { revision: 4 })).kvs[0]?.value).toBe('2');
    expect(must(s.range('/b')).kvs).toEqual([]);
  });

  it('a watch from a compacted revision fails with the mvcc error', () => {
    const s = seeded();
    must(s.compact(4));
    const errors: string[] = [];
    const seen: WatchEvent[] = [];
    s.watch('/a', { startRevision: 3 }, (evs) => seen.push(...evs), (e) => errors.push(e.message));
    s.put('/a', 'later');
    expect(errors).toEqual([ERR_COMPACTED]);
    expect(seen).toEqual([]);
  });

  it.each([
    ['twice at the same revision', 4, ERR_COMPACTED],
    ['below an earlier compaction', 3, ERR_COMPACTED],
    ['beyond the current revision', 9, ERR_FUTURE_REV],
  ])('compacting %s fails', (_, rev, msg) => {
    const s = seeded();
    must(s.compact(4));
    expect(s.compact(rev)).toMatchObject({ ok: false, error: { message: msg } });
  });

  it('compaction keeps the current data and frees old versions', () => {
    const s = new MvccStore();
    for (let i = 0; i < 50; i++) s.put('/k', 'x'.repeat(1000));
    const before = s.dbSizeInUse;
    must(s.compact(s.revision));
    expect(s.dbSizeInUse).toBeLessThan(before);
    expect(s.dbSize).toBeGreaterThanOrEqual(before);
    expect(must(s.range('/k')).kvs[0]?.version).toBe(50);
  });
});

describe('MvccStore key order (keys added unsorted, merged when a range needs them)', () => {
  it('ranges see every live key in order, whatever the mix of puts, deletes, compactions and reads', () => {
    const op = fc.oneof(
      fc.record({ t: fc.constant('put' as const), k: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ t: fc.constant('del' as const), k: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ t: fc.constant('compact' as const) }),
      fc.record({ t: fc.constant('range' as const), k: fc.integer({ min: 0, max: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const s = new MvccStore();
        const live = new Map<string, string>();
        const key = (k: number) => `/r/${k % 5}/${k}`;
        let i = 0;
        for (const o of ops) {
          if (o.t === 'put') {
            s.put(key(o.k), String(++i));
            live.set(key(o.k), String(i));
          } else if (o.t === 'del') {
            s.delete(key(o.k));
            live.delete(key(o.k));
          } else if (o.t === 'compact') s.compact(s.revision);
          else {
            const prefix = `/r/${o.k}/`;
            const got = must(s.range(prefix, { prefix: true })).kvs.map((kv) => `${kv.key}=${kv.value}`);
            const want = [...live].filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`);
            expect(got).toEqual(want);
          }
        }
        const all = must(s.range('/', { prefix: true })).kvs.map((kv) => kv.key);
        expect(all).toEqual([...live.keys()].sort());
      }),
    );
  });
});
