import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../../testing/golden.ts';
import { VirtualClock } from '../../clock.ts';
import { Rng } from '../../rng.ts';
import type { EndpointSlice, Service } from '../api/types.ts';
import { chainHash, KubeProxy } from './kube-proxy.ts';
import { FakeClient } from './testing/fake-client.ts';

const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'NodePort', clusterIP: '10.96.12.34', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 80, nodePort: 30080, protocol: 'TCP' }] } };
const slice = (eps: { ip: string; ready: boolean }[]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abcde', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  endpoints: eps.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready } })),
});

function setup(eps: { ip: string; ready: boolean }[]) {
  const clock = new VirtualClock();
  const client = new FakeClient(clock);
  client.put(svc);
  client.put(slice(eps));
  const proxy = new KubeProxy({ nodeName: 'kind-worker', client, clock, rng: new Rng(3) });
  proxy.start();
  clock.flush();
  return { clock, client, proxy };
}

describe('kube-proxy: "runs on each node and keeps the node\'s network rules so a Service\'s cluster IP and port reach the pods"', () => {
  it('writes KUBE-SERVICES / KUBE-SVC / KUBE-SEP rules for a 2-endpoint service (golden)', () => {
    const { proxy } = setup([
      { ip: '10.244.1.2', ready: true },
      { ip: '10.244.2.2', ready: true },
    ]);
    const out = proxy.renderIptables();
    expect(out).toContain('--probability 0.50000000000');
    expectGolden(fileURLToPath(new URL('./__golden__/iptables-2-endpoints.txt', import.meta.url)), out);
  });

  it('spreads connections over both endpoints', () => {
    const { proxy } = setup([
      { ip: '10.244.1.2', ready: true },
      { ip: '10.244.2.2', ready: true },
    ]);
    const hits = new Set(Array.from({ length: 40 }, () => proxy.resolve('10.96.12.34', 80)?.ip));
    expect(hits).toEqual(new Set(['10.244.1.2', '10.244.2.2']));
    expect(proxy.resolveNodePort(30080)?.port).toBe(80);
  });

  it('sends traffic only to ready endpoints', () => {
    const { proxy } = setup([
      { ip: '10.244.1.2', ready: false },
      { ip: '10.244.2.2', ready: true },
    ]);
    const hits = new Set(Array.from({ length: 40 }, () => proxy.resolve('10.96.12.34', 80)?.ip));
    expect(hits).toEqual(new Set(['10.244.2.2']));
  });

  it('rejects a service with no ready endpoints', () => {
    const { proxy } = setup([{ ip: '10.244.1.2', ready: false }]);
    expect(proxy.resolve('10.96.12.34', 80)).toBeUndefined();
    expect(proxy.renderIptables()).toContain('-A KUBE-SERVICES -d 10.96.12.34/32 -p tcp -m comment --comment "default/web:http has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable');
  });

  it('follows endpoint changes while running', () => {
    const { clock, client, proxy } = setup([{ ip: '10.244.1.2', ready: true }]);
    client.put(slice([{ ip: '10.244.1.3', ready: true }]));
    clock.flush();
    expect(proxy.resolve('10.96.12.34', 80)?.ip).toBe('10.244.1.3');
  });

  it('a stopped kube-proxy keeps its old (stale) rules until it starts again', () => {
    const { clock, client, proxy } = setup([{ ip: '10.244.1.2', ready: true }]);
    proxy.stop();
    client.put(slice([{ ip: '10.244.1.3', ready: true }]));
    clock.flush();
    expect(proxy.resolve('10.96.12.34', 80)?.ip).toBe('10.244.1.2');
    proxy.start();
    expect(proxy.resolve('10.96.12.34', 80)?.ip).toBe('10.244.1.3');
  });
});

describe('chainHash', () => {
  it("names the kubernetes Service's chain as every real cluster does, the first time and when remembered", () => {
    // KUBE-SVC-NPX46M4PTMTKRN6Y is default/kubernetes:https's chain in any kube-proxy iptables dump.
    expect(chainHash('default/kubernetes:https', 'tcp')).toBe('NPX46M4PTMTKRN6Y');
    expect(chainHash('default/kubernetes:https', 'tcp')).toBe('NPX46M4PTMTKRN6Y');
    expect(chainHash('default/kubernetes:https', 'udp')).not.toBe('NPX46M4PTMTKRN6Y');
  });
});
