import { describe, expect, it } from 'vitest';
import type { Pod, Service } from '../api/types.ts';
import { MANAGED_BY, MANAGED_BY_LABEL, SERVICE_NAME_LABEL, resolvePorts } from './endpointslice.ts';
import { FakeCluster } from './testing/fake-cluster.ts';
import { deployment, pod } from './testing/objects.ts';
import { rfc3339 } from './util.ts';

const service = (ports: Service['spec']['ports'], selector: Record<string, string> | null = { app: 'web' }): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', labels: { team: 'a' } },
  spec: { ...(selector ? { selector } : {}), ports },
});

function cluster(svc: Service, replicas = 2) {
  const c = new FakeCluster({ readyDelayMs: 2000 });
  c.manager.start();
  c.client.create('deployments', deployment('web', replicas));
  c.client.create('services', svc);
  return c;
}

const slices = (c: FakeCluster) => c.client.objects('endpointslices');
const ep = (c: FakeCluster) => c.client.objects('endpoints')[0];

describe('resolvePorts', () => {
  const p: Pod = pod('p', {}, { containers: [{ name: 'c', image: 'i', ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }] });
  it.each([
    { port: { port: 80, targetPort: 9090 }, want: [{ port: 9090, protocol: 'TCP' }] },
    { port: { port: 80 }, want: [{ port: 80, protocol: 'TCP' }] },
    { port: { name: 'web', port: 80, targetPort: 'http' }, want: [{ name: 'web', port: 8080, protocol: 'TCP' }] },
    { port: { port: 53, targetPort: 'dns', protocol: 'UDP' as const }, want: [{ port: 53, protocol: 'UDP' }] },
    { port: { port: 53, targetPort: 'dns' }, want: [] },
    { port: { port: 80, targetPort: 'missing' }, want: [] },
  ])('$port -> $want', ({ port, want }) => {
    expect(resolvePorts(service([port]), p)).toEqual(want);
  });
});

describe('EndpointSlice and Endpoints controllers', () => {
  it('publishes an empty placeholder slice first, then ready pod endpoints', () => {
    const c = cluster(service([{ name: 'http', port: 80, targetPort: 'http' }]));
    c.world.clock.advance(500);
    expect(slices(c)).toHaveLength(1);
    expect(slices(c)[0]!.endpoints).toEqual([]);
    expect(slices(c)[0]!.ports).toBeUndefined();
    expect(ep(c)?.subsets).toBeUndefined();
    c.run(5000);
    const [es] = slices(c);
    expect(slices(c)).toHaveLength(1);
    expect(es!.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(es!.metadata.labels).toEqual({ team: 'a', [SERVICE_NAME_LABEL]: 'web', [MANAGED_BY_LABEL]: MANAGED_BY });
    expect(es!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Service', name: 'web', controller: true });
    expect(es!.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    const pods = c.pods();
    expect(es!.endpoints.map((e) => [e.addresses[0], e.conditions, e.targetRef?.name])).toEqual(
      pods.map((p) => [p.status!.podIP, { ready: true, serving: true, terminating: false }, p.metadata.name]),
    );
    expect(ep(c)?.subsets).toEqual([{ ports: [{ name: 'http', port: 80, protocol: 'TCP' }], addresses: pods.map((p) => ({ ip: p.status!.podIP, nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', name: p.metadata.name, namespace: 'default' } })).sort((a, b) => a.ip!.localeCompare(b.ip!, 'en', { numeric: true })) }]);
  });

  it.each([
    { state: 'not ready', change: (p: Pod) => (p.status!.conditions = p.status!.conditions!.map((x) => ({ ...x, status: 'False' as const }))), cond: { ready: false, serving: false, terminating: false }, epReady: false, inEp: true },
    { state: 'terminating', change: (p: Pod, now: number) => (p.metadata.deletionTimestamp = rfc3339(now)), cond: { ready: false, serving: true, terminating: true }, epReady: false, inEp: false },
  ])('a $state pod is reported with $cond', ({ change, cond, epReady, inEp }) => {
    const c = cluster(service([{ port: 80 }]), 1);
    c.run(5000);
    const p = c.pods()[0]!;
    c.manager.get('deployment')!.stop();
    c.manager.get('replicaset')!.stop();
    c.client.mutate('pods', 'default', p.metadata.name, (o) => change(o, c.world.clock.now()));
    c.run(1000);
    expect(slices(c)[0]!.endpoints.map((e) => e.conditions)).toEqual([cond]);
    const subset = ep(c)?.subsets?.[0];
    expect(subset?.addresses?.length ?? 0).toBe(epReady ? 1 : 0);
    expect(subset?.notReadyAddresses?.length ?? 0).toBe(inEp && !epReady ? 1 : 0);
  });

  it('splits pods serving a named port on different numbers into separate slices', () => {
    const c = new FakeCluster();
    c.manager.start();
    c.client.create('services', service([{ port: 80, targetPort: 'http' }]));
    for (const [name, port] of [['a', 8080], ['b', 9090]] as const) c.client.create('pods', pod(name, { app: 'web' }, { containers: [{ name: 'c', image: 'i', ports: [{ name: 'http', containerPort: port }] }] }));
    c.run(5000);
    expect(slices(c).map((s) => [s.ports?.[0]?.port, s.endpoints.map((e) => e.targetRef?.name)]).sort()).toEqual([[8080, ['a']], [9090, ['b']]]);
    expect(ep(c)?.subsets).toHaveLength(2);
  });

  it('leaves Services without a selector alone and cleans up after a deleted Service', () => {
    const c = cluster(service([{ port: 80 }], null));
    c.run(5000);
    expect(slices(c)).toEqual([]);
    expect(c.client.objects('endpoints')).toEqual([]);
    c.client.update('services', { ...c.client.objects('services')[0]!, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    c.run(5000);
    expect(slices(c)[0]!.endpoints).toHaveLength(2);
    c.client.delete('services', 'default', 'web');
    c.run(2000);
    expect(slices(c)).toEqual([]);
    expect(c.client.objects('endpoints')).toEqual([]);
  });
});
