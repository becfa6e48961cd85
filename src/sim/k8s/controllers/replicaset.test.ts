import { describe, expect, it } from 'vitest';
import type { Pod, PodStatus } from '../api/types.ts';
import { BATCH_PER_TASK, ReplicaSetController, podsToDelete } from './replicaset.ts';
import { FakeCluster } from './testing/fake-cluster.ts';
import { pod, replicaSet } from './testing/objects.ts';
import { isPodActive, rfc3339 } from './util.ts';

function setup(opts: { readyDelayMs?: number } = {}) {
  const c = new FakeCluster(opts);
  c.manager.start();
  return c;
}

const owned = (c: FakeCluster, rsName: string) => c.pods().filter((p) => p.metadata.ownerReferences?.some((r) => r.name === rsName) && isPodActive(p));

/**
 * Pod creations made by each burst of the ReplicaSet controller (upstream: one sync; here the syncs that
 * come back at once, returning 0, for the rest of a burst); the failAt-th creation (1-based, 0: none) fails once.
 */
function countCreatesPerSync(c: FakeCluster, failAt: number) {
  const perSync: number[] = [];
  let calls = 0;
  let open = false;
  const ctrl = c.manager.get<ReplicaSetController>('replicaset')! as unknown as { sync(key: string): unknown };
  const sync = ctrl.sync.bind(ctrl);
  ctrl.sync = (key: string) => {
    if (!open) perSync.push(0);
    const r = sync(key);
    open = r === 0;
    return r;
  };
  const create = c.client.create.bind(c.client);
  c.client.create = ((resource: never, obj: never) => {
    if (resource !== 'pods') return create(resource, obj);
    perSync[perSync.length - 1]!++;
    if (++calls === failAt) return { ok: false, errors: [{ code: 'Forbidden', httpCode: 403, message: 'pods "x" is forbidden: exceeded quota' }] };
    return create(resource, obj);
  }) as typeof c.client.create;
  return { perSync };
}

describe('ReplicaSet controller', () => {
  it.each([
    { replicas: 0, want: 0 },
    { replicas: 1, want: 1 },
    { replicas: 3, want: 3 },
    { replicas: 7, want: 7 },
  ])('creates $want pods for replicas=$replicas', ({ replicas, want }) => {
    const c = setup();
    c.client.create('replicasets', replicaSet('web-7d4b9c8f5d', replicas));
    c.run(5000);
    const pods = owned(c, 'web-7d4b9c8f5d');
    expect(pods).toHaveLength(want);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-7d4b9c8f5d-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f5d', uid: expect.any(String), controller: true, blockOwnerDeletion: true }]);
    }
    expect(c.client.eventMessages('SuccessfulCreate').sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
  });

  it('makes a large burst in slices of at most BATCH_PER_TASK pods per timer, at one instant, the same pods as in one go', () => {
    const whole = setup();
    whole.client.create('replicasets', replicaSet('web-7d4b9c8f5d', 300));
    whole.world.clock.flush();
    const sliced = setup();
    sliced.client.create('replicasets', replicaSet('web-7d4b9c8f5d', 300));
    const clock = sliced.world.clock;
    const t0 = clock.now();
    let most = 0;
    for (let prev = 0; !clock.flush(() => true); ) {
      const n = sliced.client.eventMessages('SuccessfulCreate').length;
      most = Math.max(most, n - prev);
      prev = n;
    }
    expect(clock.now()).toBe(t0);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(BATCH_PER_TASK);
    const names = (c: FakeCluster) => owned(c, 'web-7d4b9c8f5d').map((p) => p.metadata.name).sort();
    expect(names(sliced)).toHaveLength(300);
    expect(names(sliced)).toEqual(names(whole));
  });

  it.each([
    { from: 3, to: 5 },
    { from: 5, to: 2 },
    { from: 4, to: 0 },
  ])('scales $from -> $to and reports status', ({ from, to }) => {
    const c = setup();
    c.client.create('replicasets', replicaSet('web', from));
    c.run(10_000);
    c.client.mutate('replicasets', 'default', 'web', (rs) => {
      rs.spec.replicas = to;
      rs.metadata.generation = 2;
    });
    c.run(10_000);
    expect(owned(c, 'web')).toHaveLength(to);
    const rs = c.client.objects('replicasets')[0]!;
    expect(rs.status).toEqual({ replicas: to, fullyLabeledReplicas: to, readyReplicas: to, availableReplicas: to, observedGeneration: 2 });
    if (to < from) expect(c.client.eventMessages('SuccessfulDelete')).toHaveLength(from - to);
  });

  // kubernetes/pkg/controller/replicaset/replica_set.go slowStartBatch (SlowStartInitialBatchSize = 1):
  // creations go in batches of 1, 2, 4, 8, ...; "If there are any failures in a batch, all remaining
  // batches are skipped after waiting for the current batch to complete." So when the k-th creation
  // fails, one sync makes exactly the calls up to the end of k's batch (1, 3, 7, 15, then the rest).
  it.each([
    { failAt: 1, calls: 1 },
    { failAt: 2, calls: 3 },
    { failAt: 3, calls: 3 },
    { failAt: 4, calls: 7 },
    { failAt: 7, calls: 7 },
    { failAt: 8, calls: 15 },
    { failAt: 16, calls: 20 },
  ])('creates pods in slow-start batches of 1, 2, 4, 8: a failure at creation $failAt ends the sync after $calls calls', ({ failAt, calls }) => {
    const c = setup();
    const { perSync } = countCreatesPerSync(c, failAt);
    c.client.create('replicasets', replicaSet('web', 20));
    c.run(60_000);
    expect(perSync[0]).toBe(calls);
    expect(c.client.eventMessages('FailedCreate')).toEqual(['Error creating: pods "x" is forbidden: exceeded quota']);
    // The next syncs create the rest: nothing is lost to the failure.
    expect(owned(c, 'web')).toHaveLength(20);
  });

  it('creates 20 pods in one burst when nothing fails (1+2+4+8+5)', () => {
    const c = setup();
    const { perSync } = countCreatesPerSync(c, 0);
    c.client.create('replicasets', replicaSet('web', 20));
    c.run(5000);
    expect(perSync.filter((n) => n > 0)).toEqual([20]);
  });

  it('replaces a deleted pod with a new name and records both events', () => {
    const c = setup();
    c.client.create('replicasets', replicaSet('web', 2));
    c.run(5000);
    const victim = owned(c, 'web')[0]!.metadata.name;
    c.client.delete('pods', 'default', victim);
    c.run(1000);
    const names = owned(c, 'web').map((p) => p.metadata.name);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(victim);
    expect(c.client.eventMessages('SuccessfulCreate')).toHaveLength(3);
  });

  it('adopts a matching orphan instead of creating, and releases a pod relabelled away', () => {
    const c = setup();
    c.client.create('pods', pod('stray'));
    c.client.create('replicasets', replicaSet('web', 2));
    c.run(3000);
    const pods = owned(c, 'web');
    expect(pods.map((p) => p.metadata.name)).toContain('stray');
    expect(pods).toHaveLength(2);
    c.client.mutate('pods', 'default', 'stray', (p) => (p.metadata.labels = { app: 'debug' }));
    c.run(3000);
    const stray = c.client.get('pods', 'default', 'stray');
    expect(stray.ok && stray.value.metadata.ownerReferences).toEqual([]);
    expect(owned(c, 'web')).toHaveLength(2);
  });

  it('does not count finished or terminating pods as replicas', () => {
    const c = setup();
    c.client.create('replicasets', replicaSet('web', 2));
    c.run(5000);
    const [a, b] = owned(c, 'web');
    c.client.mutate('pods', 'default', a!.metadata.name, (p) => (p.status = { ...p.status, phase: 'Failed' }));
    c.client.mutate('pods', 'default', b!.metadata.name, (p) => (p.metadata.deletionTimestamp = rfc3339(c.world.clock.now())));
    c.run(1000);
    expect(owned(c, 'web')).toHaveLength(2);
    expect(c.pods()).toHaveLength(4);
  });

  it('counts availability only after minReadySeconds', () => {
    const c = setup({ readyDelayMs: 1000 });
    const rs = replicaSet('web', 2);
    rs.spec.minReadySeconds = 10;
    c.client.create('replicasets', rs);
    c.run(3000);
    let st = c.client.objects('replicasets')[0]!.status;
    expect([st?.readyReplicas, st?.availableReplicas]).toEqual([2, 0]);
    c.run(10_000);
    st = c.client.objects('replicasets')[0]!.status;
    expect(st?.availableReplicas).toBe(2);
  });

  it('is inert while stopped and catches up on start', () => {
    const c = setup();
    const ctl = c.manager.get<ReplicaSetController>('replicaset')!;
    c.client.create('replicasets', replicaSet('web', 2));
    c.run(5000);
    ctl.stop();
    c.client.delete('pods', 'default', owned(c, 'web')[0]!.metadata.name);
    c.run(60_000);
    expect(owned(c, 'web')).toHaveLength(1);
    ctl.start();
    c.run(1000);
    expect(owned(c, 'web')).toHaveLength(2);
  });
});

describe('pods chosen for deletion', () => {
  const mk = (name: string, s: { node?: string; phase?: PodStatus['phase']; ready?: number; created?: number; restarts?: number }): Pod => ({
    ...pod(name),
    metadata: { name, namespace: 'default', creationTimestamp: rfc3339(s.created ?? 0) },
    spec: { containers: [], nodeName: s.node },
    status: {
      phase: s.phase,
      conditions: s.ready !== undefined ? [{ type: 'Ready', status: 'True', lastTransitionTime: rfc3339(s.ready) }] : [],
      containerStatuses: [{ name: 'c', image: 'i', ready: s.ready !== undefined, restartCount: s.restarts ?? 0, state: {} }],
    },
  });
  it.each([
    { why: 'unscheduled before scheduled', pods: [mk('a', { node: 'n', phase: 'Running', ready: 0 }), mk('b', {})], first: 'b' },
    { why: 'pending before running', pods: [mk('a', { node: 'n', phase: 'Running' }), mk('b', { node: 'n', phase: 'Pending' })], first: 'b' },
    { why: 'not ready before ready', pods: [mk('a', { node: 'n', phase: 'Running', ready: 0 }), mk('b', { node: 'n', phase: 'Running' })], first: 'b' },
    { why: 'ready for less time first', pods: [mk('a', { node: 'n', phase: 'Running', ready: 1000 }), mk('b', { node: 'n', phase: 'Running', ready: 50_000 })], first: 'b' },
    { why: 'more restarts first', pods: [mk('a', { node: 'n', phase: 'Running', restarts: 0 }), mk('b', { node: 'n', phase: 'Running', restarts: 3 })], first: 'b' },
    { why: 'newer first', pods: [mk('a', { node: 'n', phase: 'Running', created: 1000 }), mk('b', { node: 'n', phase: 'Running', created: 9000 })], first: 'b' },
  ])('$why', ({ pods, first }) => {
    expect(podsToDelete(pods, 1).map((p) => p.metadata.name)).toEqual([first]);
    expect(podsToDelete([...pods].reverse(), 1).map((p) => p.metadata.name)).toEqual([first]);
  });
});
