import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { World } from '../../world.ts';
import { ERR_NO_LEADER, ERR_TIMEOUT, EtcdCluster } from './cluster.ts';
import { createEtcdClient } from './client.ts';

const setup = (seed = 1) => {
  const world = new World({ seed });
  const cluster = new EtcdCluster(world);
  return { world, cluster, client: createEtcdClient(cluster) };
};
const names = (c: EtcdCluster) => c.members().map((m) => m.name);
const followers = (c: EtcdCluster) => names(c).filter((n) => n !== c.leader()?.name);

describe('EtcdCluster bootstrap', () => {
  it('three members with 16-hex IDs, one leader in term 2 at raft index 8', () => {
    const { cluster } = setup();
    const st = cluster.status();
    expect(st.map((m) => m.name)).toEqual(['etcd-0', 'etcd-1', 'etcd-2']);
    for (const m of st) expect(m.id).toMatch(/^[0-9a-f]{16}$/);
    expect(st.filter((m) => m.isLeader)).toHaveLength(1);
    expect(st.map((m) => [m.raftTerm, m.raftIndex, m.appliedIndex, m.revision])).toEqual([
      [2, 8, 8, 1],
      [2, 8, 8, 1],
      [2, 8, 8, 1],
    ]);
  });

  it('the same seed gives the same IDs and leader; another seed different IDs', () => {
    expect(setup(5).cluster.status()).toEqual(setup(5).cluster.status());
    expect(setup(5).cluster.members()[0]!.id).not.toBe(setup(6).cluster.members()[0]!.id);
  });
});

describe('EtcdCluster quorum', () => {
  it.each([
    ['no member down', 0, undefined],
    ['one follower down', 1, undefined],
    ['two followers down, before check-quorum', 2, ERR_TIMEOUT],
  ])('%s: put -> %s', (_, down, err) => {
    const { cluster, client } = setup();
    for (const n of followers(cluster).slice(0, down)) cluster.stopMember(n);
    const r = client.put('/k', 'v');
    if (err) expect(r).toMatchObject({ ok: false, error: { code: 'Unavailable', message: err } });
    else expect(r.ok).toBe(true);
  });

  it('a leader without a majority steps down after one election timeout: then "no leader"', () => {
    const { cluster, client, world } = setup();
    for (const n of followers(cluster)) cluster.stopMember(n);
    world.clock.advance(1000);
    expect(cluster.leader()).toBeUndefined();
    expect(client.put('/k', 'v')).toMatchObject({ ok: false, error: { message: ERR_NO_LEADER } });
    expect(client.range('/k')).toMatchObject({ ok: false, error: { message: ERR_NO_LEADER } });
    expect(cluster.status().find((m) => m.running)!.errors).toEqual([ERR_NO_LEADER]);
  });

  it('when the leader stops, a follower takes over in the next term within two election timeouts', () => {
    const { cluster, client, world } = setup();
    const old = cluster.leader()!.name;
    cluster.stopMember(old);
    expect(client.put('/k', 'v')).toMatchObject({ ok: false, error: { message: ERR_NO_LEADER } });
    world.clock.advance(2000);
    const now = cluster.leader();
    expect(now && now.name).not.toBe(old);
    expect(cluster.status().find((m) => m.isLeader)!.raftTerm).toBe(3);
    expect(client.put('/k', 'v')).toMatchObject({ ok: true, header: { raftTerm: 3 } });
  });

  it('serializable reads answer without quorum, from a possibly stale member', () => {
    const { cluster, world } = setup();
    const [a, b, c] = cluster.members();
    const viaA = createEtcdClient(cluster, { endpoint: a });
    viaA.put('/k', 'old');
    cluster.stopMember(a!.name);
    world.clock.advance(2000);
    createEtcdClient(cluster).put('/k', 'new');
    cluster.stopMember(b!.name);
    cluster.stopMember(c!.name);
    cluster.startMember(a!.name);
    expect(viaA.range('/k')).toMatchObject({ ok: false, error: { code: 'Unavailable' } });
    const stale = viaA.range('/k', { serializable: true });
    expect(stale.ok && stale.value.kvs[0]!.value).toBe('old');
    cluster.startMember(b!.name);
    world.clock.advance(2000);
    const fresh = viaA.range('/k');
    expect(fresh.ok && fresh.value.kvs[0]!.value).toBe('new');
  });

  it('a restarted member catches up from the leader log', () => {
    const { cluster, client } = setup();
    const f = followers(cluster)[0]!;
    cluster.stopMember(f);
    for (let i = 0; i < 100; i++) client.put(`/k/${i}`, String(i));
    const lagging = cluster.status().find((m) => m.name === f)!;
    expect(lagging.revision).toBe(1);
    cluster.startMember(f);
    const st = cluster.status();
    expect(new Set(st.map((m) => `${m.raftIndex}/${m.revision}/${m.raftTerm}`)).size).toBe(1);
    expect(st[0]!.revision).toBe(101);
  });

  it('every member answers the same keys, versions, history and db size, including one that caught up', () => {
    const { cluster, client } = setup();
    const f = followers(cluster)[0]!;
    client.put('/a', '1');
    cluster.stopMember(f);
    client.txn([{ key: '/a', target: 'version', result: '=', value: 1 }], [{ type: 'put', key: '/a', value: '2' }, { type: 'put', key: '/b', value: 'x' }]);
    client.txn([{ key: '/a', target: 'version', result: '=', value: 1 }], [{ type: 'delete', key: '/a' }], [{ type: 'delete', key: '/b' }]);
    client.put('/a', '3');
    cluster.startMember(f);
    const views = cluster.members().map((m) => {
      const s = cluster.storeOf(m)!;
      const r = s.range('/', { prefix: true });
      const h = s.history(1);
      return JSON.stringify([r.ok && r.value.kvs, h.ok && h.events, s.revision, s.dbSizeInUse, s.range('/a', { revision: 3 })]);
    });
    expect(new Set(views).size).toBe(1);
    expect(views[0]).toContain('"value":"3"');
  });

  it('a stopped endpoint fails even serializable reads', () => {
    const { cluster } = setup();
    const a = cluster.members()[0]!;
    cluster.stopMember(a.name);
    expect(createEtcdClient(cluster, { endpoint: a }).range('/k', { serializable: true })).toMatchObject({ ok: false, error: { code: 'DeadlineExceeded' } });
  });

  it('an election leaves no timers behind', () => {
    const { cluster, world } = setup();
    cluster.stopMember(cluster.leader()!.name);
    world.clock.advance(5000);
    expect(world.clock.pending()).toBe(0);
  });
});

type Step =
  | { t: 'put'; k: number; v: string }
  | { t: 'del'; k: number }
  | { t: 'cas'; k: number; v: string }
  | { t: 'stop'; m: number }
  | { t: 'start'; m: number }
  | { t: 'wait'; ms: number };

const key = (k: number) => `/registry/x/${k}`;
const dataSteps = fc.oneof(
  fc.record({ t: fc.constant('put' as const), k: fc.nat(5), v: fc.string({ maxLength: 4 }) }),
  fc.record({ t: fc.constant('del' as const), k: fc.nat(5) }),
  fc.record({ t: fc.constant('cas' as const), k: fc.nat(5), v: fc.string({ maxLength: 4 }) }),
);
const memberSteps = fc.oneof(
  fc.record({ t: fc.constant('stop' as const), m: fc.nat(2) }),
  fc.record({ t: fc.constant('start' as const), m: fc.nat(2) }),
  fc.record({ t: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
);

/** Runs a step against the cluster and, when it committed, against the Map model. */
function apply(cluster: EtcdCluster, world: World, model: Map<string, string>, s: Step): boolean {
  const client = createEtcdClient(cluster);
  const name = cluster.members()[('m' in s ? s.m : 0) % 3]!.name;
  switch (s.t) {
    case 'put': {
      const r = client.put(key(s.k), s.v);
      if (r.ok) model.set(key(s.k), s.v);
      return r.ok;
    }
    case 'del': {
      const r = client.delete(key(s.k));
      if (r.ok) model.delete(key(s.k));
      return r.ok;
    }
    case 'cas': {
      // Create-if-absent, the API server's create.
      const r = client.txn([{ key: key(s.k), target: 'create', result: '=', value: 0 }], [{ type: 'put', key: key(s.k), value: s.v }]);
      if (r.ok && r.value.succeeded) model.set(key(s.k), s.v);
      return r.ok;
    }
    case 'stop':
      cluster.stopMember(name);
      return true;
    case 'start':
      cluster.startMember(name);
      return true;
    case 'wait':
      world.clock.advance(s.ms);
      return true;
  }
}

const readAll = (cluster: EtcdCluster) => {
  const r = createEtcdClient(cluster).range('/registry/', { prefix: true });
  if (!r.ok) throw new Error(r.error.message);
  return new Map(r.value.kvs.map((kv) => [kv.key, kv.value]));
};

describe('EtcdCluster properties', () => {
  it('reading back after random puts, deletes and txns equals a Map model', () => {
    fc.assert(
      fc.property(fc.array(dataSteps, { maxLength: 60 }), (steps) => {
        const world = new World({ seed: 1 });
        const cluster = new EtcdCluster(world);
        const model = new Map<string, string>();
        for (const s of steps) expect(apply(cluster, world, model, s)).toBe(true);
        expect(readAll(cluster)).toEqual(model);
      }),
    );
  });

  it('revisions only grow, whatever happens to the members', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(fc.oneof(dataSteps, memberSteps), { maxLength: 60 }), (seed, steps) => {
        const world = new World({ seed });
        const cluster = new EtcdCluster(world);
        const model = new Map<string, string>();
        let last = 1;
        cluster.onCommit((t) => {
          expect(t.revision).toBeGreaterThanOrEqual(last);
          last = t.revision;
        });
        for (const s of steps) {
          apply(cluster, world, model, s);
          for (const m of cluster.status()) expect(m.revision).toBeLessThanOrEqual(last);
        }
      }),
    );
  });

  it('with two members down writes fail, and after they restart nothing committed is lost', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.oneof(dataSteps, memberSteps), { maxLength: 40 }),
        fc.array(dataSteps, { minLength: 1, maxLength: 10 }),
        fc.nat(2),
        (seed, before, during, keep) => {
          const world = new World({ seed });
          const cluster = new EtcdCluster(world);
          const model = new Map<string, string>();
          for (const s of before) apply(cluster, world, model, s);
          for (const n of names(cluster)) cluster.startMember(n);
          world.clock.advance(3000);
          const committed = new Map(model);
          for (const [i, n] of names(cluster).entries()) if (i !== keep) cluster.stopMember(n);
          for (const s of during) expect(apply(cluster, world, model, s)).toBe(false);
          world.clock.advance(3000);
          for (const s of during) expect(apply(cluster, world, model, s)).toBe(false);
          for (const n of names(cluster)) cluster.startMember(n);
          world.clock.advance(3000);
          expect(cluster.leader()).toBeDefined();
          expect(readAll(cluster)).toEqual(committed);
        },
      ),
    );
  });

  it('there is exactly one leader per term, and never two running leaders', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(memberSteps, { maxLength: 80 }), (seed, steps) => {
        const world = new World({ seed });
        const cluster = new EtcdCluster(world);
        for (const s of steps) {
          apply(cluster, world, new Map(), s);
          expect(cluster.status().filter((m) => m.isLeader).length).toBeLessThanOrEqual(1);
        }
        const terms = cluster.elections.map((e) => e.term);
        expect(new Set(terms).size).toBe(terms.length);
        expect([...terms].sort((a, b) => a - b)).toEqual(terms);
      }),
    );
  });
});
