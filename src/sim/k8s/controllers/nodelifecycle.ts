import type { Lease, Node, NodeCondition, Taint } from '../api/types.ts';
import { QueueController } from './controller.ts';
import { NODE_NAME } from './informer.ts';
import { jsonEqual, parseTime, rfc3339 } from './util.ts';

const SOURCE = 'node-controller';
export const LEASE_NAMESPACE = 'kube-node-lease';
export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const NOT_READY = 'node.kubernetes.io/not-ready';
/** --node-monitor-grace-period: 50 s since Kubernetes 1.32 (kubernetes/kubernetes#126287); the simulator claims v1.33. */
export const NODE_MONITOR_GRACE_MS = 50_000;
/** --node-monitor-period. */
export const NODE_MONITOR_PERIOD_MS = 5_000;

const CONDITIONS: NodeCondition['type'][] = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/**
 * pkg/controller/nodelifecycle: watches each node's heartbeat (its Lease in
 * kube-node-lease and the Ready condition's lastHeartbeatTime). After the
 * grace period without one, the node's conditions go Unknown, its pods are
 * marked not ready, and it gets the unreachable NoExecute/NoSchedule taints;
 * the taint eviction controller does the evicting. Taints follow Ready back
 * when the kubelet posts status again.
 */
export class NodeLifecycleController extends QueueController {
  readonly name = 'nodelifecycle';
  /** When this instance first saw each node: a restarted controller grants a fresh grace period, as the real one does. */
  #firstSeen = new Map<string, number>();
  /** Heartbeat times read from each node's cached Node and Lease (frozen: replaced, never changed), kept while they are the same objects. */
  #seen = new Map<string, { node: Node; heartbeat: number; lease: Lease | undefined; renew: number; probe: number; settled?: Node }>();

  protected override resyncMs(): number {
    return NODE_MONITOR_PERIOD_MS;
  }

  override start(): void {
    if (!this.running) {
      this.#firstSeen.clear();
      this.#seen.clear();
    }
    super.start();
  }

  protected watchAll(): void {
    this.watch('nodes', (_t, n) => this.enqueue(n.metadata.name));
    // Like upstream, a renewal wakes nothing: the lease informer is only read (leaseLister), by the monitor pass every 5 s.
    this.lister('leases');
  }

  protected allKeys(): string[] {
    return this.lister('nodes')
      .list()
      .map((n) => n.metadata.name);
  }

  protected sync(name: string): void {
    // From the shared informers: a heartbeat every 10 s per node used to cost two GETs here.
    const got = this.lister('nodes').get(undefined, name);
    if (!got) {
      this.#firstSeen.delete(name);
      this.#seen.delete(name);
      return;
    }
    let node = got;
    const now = this.clock.now();
    if (!this.#firstSeen.has(name)) this.#firstSeen.set(name, now);
    const lease = this.lister('leases').get(LEASE_NAMESPACE, name);
    let seen = this.#seen.get(name);
    // Every node every 5 s: the same Node and Lease objects as a pass that changed nothing, and still within the
    // grace period, give the same answer again (nothing to write), so the pass ends here.
    if (seen && seen.settled === node && seen.lease === lease && lease && now - seen.probe <= NODE_MONITOR_GRACE_MS) return;
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    // The times are parsed again only when the Node or the Lease object changed.
    if (!seen || seen.node !== node) {
      seen = { node, heartbeat: parseTime(ready?.lastHeartbeatTime) ?? 0, lease: seen?.lease, renew: seen?.renew ?? 0, probe: 0 };
      this.#seen.set(name, seen);
    }
    if (seen.lease !== lease || !lease) {
      seen.lease = lease;
      seen.renew = parseTime(lease?.spec.renewTime) ?? 0;
    }
    const probe = Math.max(this.#firstSeen.get(name)!, seen.renew, seen.heartbeat);
    seen.probe = probe;
    seen.settled = undefined;
    let wrote = false;
    if (now - probe > NODE_MONITOR_GRACE_MS && ready?.status !== 'Unknown') {
      wrote = true;
      node = this.#markUnknown(node, now) ?? node;
    }
    if (this.#syncTaints(node, now)) wrote = true;
    if (!wrote) seen.settled = node;
  }

  #markUnknown(node: Node, now: number): Node | undefined {
    const ts = rfc3339(now);
    const old = node.status?.conditions ?? [];
    const conds: NodeCondition[] = CONDITIONS.map((type) => {
      const c = old.find((x) => x.type === type);
      if (!c) return { type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: ts, lastTransitionTime: ts };
      return { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: ts };
    });
    const rest = old.filter((c) => !CONDITIONS.includes(c.type));
    const r = this.client.updateStatus('nodes', { ...node, status: { ...node.status, conditions: [...conds, ...rest] } });
    if (!r.ok) return undefined;
    this.client.recordEvent(node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`, SOURCE);
    // nodeutil.MarkPodsNotReady: Services stop sending traffic before any eviction.
    const pods = this.lister('pods');
    pods.addIndex(NODE_NAME, (p) => p.spec.nodeName);
    for (const pod of pods.byIndex(NODE_NAME, node.metadata.name)) {
      if (pod.metadata.deletionTimestamp) continue;
      const conds = pod.status?.conditions ?? [];
      const rc = conds.find((c) => c.type === 'Ready');
      if (!rc || rc.status === 'False') continue;
      const next = conds.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' as const, lastTransitionTime: ts } : c));
      if (this.client.updateStatus('pods', { ...pod, status: { ...pod.status, conditions: next } }).ok)
        this.client.recordEvent(pod, 'Warning', 'NodeNotReady', 'Node is not ready', SOURCE);
    }
    return r.value;
  }

  /** doNoExecuteTaintingPass + doNoScheduleTaintingPass for the Ready condition; whether it wrote the Node. */
  #syncTaints(node: Node, now: number): boolean {
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
    const key = ready === 'Unknown' ? UNREACHABLE : ready === 'False' ? NOT_READY : undefined;
    const old = node.spec.taints ?? [];
    const ours = (t: Taint) => t.key === UNREACHABLE || t.key === NOT_READY;
    // A Ready node without our taints (every node, every 5 s, while all is well): nothing to compare.
    if (!key && !old.some(ours)) return false;
    const keep = old.filter((t) => !ours(t) || t.key === key);
    const want: Taint[] = [...keep];
    if (key) {
      if (!keep.some((t) => t.key === key && t.effect === 'NoSchedule')) want.push({ key, effect: 'NoSchedule' });
      if (!keep.some((t) => t.key === key && t.effect === 'NoExecute')) want.push({ key, effect: 'NoExecute', timeAdded: rfc3339(now) });
    }
    if (jsonEqual(want, old)) return false;
    this.client.update('nodes', { ...node, spec: { ...node.spec, taints: want.length ? want : undefined } });
    return true;
  }
}
