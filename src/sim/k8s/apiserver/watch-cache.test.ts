import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../api/types.ts';
import type { KeyValue, WatchEvent } from '../etcd/types.ts';
import { deepFreeze, WatchCache } from './watch-cache.ts';
import { pod, setup } from './testing/setup.ts';

function must<T>(r: { ok: true; value: T } | { ok: false; errors: { message: string }[] }): T {
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.value;
}

const dec = (kv: KeyValue): KubeObject => {
  const o = JSON.parse(kv.value) as KubeObject;
  o.metadata.resourceVersion = String(kv.modRevision);
  return o;
};
const kv = (key: string, obj: object, rev: number, version = 1) => ({ key, value: JSON.stringify(obj), createRevision: rev, modRevision: rev, version });
const podObj = (name: string, nodeName?: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [], ...(nodeName ? { nodeName } : {}) } });

describe('WatchCache (unit)', () => {
  it('decodes each revision once: apply returns frozen objects that list and get share', () => {
    const c = new WatchCache(dec);
    const [e] = c.apply([{ type: 'PUT', kv: kv('/registry/pods/default/a', podObj('a'), 2) }]);
    expect(Object.isFrozen(e!.object)).toBe(true);
    expect(Object.isFrozen((e!.object as Pod).spec.containers)).toBe(true);
    expect(e!.object!.metadata.resourceVersion).toBe('2');
    expect(c.get('/registry/pods/default/a')).toBe(e!.object);
    expect(c.list('/registry/pods/')[0]).toBe(e!.object);
    expect(c.revision).toBe(2);
  });

  it('lists a prefix in key order from its resource bucket, as a scan of every key would, through creates, updates and deletes', () => {
    const c = new WatchCache(dec);
    const keys = ['/registry/pods/default/b', '/registry/pods/default/a', '/registry/pods/kube-system/c', '/registry/pods/defaultx/d', '/registry/services/default/a', '/registry/podsx/default/e'];
    let rev = 1;
    for (const k of keys) c.apply([{ type: 'PUT', kv: kv(k, podObj(k.split('/').pop()!), ++rev) }]);
    const names = (p: string) => c.list(p).map((o) => o.metadata.name);
    expect(names('/registry/pods/')).toEqual(['a', 'b', 'd', 'c']);
    expect(names('/registry/pods/default/')).toEqual(['a', 'b']);
    expect(names('/registry/')).toEqual(['a', 'b', 'd', 'c', 'e', 'a']);
    expect(names('/registry/configmaps/')).toEqual([]);
    // An update keeps the order; a delete and a create are seen by the next list.
    c.apply([{ type: 'PUT', kv: kv('/registry/pods/default/a', podObj('a', 'n1'), ++rev, 2) }]);
    c.apply([{ type: 'DELETE', kv: { key: '/registry/pods/default/b', value: '', createRevision: 0, modRevision: ++rev, version: 0 } }]);
    c.apply([{ type: 'PUT', kv: kv('/registry/pods/default/0', podObj('0'), ++rev) }]);
    expect(names('/registry/pods/default/')).toEqual(['0', 'a']);
    expect((c.list('/registry/pods/default/')[1] as Pod).spec.nodeName).toBe('n1');
    // Deleted and made again between two lists: listed once.
    c.apply([{ type: 'DELETE', kv: { key: '/registry/pods/default/a', value: '', createRevision: 0, modRevision: ++rev, version: 0 } }]);
    c.apply([{ type: 'PUT', kv: kv('/registry/pods/default/a', podObj('a'), ++rev) }]);
    c.apply([{ type: 'PUT', kv: kv('/registry/pods/default/b', podObj('b'), ++rev) }]);
    expect(names('/registry/pods/')).toEqual(['0', 'a', 'b', 'd', 'c']);
  });

  it('indexes pods by spec.nodeName: a node watcher is interested only in its node, before and after a move', () => {
    const c = new WatchCache<{ seq: number; prefix: string; nodeName?: string; id: string }>(dec);
    const all = { seq: 0, prefix: '/registry/pods/', id: 'all' };
    const n1 = { seq: 1, prefix: '/registry/pods/', nodeName: 'n1', id: 'n1' };
    const n2 = { seq: 2, prefix: '/registry/pods/', nodeName: 'n2', id: 'n2' };
    const nodes = { seq: 3, prefix: '/registry/minions/', id: 'nodes' };
    for (const w of [n2, nodes, n1, all]) c.addWatcher(w);
    const ids = (evs: WatchEvent[]) => c.apply(evs).map((e) => c.interested(e).map((w) => w.id).join('+'));
    expect(ids([{ type: 'PUT', kv: kv('/registry/pods/default/a', podObj('a'), 2) }])).toEqual(['all']);
    expect(ids([{ type: 'PUT', kv: kv('/registry/pods/default/a', podObj('a', 'n1'), 3, 2) }])).toEqual(['all+n1']);
    expect(c.list('/registry/pods/', 'n1').map((o) => o.metadata.name)).toEqual(['a']);
    expect(c.list('/registry/pods/', '')).toEqual([]);
    expect(ids([{ type: 'PUT', kv: kv('/registry/pods/default/a', podObj('a', 'n2'), 4, 3) }])).toEqual(['all+n1+n2']);
    expect(ids([{ type: 'PUT', kv: kv('/registry/minions/n1', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } }, 5) }])).toEqual(['nodes']);
    c.removeWatcher(n2);
    expect(ids([{ type: 'DELETE', kv: { key: '/registry/pods/default/a', value: '', createRevision: 0, modRevision: 6, version: 0 } }])).toEqual(['all']);
    expect(c.list('/registry/pods/', 'n2')).toEqual([]);
  });

  it('lists one object by key without a scan: a metadata.name list finds that object only, nothing once it is deleted or outside the prefix', () => {
    const c = new WatchCache(dec);
    const node = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
    c.apply([{ type: 'PUT', kv: kv('/registry/minions/n1', node('n1'), 2) }]);
    c.apply([{ type: 'PUT', kv: kv('/registry/minions/n10', node('n10'), 3) }]);
    c.apply([{ type: 'PUT', kv: kv('/registry/pods/default/a', podObj('a', 'n1'), 4) }]);
    const names = (prefix: string, index: { key: string; nodeName?: string }) => c.list(prefix, index).map((o) => o.metadata.name);
    expect(names('/registry/minions/', { key: '/registry/minions/n1' })).toEqual(['n1']);
    expect(names('/registry/minions/', { key: '/registry/minions/n2' })).toEqual([]);
    expect(names('/registry/services/', { key: '/registry/minions/n1' })).toEqual([]);
    expect(names('/registry/pods/default/', { key: '/registry/pods/default/a', nodeName: 'n1' })).toEqual(['a']);
    expect(names('/registry/pods/default/', { key: '/registry/pods/default/a', nodeName: 'n2' })).toEqual([]);
    c.apply([{ type: 'DELETE', kv: { key: '/registry/minions/n1', value: '', createRevision: 0, modRevision: 5, version: 0 } }]);
    expect(names('/registry/minions/', { key: '/registry/minions/n1' })).toEqual([]);
  });

  it('replays a window after a revision until compaction, then says the revision is too old', () => {
    const c = new WatchCache(dec);
    c.apply([{ type: 'PUT', kv: kv('/registry/pods/default/a', podObj('a'), 2) }]);
    c.apply([{ type: 'PUT', kv: kv('/registry/pods/default/b', podObj('b'), 3) }]);
    c.apply([{ type: 'PUT', kv: kv('/registry/minions/n', { metadata: { name: 'n' } }, 4) }]);
    expect(c.since(2, '/registry/pods/')!.map((e) => e.key)).toEqual(['/registry/pods/default/b']);
    c.compact(4);
    expect(c.since(2)).toBeUndefined();
    expect(c.since(3)!.map((e) => e.revision)).toEqual([4]);
  });

  it('deepFreeze freezes nested arrays and objects', () => {
    const o = deepFreeze({ a: [{ b: 1 }] });
    expect(() => {
      (o.a[0] as { b: number }).b = 2;
    }).toThrow(TypeError);
  });
});

describe('watch cache in the API server', () => {
  it('indexes events by involvedObject.name: a describe lists its object\'s events without a scan, through updates and deletes', () => {
    const c = new WatchCache(dec);
    const ev = (name: string, obj: string, ns = 'default') => ({ apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: ns }, involvedObject: { kind: 'Pod', name: obj, namespace: ns }, reason: 'Started' });
    let rev = 1;
    for (const [n, o, ns] of [['e3', 'web', 'default'], ['e1', 'web', 'default'], ['e2', 'db', 'default'], ['e4', 'web', 'team']] as const) c.apply([{ type: 'PUT', kv: kv(`/registry/events/${ns}/${n}`, ev(n, o, ns), ++rev) }]);
    const names = (prefix: string, involvedName: string) => c.list(prefix, { involvedName }).map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(names('/registry/events/', 'web')).toEqual(['default/e1', 'default/e3', 'team/e4']);
    expect(names('/registry/events/default/', 'web')).toEqual(['default/e1', 'default/e3']);
    expect(names('/registry/events/', 'nothing')).toEqual([]);
    c.apply([{ type: 'PUT', kv: kv('/registry/events/default/e1', ev('e1', 'db'), ++rev, 2) }]);
    c.apply([{ type: 'DELETE', kv: { key: '/registry/events/default/e3', value: '', createRevision: 0, modRevision: ++rev, version: 0 } }]);
    expect(names('/registry/events/', 'web')).toEqual(['team/e4']);
    expect(names('/registry/events/', 'db')).toEqual(['default/e1', 'default/e2']);
  });

  it('indexes one-object watchers by key: a kubelet\'s metadata.name watch of its Node is visited only for that Node', () => {
    const c = new WatchCache<{ seq: number; prefix: string; key?: string; id: string }>(dec);
    const n1 = { seq: 0, prefix: '/registry/minions/', key: '/registry/minions/n1', id: 'n1' };
    const n10 = { seq: 1, prefix: '/registry/minions/', key: '/registry/minions/n10', id: 'n10' };
    const all = { seq: 2, prefix: '/registry/minions/', id: 'all' };
    for (const w of [n10, all, n1]) c.addWatcher(w);
    const node = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
    const ids = (evs: WatchEvent[]) => c.apply(evs).map((e) => c.interested(e).map((w) => w.id).join('+'));
    expect(ids([{ type: 'PUT', kv: kv('/registry/minions/n1', node('n1'), 2) }])).toEqual(['n1+all']);
    expect(ids([{ type: 'PUT', kv: kv('/registry/minions/n10', node('n10'), 3) }])).toEqual(['n10+all']);
    expect(ids([{ type: 'PUT', kv: kv('/registry/minions/n2', node('n2'), 4) }])).toEqual(['all']);
    c.removeWatcher(n1);
    expect(ids([{ type: 'PUT', kv: kv('/registry/minions/n1', node('n1'), 5, 2) }])).toEqual(['all']);
  });

  it('a metadata.name watch through the API server sees only that object, and is not visited for others', () => {
    const { kubectl, api, world } = setup();
    const seen: string[] = [];
    must(api.as('kubelet/w1').watch('nodes', { fieldSelector: 'metadata.name=w1' }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`)));
    for (const n of ['w1', 'w10', 'w2']) must(kubectl.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: n } }));
    world.clock.flush();
    expect(seen).toEqual(['ADDED w1']);
    expect(api.recentTrace(50).filter((e) => e.verb === 'event').map((e) => `${e.component} ${e.name}`)).toEqual(['kubelet/w1 w1']);
  });

  it('a metadata.name list through the API server returns that object only, in one namespace or across all, with labels still applied', () => {
    const { kubectl, api } = setup();
    for (const n of ['w1', 'w10', 'w2']) must(kubectl.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: n, labels: { role: n === 'w1' ? 'a' : 'b' } } }));
    must(kubectl.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }));
    must(kubectl.create(pod('web')));
    must(kubectl.create({ ...pod('web'), metadata: { name: 'web', namespace: 'team' } }));
    const names = (resource: string, ns: string | undefined, fieldSelector: string, labelSelector?: string, resourceVersion?: string) =>
      must(api.as('kubelet/w1').list(resource, ns, { fieldSelector, ...(labelSelector ? { labelSelector } : {}), ...(resourceVersion ? { resourceVersion } : {}) })).items.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(names('nodes', undefined, 'metadata.name=w1', undefined, '0')).toEqual(['/w1']);
    expect(names('nodes', undefined, 'metadata.name=w1')).toEqual(['/w1']);
    expect(names('nodes', undefined, 'metadata.name=w1', 'role=b', '0')).toEqual([]);
    expect(names('nodes', undefined, 'metadata.name=w3', undefined, '0')).toEqual([]);
    expect(names('pods', 'default', 'metadata.name=web', undefined, '0')).toEqual(['default/web']);
    expect(names('pods', undefined, 'metadata.name=web', undefined, '0')).toEqual(['default/web', 'team/web']);
    expect(names('pods', 'default', 'metadata.name=web,spec.nodeName=w1', undefined, '0')).toEqual([]);
  });

  it('every watcher gets the same read-only object for one write (decoded once)', () => {
    const { kubectl, api, world } = setup();
    const got: Pod[] = [];
    for (const who of ['a', 'b', 'c']) must(api.as(who).watch<Pod>('pods', { resourceVersion: '1' }, (e) => e.type === 'ADDED' && got.push(e.object)));
    must(kubectl.create(pod('web')));
    world.clock.flush();
    expect(got).toHaveLength(3);
    expect(got[1]).toBe(got[0]);
    expect(got[2]).toBe(got[0]);
    expect(Object.isFrozen(got[0]!.spec)).toBe(true);
    // A consistent read is the caller's own copy.
    const mine = must(kubectl.get<Pod>('pods', 'default', 'web'));
    expect(Object.isFrozen(mine)).toBe(false);
    expect(mine).toEqual(got[0]);
  });

  it('a kubelet watching spec.nodeName=<node> is not woken for other nodes\' pods', () => {
    const { kubectl, api, world } = setup();
    const seen: string[] = [];
    for (const n of ['w1', 'w2']) must(api.as(`kubelet/${n}`).watch<Pod>('pods', { fieldSelector: `spec.nodeName=${n}`, resourceVersion: '1' }, (e) => seen.push(`${n}:${e.type} ${e.object.metadata.name}`)));
    must(kubectl.create(pod('a')));
    must(kubectl.create(pod('b')));
    must(api.as('kube-scheduler').bind('default', 'a', 'w1'));
    must(api.as('kube-scheduler').bind('default', 'b', 'w2'));
    world.clock.flush();
    expect(seen).toEqual(['w1:ADDED a', 'w2:ADDED b']);
    // The trace shows the deliveries: one per interested watcher, none for the other node.
    const events = api.recentTrace(50).filter((e) => e.verb === 'event' && e.component.startsWith('kubelet/'));
    expect(events.map((e) => `${e.component} ${e.name}`)).toEqual(['kubelet/w1 a', 'kubelet/w2 b']);
  });

  it('a resourceVersion=0 list is served from the cache with the per-node index; so is a plain (consistent) list once the cache is current', () => {
    const { kubectl, api } = setup();
    must(kubectl.create(pod('a')));
    must(kubectl.create(pod('b')));
    must(api.as('kube-scheduler').bind('default', 'a', 'w1'));
    const cached = must(api.as('kubelet/w1').list<Pod>('pods', undefined, { fieldSelector: 'spec.nodeName=w1', resourceVersion: '0' }));
    expect(cached.items.map((p) => p.metadata.name)).toEqual(['a']);
    expect(Object.isFrozen(cached.items[0])).toBe(true);
    // kube-apiserver 1.31+ (feature gate ConsistentListFromCache, beta, on by default): a list without
    // resourceVersion is served from the watch cache after checking it has caught up with etcd
    // (kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/, blog 2024-08-15 "Consistent Reads from Cache").
    const fresh = must(kubectl.list<Pod>('pods', 'default'));
    expect(fresh.items.map((p) => p.metadata.name)).toEqual(['a', 'b']);
    expect(fresh.items[0]).toBe(cached.items[0]);
    expect(cached.metadata.resourceVersion).toBe(fresh.metadata.resourceVersion);
    // Reading the current revision is one small etcd request, not the whole prefix.
    const trace = api.recentTrace(1)[0]!;
    expect(trace.verb).toBe('list');
    expect(trace.etcd.length).toBe(1);
  });

  it('a consistent list made while etcd is still delivering a write (the cache is behind) reads etcd and sees that write', () => {
    const { kubectl, etcd } = setup();
    must(kubectl.create(pod('a')));
    must(kubectl.list('pods', 'default'));
    let seen: string[] = [];
    let frozen = true;
    // An etcd watcher registered after the cache's: while it runs, a write it makes is queued behind it.
    const cancel = etcd.watch('/registry/pods/default/a', {}, () => {
      cancel();
      must(kubectl.create(pod('c')));
      const l = must(kubectl.list<Pod>('pods', 'default'));
      seen = l.items.map((p) => p.metadata.name);
      frozen = Object.isFrozen(l.items[0]);
    });
    must(kubectl.create({ ...pod('a2') }));
    etcd.put('/registry/pods/default/a', JSON.stringify({ ...pod('a'), metadata: { name: 'a', namespace: 'default' } }));
    expect(seen).toEqual(['a', 'a2', 'c']);
    expect(frozen).toBe(false);
  });
});
