import { describe, expect, it } from 'vitest';
import type { Service } from '../../api/types.ts';
import { ipToInt } from '../allocator.ts';
import { must, printed } from '../testing/expect.ts';
import { setup } from '../testing/setup.ts';

const svc = (name: string, spec: Partial<Service['spec']> = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
});

describe('Service', () => {
  it('starts with kubernetes on 10.96.0.1 in default', () => {
    const k = must(setup().kubectl.get<Service>('svc', 'default', 'kubernetes'));
    expect(k.spec.clusterIP).toBe('10.96.0.1');
    expect(k.spec.ports?.[0]).toMatchObject({ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' });
  });

  it('defaults type, session affinity, protocol and targetPort, and allocates a ClusterIP in 10.96.0.0/12', () => {
    const s = must(setup().kubectl.create(svc('web')));
    expect(s.spec).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None' });
    expect(s.spec.ports?.[0]).toMatchObject({ protocol: 'TCP', targetPort: 80 });
    const ip = ipToInt(s.spec.clusterIP!);
    expect(ip).toBeGreaterThan(ipToInt('10.96.0.255'));
    expect(ip).toBeLessThan(ipToInt('10.111.255.255'));
    expect(s.spec.clusterIPs).toEqual([s.spec.clusterIP]);
  });

  it('never hands out the same ClusterIP or NodePort twice, and is the same for the same seed', () => {
    const run = () => {
      const { kubectl } = setup(3);
      return Array.from({ length: 20 }, (_, i) => must(kubectl.create(svc(`s${i}`, { type: 'NodePort' }))).spec);
    };
    const a = run();
    expect(new Set(a.map((s) => s.clusterIP)).size).toBe(20);
    const ports = a.map((s) => s.ports![0]!.nodePort!);
    expect(new Set(ports).size).toBe(20);
    for (const p of ports) expect(p >= 30000 && p <= 32767).toBe(true);
    expect(run()).toEqual(a);
  });

  it('keeps 10.96.0.10 for kube-dns when asked for it', () => {
    const { kubectl } = setup();
    expect(must(kubectl.create({ ...svc('kube-dns', { clusterIP: '10.96.0.10' }), metadata: { name: 'kube-dns', namespace: 'kube-system' } })).spec.clusterIP).toBe('10.96.0.10');
  });

  it.each<[string, Service[], string]>([
    [
      'name is an RFC 1035 label',
      [svc('1web')],
      `The Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ],
    [
      'nodePort out of range',
      [svc('web', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })],
      'The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
    [
      'nodePort taken by another Service',
      [svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })],
      'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    ],
    [
      'nodePort twice in one Service',
      [svc('web', { type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 30080 }] })],
      'The Service "web" is invalid: spec.ports[1].nodePort: Duplicate value: 30080',
    ],
    [
      'nodePort on a ClusterIP Service',
      [svc('web', { ports: [{ port: 80, nodePort: 30080 }] })],
      "The Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ],
    [
      'ClusterIP already allocated',
      [svc('a', { clusterIP: '10.96.5.5' }), svc('b', { clusterIP: '10.96.5.5' })],
      'The Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.5.5"}: failed to allocate IP 10.96.5.5: provided IP is already allocated',
    ],
    [
      'ClusterIP outside the range',
      [svc('a', { clusterIP: '192.168.1.1' })],
      'The Service "a" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.1.1"}: failed to allocate IP 192.168.1.1: the provided IP (192.168.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ],
    ['unnamed ports when there are several', [svc('web', { ports: [{ port: 80 }, { port: 443 }] })], 'The Service "web" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value'],
  ])('%s', (_, manifests, message) => {
    const { kubectl } = setup();
    for (const m of manifests.slice(0, -1)) must(kubectl.create(m));
    expect(printed(kubectl.create(manifests.at(-1)!))).toBe(message);
  });

  it('frees a NodePort when its Service is deleted and keeps it across an update', () => {
    const { kubectl } = setup();
    const a = must(kubectl.create(svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })));
    const updated = must(kubectl.patch<Service>('svc', 'default', 'a', { metadata: { labels: { x: 'y' } } }, 'merge'));
    expect(updated.spec.ports![0]!.nodePort).toBe(30080);
    expect(updated.spec.clusterIP).toBe(a.spec.clusterIP);
    must(kubectl.delete('svc', 'default', 'a'));
    expect(must(kubectl.create(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))).spec.ports![0]!.nodePort).toBe(30080);
  });
});
