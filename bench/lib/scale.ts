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
  // resourceVersion=0: from the watch cache, so counting does not parse every pod again.
  const r = cluster.api.as('bench').list<Pod>('pods', 'default', { resourceVersion: '0' });
  if (!r.ok) throw new Error(r.errors[0].message);
  let n = 0;
  for (const p of r.value.items) if (p.metadata.name.startsWith(`${prefix}-`) && p.status?.phase === 'Running') n++;
  return n;
}

/** Advances virtual time in steps until want pods are Running (or maxMs passes); returns virtual ms used. */
export function untilRunning(world: World, cluster: Cluster, want: number, prefix = 'p', stepMs = 1000, maxMs = 30 * 60_000, onStep?: () => void): number {
  let t = 0;
  while (t < maxMs) {
    world.clock.advance(stepMs);
    t += stepMs;
    onStep?.();
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

/** FNV-1a over "namespace/name=node" of every pod, in key order: same placement, same hash. */
export function placementHash(cluster: Cluster): string {
  const r = cluster.api.as('bench').list<Pod>('pods', undefined, { resourceVersion: '0' });
  if (!r.ok) throw new Error(r.errors[0].message);
  let h = 0x811c9dc5;
  for (const p of r.value.items) {
    const s = `${p.metadata.namespace}/${p.metadata.name}=${p.spec.nodeName ?? ''};`;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
