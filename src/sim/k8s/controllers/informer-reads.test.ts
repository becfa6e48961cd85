/**
 * Issue 13: the namespace, StatefulSet, CronJob, HPA and PersistentVolume
 * controllers (and the service account and root CA publishers) read what
 * they reconcile from kube-controller-manager's shared informers: after the
 * informers' first list, their syncs and resyncs send no LIST (and no GET of
 * what the informers hold) to the API server, while the objects still do
 * what they did. The kubelet reads Services for a container's environment
 * from its Service informer.
 */
import { describe, expect, it } from 'vitest';
import { World } from '../../world.ts';
import type { KubeObject, Pod } from '../api/types.ts';
import { getCluster, type Cluster } from '../cluster.ts';

function boot(): { world: World; c: Cluster; create: (o: object) => KubeObject; requests: (who?: string) => Map<string, number> } {
  const world = new World({ seed: 1 });
  const c = getCluster(world);
  const kubectl = c.api.as('kubectl');
  const create = (o: object) => {
    const r = kubectl.create(o as KubeObject);
    if (!r.ok) throw new Error(r.errors[0].message);
    return r.value;
  };
  // Requests by "verb resource" from here on.
  const seen: { component: string; key: string }[] = [];
  c.api.onTrace((e) => e.verb !== 'event' && seen.push({ component: e.component, key: `${e.verb} ${e.resource}${e.subresource ? `/${e.subresource}` : ''}` }));
  const requests = (who = 'kube-controller-manager') => {
    const m = new Map<string, number>();
    for (const s of seen) if (s.component === who || (who === 'kubelet' && s.component.startsWith('kubelet/'))) m.set(s.key, (m.get(s.key) ?? 0) + 1);
    return m;
  };
  return { world, c, create, requests };
}

const reads = (m: Map<string, number>, resources: string[]) => [...m].filter(([k]) => /^(list|get) /.test(k) && resources.includes(k.split(' ')[1]!.split('/')[0]!));
const pods = (c: Cluster, prefix: string): Pod[] => {
  const r = c.api.as('test').list<Pod>('pods', 'default');
  return r.ok ? r.value.items.filter((p) => p.metadata.name.startsWith(prefix)) : [];
};
const template = (app: string) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } } }] } });

describe('controllers read from the shared informers (no LIST per sync)', () => {
  it('StatefulSet: creates web-0, web-1 in order with their claims, scales to 3, and never lists or gets statefulsets, pods or claims', () => {
    const { world, c, create, requests } = boot();
    create({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2, serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: template('web'), volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] } });
    world.clock.advance(60_000);
    expect(pods(c, 'web-').map((p) => `${p.metadata.name} ${p.status?.phase}`)).toEqual(['web-0 Running', 'web-1 Running']);
    const set = c.api.as('test').get<KubeObject & { spec: { replicas: number } }>('statefulsets', 'default', 'web');
    if (!set.ok) throw new Error('no set');
    expect(c.api.as('kubectl').update({ ...set.value, spec: { ...set.value.spec, replicas: 3 } }).ok).toBe(true);
    world.clock.advance(60_000);
    expect(pods(c, 'web-').map((p) => `${p.metadata.name} ${p.status?.phase}`)).toEqual(['web-0 Running', 'web-1 Running', 'web-2 Running']);
    expect(reads(requests(), ['statefulsets', 'pods', 'persistentvolumeclaims', 'persistentvolumes', 'storageclasses'])).toEqual([]);
  });

  it('CronJob and Job: a Job every minute runs its pod to completion, without listing or getting cronjobs or jobs', () => {
    const { world, c, create, requests } = boot();
    create({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick', namespace: 'default' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.37', command: ['true'] }] } } } } } });
    // 3.5 minutes: three Jobs, none old enough to be cleaned up (the garbage collector lists dependents of what is deleted).
    world.clock.advance(3.5 * 60_000);
    const jobs = c.api.as('test').list<KubeObject & { status?: { succeeded?: number } }>('jobs', 'default');
    expect(jobs.ok && jobs.value.items.filter((j) => j.metadata.name.startsWith('tick-')).map((j) => j.status?.succeeded).slice(0, 3)).toEqual([1, 1, 1]);
    expect(reads(requests(), ['cronjobs', 'jobs'])).toEqual([]);
  });

  it('HPA: reports that no metrics are available every 15 s from its informer; only the target\'s scale is read (a GET, as upstream\'s scale client)', () => {
    const { world, c, create, requests } = boot();
    create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'php', namespace: 'default' }, spec: { replicas: 1, selector: { matchLabels: { app: 'php' } }, template: template('php') } });
    create({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'php', namespace: 'default' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php' }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] } });
    world.clock.advance(60_000);
    const hpa = c.api.as('test').get<KubeObject & { status?: { conditions?: { type: string; reason: string }[] } }>('horizontalpodautoscalers', 'default', 'php');
    expect(hpa.ok && hpa.value.status?.conditions?.find((x) => x.type === 'ScalingActive')?.reason).toBe('FailedGetResourceMetric');
    const r = requests();
    expect(reads(r, ['horizontalpodautoscalers', 'pods'])).toEqual([]);
    expect(r.get('get deployments')).toBeGreaterThanOrEqual(4);
  });

  it('PersistentVolume binder and protection: a claim waits for its consumer, is provisioned and bound, and nothing lists or gets volumes, claims or classes', () => {
    const { world, c, create, requests } = boot();
    create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    world.clock.advance(30_000);
    const pending = c.api.as('test').get<KubeObject & { status?: { phase?: string } }>('persistentvolumeclaims', 'default', 'data');
    expect(pending.ok && pending.value.status?.phase).toBe('Pending');
    create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'user', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } });
    world.clock.advance(60_000);
    const bound = c.api.as('test').get<KubeObject & { status?: { phase?: string } }>('persistentvolumeclaims', 'default', 'data');
    expect(bound.ok && bound.value.status?.phase).toBe('Bound');
    expect(pods(c, 'user')[0]?.status?.phase).toBe('Running');
    expect(reads(requests(), ['persistentvolumes', 'persistentvolumeclaims', 'storageclasses'])).toEqual([]);
  });

  it('namespace, service account and root CA publisher: a new namespace gets its default ServiceAccount and kube-root-ca.crt, resyncs read nothing, and a deleted namespace is emptied and goes', () => {
    const { world, c, create, requests } = boot();
    create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    world.clock.advance(2 * 60_000);
    const api = c.api.as('test');
    expect(api.get('serviceaccounts', 'team', 'default').ok).toBe(true);
    expect(api.get('configmaps', 'team', 'kube-root-ca.crt').ok).toBe(true);
    expect(reads(requests(), ['namespaces', 'serviceaccounts', 'configmaps'])).toEqual([]);
    expect(c.api.as('kubectl').delete('namespaces', undefined, 'team').ok).toBe(true);
    world.clock.advance(30_000);
    expect(api.get('namespaces', undefined, 'team').ok).toBe(false);
  });

  it('kubelet: a container\'s service variables come from its Service informer, with no LIST per container start', () => {
    const { world, c, create, requests } = boot();
    create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'redis', namespace: 'default' }, spec: { selector: { app: 'redis' }, ports: [{ port: 6379 }] } });
    world.clock.advance(1_000);
    for (const name of ['a', 'b', 'c']) create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `env-${name}`, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    world.clock.advance(30_000);
    const started = pods(c, 'env-');
    expect(started.map((p) => p.status?.phase)).toEqual(['Running', 'Running', 'Running']);
    const node = c.nodes.get(started[0]!.spec.nodeName!)!;
    const env = node.runtime.exec({ namespace: 'default', name: 'env-a' }, 'c', ['env']).stdout;
    expect(env).toContain('REDIS_SERVICE_PORT=6379\n');
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect(requests('kubelet').get('list services') ?? 0).toBe(0);
  });
});
