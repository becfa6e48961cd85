import type { VirtualClock } from '../clock.ts';
import type { ResourceStats } from './api/kubelet.ts';
import { kibMemory, milliCpu, type MetricsBackend, type NodeMetrics, type PodMetrics } from './api/metrics.ts';
import { rfc3339 } from './time.ts';

/** metrics-server --metric-resolution: how often it scrapes every kubelet. */
export const METRIC_RESOLUTION_MS = 15_000;
/** What a node's own daemons (kubelet, containerd, systemd) use besides its pods. */
const NODE_SYSTEM = { cpuMilli: 40, memoryBytes: 380 * 1024 * 1024 };

export const METRICS_SERVER_IMAGE = 'registry.k8s.io/metrics-server/metrics-server:v0.7.2';

/**
 * kubernetes-sigs/metrics-server: scrapes each node's kubelet
 * (/metrics/resource) every 15 s and answers the resource metrics API
 * (metrics.k8s.io) that `kubectl top` and the HorizontalPodAutoscaler read,
 * from its latest scrape. A pod appears after its first scrape.
 */
export class MetricsServer implements MetricsBackend {
  readonly #clock: VirtualClock;
  readonly #scrape: () => { node: string; stats: ResourceStats | undefined }[];
  #pods: PodMetrics[] = [];
  #nodes: NodeMetrics[] = [];
  #cancel: (() => void) | undefined;

  constructor(opts: { clock: VirtualClock; scrape: () => { node: string; stats: ResourceStats | undefined }[] }) {
    this.#clock = opts.clock;
    this.#scrape = opts.scrape;
  }

  start(): void {
    if (this.#cancel) return;
    this.#cancel = this.#clock.every(METRIC_RESOLUTION_MS, () => this.#collect());
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }

  #collect(): void {
    const ts = rfc3339(this.#clock.now());
    const pods: PodMetrics[] = [];
    const nodes: NodeMetrics[] = [];
    for (const { node, stats } of this.#scrape()) {
      if (!stats) continue;
      nodes.push({ apiVersion: 'metrics.k8s.io/v1beta1', kind: 'NodeMetrics', metadata: { name: node }, timestamp: ts, window: '15s', usage: { cpu: milliCpu(stats.node.cpuMilli + NODE_SYSTEM.cpuMilli), memory: kibMemory(stats.node.memoryBytes + NODE_SYSTEM.memoryBytes) } });
      for (const p of stats.pods)
        pods.push({
          apiVersion: 'metrics.k8s.io/v1beta1',
          kind: 'PodMetrics',
          metadata: { name: p.name, namespace: p.namespace },
          timestamp: ts,
          window: '15s',
          containers: p.containers.map((c) => ({ name: c.name, usage: { cpu: milliCpu(c.cpuMilli), memory: kibMemory(c.memoryBytes) } })),
        });
    }
    const byKey = (a: { metadata: { name: string; namespace?: string } }, b: { metadata: { name: string; namespace?: string } }) => {
      const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
      const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    };
    this.#pods = pods.sort(byKey);
    this.#nodes = nodes.sort(byKey);
  }

  podMetrics(namespace: string | undefined): PodMetrics[] {
    return this.#pods.filter((p) => namespace === undefined || p.metadata.namespace === namespace).map((p) => structuredClone(p));
  }

  nodeMetrics(): NodeMetrics[] {
    return this.#nodes.map((n) => structuredClone(n));
  }
}
