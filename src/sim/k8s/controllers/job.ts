import type { Job, Pod } from '../api/types.ts';
import { QueueController } from './controller.ts';
import { podsToDelete } from './replicaset.ts';
import { controllerRef, isPodActive, jsonEqual, keyOf, parseTime, podFromTemplate, rfc3339, splitKey } from './util.ts';

const SOURCE = 'job-controller';
/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

type JobStatus = NonNullable<Job['status']>;
type JobCondition = NonNullable<JobStatus['conditions']>[number];

/** Delay before the next pod after n consecutive failures: 10 s, 20 s, 40 s... capped. */
export function failureBackoffMs(n: number): number {
  if (n <= 0) return 0;
  return Math.min(POD_FAILURE_BACKOFF_MS * 2 ** (n - 1), MAX_POD_FAILURE_BACKOFF_MS);
}

/**
 * pkg/controller/job, NonIndexed mode: keeps min(parallelism, remaining
 * completions) pods running until `completions` have succeeded, waits the
 * exponential back-off after failures, and fails the Job once more pods
 * failed than backoffLimit allows (for restartPolicy OnFailure, container
 * restarts count too). Counts come from the pods that still exist; the real
 * controller's tracking finalizers are left out.
 */
export class JobController extends QueueController {
  readonly name = 'job';
  /** When a failed pod without a container finish time was first seen failed. */
  #failedSeen = new Map<string, number>();

  protected watchAll(): void {
    this.watch('jobs', (_t, j) => this.enqueue(keyOf(j)));
    this.watch('pods', (_t, p) => this.enqueueController(p, 'Job'));
  }

  protected allKeys(): string[] {
    return this.lister('jobs').list().map(keyOf);
  }

  #finishedAt(p: Pod): number {
    const t = Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => parseTime(c.state.terminated?.finishedAt) ?? 0));
    if (t > 0) return t;
    const uid = p.metadata.uid ?? p.metadata.name;
    if (!this.#failedSeen.has(uid)) this.#failedSeen.set(uid, this.clock.now());
    return this.#failedSeen.get(uid)!;
  }

  protected sync(key: string): number | void {
    const [ns, name] = splitKey(key);
    // From the shared informer (jobLister), as upstream; this controller's own status writes are in it at once.
    const job = this.lister('jobs').get(ns, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const prev: JobStatus = job.status ?? {};
    if (prev.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')) return;
    const now = this.clock.now();
    const pods = this.lister('pods').list(ns).filter((p) => controllerRef(p)?.uid === job.metadata.uid);
    let active = pods.filter(isPodActive);
    const succeededPods = pods.filter((p) => p.status?.phase === 'Succeeded');
    const failedPods = pods.filter((p) => p.status?.phase === 'Failed');
    const restarts = job.spec.template.spec.restartPolicy === 'OnFailure' ? active.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, c) => m + c.restartCount, 0), 0) : 0;
    const failed = failedPods.length + restarts;
    const workQueue = job.spec.completions === undefined && job.spec.parallelism !== undefined;
    const completions = job.spec.completions ?? 1;
    const parallelism = job.spec.parallelism ?? 1;
    const backoffLimit = job.spec.backoffLimit ?? 6;
    const succeeded = succeededPods.length;
    const status: JobStatus = { ...prev, startTime: prev.startTime ?? rfc3339(now) };
    let requeue: number | undefined;

    const finish = (type: 'Complete' | 'Failed', reason?: string, message?: string) => {
      for (const p of active) this.#deletePod(job, p);
      active = [];
      const c: JobCondition = { type, status: 'True', ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
      status.conditions = [...(prev.conditions ?? []), { ...c, lastProbeTime: rfc3339(now), lastTransitionTime: rfc3339(now) } as JobCondition];
    };

    if (failed > backoffLimit) {
      finish('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
      this.client.recordEvent(job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', SOURCE);
    } else if (workQueue ? succeeded > 0 && active.length === 0 : succeeded >= completions) {
      finish('Complete');
      status.completionTime = rfc3339(now);
      this.client.recordEvent(job, 'Normal', 'Completed', 'Job completed', SOURCE);
    } else {
      const want = workQueue ? (succeeded > 0 ? 0 : parallelism) : Math.min(parallelism, completions - succeeded);
      if (active.length > want) {
        for (const p of podsToDelete(active, active.length - want)) this.#deletePod(job, p);
        active = active.slice(0, want);
      } else if (active.length < want) {
        const lastSuccess = Math.max(0, ...succeededPods.map((p) => this.#finishedAt(p)));
        const recent = failedPods.map((p) => this.#finishedAt(p)).filter((t) => t > lastSuccess);
        const wait = recent.length ? Math.max(...recent) + failureBackoffMs(recent.length) - now : 0;
        if (wait > 0) requeue = wait;
        else
          for (let i = active.length; i < want; i++) {
            const uid = job.metadata.uid ?? '';
            const pod = podFromTemplate(job, job.spec.template, { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name });
            const r = this.client.create('pods', pod);
            if (!r.ok) {
              this.client.recordEvent(job, 'Warning', 'FailedCreate', `Error creating: ${r.errors[0].message}`, SOURCE);
              break;
            }
            active.push(r.value);
            this.client.recordEvent(job, 'Normal', 'SuccessfulCreate', `Created pod: ${r.value.metadata.name}`, SOURCE);
          }
      }
    }
    status.active = active.length;
    status.succeeded = succeeded;
    status.failed = failedPods.length;
    if (!jsonEqual(status, prev)) this.client.updateStatus('jobs', { ...job, status });
    return requeue;
  }

  #deletePod(job: Job, p: Pod): void {
    if (this.client.delete('pods', p.metadata.namespace, p.metadata.name).ok) this.client.recordEvent(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SOURCE);
  }
}
