import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { World } from '../world.ts';
import type { Deployment, EndpointSlice, Endpoints, Event, Node, Pod, Service } from './api/types.ts';
import { parseQuantity, milliValue } from './api/quantity.ts';
import { getCluster, type Cluster } from './cluster.ts';

function boot(seed = 1): { world: World; c: Cluster } {
  const world = new World({ seed });
  const c = getCluster(world);
  world.clock.advance(10_000);
  return { world, c };
}

const deployment = (name: string, replicas: number, cpu?: string): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ...(cpu ? { resources: { requests: { cpu } } } : {}) }] } },
  },
});

const pods = (c: Cluster, selector?: string): Pod[] => {
  const r = c.api.as('test').list<Pod>('pods', 'default', selector ? { labelSelector: selector } : {});
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.value.items;
};
const running = (c: Cluster, sel: string) => pods(c, sel).filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);

describe('control plane: API server', () => {
  it('is the front end of the control plane: a kubectl request is answered by the API server', () => {
    const { c } = boot();
    const r = c.api.as('kubectl').create(deployment('web', 1));
    expect(r.ok).toBe(true);
    const last = c.api.recentTrace(50).find((e) => e.component === 'kubectl' && e.verb === 'create');
    expect(last).toMatchObject({ resource: 'deployments', name: 'web', code: 201 });
  });

  it('all reads and requests go through the API server: every component shows up in its trace', () => {
    const { world, c } = boot();
    c.api.as('kubectl').create(deployment('web', 2));
    world.clock.advance(30_000);
    const who = new Set(c.api.recentTrace(2000).map((e) => e.component.split('/')[0]));
    for (const component of ['kubectl', 'kube-controller-manager', 'kube-scheduler', 'kubelet']) expect(who).toContain(component);
  });

  it('is the only module that talks to etcd directly: every etcd write was made by an API request', () => {
    const { world, c } = boot();
    const committed: number[] = [];
    c.etcd.onCommit((t) => committed.push(t.revision));
    c.api.as('kubectl').create(deployment('web', 3));
    world.clock.advance(30_000);
    const viaApi = new Set(c.api.recentTrace(2000).flatMap((e) => e.etcd.filter((o) => o.op !== 'range' && o.revision > 0).map((o) => o.revision)));
    expect(committed.length).toBeGreaterThan(10);
    expect(committed.filter((rev) => !viaApi.has(rev))).toEqual([]);
  });
});

describe('control plane: controller manager', () => {
  it('runs many logical controllers (replication, node, endpoint, …) in one process', () => {
    const { c } = boot();
    const names = c.controllers.controllers.map((x) => x.name);
    for (const n of ['replicaset', 'deployment', 'endpointslice', 'nodelifecycle']) expect(names.some((x) => x.includes(n))).toBe(true);
  });

  it('keeps checking the cluster and restores the desired state when a pod is deleted', () => {
    const { world, c } = boot();
    c.api.as('kubectl').create(deployment('web', 3));
    world.clock.advance(30_000);
    const before = running(c, 'app=web');
    expect(before).toHaveLength(3);
    c.api.as('kubectl').delete('pods', 'default', before[0]!.metadata.name);
    world.clock.advance(60_000);
    const after = running(c, 'app=web');
    expect(after).toHaveLength(3);
    expect(after.map((p) => p.metadata.name)).not.toContain(before[0]!.metadata.name);
  });

  it('while stopped, a deleted pod is not replaced; once started it catches up', () => {
    const { world, c } = boot();
    c.api.as('kubectl').create(deployment('web', 2));
    world.clock.advance(30_000);
    c.stopComponent('controller-manager');
    c.api.as('kubectl').delete('pods', 'default', running(c, 'app=web')[0]!.metadata.name);
    world.clock.advance(60_000);
    expect(running(c, 'app=web')).toHaveLength(1);
    c.startComponent('controller-manager');
    world.clock.advance(60_000);
    expect(running(c, 'app=web')).toHaveLength(2);
  });

  it('a Deployment converges to its replica count after any sequence of pod deletions', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(10), fc.integer({ min: 0, max: 20_000 })), { maxLength: 8 }), (ops) => {
        const { world, c } = boot(7);
        c.api.as('kubectl').create(deployment('web', 3));
        world.clock.advance(20_000);
        for (const [pick, wait] of ops) {
          const live = pods(c, 'app=web').filter((p) => !p.metadata.deletionTimestamp);
          if (live.length) c.api.as('kubectl').delete('pods', 'default', live[pick % live.length]!.metadata.name);
          world.clock.advance(wait);
        }
        world.clock.advance(120_000);
        return running(c, 'app=web').length === 3 && pods(c, 'app=web').length === 3;
      }),
      { numRuns: 15 },
    );
    // 15 cluster boots: ~3 CPU-s, more wall time when the 2 cores are shared.
  }, 30_000);
});

describe('control plane: scheduler', () => {
  it('finds newly created pods with no node and picks a node to run them', () => {
    const { world, c } = boot();
    c.api.as('kubectl').create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    const created = c.api.as('test').get<Pod>('pods', 'default', 'solo');
    expect(created.ok && created.value.spec.nodeName).toBeFalsy();
    world.clock.advance(5_000);
    const bound = c.api.as('test').get<Pod>('pods', 'default', 'solo');
    expect(bound.ok && bound.value.spec.nodeName).toMatch(/^kind-worker2?$/);
    const binding = c.api.recentTrace(2000).find((e) => e.component === 'kube-scheduler' && e.subresource === 'binding' && e.name === 'solo');
    expect(binding).toMatchObject({ name: 'solo', code: 201 });
  });

  it('never places a pod on the control-plane node (its NoSchedule taint)', () => {
    const { world, c } = boot();
    c.api.as('kubectl').create(deployment('web', 6));
    world.clock.advance(30_000);
    expect(pods(c, 'app=web').map((p) => p.spec.nodeName)).not.toContain('kind-control-plane');
  });

  it('while stopped, new pods stay Pending; once started they are scheduled', () => {
    const { world, c } = boot();
    c.stopComponent('scheduler');
    c.api.as('kubectl').create(deployment('web', 2));
    world.clock.advance(30_000);
    expect(pods(c, 'app=web').map((p) => [p.spec.nodeName ?? '', p.status?.phase])).toEqual([
      ['', 'Pending'],
      ['', 'Pending'],
    ]);
    c.startComponent('scheduler');
    world.clock.advance(30_000);
    expect(running(c, 'app=web')).toHaveLength(2);
  });

  it('no pod is bound to a node that lacks room for its requests', () => {
    const { world, c } = boot();
    c.api.as('kubectl').create(deployment('big', 6, '1500m'));
    world.clock.advance(60_000);
    const nodes = c.api.as('test').list<Node>('nodes');
    if (!nodes.ok) throw new Error('no nodes');
    for (const n of nodes.value.items) {
      const on = pods(c, 'app=big').filter((p) => p.spec.nodeName === n.metadata.name);
      const requested = on.length * 1500;
      const q = parseQuantity(n.status!.allocatable!.cpu!);
      if (!q.ok) throw new Error('bad quantity');
      expect(requested).toBeLessThanOrEqual(milliValue(q.value));
    }
    const pending = pods(c, 'app=big').filter((p) => !p.spec.nodeName);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending[0]!.status?.conditions?.find((x) => x.type === 'PodScheduled')?.message).toMatch(/^0\/3 nodes are available: .*Insufficient cpu/);
  });
});

describe('control plane: etcd', () => {
  it('holds all cluster data as key-value pairs under /registry', () => {
    const { world, c } = boot();
    c.api.as('kubectl').create(deployment('web', 2));
    world.clock.advance(30_000);
    const keys = c.etcd.storeOf(c.etcd.leader()!)!.range('/registry/', { prefix: true, keysOnly: true });
    const names = keys.ok ? keys.value.kvs.map((kv) => kv.key) : [];
    expect(names).toContain('/registry/deployments/default/web');
    expect(names).toContain('/registry/minions/kind-worker');
    expect(names.filter((k) => k.startsWith('/registry/pods/default/web-'))).toHaveLength(2);
    expect(names.filter((k) => k.startsWith('/registry/replicasets/default/web-'))).toHaveLength(1);
  });

  it('is highly available: with one of three members down the cluster still works', () => {
    const { world, c } = boot();
    c.etcd.stopMember(c.etcd.leader()!.name);
    world.clock.advance(5_000);
    expect(c.api.as('kubectl').create(deployment('web', 1)).ok).toBe(true);
    world.clock.advance(30_000);
    expect(running(c, 'app=web')).toHaveLength(1);
  });

  it('with two members down, writes fail and nothing already committed is lost', () => {
    const { world, c } = boot();
    c.api.as('kubectl').create(deployment('web', 2));
    world.clock.advance(30_000);
    const before = pods(c, 'app=web').map((p) => p.metadata.name).sort();
    c.etcd.stopMember('etcd-0');
    c.etcd.stopMember('etcd-1');
    world.clock.advance(5_000);
    const w = c.api.as('kubectl').create(deployment('other', 1));
    expect(w.ok).toBe(false);
    if (!w.ok) expect(w.errors[0].message).toMatch(/^etcdserver: (no leader|request timed out)$/);
    c.etcd.startMember('etcd-0');
    c.etcd.startMember('etcd-1');
    world.clock.advance(10_000);
    expect(pods(c, 'app=web').map((p) => p.metadata.name).sort()).toEqual(before);
  });

  it('is consistent: revisions only grow, and every member has the same data after it catches up', () => {
    const { world, c } = boot();
    const revs: number[] = [];
    c.etcd.onCommit((t) => revs.push(t.revision));
    c.api.as('kubectl').create(deployment('web', 2));
    world.clock.advance(30_000);
    expect(revs.every((r, i) => i === 0 || r > revs[i - 1]!)).toBe(true);
    const dump = (name: string) => {
      const s = c.etcd.storeOf(c.etcd.members().find((m) => m.name === name)!)!.range('/registry/deployments/', { prefix: true });
      return s.ok ? s.value.kvs.map((kv) => `${kv.key}@${kv.modRevision}`) : [];
    };
    expect(dump('etcd-0')).toEqual(dump('etcd-1'));
    expect(dump('etcd-1')).toEqual(dump('etcd-2'));
  });
});

it('the same seed and the same requests give the same cluster, byte for byte', () => {
  const run = () => {
    const { world, c } = boot(42);
    c.api.as('kubectl').create(deployment('web', 3));
    world.clock.advance(40_000);
    return JSON.stringify(pods(c, 'app=web'));
  };
  expect(run()).toBe(run());
});

describe('the kubernetes Service points at the apiserver, as its endpoint reconciler writes it', () => {
  it.each([
    ['endpoints', (o: unknown) => (o as Endpoints).subsets],
    ['endpointslices', (o: unknown) => (o as EndpointSlice).endpoints.map((e) => ({ addresses: e.addresses, ready: e.conditions?.ready, ports: (o as EndpointSlice).ports }))],
  ])('%s default/kubernetes', (resource, pick) => {
    const { c } = boot();
    const got = c.api.as('test').get(resource, 'default', 'kubernetes');
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    const port = { name: 'https', port: 6443, protocol: 'TCP' };
    expect(pick(got.value)).toEqual(resource === 'endpoints' ? [{ addresses: [{ ip: '172.18.0.2' }], ports: [port] }] : [{ addresses: ['172.18.0.2'], ready: true, ports: [port] }]);
  });

  it('kube-proxy gets a KUBE-SVC chain for it, and a deleted slice comes back when the apiserver restarts', () => {
    const { world, c } = boot();
    expect(c.nodes.get('kind-worker')!.proxy.resolve('10.96.0.1', 443)).toEqual({ ip: '172.18.0.2', port: 6443 });
    c.api.as('kubectl').delete('endpointslices', 'default', 'kubernetes');
    c.stopComponent('apiserver');
    c.startComponent('apiserver');
    world.clock.advance(1_000);
    expect(c.api.as('test').get('endpointslices', 'default', 'kubernetes').ok).toBe(true);
  });
});

describe('a fresh cluster looks like kind under kubectl get pods -A', () => {
  const system = (c: Cluster): Pod[] => {
    const r = c.api.as('test').list<Pod>('pods', 'kube-system');
    if (!r.ok) throw new Error(r.errors[0].message);
    return r.value.items;
  };
  const ready = (p: Pod) => p.status?.containerStatuses?.every((s) => s.ready) ?? false;

  it.each([
    ['etcd-kind-control-plane', 'registry.k8s.io/etcd:3.5.21-0'],
    ['kube-apiserver-kind-control-plane', 'registry.k8s.io/kube-apiserver:v1.33.4'],
    ['kube-controller-manager-kind-control-plane', 'registry.k8s.io/kube-controller-manager:v1.33.4'],
    ['kube-scheduler-kind-control-plane', 'registry.k8s.io/kube-scheduler:v1.33.4'],
  ])('%s: a Running mirror pod of the control-plane kubelet, on the node IP', (name, image) => {
    const { c } = boot();
    const p = system(c).find((x) => x.metadata.name === name)!;
    expect(p.spec).toMatchObject({ nodeName: 'kind-control-plane', hostNetwork: true, priorityClassName: 'system-node-critical' });
    expect(p.spec.containers[0]!.image).toBe(image);
    expect(p.metadata.annotations?.['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
    expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'kind-control-plane' });
    expect(p.status).toMatchObject({ phase: 'Running', podIP: '172.18.0.2' });
    expect(ready(p)).toBe(true);
  });

  it('kube-proxy runs once per node, CoreDNS twice with kube-dns at 10.96.0.10, nothing pulled at boot', () => {
    const { c } = boot();
    const sys = system(c);
    const proxies = sys.filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy');
    expect(proxies.map((p) => p.spec.nodeName).sort()).toEqual(['kind-control-plane', 'kind-worker', 'kind-worker2']);
    const dns = sys.filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns');
    expect(dns).toHaveLength(2);
    expect(dns.every((p) => p.spec.containers[0]!.image === 'registry.k8s.io/coredns/coredns:v1.12.0' && ready(p))).toBe(true);
    expect(sys.every((p) => p.status?.phase === 'Running')).toBe(true);
    const svc = c.api.as('test').get<Service>('services', 'kube-system', 'kube-dns');
    expect(svc.ok && svc.value.spec.clusterIP).toBe('10.96.0.10');
    const events = c.api.as('test').list<Event>('events', 'kube-system');
    expect(events.ok && events.value.items.filter((e) => e.reason === 'Pulling')).toEqual([]);
    // The learner's namespace stays clean.
    expect(pods(c)).toEqual([]);
  });

  it.each([
    ['scheduler', 'kube-scheduler-kind-control-plane'],
    ['controller-manager', 'kube-controller-manager-kind-control-plane'],
  ] as const)('sim stop %s: its mirror pod turns not ready, and ready again on start', (component, pod) => {
    const { world, c } = boot();
    const get = () => system(c).find((p) => p.metadata.name === pod)!;
    c.stopComponent(component);
    world.clock.advance(1_000);
    expect(ready(get())).toBe(false);
    c.startComponent(component);
    world.clock.advance(1_000);
    expect(ready(get())).toBe(true);
  });
});


describe('etcd history is compacted every 5 minutes, as kube-apiserver does', () => {
  it('old revisions become unreadable, current state stays, and watches survive an API server restart', () => {
    const { world, c } = boot();
    c.api.as('kubectl').create(deployment('web', 2));
    world.clock.advance(30_000);
    const early = c.etcd.storeOf(c.etcd.leader()!)!.range('/registry/deployments/', { prefix: true, revision: 5 });
    expect(early.ok).toBe(true);
    world.clock.advance(11 * 60_000);
    const old = c.etcd.storeOf(c.etcd.leader()!)!.range('/registry/deployments/', { prefix: true, revision: 5 });
    expect(old.ok).toBe(false);
    if (!old.ok) expect(old.error.message).toBe('mvcc: required revision has been compacted');
    // A quiet prefix (namespaces) was watched since boot; after a restart the controllers still react.
    c.stopComponent('apiserver');
    world.clock.advance(5_000);
    c.startComponent('apiserver');
    c.api.as('kubectl').delete('pods', 'default', running(c, 'app=web')[0]!.metadata.name);
    world.clock.advance(60_000);
    expect(running(c, 'app=web')).toHaveLength(2);
  });
});
