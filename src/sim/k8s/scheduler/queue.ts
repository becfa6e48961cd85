/**
 * The scheduling queue, after kube-scheduler's PriorityQueue: activeQ (ready
 * to try, highest priority first, then oldest), backoffQ (failed recently,
 * waiting 1 s, 2 s, 4 s … up to 10 s), and the unschedulable pool (waiting
 * for a cluster event such as a node added or a pod deleted, or at most five
 * minutes). Time is the virtual clock's; expiries are exact timers rather
 * than kube-scheduler's 1 s / 30 s polling.
 */
import type { VirtualClock, TimerId } from '../../clock.ts';
import type { Pod } from '../api/types.ts';
import { heapPop, heapPush } from '../../heap.ts';

export const POD_INITIAL_BACKOFF_MS = 1_000;
export const POD_MAX_BACKOFF_MS = 10_000;
export const POD_MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;

export type ClusterEvent = 'NodeAdd' | 'NodeUpdate' | 'AssignedPodAdd' | 'AssignedPodDelete' | 'AssignedPodUpdate' | 'UnschedulableTimeout' | 'PvcOrPvChange';

export interface QueuedPod {
  key: string;
  pod: Pod;
  /** Scheduling attempts so far (counted when popped). */
  attempts: number;
  /** When it last entered the queue or failed; orders equal priorities and bases back-off. */
  timestamp: number;
  seq: number;
}

export interface QueueOptions {
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  maxInUnschedulableMs?: number;
  /** Called whenever a pod becomes ready to pop, so the actor can run a cycle. */
  onActive?: () => void;
}

export const podKey = (pod: Pod): string => `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;

/** 1 s doubled per earlier attempt, capped at 10 s. */
export function backoffDuration(attempts: number, initialMs = POD_INITIAL_BACKOFF_MS, maxMs = POD_MAX_BACKOFF_MS): number {
  let d = initialMs;
  for (let i = 1; i < attempts; i++) {
    if (d > maxMs - d) return maxMs;
    d += d;
  }
  return Math.min(d, maxMs);
}

export class SchedulingQueue {
  readonly #clock: VirtualClock;
  readonly #opts: Required<Omit<QueueOptions, 'onActive'>> & { onActive?: () => void };
  #active = new Map<string, QueuedPod>();
  #backoff = new Map<string, { qp: QueuedPod; timer: TimerId }>();
  #unschedulable = new Map<string, { qp: QueuedPod; timer: TimerId }>();
  /** Popped and being scheduled right now. */
  #inFlight = new Set<string>();
  /** In-flight pods that saw a cluster event during their cycle: that event may already have made room. */
  #eventDuringFlight = new Set<string>();
  #seq = 0;
  /**
   * activeQ's order as a binary heap (kube-scheduler's activeQ is a heap too):
   * popping scanned every active pod, quadratic in a burst of 10,000 pods.
   * Entries are checked when they surface, so a pod that left activeQ or got
   * a new position since leaves a stale entry that is skipped.
   */
  #heap: HeapEntry[] = [];

  constructor(clock: VirtualClock, opts: QueueOptions = {}) {
    this.#clock = clock;
    this.#opts = {
      initialBackoffMs: opts.initialBackoffMs ?? POD_INITIAL_BACKOFF_MS,
      maxBackoffMs: opts.maxBackoffMs ?? POD_MAX_BACKOFF_MS,
      maxInUnschedulableMs: opts.maxInUnschedulableMs ?? POD_MAX_IN_UNSCHEDULABLE_MS,
      ...(opts.onActive ? { onActive: opts.onActive } : {}),
    };
  }

  has(key: string): boolean {
    return this.#active.has(key) || this.#backoff.has(key) || this.#unschedulable.has(key) || this.#inFlight.has(key);
  }

  /** A new pending pod: straight to activeQ. */
  add(pod: Pod): void {
    const key = podKey(pod);
    if (this.has(key)) return this.update(pod);
    // Creation time orders a backlog listed at once (e.g. after a restart) as it was created.
    const created = pod.metadata.creationTimestamp ? Date.parse(pod.metadata.creationTimestamp) : NaN;
    this.#toActive({ key, pod, attempts: 0, timestamp: Number.isFinite(created) ? created : this.#clock.now(), seq: ++this.#seq });
  }

  /** The pod object changed: keep it current; an unschedulable pod gets another try (its spec may now fit). */
  update(pod: Pod): void {
    const key = podKey(pod);
    const active = this.#active.get(key);
    if (active) {
      const old = active.pod;
      active.pod = pod;
      this.#repositioned(active, old);
    }
    const b = this.#backoff.get(key);
    if (b) b.qp.pod = pod;
    const u = this.#unschedulable.get(key);
    if (u) {
      u.qp.pod = pod;
      this.#release(key, u.qp);
    }
    if (!active && !b && !u && !this.#inFlight.has(key)) this.add(pod);
  }

  /** A status-only change: keep the newest object but do not re-queue (kube-scheduler ignores those too). */
  refresh(pod: Pod): void {
    const key = podKey(pod);
    const e = this.#active.get(key) ?? this.#backoff.get(key)?.qp ?? this.#unschedulable.get(key)?.qp;
    if (!e) return;
    const old = e.pod;
    e.pod = pod;
    if (this.#active.get(key) === e) this.#repositioned(e, old);
  }

  delete(key: string): void {
    this.#active.delete(key);
    this.#clear(this.#backoff, key);
    this.#clear(this.#unschedulable, key);
    this.#inFlight.delete(key);
    this.#eventDuringFlight.delete(key);
  }

  /** Highest priority first; equal priority: the earliest timestamp. */
  pop(): QueuedPod | undefined {
    let best: QueuedPod | undefined;
    while (this.#heap.length) {
      const e = heapPop(this.#heap, entryBefore)!;
      if (this.#active.get(e.qp.key) === e.qp && e.priority === priority(e.qp.pod) && e.timestamp === e.qp.timestamp) {
        best = e.qp;
        break;
      }
    }
    if (!best) return undefined;
    this.#active.delete(best.key);
    this.#inFlight.add(best.key);
    best.attempts++;
    return best;
  }

  /** The attempt found no node: wait for a cluster event (or the five-minute flush). */
  addUnschedulable(qp: QueuedPod): void {
    if (!this.#inFlight.delete(qp.key)) return; // deleted while in flight
    qp.timestamp = this.#clock.now();
    if (this.#eventDuringFlight.delete(qp.key)) return this.#toBackoff(qp);
    const timer = this.#clock.setTimeout(() => {
      this.#unschedulable.delete(qp.key);
      this.#release(qp.key, qp);
    }, this.#opts.maxInUnschedulableMs);
    this.#unschedulable.set(qp.key, { qp, timer });
  }

  /** The attempt hit an error (e.g. binding failed): retry after back-off without waiting for an event. */
  addBackoff(qp: QueuedPod): void {
    if (!this.#inFlight.delete(qp.key)) return;
    this.#eventDuringFlight.delete(qp.key);
    qp.timestamp = this.#clock.now();
    this.#toBackoff(qp);
  }

  /** Scheduled and bound: forget it. */
  done(key: string): void {
    this.#inFlight.delete(key);
    this.#eventDuringFlight.delete(key);
  }

  /** A cluster event may have made unschedulable pods fit: move them all on. */
  moveAllToActiveOrBackoff(_event: ClusterEvent): void {
    for (const key of this.#inFlight) this.#eventDuringFlight.add(key);
    for (const [key, { qp, timer }] of [...this.#unschedulable]) {
      this.#clock.clearTimeout(timer);
      this.#unschedulable.delete(key);
      this.#release(key, qp);
    }
  }

  /** When the pod's current back-off ends. */
  backoffExpiry(qp: QueuedPod): number {
    return qp.timestamp + backoffDuration(qp.attempts, this.#opts.initialBackoffMs, this.#opts.maxBackoffMs);
  }

  /** Keys per sub-queue, activeQ in pop order. */
  pending(): { active: string[]; backoff: string[]; unschedulable: string[] } {
    return {
      active: [...this.#active.values()].sort((a, b) => (before(a, b) ? -1 : 1)).map((q) => q.key),
      backoff: [...this.#backoff.keys()].sort(),
      unschedulable: [...this.#unschedulable.keys()].sort(),
    };
  }

  /** Drops everything and cancels timers (the scheduler stopped). */
  clear(): void {
    for (const { timer } of [...this.#backoff.values(), ...this.#unschedulable.values()]) this.#clock.clearTimeout(timer);
    this.#active.clear();
    this.#heap = [];
    this.#backoff.clear();
    this.#unschedulable.clear();
    this.#inFlight.clear();
    this.#eventDuringFlight.clear();
  }

  #release(key: string, qp: QueuedPod): void {
    this.#clear(this.#unschedulable, key);
    if (this.backoffExpiry(qp) > this.#clock.now()) this.#toBackoff(qp);
    else this.#toActive(qp);
  }

  #toBackoff(qp: QueuedPod): void {
    const timer = this.#clock.setTimeout(() => {
      this.#backoff.delete(qp.key);
      this.#toActive(qp);
    }, this.backoffExpiry(qp) - this.#clock.now());
    this.#backoff.set(qp.key, { qp, timer });
  }

  #toActive(qp: QueuedPod): void {
    this.#active.set(qp.key, qp);
    this.#push(qp);
    this.#opts.onActive?.();
  }

  #push(qp: QueuedPod): void {
    // Stale entries pile up when pods leave activeQ by other ways than pop: rebuild from the live ones now and then.
    if (this.#heap.length > 2 * this.#active.size + 64) {
      this.#heap = [];
      for (const a of this.#active.values()) if (a !== qp) heapPush(this.#heap, entryOf(a), entryBefore);
    }
    heapPush(this.#heap, entryOf(qp), entryBefore);
  }

  /** An active pod's object was replaced: a changed priority moves it. */
  #repositioned(active: QueuedPod, old: Pod): void {
    if (priority(active.pod) !== priority(old)) this.#push(active);
  }

  #clear(m: Map<string, { timer: TimerId }>, key: string): void {
    const e = m.get(key);
    if (!e) return;
    this.#clock.clearTimeout(e.timer);
    m.delete(key);
  }
}

const priority = (p: Pod): number => p.spec.priority ?? 0;

function before(a: QueuedPod, b: QueuedPod): boolean {
  const pa = priority(a.pod);
  const pb = priority(b.pod);
  if (pa !== pb) return pa > pb;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
  return a.seq < b.seq;
}

interface HeapEntry {
  qp: QueuedPod;
  /** The pod's priority and timestamp when pushed: the entry is current while they still hold. */
  priority: number;
  timestamp: number;
}

const entryOf = (qp: QueuedPod): HeapEntry => ({ qp, priority: priority(qp.pod), timestamp: qp.timestamp });

/** before() on the values an entry was pushed with. */
function entryBefore(a: HeapEntry, b: HeapEntry): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
  return a.qp.seq < b.qp.seq;
}

