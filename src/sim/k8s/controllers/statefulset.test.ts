/**
 * The StatefulSet controller against the behaviour documented in
 * https://kubernetes.io/docs/tutorials/stateful-application/basic-stateful-set/
 * and implemented in kubernetes/kubernetes pkg/controller/statefulset
 * (stateful_set_control.go: monotonic creation and reverse-ordinal scale down
 * and rolling update; stateful_pod_control.go: event wording, claim names).
 */
import { describe, expect, it } from 'vitest';
import type { StatefulSet } from '../api/types.ts';
import { POD_NAME_LABEL, REVISION_LABEL, revisionName } from './statefulset.ts';
import { FakeCluster } from './testing/fake-cluster.ts';
import { template } from './testing/objects.ts';

const sts = (spec: Partial<StatefulSet['spec']> = {}): StatefulSet => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 3,
    serviceName: 'nginx',
    selector: { matchLabels: { app: 'nginx' } },
    template: template({ app: 'nginx' }),
    volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    ...spec,
  },
});

function cluster(s: StatefulSet) {
  const c = new FakeCluster({ nodes: ['node-1', 'node-2'], readyDelayMs: 2000 });
  c.manager.start();
  c.client.create('statefulsets', s);
  return c;
}

const names = (c: FakeCluster) => c.pods().map((p) => p.metadata.name).sort();
const events = (c: FakeCluster, reason: string) => c.client.events.filter((e) => e.reason === reason).map((e) => e.message);
const set = (c: FakeCluster) => c.client.objects('statefulsets')[0]!;
const patch = (c: FakeCluster, fn: (s: StatefulSet) => void) => {
  const s = structuredClone(set(c));
  fn(s);
  expect(c.client.update('statefulsets', s).ok).toBe(true);
};

describe('StatefulSet controller', () => {
  it('OrderedReady: creates web-0, then web-1 only once web-0 is Running and Ready, then web-2', () => {
    const c = cluster(sts());
    c.run(1000);
    expect(names(c)).toEqual(['web-0']);
    c.run(2000); // web-0 Ready at 2 s
    expect(names(c)).toEqual(['web-0', 'web-1']);
    c.run(10_000);
    expect(names(c)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(events(c, 'SuccessfulCreate').filter((m) => m.startsWith('create Pod'))).toEqual([
      'create Pod web-0 in StatefulSet web successful',
      'create Pod web-1 in StatefulSet web successful',
      'create Pod web-2 in StatefulSet web successful',
    ]);
    expect(set(c).status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3 });
  });

  it('gives each pod a stable identity: hostname, subdomain = serviceName, its own claim www-web-N', () => {
    const c = cluster(sts());
    c.run(15_000);
    const web1 = c.pods().find((p) => p.metadata.name === 'web-1')!;
    expect(web1.spec.hostname).toBe('web-1');
    expect(web1.spec.subdomain).toBe('nginx');
    expect(web1.metadata.labels).toMatchObject({ app: 'nginx', [POD_NAME_LABEL]: 'web-1', 'apps.kubernetes.io/pod-index': '1', [REVISION_LABEL]: revisionName(set(c)) });
    expect(web1.spec.volumes).toContainEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
    const claims = c.client.objects('persistentvolumeclaims', 'default');
    expect(claims.map((p) => p.metadata.name)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    // Default retention (Retain/Retain): the claim carries the selector's labels and no owner.
    expect(claims[0]!.metadata.labels).toEqual({ app: 'nginx' });
    expect(claims[0]!.metadata.ownerReferences).toBeUndefined();
    expect(events(c, 'SuccessfulCreate')[0]).toBe('create Claim www-web-0 Pod web-0 in StatefulSet web success');
  });

  it('a deleted pod comes back under the same name and claim', () => {
    const c = cluster(sts());
    c.run(15_000);
    const uid = c.pods().find((p) => p.metadata.name === 'web-1')!.metadata.uid;
    c.client.delete('pods', 'default', 'web-1');
    c.run(3000);
    const back = c.pods().find((p) => p.metadata.name === 'web-1')!;
    expect(back.metadata.uid).not.toBe(uid);
    expect(back.spec.volumes).toContainEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
    expect(c.client.objects('persistentvolumeclaims', 'default')).toHaveLength(3);
  });

  it('scales down in reverse ordinal order, one pod at a time, and keeps the claims', () => {
    const c = cluster(sts());
    c.run(15_000);
    patch(c, (s) => (s.spec.replicas = 1));
    c.run(5000);
    expect(names(c)).toEqual(['web-0']);
    expect(events(c, 'SuccessfulDelete')).toEqual(['delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful']);
    expect(c.client.objects('persistentvolumeclaims', 'default').map((p) => p.metadata.name)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
  });

  it('Parallel creates every pod at once without waiting for readiness', () => {
    const c = cluster(sts({ podManagementPolicy: 'Parallel' }));
    c.run(1000);
    expect(names(c)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('OrderedReady does not scale down while a lower pod is not Ready', () => {
    const c = cluster(sts());
    c.run(15_000);
    c.client.mutate('pods', 'default', 'web-0', (p) => (p.status!.conditions = p.status!.conditions!.map((x) => (x.type === 'Ready' ? { ...x, status: 'False' } : x))));
    patch(c, (s) => (s.spec.replicas = 2));
    c.run(3000);
    expect(names(c)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('RollingUpdate replaces pods from the highest ordinal down, waiting for each to be Ready', () => {
    const c = cluster(sts());
    c.run(15_000);
    const before = revisionName(set(c));
    patch(c, (s) => (s.spec.template.spec.containers[0]!.image = 'nginx:1.28'));
    c.run(1000);
    expect(events(c, 'SuccessfulDelete')).toEqual(['delete Pod web-2 in StatefulSet web successful']);
    c.run(20_000);
    expect(events(c, 'SuccessfulDelete')).toEqual(['delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful', 'delete Pod web-0 in StatefulSet web successful']);
    const after = revisionName(set(c));
    expect(after).not.toBe(before);
    expect(c.pods().map((p) => [p.metadata.labels![REVISION_LABEL], p.spec.containers[0]!.image])).toEqual([[after, 'nginx:1.28'], [after, 'nginx:1.28'], [after, 'nginx:1.28']]);
    expect(set(c).status).toMatchObject({ currentRevision: after, updateRevision: after, updatedReplicas: 3, currentReplicas: 3 });
  });

  it('a partition keeps the pods below it on the old revision', () => {
    const c = cluster(sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }));
    c.run(15_000);
    patch(c, (s) => (s.spec.template.spec.containers[0]!.image = 'nginx:1.28'));
    c.run(20_000);
    expect(c.pods().map((p) => p.spec.containers[0]!.image)).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.28']);
    expect(set(c).status).toMatchObject({ updatedReplicas: 1, currentReplicas: 2 });
  });

  it('deleting the StatefulSet deletes its pods (garbage collector) and keeps the claims', () => {
    const c = cluster(sts());
    c.run(15_000);
    c.client.delete('statefulsets', 'default', 'web');
    c.run(5000);
    expect(names(c)).toEqual([]);
    expect(c.client.objects('persistentvolumeclaims', 'default')).toHaveLength(3);
  });

  it('whenDeleted: Delete makes the set own its claims', () => {
    const c = cluster(sts({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }));
    c.run(15_000);
    expect(c.client.objects('persistentvolumeclaims', 'default')[0]!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web' });
  });
});
