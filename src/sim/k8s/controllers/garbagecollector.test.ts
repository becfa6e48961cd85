import { describe, expect, it } from 'vitest';
import type { PropagationPolicy } from './client.ts';
import { GarbageCollector } from './garbagecollector.ts';
import { FakeCluster } from './testing/fake-cluster.ts';
import { deployment, pod, replicaSet } from './testing/objects.ts';

function withDeployment() {
  const c = new FakeCluster();
  c.manager.start();
  c.client.create('deployments', deployment('web', 3));
  c.run(10_000);
  return c;
}

const counts = (c: FakeCluster) => ({ deployments: c.client.objects('deployments').length, replicasets: c.client.objects('replicasets').length, pods: c.pods().length });

describe('garbage collector', () => {
  it.each<{ policy: PropagationPolicy | undefined; after: { deployments: number; replicasets: number; pods: number } }>([
    { policy: undefined, after: { deployments: 0, replicasets: 0, pods: 0 } },
    { policy: 'Background', after: { deployments: 0, replicasets: 0, pods: 0 } },
    { policy: 'Foreground', after: { deployments: 0, replicasets: 0, pods: 0 } },
    { policy: 'Orphan', after: { deployments: 0, replicasets: 1, pods: 3 } },
  ])('deleting a Deployment with propagation $policy leaves $after', ({ policy, after }) => {
    const c = withDeployment();
    expect(counts(c)).toEqual({ deployments: 1, replicasets: 1, pods: 3 });
    c.client.delete('deployments', 'default', 'web', { propagationPolicy: policy });
    c.run(5000);
    expect(counts(c)).toEqual(after);
    if (policy === 'Orphan') {
      expect(c.client.objects('replicasets')[0]!.metadata.ownerReferences).toEqual([]);
      expect(c.pods().every((p) => p.metadata.ownerReferences?.length === 1)).toBe(true);
    }
  });

  it('Foreground keeps the owner, marked for deletion, until its dependents are gone', () => {
    const c = withDeployment();
    const held = c.pods()[0]!.metadata.name;
    c.client.mutate('pods', 'default', held, (p) => (p.metadata.finalizers = ['example.com/hold']));
    c.client.delete('deployments', 'default', 'web', { propagationPolicy: 'Foreground' });
    const d = c.client.objects('deployments')[0]!;
    expect(d.metadata.deletionTimestamp).toBeDefined();
    expect(d.metadata.finalizers).toEqual(['foregroundDeletion']);
    c.run(5000);
    expect(counts(c)).toEqual({ deployments: 1, replicasets: 1, pods: 1 });
    const p = c.client.get('pods', 'default', held);
    if (!p.ok) throw new Error('held pod gone');
    c.client.update('pods', { ...p.value, metadata: { ...p.value.metadata, finalizers: p.value.metadata.finalizers?.filter((f) => f !== 'example.com/hold') } });
    c.run(5000);
    expect(counts(c)).toEqual({ deployments: 0, replicasets: 0, pods: 0 });
  });

  it('keeps a dependent that still has a live owner, dropping the dead reference', () => {
    const c = new FakeCluster();
    c.manager.start();
    const a = c.client.create('replicasets', replicaSet('a', 0, { app: 'a' }));
    const b = c.client.create('replicasets', replicaSet('b', 0, { app: 'b' }));
    if (!a.ok || !b.ok) throw new Error('setup');
    const ref = (o: typeof a.value) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.metadata.name, uid: o.metadata.uid!, blockOwnerDeletion: true });
    const p = pod('shared', { app: 'none' });
    p.metadata.ownerReferences = [ref(a.value), ref(b.value)];
    c.client.create('pods', p);
    c.client.delete('replicasets', 'default', 'a');
    c.run(2000);
    const left = c.pods();
    expect(left.map((x) => x.metadata.ownerReferences?.map((r) => r.name))).toEqual([['b']]);
    c.client.delete('replicasets', 'default', 'b');
    c.run(2000);
    expect(c.pods()).toEqual([]);
  });

  it('catches up on owners deleted while it was stopped', () => {
    const c = withDeployment();
    c.manager.stop();
    c.client.delete('deployments', 'default', 'web');
    c.run(60_000);
    expect(counts(c)).toEqual({ deployments: 0, replicasets: 1, pods: 3 });
    c.manager.start();
    c.run(3000);
    expect(counts(c)).toEqual({ deployments: 0, replicasets: 0, pods: 0 });
    expect(c.manager.get<GarbageCollector>('garbagecollector')).toBeInstanceOf(GarbageCollector);
  });
});
