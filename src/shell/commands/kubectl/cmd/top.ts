/**
 * `kubectl top pod|node` (kubectl/pkg/cmd/top): reads the resource metrics
 * API (metrics.k8s.io) through the API server. Without metrics-server there
 * is no such API, as on a fresh kind cluster: `error: Metrics API not available`.
 */
import { milliValue, parseQuantity, quantityValue } from '../../../../sim/k8s/api/quantity.ts';
import type { Node, Pod } from '../../../../sim/k8s/api/types.ts';
import type { NodeMetrics, PodMetrics } from '../../../../sim/k8s/api/metrics.ts';
import { GET_TABWRITER, tabwrite } from '../print/tabwriter.ts';
import { clientError, type Kctx, type Subcommand } from './context.ts';

const q = (s: string | undefined) => {
  const p = s === undefined ? undefined : parseQuantity(s);
  return p?.ok ? p.value : undefined;
};
const cpuCell = (m: number) => `${Math.round(m)}m`;
const memCell = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))}Mi`;
const cpuOf = (u: { cpu: string }) => milliValue(q(u.cpu)!);
const memOf = (u: { memory: string }) => quantityValue(q(u.memory)!);

function table(k: Kctx, header: string[], rows: string[][]): void {
  const lines = [...(k.args.flags['no-headers'] === true ? [] : [header.join('\t')]), ...rows.map((r) => r.join('\t'))];
  k.out(tabwrite(lines.join('\n') + '\n', GET_TABWRITER));
}

function sortRows<T>(k: Kctx, items: T[], cpu: (t: T) => number, mem: (t: T) => number): T[] {
  const by = k.args.flags['sort-by'] as string | undefined;
  if (by === 'cpu') return [...items].sort((a, b) => cpu(b) - cpu(a));
  if (by === 'memory') return [...items].sort((a, b) => mem(b) - mem(a));
  return items;
}

function topPod(k: Kctx, name: string | undefined): number {
  const all = k.args.allNamespaces;
  const ns = all ? undefined : k.ns;
  const r = k.api.metrics('pods', ns);
  if (!r.ok) {
    k.err('error: Metrics API not available\n');
    return 1;
  }
  let metrics: PodMetrics[] = r.value;
  const sel = k.args.flags['selector'] as string | undefined;
  if (name) {
    metrics = metrics.filter((m) => m.metadata.name === name);
    if (!metrics.length) {
      k.err(`Error from server (NotFound): podmetrics.metrics.k8s.io "${k.ns}/${name}" not found\n`);
      return 1;
    }
  } else {
    const pods = k.api.list<Pod>('pods', ns, sel ? { labelSelector: sel } : {});
    const items = pods.ok ? pods.value.items : [];
    if (items.length === 0) {
      k.err(all ? 'No resources found\n' : `No resources found in ${k.ns} namespace.\n`);
      return 0;
    }
    metrics = metrics.filter((m) => items.some((p) => p.metadata.name === m.metadata.name && p.metadata.namespace === m.metadata.namespace));
    if (!metrics.length) {
      k.err('error: metrics not available yet\n');
      return 1;
    }
  }
  const podCpu = (m: PodMetrics) => m.containers.reduce((n, c) => n + cpuOf(c.usage), 0);
  const podMem = (m: PodMetrics) => m.containers.reduce((n, c) => n + memOf(c.usage), 0);
  metrics = sortRows(k, metrics, podCpu, podMem);
  const nsCol = all ? ['NAMESPACE'] : [];
  if (k.args.flags['containers'] === true) {
    const rows = metrics.flatMap((m) => m.containers.map((c) => [...(all ? [m.metadata.namespace] : []), m.metadata.name, c.name, cpuCell(cpuOf(c.usage)), memCell(memOf(c.usage))]));
    table(k, [...nsCol, 'POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)'], rows);
  } else table(k, [...nsCol, 'NAME', 'CPU(cores)', 'MEMORY(bytes)'], metrics.map((m) => [...(all ? [m.metadata.namespace] : []), m.metadata.name, cpuCell(podCpu(m)), memCell(podMem(m))]));
  return 0;
}

function topNode(k: Kctx, name: string | undefined): number {
  const r = k.api.metrics('nodes');
  if (!r.ok) {
    k.err('error: Metrics API not available\n');
    return 1;
  }
  let metrics: NodeMetrics[] = r.value;
  const nodes = k.api.list<Node>('nodes');
  const byName = new Map((nodes.ok ? nodes.value.items : []).map((n) => [n.metadata.name, n]));
  if (name) {
    metrics = metrics.filter((m) => m.metadata.name === name);
    if (!metrics.length) {
      k.err(`Error from server (NotFound): nodemetrics.metrics.k8s.io "${name}" not found\n`);
      return 1;
    }
  }
  if (!metrics.length) {
    k.err('error: metrics not available yet\n');
    return 1;
  }
  metrics = sortRows(k, metrics, (m) => cpuOf(m.usage), (m) => memOf(m.usage));
  const rows = metrics.map((m) => {
    const alloc = byName.get(m.metadata.name)?.status?.allocatable ?? {};
    const cpu = cpuOf(m.usage);
    const mem = memOf(m.usage);
    const cpuAlloc = q(alloc['cpu']) ? milliValue(q(alloc['cpu'])!) : 0;
    const memAlloc = q(alloc['memory']) ? quantityValue(q(alloc['memory'])!) : 0;
    const pct = (a: number, b: number) => (b ? `${Math.trunc((a / b) * 100)}%` : '<unknown>');
    return [m.metadata.name, cpuCell(cpu), pct(cpu, cpuAlloc), memCell(mem), pct(mem, memAlloc)];
  });
  table(k, ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'], rows);
  return 0;
}

export const top: Subcommand = (k) => {
  const [what, name] = k.args.args;
  if (!what) return clientError(k, 'You must specify a resource type: node or pod');
  if (['pod', 'pods', 'po'].includes(what)) return topPod(k, name);
  if (['node', 'nodes', 'no'].includes(what)) return topNode(k, name);
  return clientError(k, `unknown command "${what}" for "kubectl top"`);
};
