import { describe, expect, it } from 'vitest';
import { World } from '../world.ts';
import type { Deployment } from './api/types.ts';
import { getCluster } from './cluster.ts';
import { ClusterWatcher, isActivity } from './view.ts';

const web: Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
};

describe('ClusterWatcher', () => {
  it('shows pods on their nodes with IPs once they run, and unscheduled pods apart', () => {
    const world = new World({ seed: 1 });
    const c = getCluster(world);
    const w = new ClusterWatcher(c);
    c.stopComponent('scheduler');
    c.api.as('kubectl').create(web);
    world.clock.advance(5_000);
    let v = w.view();
    expect(v.scheduler).toBe(false);
    expect(v.unscheduled.map((p) => p.state)).toEqual(['Pending', 'Pending', 'Pending']);
    c.startComponent('scheduler');
    world.clock.advance(30_000);
    v = w.view();
    expect(v.unscheduled).toEqual([]);
    const placed = v.nodes.flatMap((n) => n.pods.map((p) => [n.name, p.state, p.ip?.startsWith(`10.244.${n.name === 'kind-worker' ? 1 : 2}.`)]));
    expect(placed).toHaveLength(3);
    expect(placed.every(([node, state, ipInNodeRange]) => node !== 'kind-control-plane' && state === 'Running' && ipInNodeRange)).toBe(true);
    expect(v.nodes.map((n) => [n.name, n.ready, n.controlPlane])).toEqual([
      ['kind-control-plane', true, true],
      ['kind-worker', true, false],
      ['kind-worker2', true, false],
    ]);
  });

  it('reflects stopped etcd members, the leader and a failed node', () => {
    const world = new World({ seed: 1 });
    const c = getCluster(world);
    const w = new ClusterWatcher(c);
    const leader = c.etcd.leader()!.name;
    c.etcd.stopMember(leader);
    c.nodes.get('kind-worker')!.kubelet.stop();
    world.clock.advance(60_000);
    const v = w.view();
    expect(v.etcd.find((m) => m.name === leader)).toEqual({ name: leader, running: false, leader: false });
    expect(v.etcd.filter((m) => m.leader)).toHaveLength(1);
    expect(v.nodes.find((n) => n.name === 'kind-worker')).toMatchObject({ kubelet: false, ready: false });
  });

  it('is right from its first view: nodes are listed before the clock moves again', () => {
    const world = new World({ seed: 1 });
    const c = getCluster(world);
    // A page attaches after the boot and may draw before the clock advances (time stands still while a pack loads).
    const w = new ClusterWatcher(c);
    expect(w.synced).toBe(true);
    expect(w.view().nodes.map((n) => n.ready)).toEqual([true, true, true]);
  });

  it('says nothing about readiness until it can list, and catches up when the API server comes back', () => {
    const world = new World({ seed: 1 });
    const c = getCluster(world);
    c.stopComponent('apiserver');
    const w = new ClusterWatcher(c);
    expect(w.synced).toBe(false);
    expect(w.view().nodes.map((n) => n.ready)).toEqual([undefined, undefined, undefined]);
    world.clock.advance(5_000);
    expect(w.view().nodes.every((n) => n.ready === undefined)).toBe(true);
    c.startComponent('apiserver');
    world.clock.advance(10_000);
    expect(w.synced).toBe(true);
    expect(w.view().nodes.map((n) => n.ready)).toEqual([true, true, true]);
  });

  it('keeps watching across an API server restart (the watch ends; it lists and watches again)', () => {
    const world = new World({ seed: 1 });
    const c = getCluster(world);
    const w = new ClusterWatcher(c);
    c.stopComponent('apiserver');
    world.clock.advance(2_000);
    c.startComponent('apiserver');
    world.clock.advance(40_000);
    c.api.as('kubectl').create(web);
    world.clock.advance(30_000);
    expect(w.view().nodes.flatMap((n) => n.pods.map((p) => p.state))).toEqual(['Running', 'Running', 'Running']);
  });

  it('animates writes and bindings, not heartbeats or reads', () => {
    const base = { time: 0, code: 200, etcd: [] };
    expect(isActivity({ ...base, component: 'kube-scheduler', verb: 'create', resource: 'pods', subresource: 'binding' })).toBe(true);
    expect(isActivity({ ...base, component: 'kubelet/kind-worker', verb: 'update', resource: 'leases' })).toBe(false);
    expect(isActivity({ ...base, component: 'kubectl', verb: 'list', resource: 'pods' })).toBe(false);
  });
});
