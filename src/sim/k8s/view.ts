import type { Node, Pod } from './api/types.ts';
import type { ApiWatchEvent } from './apiserver/apiserver.ts';
import { isActivity } from './apiserver/trace.ts';
import type { Cluster } from './cluster.ts';
import { listAndWatch } from './reflector.ts';

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
  /** The node's Ready condition; undefined while the diagram has not been able to list nodes yet. */
  ready: boolean | undefined;
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
  #synced = { pods: false, nodes: false };

  constructor(cluster: Cluster) {
    this.cluster = cluster;
    const api = cluster.api.as('dashboard');
    this.#stops.push(this.#reflect<Pod>(api, 'pods', this.#pods), this.#reflect<Node>(api, 'nodes', this.#nodes));
  }

  /**
   * The shared reflector: list first, so the first view is already right (a
   * watch's initial events arrive only when the clock next moves, and a page
   * whose clock stands still drew every node NotReady), then watch from the
   * list's resourceVersion. A failed list or an ended watch (API server
   * stopped, 410 Gone) is retried with the back-off, keeping the last known
   * objects meanwhile.
   */
  #reflect<T extends Pod | Node>(api: ReturnType<Cluster['api']['as']>, resource: 'pods' | 'nodes', map: Map<string, T>): () => void {
    const key = (o: T) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    type Listed = { items: T[]; resourceVersion: string };
    const r = listAndWatch<Listed, ApiWatchEvent<T>>(
      {
        list: () => {
          const l = api.list<T>(resource);
          return l.ok ? { ok: true, value: { items: l.value.items, resourceVersion: l.value.metadata.resourceVersion } } : l;
        },
        watch: (l, onEvent, onEnd) => {
          const w = api.watch<T>(resource, { resourceVersion: l.resourceVersion }, onEvent, (e) => onEnd(e.message));
          if (!w.ok) {
            onEnd(w.errors[0]?.message);
            return () => {};
          }
          return () => w.value.stop();
        },
      },
      {
        replace: (l) => {
          map.clear();
          for (const o of l.items) map.set(key(o), o);
          this.#synced[resource] = true;
          this.#version++;
        },
        event: (e) => {
          this.#version++;
          if (e.type === 'DELETED') map.delete(key(e.object));
          else map.set(key(e.object), e.object);
        },
      },
      this.cluster.world.clock,
    );
    return () => r.stop();
  }

  /** Whether both lists have succeeded at least once: before that, a node's readiness is not known. */
  get synced(): boolean {
    return this.#synced.pods && this.#synced.nodes;
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
      // Not yet listed (API server down since the page opened): unknown, not NotReady.
      const ready = obj ? obj.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True' : this.synced ? false : undefined;
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
