import { describe, expect, it } from 'vitest';
import type { Lease, Node, Pod } from '../api/types.ts';
import type { EtcdClient } from '../etcd/types.ts';
import { storedObjectOf } from '../etcd/store.ts';
import type { ApiWatchEvent } from './apiserver.ts';
import { kubectlMessage } from './status.ts';
import { pod, setup } from './testing/setup.ts';

const node = (name: string): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, spec: {} });

function must<T>(r: { ok: true; value: T } | { ok: false; errors: { message: string }[] }): T {
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.value;
}

describe('create, get, list, delete', () => {
  it('creates a pod with the real defaults and returns it on get', () => {
    const { kubectl } = setup();
    const created = must(kubectl.create(pod('web')));
    const got = must(kubectl.get<Pod>('pods', 'default', 'web'));
    expect(got).toEqual(created);
    expect(got.metadata.namespace).toBe('default');
    expect(got.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(got.metadata.creationTimestamp).toBe('2026-01-15T09:00:00Z');
    expect(got.metadata.generation).toBe(1);
    expect(got.spec).toMatchObject({ restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' });
    expect(got.spec.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
    expect(got.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v2', 'IfNotPresent'],
    ['nginx@sha256:abcd', 'IfNotPresent'],
  ])('image %s defaults imagePullPolicy to %s', (image, policy) => {
    const { kubectl } = setup();
    const p = must(kubectl.create<Pod>({ ...pod('x'), spec: { containers: [{ name: 'c', image, ports: [{ containerPort: 80 }] }] } }));
    expect(p.spec.containers[0]!.imagePullPolicy).toBe(policy);
    expect(p.spec.containers[0]!.ports![0]!.protocol).toBe('TCP');
  });

  it('gives generateName a 5-character suffix from the seeded rng', () => {
    const a = setup(7).kubectl;
    const b = setup(7).kubectl;
    const mk = () => ({ ...pod(''), metadata: { name: '', generateName: 'web-' } });
    const n1 = must(a.create(mk())).metadata.name;
    expect(n1).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(must(b.create(mk())).metadata.name).toBe(n1);
  });

  it('answers AlreadyExists, NotFound and a missing namespace with the real words', () => {
    const { kubectl } = setup();
    must(kubectl.create(pod('web')));
    const cases: [() => { ok: boolean; errors?: { message: string; code: string }[] }, string, string][] = [
      [() => kubectl.create(pod('web')), 'AlreadyExists', 'pods "web" already exists'],
      [() => kubectl.get('pods', 'default', 'x'), 'NotFound', 'pods "x" not found'],
      [() => kubectl.create({ ...pod('a'), metadata: { name: 'a', namespace: 'x' } }), 'NotFound', 'namespaces "x" not found'],
      [() => kubectl.delete('nodes', undefined, 'ghost'), 'NotFound', 'nodes "ghost" not found'],
    ];
    for (const [call, code, message] of cases) {
      const r = call();
      expect(r.ok).toBe(false);
      expect(r.errors![0]).toMatchObject({ code, message });
    }
  });

  it('prints errors the way kubectl does', () => {
    const { kubectl } = setup();
    must(kubectl.create(pod('web')));
    const r = kubectl.create(pod('web'));
    if (r.ok) throw new Error('expected an error');
    expect(kubectlMessage(r.errors[0], { verb: 'creating', file: 'pod.yaml' })).toBe('Error from server (AlreadyExists): error when creating "pod.yaml": pods "web" already exists');
  });

  it('lists by namespace and across namespaces, with the list revision', () => {
    const { kubectl } = setup();
    must(kubectl.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }));
    must(kubectl.create(pod('a')));
    must(kubectl.create({ ...pod('b'), metadata: { name: 'b', namespace: 'team' } }));
    expect(must(kubectl.list('pods', 'default')).items.map((p) => p.metadata.name)).toEqual(['a']);
    const all = must(kubectl.list('po'));
    expect(all.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['default/a', 'team/b']);
    expect(all.kind).toBe('PodList');
    expect(Number(all.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(all.items[1]!.metadata.resourceVersion));
  });

  it('starts with the four namespaces', () => {
    const { kubectl } = setup();
    expect(must(kubectl.list('namespaces')).items.map((n) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('creates nodes cluster-scoped under /registry/minions, keeping the status the kubelet sends', () => {
    const { kubectl, etcd } = setup();
    must(kubectl.create({ ...node('kind-worker'), status: { capacity: { cpu: '2' } } }));
    const kv = etcd.range('/registry/minions/kind-worker');
    expect(kv.ok && kv.value.kvs.length).toBe(1);
    expect(must(kubectl.get<Node>('no', undefined, 'kind-worker')).status?.capacity).toEqual({ cpu: '2' });
  });

  it('deletes an unscheduled pod at once', () => {
    const { kubectl } = setup();
    must(kubectl.create(pod('web')));
    must(kubectl.delete('pods', 'default', 'web'));
    expect(kubectl.get('pods', 'default', 'web').ok).toBe(false);
  });

  it('deletes a scheduled pod gracefully until its kubelet confirms with grace 0', () => {
    const { kubectl, api, world } = setup();
    must(kubectl.create(pod('web')));
    must(api.as('kube-scheduler').bind('default', 'web', 'kind-worker'));
    world.clock.advance(5000);
    const marked = must(kubectl.delete<Pod>('pods', 'default', 'web'));
    expect(marked.metadata.deletionTimestamp).toBe('2026-01-15T09:00:35Z');
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(must(kubectl.get('pods', 'default', 'web')).metadata.deletionTimestamp).toBe('2026-01-15T09:00:35Z');
    must(api.as('kubelet/kind-worker').delete('pods', 'default', 'web', { gracePeriodSeconds: 0 }));
    expect(kubectl.get('pods', 'default', 'web').ok).toBe(false);
  });
});

describe('update and patch', () => {
  it('rejects a stale resourceVersion with 409 Conflict', () => {
    const { kubectl } = setup();
    const v1 = must(kubectl.create(pod('web', {}, { app: 'web' })));
    must(kubectl.update({ ...v1, metadata: { ...v1.metadata, labels: { app: 'web', tier: 'front' } } }));
    const r = kubectl.update({ ...v1, metadata: { ...v1.metadata, labels: { app: 'x' } } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0].httpCode).toBe(409);
      expect(r.errors[0].message).toBe('Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again');
    }
  });

  it('bumps resourceVersion on each write and not on a no-op update', () => {
    const { kubectl } = setup();
    const v1 = must(kubectl.create(pod('web')));
    const same = must(kubectl.update(v1));
    expect(same.metadata.resourceVersion).toBe(v1.metadata.resourceVersion);
    const v2 = must(kubectl.patch('pods', 'default', 'web', { metadata: { labels: { a: 'b' } } }, 'merge'));
    expect(Number(v2.metadata.resourceVersion)).toBeGreaterThan(Number(v1.metadata.resourceVersion));
  });

  it('updates only status through the status subresource, and ignores status on the main endpoint', () => {
    const { kubectl, api } = setup();
    const v1 = must(kubectl.create(pod('web')));
    const kubelet = api.as('kubelet/kind-worker');
    const s = must(kubelet.updateStatus({ ...v1, spec: { ...v1.spec, nodeName: 'sneaky' }, status: { phase: 'Running' } }));
    expect(s.status?.phase).toBe('Running');
    expect(s.spec.nodeName).toBeUndefined();
    const m = must(kubectl.update({ ...s, metadata: { ...s.metadata, labels: { a: 'b' } }, status: { phase: 'Failed' } }));
    expect(m.status?.phase).toBe('Running');
    expect(m.metadata.labels).toEqual({ a: 'b' });
  });

  it('strategic-merge patches containers by name', () => {
    const { kubectl } = setup();
    must(kubectl.create({ ...pod('web'), spec: { containers: [{ name: 'a', image: 'nginx:1' }, { name: 'b', image: 'redis:7' }] } }));
    const p = must(kubectl.patch<Pod>('pods', 'default', 'web', { spec: { containers: [{ name: 'b', image: 'redis:8' }] } }));
    expect(p.spec.containers.map((c) => `${c.name}=${c.image}`)).toEqual(['a=nginx:1', 'b=redis:8']);
  });
});

describe('binding', () => {
  it('sets spec.nodeName once and refuses a second binding', () => {
    const { kubectl, api } = setup();
    must(kubectl.create(pod('web')));
    const sched = api.as('kube-scheduler');
    const bound = must(sched.bind('default', 'web', 'kind-worker'));
    expect(bound.spec.nodeName).toBe('kind-worker');
    expect(bound.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    const again = sched.bind('default', 'web', 'kind-worker2');
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.errors[0].code).toBe('Conflict');
      expect(again.errors[0].message).toBe('Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "kind-worker"');
    }
  });

  it('does not let a plain update change spec.nodeName', () => {
    const { kubectl } = setup();
    const v1 = must(kubectl.create(pod('web')));
    const r = kubectl.update({ ...v1, spec: { ...v1.spec, nodeName: 'kind-worker' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/^Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,/);
  });
});

describe('watch', () => {
  it('replays events after a resourceVersion, then streams live ones, never inside the writer', () => {
    const { kubectl, api, world } = setup();
    const a = must(kubectl.create(pod('a')));
    must(kubectl.create(pod('b')));
    must(kubectl.delete('pods', 'default', 'a'));
    const seen: string[] = [];
    must(api.as('kube-scheduler').watch('pods', { resourceVersion: a.metadata.resourceVersion! }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`)));
    expect(seen).toEqual([]);
    world.clock.flush();
    expect(seen).toEqual(['ADDED b', 'DELETED a']);
    must(kubectl.create(pod('c')));
    expect(seen).toHaveLength(2);
    world.clock.flush();
    must(kubectl.patch('pods', 'default', 'c', { metadata: { labels: { x: 'y' } } }));
    world.clock.flush();
    expect(seen.slice(2)).toEqual(['ADDED c', 'MODIFIED c']);
  });

  it('without a resourceVersion starts with ADDED for what exists', () => {
    const { kubectl, world } = setup();
    must(kubectl.create(pod('a')));
    const seen: ApiWatchEvent[] = [];
    must(kubectl.watch('pods', { namespace: 'default' }, (e) => seen.push(e)));
    world.clock.flush();
    expect(seen.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED a']);
  });

  it('filters by field selector: a pod bound to the node enters the watch as ADDED', () => {
    const { kubectl, api, world } = setup();
    must(kubectl.create(pod('a')));
    const seen: string[] = [];
    must(api.as('kubelet/kind-worker').watch('pods', { fieldSelector: 'spec.nodeName=kind-worker' }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`)));
    must(api.as('kube-scheduler').bind('default', 'a', 'kind-worker'));
    world.clock.flush();
    expect(seen).toEqual(['ADDED a']);
  });

  it('resumes after the API server restarts without losing events', () => {
    const { kubectl, api, world } = setup();
    const seen: string[] = [];
    must(api.as('kube-controller-manager').watch('pods', {}, (e) => seen.push(`${e.type} ${e.object.metadata.name}`)));
    must(kubectl.create(pod('a')));
    world.clock.flush();
    api.stop();
    const refused = kubectl.get('pods', 'default', 'a');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(kubectlMessage(refused.errors[0])).toBe('The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?');
    api.start();
    must(kubectl.create(pod('b')));
    world.clock.flush();
    expect(seen).toEqual(['ADDED a', 'ADDED b']);
  });
});

describe('storage and trace', () => {
  it('is the only writer to etcd: every stored key was written through the API server', () => {
    const writes: string[] = [];
    const spy = (e: EtcdClient): EtcdClient => ({
      ...e,
      range: e.range.bind(e),
      watch: e.watch.bind(e),
      compact: e.compact.bind(e),
      put: (k, v, o) => (writes.push(k), e.put(k, v, o)),
      delete: (k, o) => (writes.push(k), e.delete(k, o)),
      txn: (c, s, f) => {
        for (const op of [...s, ...(f ?? [])]) if (op.type !== 'range') writes.push(op.key);
        return e.txn(c, s, f);
      },
    });
    const { kubectl, etcd, api } = setup(1, spy);
    must(kubectl.create(pod('web')));
    must(api.as('kube-scheduler').bind('default', 'web', 'kind-worker'));
    const all = etcd.range('/registry/', { prefix: true });
    expect(all.ok).toBe(true);
    if (all.ok) {
      expect(all.value.kvs.length).toBeGreaterThan(4);
      for (const kv of all.value.kvs) expect(writes).toContain(kv.key);
    }
    expect(Object.keys(kubectl)).not.toContain('etcd');
  });

  it('stores pods as JSON under /registry/pods/<ns>/<name>, without resourceVersion', () => {
    const { kubectl, etcd } = setup();
    must(kubectl.create(pod('web')));
    const r = etcd.range('/registry/pods/default/web');
    const stored = r.ok ? (JSON.parse(r.value.kvs[0]!.value) as Pod) : undefined;
    expect(stored?.metadata.name).toBe('web');
    expect(stored?.metadata.resourceVersion).toBeUndefined();
  });

  it('records component, verb, resource, result code and etcd ops', () => {
    const { kubectl, api } = setup();
    const seen: string[] = [];
    api.onTrace((e) => seen.push(`${e.component} ${e.verb} ${e.resource}`));
    must(kubectl.create(pod('web')));
    api.as('kube-scheduler').bind('default', 'web', 'w1');
    kubectl.get('pods', 'default', 'nope');
    const [create, bind, get] = api.recentTrace(3);
    expect(create).toMatchObject({ component: 'kubectl', verb: 'create', resource: 'pods', namespace: 'default', name: 'web', code: 201 });
    expect(create!.etcd.map((o) => `${o.op} ${o.key}`)).toEqual(['range /registry/namespaces/default', 'txn /registry/pods/default/web']);
    expect(create!.etcd[1]!.revision).toBeGreaterThan(0);
    expect(bind).toMatchObject({ component: 'kube-scheduler', verb: 'create', resource: 'pods', subresource: 'binding', code: 201 });
    expect(get).toMatchObject({ verb: 'get', code: 404 });
    expect(seen).toEqual(['kubectl create pods', 'kube-scheduler create pods', 'kubectl get pods']);
  });

  it('passes etcd failures through as kubectl prints them', () => {
    const { kubectl, cluster } = setup();
    const [a, b] = cluster.members();
    cluster.stopMember(a!.name);
    cluster.stopMember(b!.name);
    const r = kubectl.create(pod('web'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(kubectlMessage(r.errors[0])).toMatch(/^Error from server: etcdserver: (request timed out|no leader)$/);
  });
});

describe('updates served from the watch cache (leases, nodes, events)', () => {
  it('share the frozen parts of what they were built from and change none of them: the stored object is what etcd holds', () => {
    const { kubectl: api, world } = setup();
    must(api.create(node('n1')));
    // A list from the cache starts it (and so the cached update path).
    must(api.list('nodes', undefined, { resourceVersion: '0' }));
    world.clock.advance(1);
    const v1 = must(api.get<Node>('nodes', undefined, 'n1', { resourceVersion: '0' }));
    expect(Object.isFrozen(v1)).toBe(true);
    const before = JSON.stringify(v1);
    const s = must(api.updateStatus<Node>({ ...v1, spec: { unschedulable: true }, status: { ...v1.status, capacity: { cpu: '4' } } }));
    expect(JSON.stringify(v1)).toBe(before);
    expect(s.spec).toEqual(v1.spec);
    expect(s.status?.capacity).toEqual({ cpu: '4' });
    expect(s.metadata.resourceVersion).not.toBe(v1.metadata.resourceVersion);
    // The object the writer got back is what a fresh read from etcd decodes.
    expect(must(api.get<Node>('nodes', undefined, 'n1'))).toEqual(s);

    must(api.create({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n1', namespace: 'kube-node-lease', labels: { a: 'b' } }, spec: { holderIdentity: 'n1', renewTime: '2026-01-15T09:00:00.000000Z' } }));
    world.clock.advance(1);
    const cached = must(api.get<Lease>('leases', 'kube-node-lease', 'n1', { resourceVersion: '0' }));
    const renewed = must(api.update<Lease>({ ...cached, spec: { ...cached.spec, renewTime: '2026-01-15T09:00:10.000000Z' } }));
    expect(renewed.spec.renewTime).toBe('2026-01-15T09:00:10.000000Z');
    expect(cached.spec.renewTime).toBe('2026-01-15T09:00:00.000000Z');
    expect(must(api.get<Lease>('leases', 'kube-node-lease', 'n1'))).toEqual(renewed);
  });
});

describe('what etcd holds for writes the watch cache keeps', () => {
  it('reads back as each version\'s own JSON, without resourceVersion, at its own revision', () => {
    const { kubectl: api, world, etcd } = setup();
    const key = '/registry/leases/kube-node-lease/n1';
    must(api.list('leases', undefined, { resourceVersion: '0' }));
    const v1 = must(api.create<Lease>({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'n1', renewTime: '2026-01-15T09:00:00.000000Z' } }));
    world.clock.advance(1);
    const v2 = must(api.update<Lease>({ ...v1, spec: { ...v1.spec, renewTime: '2026-01-15T09:00:10.000000Z' } }));
    const text = (rev?: number) => {
      const r = etcd.range(key, rev ? { revision: rev } : {});
      if (!r.ok) throw new Error(r.error.message);
      return r.value.kvs[0]!.value;
    };
    const { resourceVersion: _a, ...m1 } = v1.metadata;
    const { resourceVersion: _b, ...m2 } = v2.metadata;
    expect(text(Number(v1.metadata.resourceVersion))).toBe(JSON.stringify({ ...v1, metadata: m1 }));
    expect(text()).toBe(JSON.stringify({ ...v2, metadata: m2 }));
    expect(text()).not.toContain('resourceVersion');
    // Held as the cache's object, not as text (the memory this saves is what the test is about).
    const r = etcd.range(key);
    expect(r.ok && storedObjectOf(r.value.kvs[0]!)).toBeTruthy();
    // A read from etcd gives what parsing that text gives, key order included.
    const parsed = JSON.parse(text()) as Lease;
    parsed.metadata.resourceVersion = v2.metadata.resourceVersion;
    expect(JSON.stringify(must(api.get<Lease>('leases', 'kube-node-lease', 'n1')))).toBe(JSON.stringify(parsed));
  });
});

describe('bindings and status patches with the watch cache running', () => {
  it('build on the cached pod without changing it, and keep exactly what etcd holds', () => {
    const { kubectl: api, world } = setup();
    must(api.create(pod('web')));
    must(api.list('pods', undefined, { resourceVersion: '0' }));
    world.clock.advance(1);
    const v1 = must(api.get<Pod>('pods', 'default', 'web', { resourceVersion: '0' }));
    expect(Object.isFrozen(v1)).toBe(true);
    const before = JSON.stringify(v1);

    const bound = must(api.bind('default', 'web', 'n1'));
    expect(JSON.stringify(v1)).toBe(before);
    expect(bound.spec.nodeName).toBe('n1');
    expect(bound.status?.conditions?.map((c) => [c.type, c.status])).toEqual([['PodScheduled', 'True']]);
    // Byte for byte (key order too) what a fresh decode of etcd's value gives, and what the cache serves.
    const fresh = must(api.get<Pod>('pods', 'default', 'web'));
    expect(JSON.stringify(bound)).toBe(JSON.stringify(fresh));
    expect(JSON.stringify(must(api.get<Pod>('pods', 'default', 'web', { resourceVersion: '0' })))).toBe(JSON.stringify(fresh));

    // The kubelet keeps the conditions it sends: the stored pod must not share (or freeze) them.
    const conditions = [{ type: 'Ready', status: 'True' as const }];
    world.clock.advance(1);
    const patched = must(api.patch<Pod>('pods', 'default', 'web', { status: { phase: 'Running', conditions } }, 'merge', { subresource: 'status' }));
    expect(Object.isFrozen(conditions)).toBe(false);
    conditions[0]!.status = 'False' as 'True';
    expect(patched.status?.conditions).toEqual([{ type: 'Ready', status: 'True' }]);
    expect(JSON.stringify(bound)).toBe(JSON.stringify(fresh));
    const fresh2 = must(api.get<Pod>('pods', 'default', 'web'));
    expect(JSON.stringify(patched)).toBe(JSON.stringify(fresh2));
    expect(fresh2.spec).toEqual(fresh.spec);

    // A strategic status patch (the scheduler's) merges conditions by type onto the cached pod.
    const s = must(api.patch<Pod>('pods', 'default', 'web', { status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] } }, 'strategic', { subresource: 'status' }));
    expect(s.status?.conditions?.map((c) => [c.type, c.status])).toEqual([['Ready', 'True'], ['PodScheduled', 'False']]);
    expect(JSON.stringify(patched)).toBe(JSON.stringify(fresh2));
    expect(JSON.stringify(s)).toBe(JSON.stringify(must(api.get<Pod>('pods', 'default', 'web'))));
  });
});
