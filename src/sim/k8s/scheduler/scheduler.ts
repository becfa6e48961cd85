/**
 * The kube-scheduler actor. It knows the cluster only through its client:
 * it lists and watches pods and nodes into a cache, queues pending pods that
 * name it (or no scheduler), runs one scheduling cycle per pod on the
 * virtual clock, and writes the outcome back: a binding and a "Scheduled"
 * event, or a "FailedScheduling" event and PodScheduled=False. Stopped, it
 * does nothing; started again, it re-lists and catches up.
 */
import type { VirtualClock, TimerId } from '../../clock.ts';
import { rfc3339 } from '../time.ts';
import type { Rng } from '../../rng.ts';
import type { Node, Pod, PodCondition } from '../api/types.ts';
import type { Listed, SchedulerClient, SchedulerEvent, Watch, WatchEvent } from './client.ts';
import { occupiesNode, type Profile } from './framework.ts';
import { ASSUMED_ORD_BASE, SchedulerCache } from './cache.ts';
import { listAndWatch, type Reflector } from '../reflector.ts';
import { DEFAULT_SCHEDULER_NAME, defaultProfile } from './profile.ts';
import { podKey, SchedulingQueue, type QueuedPod } from './queue.ts';
import { compactDecision, scheduleOne, type SchedulingDecision } from './schedule.ts';
import { podClaimNames } from './plugins/volume-binding.ts';

/** VolumeBinding's bind timeout (--bind-timeout-seconds, 600 s): how long PreBind waits for the pod's volumes. */
export const BIND_TIMEOUT_MS = 600_000;
/** How often PreBind looks whether the volumes are bound. */
const VOLUME_POLL_MS = 1000;

/** How many of the latest decisions keep their per-node filter and score tables for `sim why`. */
export const FULL_DECISIONS = 100;
/**
 * ...and at most this many per-node rows in all (100 pods at 200 nodes, 4 at
 * 5,000): 200 full tables at 5,000 nodes held about a gigabyte.
 */
export const FULL_DECISION_ROWS = 20_000;

export interface SchedulerOptions {
  client: SchedulerClient;
  clock: VirtualClock;
  rng: Rng;
  profile?: Profile;
  percentageOfNodesToScore?: number;
}


/** What kube-scheduler compares on a pod update: everything but status and resourceVersion. */
function specChanged(a: Pod, b: Pod): boolean {
  const strip = (p: Pod) => JSON.stringify([p.spec, p.metadata.labels, p.metadata.annotations, p.metadata.deletionTimestamp]);
  return strip(a) !== strip(b);
}

/** Scheduling cycles per timer before the rest of the queue goes on in the next one, at the same virtual instant. */
const CYCLES_PER_TASK = 16;

export class Scheduler {
  readonly #client: SchedulerClient;
  readonly #clock: VirtualClock;
  readonly #rng: Rng;
  readonly #profile: Profile;
  readonly #percentage: number | undefined;
  readonly #queue: SchedulingQueue;
  #running = false;
  #reflector: Reflector | undefined;
  /** PVC/PV changes wake pods waiting for a volume; open while the pod and node watches are. */
  #volumeWatch: Watch | undefined;
  #nodes = new Map<string, Node>();
  #pods = new Map<string, Pod>();
  /** Bound by us, not yet seen bound through the watch. */
  #assumed = new Map<string, Pod>();
  #nextStartIndex = 0;
  /** NodeInfos kept from events (kube-scheduler's cache); #ord is each pod's place in them. */
  #cache = new SchedulerCache();
  #ord = new Map<string, number>();
  #ordSeq = 0;
  #drainTimer: TimerId | undefined;
  #decisions = new Map<string, SchedulingDecision>();
  /** Keys whose decision still has its per-node tables, oldest first. */
  #full: string[] = [];

  constructor(opts: SchedulerOptions) {
    this.#client = opts.client;
    this.#clock = opts.clock;
    this.#rng = opts.rng;
    this.#profile = opts.profile ?? defaultProfile();
    this.#percentage = opts.percentageOfNodesToScore;
    this.#queue = new SchedulingQueue(opts.clock, { onActive: () => this.#kick() });
  }

  get running(): boolean {
    return this.#running;
  }

  get schedulerName(): string {
    return this.#profile.schedulerName;
  }

  /** The latest decision for a pod, for `sim why`. */
  lastDecision(namespace: string, name: string): SchedulingDecision | undefined {
    return this.#decisions.get(`${namespace}/${name}`);
  }

  pending(): ReturnType<SchedulingQueue['pending']> {
    return this.#queue.pending();
  }

  /**
   * Lists nodes and pods, watches both, and queues every pending pod. When
   * the API is unreachable it returns the error and keeps retrying with the
   * reflector's back-off while it runs (as kube-scheduler's informers do);
   * a watch that ends is re-listed the same way.
   */
  start(): string | undefined {
    if (this.#running) return undefined;
    this.#running = true;
    const client = this.#client;
    // One reflector for both lists, as before: either watch ending drops the whole cache and lists both again.
    this.#reflector = listAndWatch<{ nodes: Listed<Node>; pods: Listed<Pod> }, { node: WatchEvent<Node> } | { pod: WatchEvent<Pod> }>(
      {
        list: () => {
          const nodes = client.listNodes();
          if (!nodes.ok) return nodes;
          const pods = client.listPods();
          if (!pods.ok) return pods;
          return { ok: true, value: { nodes: nodes.value, pods: pods.value } };
        },
        watch: (l, onEvent, onEnd) => {
          const nw = client.watchNodes(l.nodes.resourceVersion, (e) => onEvent({ node: e }), () => onEnd());
          const pw = client.watchPods(l.pods.resourceVersion, (e) => onEvent({ pod: e }), () => onEnd());
          const stop = () => {
            if (nw.ok) nw.value.stop();
            if (pw.ok) pw.value.stop();
          };
          if (!nw.ok || !pw.ok) {
            stop();
            onEnd((!nw.ok ? nw.errors[0]?.message : !pw.ok ? pw.errors[0]?.message : undefined) ?? 'watch failed');
          }
          return stop;
        },
      },
      {
        replace: (l) => {
          for (const n of l.nodes.items) {
            this.#nodes.set(n.metadata.name, n);
            this.#cache.setNode(n);
          }
          for (const p of l.pods.items) this.#setPod(podKey(p), p);
        },
        event: (e) => ('node' in e ? this.#onNode(e.node) : this.#onPod(e.pod)),
        watching: (_cause, opened) => {
          if (!opened) return;
          this.#volumeWatch = client.watchVolumes?.(() => this.#queue.moveAllToActiveOrBackoff('PvcOrPvChange'));
          for (const p of this.#pods.values()) if (this.#responsibleFor(p)) this.#queue.add(p);
        },
        // A watch that ended or could not open: drop what was cached; the next list starts afresh.
        failed: (cause) => {
          if (cause !== 'list') this.#reset();
        },
      },
      this.#clock,
    );
    return this.#reflector.error;
  }

  stop(): void {
    if (!this.#running) return;
    this.#reflector?.stop();
    this.#reflector = undefined;
    this.#reset();
    this.#running = false;
  }

  #reset(): void {
    this.#volumeWatch?.stop();
    this.#volumeWatch = undefined;
    this.#queue.clear();
    this.#nodes.clear();
    this.#pods.clear();
    this.#assumed.clear();
    this.#cache.clear();
    this.#ord.clear();
    if (this.#drainTimer !== undefined) this.#clock.clearTimeout(this.#drainTimer);
    this.#drainTimer = undefined;
  }

  /** Pending, unassigned, not being deleted, and for this scheduler. */
  #responsibleFor(p: Pod): boolean {
    return !p.spec.nodeName && !p.metadata.deletionTimestamp && (p.spec.schedulerName ?? DEFAULT_SCHEDULER_NAME) === this.#profile.schedulerName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
  }

  #onNode(e: WatchEvent<Node>): void {
    const name = e.object.metadata.name;
    if (e.type === 'DELETED') {
      this.#nodes.delete(name);
      this.#cache.removeNode(name);
      return;
    }
    this.#nodes.set(name, e.object);
    this.#cache.setNode(e.object);
    this.#queue.moveAllToActiveOrBackoff(e.type === 'ADDED' ? 'NodeAdd' : 'NodeUpdate');
  }

  #onPod(e: WatchEvent<Pod>): void {
    const key = podKey(e.object);
    const before = this.#pods.get(key) ?? this.#assumed.get(key);
    const occupied = !!before && (occupiesNode(before) || this.#assumed.has(key));
    if (e.type === 'DELETED') {
      this.#pods.delete(key);
      this.#ord.delete(key);
      this.#assumed.delete(key);
      this.#cache.setPod(key, undefined, 0);
      this.#decisions.delete(key);
      this.#queue.delete(key);
      if (occupied) this.#queue.moveAllToActiveOrBackoff('AssignedPodDelete');
      return;
    }
    const pod = e.object;
    this.#setPod(key, pod);
    if (pod.spec.nodeName) {
      const newlyPlaced = !before?.spec.nodeName;
      if (this.#assumed.delete(key)) this.#cache.setPod(key, pod, this.#ord.get(key)!);
      this.#queue.delete(key);
      // A pod landing on a node can satisfy another pod's affinity or spread constraint (kube-scheduler's AssignedPodAdd).
      if (newlyPlaced && occupiesNode(pod)) this.#queue.moveAllToActiveOrBackoff('AssignedPodAdd');
      // A pod that finished frees its node, as a deletion would.
      if (occupied && !occupiesNode(pod)) this.#queue.moveAllToActiveOrBackoff('AssignedPodDelete');
      return;
    }
    if (this.#assumed.has(key)) return;
    if (!this.#responsibleFor(pod)) this.#queue.delete(key);
    else if (before && !specChanged(before, pod) && this.#queue.has(key)) this.#queue.refresh(pod);
    else this.#queue.update(pod);
  }

  /** Keeps the decision; past the most recent FULL_DECISIONS pods, only its summary (a table per node is ~1 KB × nodes). */
  #remember(key: string, d: SchedulingDecision): void {
    this.#decisions.set(key, d);
    this.#full.push(key);
    const perPod = Math.max(1, d.numAllNodes);
    const limit = Math.max(1, Math.min(FULL_DECISIONS, Math.floor(FULL_DECISION_ROWS / perPod)));
    if (this.#full.length <= limit * 2) return;
    const keep = this.#full.slice(-limit);
    const keepSet = new Set(keep);
    for (const k of this.#full.slice(0, -limit)) {
      if (keepSet.has(k)) continue;
      const old = this.#decisions.get(k);
      if (old && !old.summary) this.#decisions.set(k, compactDecision(old));
    }
    this.#full = keep;
  }

  /** Records the pod as seen through the API; the cache counts it unless an assumed copy stands in for it. */
  #setPod(key: string, pod: Pod): void {
    this.#pods.set(key, pod);
    // A key keeps its first-seen place, as a Map's insertion order does.
    if (!this.#ord.has(key)) this.#ord.set(key, this.#ordSeq++);
    if (!this.#assumed.has(key)) this.#cache.setPod(key, pod, this.#ord.get(key)!);
  }

  /**
   * Runs queued cycles soon (zero delay), once per batch of wake-ups; at most
   * CYCLES_PER_TASK per timer, then again at the same instant for the rest
   * (kube-scheduler's scheduleOne loop, in slices a page can yield between).
   */
  #kick(): void {
    if (!this.#running || this.#drainTimer !== undefined) return;
    this.#drainTimer = this.#clock.setTimeout(() => {
      this.#drainTimer = undefined;
      for (let n = 0; n < CYCLES_PER_TASK; n++) {
        const qp = this.#running ? this.#queue.pop() : undefined;
        if (!qp) return;
        this.#cycle(qp);
      }
      this.#kick();
    }, 0);
  }

  #cycle(qp: QueuedPod): void {
    const pod = this.#pods.get(qp.key);
    if (!pod || !this.#responsibleFor(pod)) {
      this.#queue.done(qp.key);
      return;
    }
    const snapshot = this.#cache.snapshot();
    const volumes = podClaimNames(pod).length && this.#client.podVolumes ? this.#client.podVolumes(pod) : undefined;
    const decision = scheduleOne(pod, snapshot, this.#rng, {
      ...(volumes ? { volumes } : {}),
      profile: this.#profile,
      startIndex: this.#nextStartIndex,
      ...(this.#percentage !== undefined ? { percentageOfNodesToScore: this.#percentage } : {}),
    });
    this.#nextStartIndex = decision.nextStartIndex;
    this.#remember(qp.key, decision);
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name;

    if (decision.result.ok) {
      const node = decision.result.node;
      // Assume first, so the next cycle counts this pod even before the watch says it is bound.
      const assumed = { ...pod, spec: { ...pod.spec, nodeName: node } };
      this.#assumed.set(qp.key, assumed);
      this.#cache.setPod(qp.key, assumed, ASSUMED_ORD_BASE + this.#ordSeq++);
      // PreBind (VolumeBinding): delayed claims get the node, and the pod is bound once their volumes are.
      if (volumes?.delayed.length) {
        for (const c of volumes.delayed) this.#client.selectNode?.(ns, c.metadata.name, node);
        this.#awaitVolumes(qp, pod, node, this.#clock.now() + BIND_TIMEOUT_MS);
        return;
      }
      this.#bind(qp, pod, node);
      return;
    }

    const { message, preemption } = decision.result;
    if (preemption) {
      for (const v of preemption.victims) {
        const d = this.#client.deletePod(v.metadata.namespace ?? 'default', v.metadata.name);
        if (d.ok) this.#event(v, 'Normal', 'Preempted', 'Preempting', `Preempted by pod ${pod.metadata.uid ?? name} on node ${preemption.node}`);
      }
    }
    this.#event(pod, 'Warning', 'FailedScheduling', 'Scheduling', message);
    this.#setUnscheduled(pod, 'Unschedulable', message, preemption?.node);
    this.#queue.addUnschedulable(qp);
  }

  #bind(qp: QueuedPod, pod: Pod, node: string): void {
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name;
    const r = this.#client.bind(ns, name, node);
    if (r.ok) {
      this.#queue.done(qp.key);
      this.#event(pod, 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${ns}/${name} to ${node}`);
      return;
    }
    this.#bindFailed(qp, pod, r.errors[0]?.message ?? 'binding failed');
  }

  #bindFailed(qp: QueuedPod, pod: Pod, message: string): void {
    this.#assumed.delete(qp.key);
    this.#cache.setPod(qp.key, this.#pods.get(qp.key), this.#ord.get(qp.key) ?? 0);
    this.#event(pod, 'Warning', 'FailedScheduling', 'Scheduling', message);
    this.#setUnscheduled(pod, 'SchedulerError', message);
    this.#queue.addBackoff(qp);
  }

  /** The binding cycle's wait for the pod's volumes (WaitForPodVolumesBound), on the virtual clock. */
  #awaitVolumes(qp: QueuedPod, pod: Pod, node: string, deadline: number): void {
    this.#clock.setTimeout(() => {
      if (!this.#running || !this.#assumed.has(qp.key)) return;
      const current = this.#pods.get(qp.key);
      if (!current || current.metadata.deletionTimestamp) {
        this.#assumed.delete(qp.key);
        this.#queue.done(qp.key);
        return;
      }
      if (this.#client.claimsBound?.(pod) !== false) return this.#bind(qp, pod, node);
      if (this.#clock.now() >= deadline) return this.#bindFailed(qp, pod, 'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded');
      this.#awaitVolumes(qp, pod, node, deadline);
    }, VOLUME_POLL_MS);
  }

  #setUnscheduled(pod: Pod, reason: string, message: string, nominatedNodeName?: string): void {
    const old = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const nominatedChanged = nominatedNodeName !== undefined && nominatedNodeName !== pod.status?.nominatedNodeName;
    const same = old && old.status === 'False' && old.reason === reason && old.message === message;
    if (same && !nominatedChanged) return;
    const now = rfc3339(this.#clock.now());
    const condition: PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      reason,
      message,
      lastProbeTime: null,
      lastTransitionTime: old?.status === 'False' && old.lastTransitionTime ? old.lastTransitionTime : now,
    };
    this.#client.patchPodStatus(pod.metadata.namespace ?? 'default', pod.metadata.name, {
      conditions: [condition],
      ...(nominatedChanged ? { nominatedNodeName } : {}),
    });
  }

  #event(pod: Pod, type: SchedulerEvent['type'], reason: string, action: string, message: string): void {
    this.#client.recordEvent({
      involvedObject: { kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name, ...(pod.metadata.uid ? { uid: pod.metadata.uid } : {}) },
      type,
      reason,
      action,
      message,
      source: { component: DEFAULT_SCHEDULER_NAME },
    });
  }
}
