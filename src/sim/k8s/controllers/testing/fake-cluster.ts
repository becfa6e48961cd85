import { World } from '../../../world.ts';
import type { Node, Pod } from '../../api/types.ts';
import { ControllerManager } from '../manager.ts';
import { cmp, isPodActive, matchesMap, rfc3339, untoleratedTaint } from '../util.ts';
import { FakeClient } from './fake-client.ts';

/**
 * The actors around the controller manager, reduced to what controller tests
 * need: a scheduler that binds pending pods to the least loaded schedulable
 * node, and kubelets that renew their node Lease every 10 s and turn bound
 * pods Running/Ready after readyDelayMs. A killed node stops both.
 */
export interface FakeClusterOptions {
  seed?: number;
  nodes?: string[];
  readyDelayMs?: number;
  /** How a pod ends, for Job tests: finish Succeeded/Failed afterMs once running. */
  outcome?: (pod: Pod) => { phase: 'Succeeded' | 'Failed'; afterMs: number } | undefined;
  /** Start the fake scheduler (default true). */
  scheduler?: boolean;
}

export const LEASE_NS = 'kube-node-lease';

export class FakeCluster {
  readonly world: World;
  readonly client: FakeClient;
  readonly manager: ControllerManager;
  readonly dead = new Set<string>();
  #opts: FakeClusterOptions;
  #ip = 0;
  #nodeIps = new Map<string, string>();
  #timers = new Set<string>();

  constructor(opts: FakeClusterOptions = {}) {
    this.#opts = opts;
    this.world = new World({ seed: opts.seed ?? 1 });
    this.client = new FakeClient(this.world);
    this.manager = new ControllerManager({ client: this.client, clock: this.world.clock });
    this.client.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    this.client.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: LEASE_NS } });
    for (const n of opts.nodes ?? ['node-1', 'node-2', 'node-3']) this.addNode(n);
    this.client.watch('pods', () => this.#tick());
    this.client.watch('nodes', () => this.#tick());
    this.world.clock.every(10_000, () => this.#heartbeat());
  }

  addNode(name: string, labels: Record<string, string> = {}): void {
    const now = rfc3339(this.world.clock.now());
    this.#nodeIps.set(name, `192.168.49.${this.#nodeIps.size + 2}`);
    this.client.create('nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
      spec: {},
      status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }] },
    });
    this.client.create('leases', {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace: LEASE_NS },
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: now },
    });
  }

  /** The kubelet stops: no lease renewals, no pod status changes. */
  kill(node: string): void {
    this.dead.add(node);
  }

  /** The kubelet is back: renews now and posts Ready again, as a real one does on start. */
  revive(node: string): void {
    this.dead.delete(node);
    this.#heartbeat();
  }

  #heartbeat(): void {
    const now = rfc3339(this.world.clock.now());
    for (const n of this.client.objects('nodes')) {
      if (this.dead.has(n.metadata.name)) continue;
      this.client.mutate('leases', LEASE_NS, n.metadata.name, (l) => (l.spec.renewTime = now));
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
      if (ready && ready.status !== 'True')
        this.client.mutate('nodes', undefined, n.metadata.name, (o) => {
          o.status!.conditions = [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }];
        });
    }
  }

  #schedulable(nodes: Node[], pod: Pod): Node[] {
    return nodes.filter(
      (n) =>
        !this.dead.has(n.metadata.name) &&
        !n.spec.unschedulable &&
        !untoleratedTaint(pod.spec.tolerations, n.spec.taints, ['NoSchedule', 'NoExecute']) &&
        (!pod.spec.nodeSelector || Object.keys(pod.spec.nodeSelector).length === 0 || matchesMap(pod.spec.nodeSelector, n.metadata.labels)),
    );
  }

  #tick(): void {
    const nodes = this.client.objects('nodes');
    const pods = this.client.objects('pods');
    for (const pod of pods) {
      const { namespace, name } = pod.metadata;
      if (!pod.spec.nodeName && this.#opts.scheduler !== false && isPodActive(pod)) {
        const load = (n: string) => pods.filter((p) => p.spec.nodeName === n && isPodActive(p)).length;
        const fit = this.#schedulable(nodes, pod).sort((a, b) => load(a.metadata.name) - load(b.metadata.name) || cmp(a.metadata.name, b.metadata.name))[0];
        if (fit) {
          pod.spec.nodeName = fit.metadata.name;
          this.client.mutate('pods', namespace, name, (p) => (p.spec.nodeName = fit.metadata.name));
        }
      }
      const node = pod.spec.nodeName;
      const key = `${namespace}/${name}/${pod.metadata.uid}`;
      if (!node || this.dead.has(node) || pod.status?.phase || this.#timers.has(key)) continue;
      this.#timers.add(key);
      this.world.clock.setTimeout(() => this.#run(pod, node), this.#opts.readyDelayMs ?? 2000);
    }
  }

  #run(pod: Pod, node: string): void {
    const { namespace, name, uid } = pod.metadata;
    const cur = this.client.get('pods', namespace, name);
    if (!cur.ok || cur.value.metadata.uid !== uid || this.dead.has(node)) return;
    const now = rfc3339(this.world.clock.now());
    const ip = `10.244.${1 + (this.#ip >> 8)}.${(this.#ip++ & 255) + 1}`;
    this.client.mutate('pods', namespace, name, (p) => {
      p.status = {
        phase: 'Running',
        hostIP: this.#nodeIps.get(node),
        podIP: ip,
        podIPs: [{ ip }],
        startTime: now,
        conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({ type: type as 'Ready', status: 'True', lastTransitionTime: now })),
        containerStatuses: p.spec.containers.map((c) => ({ name: c.name, image: c.image, ready: true, restartCount: 0, started: true, state: { running: { startedAt: now } } })),
      };
    });
    const end = this.#opts.outcome?.(pod);
    if (end)
      this.world.clock.setTimeout(() => {
        if (this.dead.has(node)) return;
        const fin = rfc3339(this.world.clock.now());
        this.client.mutate('pods', namespace, name, (p) => {
          if (p.metadata.uid !== uid || !p.status) return;
          p.status.phase = end.phase;
          p.status.conditions = p.status.conditions?.map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False', reason: 'PodCompleted', lastTransitionTime: fin } : c));
          p.status.containerStatuses = p.status.containerStatuses?.map((c) => ({
            ...c,
            ready: false,
            state: { terminated: { exitCode: end.phase === 'Succeeded' ? 0 : 1, reason: end.phase === 'Succeeded' ? 'Completed' : 'Error', finishedAt: fin } },
          }));
        });
      }, end.afterMs);
  }

  /** Runs the world for ms of virtual time, in 1 s steps so timers interleave as in real time. */
  run(ms: number): void {
    for (let t = 0; t < ms; t += 1000) this.world.clock.advance(Math.min(1000, ms - t));
  }

  pods(ns = 'default'): Pod[] {
    return this.client.objects('pods', ns);
  }
}
