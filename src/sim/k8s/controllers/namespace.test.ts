import { describe, expect, it } from 'vitest';
import { FakeCluster } from './testing/fake-cluster.ts';
import { deployment, pod } from './testing/objects.ts';

describe('namespace controller', () => {
  it('shows Terminating, empties the namespace, then removes it; other namespaces are untouched', () => {
    const c = new FakeCluster();
    c.manager.start();
    c.client.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    c.client.create('deployments', { ...deployment('web', 2), metadata: { name: 'web', namespace: 'shop' } });
    c.client.create('deployments', deployment('keep', 1));
    c.run(10_000);
    expect(c.pods('shop')).toHaveLength(2);
    c.client.delete('namespaces', undefined, 'shop');
    const ns = c.client.get('namespaces', undefined, 'shop');
    expect(ns.ok && ns.value.status?.phase).toBe('Terminating');
    const created = c.client.create('pods', { ...pod('late'), metadata: { name: 'late', namespace: 'shop' } });
    expect(created.ok ? '' : created.errors[0].code).toBe('Forbidden');
    c.run(5000);
    expect(c.client.get('namespaces', undefined, 'shop').ok).toBe(false);
    for (const res of ['deployments', 'replicasets', 'pods'] as const) expect(c.client.objects(res, 'shop')).toEqual([]);
    expect(c.pods('default')).toHaveLength(1);
  });

  it('waits for content that is still finalizing', () => {
    const c = new FakeCluster();
    c.manager.start();
    c.client.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    const p = pod('held');
    p.metadata = { name: 'held', namespace: 'shop', finalizers: ['example.com/hold'] };
    c.client.create('pods', p);
    c.client.delete('namespaces', undefined, 'shop');
    c.run(10_000);
    expect(c.client.get('namespaces', undefined, 'shop').ok).toBe(true);
    c.client.mutate('pods', 'shop', 'held', (o) => (o.metadata.finalizers = []));
    c.client.delete('pods', 'shop', 'held');
    c.run(3000);
    expect(c.client.get('namespaces', undefined, 'shop').ok).toBe(false);
  });
});
