import type { Labels, Pod, ReplicaSet } from '../api/types.ts';
import { QueueController } from './controller.ts';
import {
  cmp,
  controllerRef,
  isPodActive,
  isPodAvailable,
  isPodReady,
  jsonEqual,
  keyOf,
  matchesSelector,
  msUntilAvailable,
  ownerRefTo,
  parseTime,
  podFromTemplate,
  podReadyCondition,
  splitKey,
} from './util.ts';

const SOURCE = 'replicaset-controller';
/** pkg/controller/replicaset BurstReplicas: pods created or deleted per sync at most. */
export const BURST_REPLICAS = 500;
/** Pods one sync creates before it comes back (at the same virtual instant) for the rest of its slow-start burst. */
export const BATCH_PER_TASK = 16;

/**
 * pkg/controller/replicaset: keeps spec.replicas active pods that match the
 * selector, adopting matching orphans and releasing owned pods that stopped
 * matching. Reads go straight to the API, so it needs no expectations cache.
 */
export class ReplicaSetController extends QueueController {
  readonly name = 'replicaset';
  /** A slow-start burst in progress, per ReplicaSet key: pods left in it, the batch size and how many of the batch are made. */
  #bursts = new Map<string, { left: number; batch: number; inBatch: number; failed: boolean }>();

  protected watchAll(): void {
    this.watch('replicasets', (_t, rs) => this.enqueue(keyOf(rs)));
    this.watch('pods', (_t, pod) => {
      if (this.enqueueController(pod, 'ReplicaSet')) return;
      // An orphan may be adoptable: wake every ReplicaSet whose selector matches it.
      if (!controllerRef(pod)) for (const rs of this.lister('replicasets').list(pod.metadata.namespace)) if (matchesSelector(rs.spec.selector, pod.metadata.labels)) this.enqueue(keyOf(rs));
    });
  }

  protected allKeys(): string[] {
    return this.lister('replicasets').list().map(keyOf);
  }

  protected sync(key: string): number | void {
    const [ns, name] = splitKey(key);
    const rs = this.lister('replicasets').get(ns, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const pods = this.#claimPods(rs);
    const active = pods.filter(isPodActive);
    const want = rs.spec.replicas ?? 1;
    const diff = active.length - want;
    if (diff >= 0) this.#bursts.delete(key);
    if (diff < 0) {
      // Upstream's manageReplicas: at most burstReplicas per sync, through slowStartBatch
      // (pkg/controller/replicaset/replica_set.go, SlowStartInitialBatchSize = 1): batches of 1, 2, 4, 8, ...
      // creations; "If there are any failures in a batch, all remaining batches are skipped after waiting for
      // the current batch to complete."
      // Upstream creates a batch's pods in parallel goroutines; here each sync creates at most BATCH_PER_TASK of them and comes
      // back at the same instant for the rest (a separate timer, so a page can yield between them), keeping the burst's count and batch size.
      const burst = this.#bursts.get(key) ?? { left: Math.min(-diff, BURST_REPLICAS), batch: 1, inBatch: 0, failed: false };
      burst.left = Math.min(burst.left, -diff);
      let made = 0;
      while (burst.left > 0 && made < BATCH_PER_TASK) {
        const r = this.client.create('pods', podFromTemplate(rs, rs.spec.template));
        made++;
        burst.left--;
        if (!r.ok) {
          this.client.recordEvent(rs, 'Warning', 'FailedCreate', `Error creating: ${r.errors[0].message}`, SOURCE);
          burst.failed = true;
        } else {
          active.push(r.value);
          this.client.recordEvent(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${r.value.metadata.name}`, SOURCE);
        }
        if (++burst.inBatch === burst.batch) {
          if (burst.failed) break;
          burst.batch = Math.min(burst.batch * 2, burst.left);
          burst.inBatch = 0;
        }
      }
      const failed = burst.failed;
      // Come back at once for the rest of the burst, or for the rest of a batch that had a failure.
      if (burst.left > 0 && (!failed || burst.inBatch !== burst.batch)) {
        this.#bursts.set(key, burst);
        return 0;
      }
      this.#bursts.delete(key);
      const status = this.#updateStatus(rs, active);
      // More to create: come back soon (upstream waits for its expectations, i.e. the watch events of this burst).
      return active.length < want && !failed ? 1 : status;
    } else if (diff > 0) {
      for (const pod of podsToDelete(active, diff)) {
        const r = this.client.delete('pods', pod.metadata.namespace, pod.metadata.name);
        if (r.ok) this.client.recordEvent(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
        active.splice(active.indexOf(pod), 1);
      }
    }
    return this.#updateStatus(rs, active);
  }

  /** controller_ref_manager's ClaimPods: adopt matching orphans, release non-matching owned pods. */
  #claimPods(rs: ReplicaSet): Pod[] {
    const out: Pod[] = [];
    // From the shared pod informer (its objects are frozen: changed copies are sent).
    for (const pod of this.lister('pods').list(rs.metadata.namespace)) {
      const ref = controllerRef(pod);
      const matches = matchesSelector(rs.spec.selector, pod.metadata.labels);
      if (ref && ref.uid === rs.metadata.uid) {
        if (matches || pod.metadata.deletionTimestamp) out.push(pod);
        else {
          this.client.update('pods', { ...pod, metadata: { ...pod.metadata, ownerReferences: pod.metadata.ownerReferences?.filter((r) => r.uid !== rs.metadata.uid) } });
        }
      } else if (!ref && matches && isPodActive(pod)) {
        const r = this.client.update('pods', { ...pod, metadata: { ...pod.metadata, ownerReferences: [...(pod.metadata.ownerReferences ?? []), ownerRefTo(rs)] } });
        if (r.ok) out.push(r.value);
      }
    }
    return out;
  }

  #updateStatus(rs: ReplicaSet, active: Pod[]): number | void {
    const now = this.clock.now();
    const minReady = rs.spec.minReadySeconds ?? 0;
    const templateLabels: Labels = rs.spec.template.metadata?.labels ?? {};
    const status: NonNullable<ReplicaSet['status']> = {
      replicas: active.length,
      fullyLabeledReplicas: active.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v)).length,
      readyReplicas: active.filter(isPodReady).length,
      availableReplicas: active.filter((p) => isPodAvailable(p, minReady, now)).length,
      observedGeneration: rs.metadata.generation,
    };
    if (!jsonEqual(status, rs.status)) this.client.updateStatus('replicasets', { ...rs, status });
    // A ready pod turns available minReadySeconds later with no event to say so.
    const waits = active.map((p) => msUntilAvailable(p, minReady, now)).filter((x): x is number => x !== undefined);
    return waits.length ? Math.min(...waits) : undefined;
  }
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * controller.ActivePods ordering, most deletable first: unassigned before
 * assigned, Pending < Unknown < Running, not ready before ready, ready for
 * less time first, more container restarts first, newer first.
 */
export function compareForDeletion(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const phase = (p: Pod) => PHASE_RANK[p.status?.phase ?? 'Pending'] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ready = (p: Pod) => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  if (isPodReady(a) && isPodReady(b)) {
    const ra = parseTime(podReadyCondition(a)?.lastTransitionTime) ?? 0;
    const rb = parseTime(podReadyCondition(b)?.lastTransitionTime) ?? 0;
    if (ra !== rb) return rb - ra; // later transition = ready for less time
  }
  const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount));
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const ca = parseTime(a.metadata.creationTimestamp) ?? 0;
  const cb = parseTime(b.metadata.creationTimestamp) ?? 0;
  if (ca !== cb) return cb - ca;
  return cmp(a.metadata.name, b.metadata.name);
}

export function podsToDelete(active: Pod[], n: number): Pod[] {
  return [...active].sort(compareForDeletion).slice(0, n);
}
