import { describe, expect, it } from 'vitest';
import { internalIPAt, MAX_NODES, podCIDRAt, workerName } from './node-specs.ts';

const octets = (ip: string) => ip.split('/')[0]!.split('.').map(Number);

describe('node addresses', () => {
  it('keeps kind addresses for the first nodes', () => {
    expect(podCIDRAt(0)).toBe('10.244.0.0/24');
    expect(podCIDRAt(3)).toBe('10.244.3.0/24');
    expect(internalIPAt(0)).toBe('172.18.0.2');
    expect(internalIPAt(2)).toBe('172.18.0.4');
  });

  it('gives 5,000 nodes valid, distinct pod CIDRs and IPs (the old scheme gave 10.244.300.0/24 after 253 nodes)', () => {
    const cidrs = new Set<string>();
    const ips = new Set<string>();
    const bad: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const c = podCIDRAt(i);
      const ip = internalIPAt(i);
      const [a, b] = octets(c);
      // Inside 10.224.0.0/11 (so outside the Service range 10.96.0.0/12), every octet a byte.
      if ([...octets(c), ...octets(ip)].some((o) => !(o >= 0 && o <= 255)) || a !== 10 || b! < 224 || !ip.startsWith('172.18.')) bad.push(`${i}: ${c} ${ip}`);
      cidrs.add(c);
      ips.add(ip);
    }
    expect(bad).toEqual([]);
    expect(cidrs.size).toBe(5000);
    expect(ips.size).toBe(5000);
    expect(podCIDRAt(256)).toBe('10.245.0.0/24');
    expect(podCIDRAt(12 * 256)).toBe('10.224.0.0/24');
    expect(internalIPAt(254)).toBe('172.18.1.0');
    expect(workerName(4999)).toBe('kind-worker4999');
  });

  it('refuses an index past the cluster CIDR', () => {
    expect(() => podCIDRAt(MAX_NODES)).toThrow(RangeError);
    expect(() => internalIPAt(-1)).toThrow(RangeError);
  });

  it("names nodes as `kind create cluster` does: kind-control-plane, kind-worker, kind-worker2, kind-worker3", () => {
    // kind pkg/cluster/internal/providers/common/namer.go MakeNodeNamer: "<cluster>-<role>", a counter suffix from the second node of a role on.
    expect([1, 2, 3].map(workerName)).toEqual(['kind-worker', 'kind-worker2', 'kind-worker3']);
  });
});
