import { describe, expect, it, vi } from 'vitest';
import { NodeLifecycleController } from './controllers/nodelifecycle.ts';
import { DaemonSetController } from './controllers/daemonset.ts';
import { DeploymentController } from './controllers/deployment.ts';
import { EndpointsController } from './controllers/endpoints.ts';
import { EndpointSliceController } from './controllers/endpointslice.ts';
import { GarbageCollector } from './controllers/garbagecollector.ts';
import { ReplicaSetController } from './controllers/replicaset.ts';
import { TaintEvictionController } from './controllers/taint-eviction.ts';
import { World } from '../world.ts';
import type { Lease } from './api/types.ts';
import { getCluster } from './cluster.ts';

/**
 * What an idle cluster asks of the API server (issue 13's idle cost): the
 * heartbeats themselves (a Lease update every 10 s per kubelet), not a read
 * of every node and lease behind each of them.
 */
describe('an idle cluster', () => {
  it('renews leases without reading them, and kube-controller-manager reads nodes and leases from its informers', () => {
    const world = new World({ seed: 1 });
    const c = getCluster(world);
    world.clock.advance(60_000);
    const counts = new Map<string, number>();
    c.api.onTrace((e) => {
      const who = e.component.startsWith('kubelet/') ? 'kubelet' : e.component;
      const k = `${who} ${e.verb} ${e.resource}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    });
    world.clock.advance(300_000);
    const nodes = c.api.as('test').list('nodes');
    const n = nodes.ok ? nodes.value.items.length : 0;
    // 30 renewals per kubelet in 5 minutes, each one update (the lease controller's latestLease), no GET.
    expect(counts.get('kubelet update leases')).toBe(30 * n);
    expect(counts.get('kubelet get leases') ?? 0).toBe(0);
    expect(counts.get('kube-controller-manager get nodes') ?? 0).toBe(0);
    expect(counts.get('kube-controller-manager get leases') ?? 0).toBe(0);
    expect(counts.get('kube-controller-manager list pods') ?? 0).toBe(0);
    expect(counts.get('kube-controller-manager list nodes') ?? 0).toBe(0);
    // Node status: computed every 10 s from the kubelet's node informer (kl.nodeLister in tryUpdateNodeStatus, no GET),
    // posted once in these 5 minutes (nodeStatusReportFrequency) since nothing changed.
    expect(counts.get('kubelet get nodes') ?? 0).toBe(0);
    expect(counts.get('kubelet update nodes')).toBe(n);
  });

  it('the node lifecycle controller looks at each node once per 5 s monitor pass and when its Node changes; a Lease renewal wakes nothing', () => {
    const world = new World({ seed: 1 });
    const c = getCluster(world);
    // A node that joins 2.5 s off the monitor's beat: its renewals do not fall on a monitor pass.
    world.clock.advance(62_500);
    c.addNode(c.nextNodeSpec('kind-worker3'));
    world.clock.advance(20_000);
    const n = c.api.as('test').list('nodes');
    const nodes = n.ok ? n.value.items.length : 0;
    const synced = new Map<string, number>();
    const proto = NodeLifecycleController.prototype as unknown as { sync: (k: string) => void };
    const orig = proto.sync;
    const wrap = vi.spyOn(proto, 'sync').mockImplementation(function (this: unknown, k: string) {
      synced.set(k, (synced.get(k) ?? 0) + 1);
      return orig.call(this, k);
    });
    let leases = 0;
    c.api.onTrace((e) => e.verb === 'update' && e.resource === 'leases' && leases++);
    world.clock.advance(300_000);
    wrap.mockRestore();
    expect(leases).toBe(30 * nodes);
    // 60 monitor passes in 5 minutes, plus the one status report each node posts (unless it falls on a pass); the 30 renewals per node add none.
    for (const [, count] of synced) {
      expect(count).toBeGreaterThanOrEqual(60);
      expect(count).toBeLessThanOrEqual(61);
    }
    expect(synced.size).toBe(nodes);
  });

  it('controllers without a polling period of their own do nothing while nothing changes (informer resync 12 h, not 30 s)', () => {
    const world = new World({ seed: 1 });
    getCluster(world);
    world.clock.advance(60_000);
    const synced: string[] = [];
    const spies = [DeploymentController, ReplicaSetController, DaemonSetController, EndpointsController, EndpointSliceController, GarbageCollector, TaintEvictionController].map((C) => {
      const proto = C.prototype as unknown as { sync: (k: string) => unknown };
      const orig = proto.sync;
      return vi.spyOn(proto, 'sync').mockImplementation(function (this: unknown, k: string) {
        synced.push(`${C.name} ${k}`);
        return orig.call(this, k);
      });
    });
    world.clock.advance(10 * 60_000);
    for (const s of spies) s.mockRestore();
    // Only CoreDNS's progress check, requeued after its progressDeadlineSeconds (600 s) as upstream does; a 30 s resync made 540 syncs here.
    expect(synced).toEqual(['DeploymentController kube-system/coredns']);
  });

  it('serves a GET with resourceVersion=0 from the watch cache (shared and frozen), and any other GET from etcd', () => {
    const world = new World({ seed: 1 });
    const c = getCluster(world);
    world.clock.advance(10_000);
    const api = c.api.as('test');
    const cached = api.get('nodes', undefined, 'kind-control-plane', { resourceVersion: '0' });
    const again = api.get('nodes', undefined, 'kind-control-plane', { resourceVersion: '0' });
    const fresh = api.get('nodes', undefined, 'kind-control-plane');
    if (!cached.ok || !again.ok || !fresh.ok) throw new Error('get failed');
    expect(Object.isFrozen(cached.value)).toBe(true);
    expect(again.value).toBe(cached.value);
    expect(Object.isFrozen(fresh.value)).toBe(false);
    expect(fresh.value).toEqual(cached.value);
    expect(api.get('nodes', undefined, 'nope', { resourceVersion: '0' })).toMatchObject({ ok: false, errors: [{ code: 'NotFound', message: 'nodes "nope" not found' }] });
  });

  it('updates a Lease from the watch cache (one etcd txn, no range), and a stale resourceVersion is still a conflict', () => {
    const world = new World({ seed: 1 });
    const c = getCluster(world);
    world.clock.advance(30_000);
    const ops: string[][] = [];
    c.api.onTrace((e) => {
      if (e.component === 'kubelet/kind-worker' && e.verb === 'update' && e.resource === 'leases') ops.push(e.etcd.map((o) => o.op));
    });
    world.clock.advance(30_000);
    expect(ops).toEqual([['txn'], ['txn'], ['txn']]);
    const api = c.api.as('test');
    const lease = api.get<Lease>('leases', 'kube-node-lease', 'kind-worker');
    if (!lease.ok) throw new Error('no lease');
    const ok = api.update({ ...lease.value, spec: { ...lease.value.spec, holderIdentity: 'someone' } });
    expect(ok.ok).toBe(true);
    const stale = api.update({ ...lease.value, spec: { ...lease.value.spec, holderIdentity: 'late' } });
    expect(stale).toMatchObject({ ok: false, errors: [{ code: 'Conflict', httpCode: 409 }] });
  });
});
