import type { Node, Pod } from './api/types.ts';
import type { ApiWatchEvent } from './apiserver/index.ts';
import { isActivity } from './apiserver/trace.ts';
import type { Cluster } from './cluster.ts';
import { watchOf } from './adapters/common.ts';

/**
 * What the lesson diagram draws, as plain data. Like a real dashboard it
 * learns pods and nodes by list+watch through the API server (one watch
 * each, as the client "dashboard"); component health comes from the
 * simulator's own controls.
 */
export interface PodView {
  namespace: string;
  name: string;
  ip?: string;
  node?: string;
  phase: string;
  /** Short state a learner reads: Pending, ContainerCreating, Running, CrashLoopBackOff, Terminating, Completed… */
  state: string;
  restarts: number;
}

export interface NodeView {
  name: string;
  controlPlane: boolean;
  ready: boolean;
  kubelet: boolean;
  proxy: boolean;
  pods: PodView[];
}

export interface ClusterView {
  apiserver: boolean;
  scheduler: boolean;
  controllerManager: boolean;
  etcd: { name: string; running: boolean; leader: boolean }[];
  nodes: NodeView[];
  /** Pods the scheduler has not placed yet. */
  unscheduled: PodView[];
}

/** Requests worth animating: writes and bindings, not heartbeats, reads or events (one rule with `sim trace`). */
export { isActivity };

export function podState(p: Pod): string {
  if (p.metadata.deletionTimestamp) return 'Terminating';
  const cs = p.status?.containerStatuses ?? [];
  const waiting = cs.find((c) => c.state.waiting?.reason)?.state.waiting?.reason;
  if (waiting) return waiting;
  const term = cs.find((c) => c.state.terminated)?.state.terminated;
  if (term && p.status?.phase !== 'Running') return term.reason ?? 'Terminated';
  if (!p.spec.nodeName) return 'Pending';
  return p.status?.phase ?? 'Pending';
}

export class ClusterWatcher {
  readonly cluster: Cluster;
  #pods = new Map<string, Pod>();
  #nodes = new Map<string, Node>();
  #stops: (() => void)[] = [];
  #version = 0;

  constructor(cluster: Cluster) {
    this.cluster = cluster;
    const api = cluster.api.as('dashboard');
    const keep = <T extends Pod | Node>(map: Map<string, T>) => (e: { type: ApiWatchEvent['type']; object: T }) => {
      this.#version++;
      const k = `${e.object.metadata.namespace ?? ''}/${e.object.metadata.name}`;
      if (e.type === 'DELETED') map.delete(k);
      else map.set(k, e.object);
    };
    this.#stops.push(watchOf<Pod>(api, 'pods', {}, keep(this.#pods)), watchOf<Node>(api, 'nodes', {}, keep(this.#nodes)));
  }

  /** Counts watch events seen, so a viewer can skip rebuilding the view when nothing arrived. */
  get version(): number {
    return this.#version;
  }

  stop(): void {
    for (const s of this.#stops) s();
  }

  view(): ClusterView {
    const c = this.cluster;
    const leader = c.etcd.leader()?.name;
    const pod = (p: Pod): PodView => ({
      namespace: p.metadata.namespace ?? 'default',
      name: p.metadata.name,
      ip: p.status?.podIP,
      node: p.spec.nodeName,
      phase: p.status?.phase ?? 'Pending',
      state: podState(p),
      // A number only: an object written straight into etcd can hold anything here.
      restarts: (p.status?.containerStatuses ?? []).reduce((n, s) => n + (Number.isFinite(s.restartCount) ? s.restartCount : 0), 0),
    });
    const pods = [...this.#pods.values()].filter((p) => (p.metadata.namespace ?? 'default') !== 'kube-system').map(pod).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Grouped once, so the view stays linear in pods at thousands of pods and hundreds of nodes.
    const byNode = new Map<string, PodView[]>();
    for (const p of pods) if (p.node) (byNode.get(p.node) ?? byNode.set(p.node, []).get(p.node)!).push(p);
    const nodes: NodeView[] = [...c.nodes.values()].map((n) => {
      const obj = this.#nodes.get(`/${n.spec.name}`);
      const ready = obj?.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True';
      return { name: n.spec.name, controlPlane: n.spec.controlPlane, ready, kubelet: n.kubelet.running, proxy: n.proxy.running, pods: byNode.get(n.spec.name) ?? [] };
    });
    return {
      apiserver: c.componentRunning('apiserver'),
      scheduler: c.componentRunning('scheduler'),
      controllerManager: c.componentRunning('controller-manager'),
      etcd: c.etcd.members().map((m) => ({ name: m.name, running: c.etcd.isRunning(m.name), leader: m.name === leader })),
      nodes,
      unscheduled: pods.filter((p) => !p.node),
    };
  }
}
