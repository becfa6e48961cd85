/** Helpers for the scale benchmarks: a kind-like cluster of N nodes, and pods created through the API server. */
import { World } from '../../src/sim/world.ts';
import { BOOT_SETTLE_MS, Cluster, DEFAULT_NODES, type NodeSpecSim } from '../../src/sim/k8s/cluster.ts';
import { internalIPAt, podCIDRAt, workerName } from '../../src/sim/k8s/node-specs.ts';
import type { Pod } from '../../src/sim/k8s/api/types.ts';

export function nodeSpecs(n: number): NodeSpecSim[] {
  return [DEFAULT_NODES[0]!, ...Array.from({ length: n - 1 }, (_, i) => ({ name: workerName(i + 1), podCIDR: podCIDRAt(i + 1), internalIP: internalIPAt(i + 1), controlPlane: false }))];
}

/** A cluster of n nodes (one control plane), booted and settled like getCluster's. */
export function bigCluster(n: number, seed = 1): { world: World; cluster: Cluster } {
  const world = new World({ seed });
  const cluster = world.engine('k8s.cluster', (w) => new Cluster(w, nodeSpecs(n)));
  world.clock.advance(BOOT_SETTLE_MS);
  return { world, cluster };
}

export const IMAGE = 'nginx:1.27';

export function podManifest(name: string, namespace = 'default'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: 'bench' } },
    spec: { containers: [{ name: 'c', image: IMAGE, resources: { requests: { cpu: '1m', memory: '1Mi' } } }] },
  } as Pod;
}

/** Creates count pods through the API server as "bench" (no clock advance). */
export function createPods(cluster: Cluster, count: number, prefix = 'p'): void {
  const api = cluster.api.as('bench');
  for (let i = 0; i < count; i++) {
    const r = api.create(podManifest(`${prefix}-${i}`));
    if (!r.ok) throw new Error(r.errors[0].message);
  }
}

/** Running pods whose names start with prefix-, counted through the API server. */
export function runningCount(cluster: Cluster, prefix = 'p'): number {
  const r = cluster.api.as('bench').list<Pod>('pods', 'default');
  if (!r.ok) throw new Error(r.errors[0].message);
  let n = 0;
  for (const p of r.value.items) if (p.metadata.name.startsWith(`${prefix}-`) && p.status?.phase === 'Running') n++;
  return n;
}

/** Advances virtual time in steps until want pods are Running (or maxMs passes); returns virtual ms used. */
export function untilRunning(world: World, cluster: Cluster, want: number, prefix = 'p', stepMs = 1000, maxMs = 30 * 60_000): number {
  let t = 0;
  while (t < maxMs) {
    world.clock.advance(stepMs);
    t += stepMs;
    if (runningCount(cluster, prefix) >= want) return t;
  }
  return -1;
}

export const cpuSeconds = (f: () => void): number => {
  const a = process.cpuUsage();
  f();
  const b = process.cpuUsage(a);
  return (b.user + b.system) / 1e6;
};

export const heapMB = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
};
