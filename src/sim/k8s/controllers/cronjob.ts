import type { CronJob, Job } from '../api/types.ts';
import { nextAfter, parseSchedule } from '../cron.ts';
import { QueueController } from './controller.ts';
import { keyOf, ownerRefTo, parseTime, rfc3339, splitKey } from './util.ts';

const SOURCE = 'cronjob-controller';
export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** More missed start times than this and the controller gives up on catching up (TooManyMissedTimes). */
const MAX_MISSED = 100;

const finished = (j: Job) => (j.status?.conditions ?? []).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type as 'Complete' | 'Failed' | undefined;

/** getJobName: `<cronjob>-<scheduled time in minutes since the epoch>`. */
export const jobName = (cj: CronJob, scheduled: number) => `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;

/**
 * pkg/controller/cronjob (cronjob_controllerv2.go): at each scheduled time
 * (in spec.timeZone, UTC by default) creates a Job named after the time,
 * honours suspend, startingDeadlineSeconds and concurrencyPolicy (Allow,
 * Forbid: skip while one runs, Replace: delete the running one first),
 * records finished Jobs and keeps only successfulJobsHistoryLimit (3) and
 * failedJobsHistoryLimit (1) of them. It sleeps until the next schedule on
 * the virtual clock.
 */
export class CronJobController extends QueueController {
  readonly name = 'cronjob';

  protected watchAll(): void {
    this.watch('cronjobs', (_t, cj) => this.enqueue(keyOf(cj)));
    this.watch('jobs', (_t, j) => this.enqueueController(j, 'CronJob'));
  }

  protected allKeys(): string[] {
    return this.lister('cronjobs').list().map(keyOf);
  }

  protected sync(key: string): number | void {
    const [ns, name] = splitKey(key);
    // From the shared informers, like upstream's cronJobLister and jobLister.
    const cj = this.lister('cronjobs').get(ns, name);
    if (!cj || cj.metadata.deletionTimestamp) return;
    const now = this.clock.now();
    const jobs = this.owned('jobs', cj);
    const status = { ...(cj.status ?? {}) };
    const before = JSON.stringify(status);
    // Finished jobs leave the active list; running ones we own join it.
    let active = (status.active ?? []).filter((r) => jobs.some((j) => j.metadata.uid === r.uid && !finished(j)));
    for (const j of jobs) {
      const done = finished(j);
      const listed = (status.active ?? []).some((r) => r.uid === j.metadata.uid);
      if (done && listed) {
        this.client.recordEvent(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${done}`, SOURCE);
        if (done === 'Complete') {
          const t = parseTime(j.status?.completionTime);
          if (t !== undefined && (parseTime(status.lastSuccessfulTime) ?? 0) < t) status.lastSuccessfulTime = j.status!.completionTime;
        }
      }
      if (!done && !active.some((r) => r.uid === j.metadata.uid)) active.push(this.#ref(j));
    }
    this.#cleanupHistory(cj, jobs);

    const sched = parseSchedule(cj.spec.schedule);
    let requeue: number | undefined;
    if (sched.ok && !cj.spec.suspend) {
      const tz = cj.spec.timeZone ?? 'UTC';
      // The most recent time at or before now since the last run (or creation) is the one to start.
      let from = parseTime(status.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? now;
      let scheduled: number | undefined;
      let missed = 0;
      for (let t = nextAfter(sched.value, from, tz); t !== undefined && t <= now; t = nextAfter(sched.value, t, tz)) {
        scheduled = t;
        if (++missed > MAX_MISSED) break;
      }
      if (missed > MAX_MISSED) this.client.recordEvent(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew', SOURCE);
      const deadline = cj.spec.startingDeadlineSeconds;
      const tooLate = scheduled !== undefined && deadline !== undefined && scheduled + deadline * 1000 < now;
      if (scheduled !== undefined && tooLate) {
        this.client.recordEvent(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc3339(scheduled)}`, SOURCE);
      } else if (scheduled !== undefined) {
        const policy = cj.spec.concurrencyPolicy ?? 'Allow';
        if (policy === 'Forbid' && active.length > 0) {
          this.client.recordEvent(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', SOURCE);
          from = now;
        } else {
          if (policy === 'Replace')
            for (const r of active) {
              if (this.client.delete('jobs', ns, r.name, { propagationPolicy: 'Background' }).ok) this.client.recordEvent(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${r.name}`, SOURCE);
            }
          if (policy === 'Replace') active = [];
          const made = this.#createJob(cj, scheduled);
          if (made) {
            active.push(this.#ref(made));
            status.lastScheduleTime = rfc3339(scheduled);
          }
        }
      }
      const next = nextAfter(sched.value, now, tz);
      // nextScheduleTimeDuration: wake just after the next activation.
      if (next !== undefined) requeue = next - now + 100;
    }
    status.active = active;
    if (!status.active.length) delete status.active;
    if (JSON.stringify(status) !== before) this.client.updateStatus('cronjobs', { ...cj, status });
    return requeue;
  }

  #ref(j: Job) {
    return { kind: 'Job', namespace: j.metadata.namespace, name: j.metadata.name, uid: j.metadata.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata.resourceVersion };
  }

  #createJob(cj: CronJob, scheduled: number): Job | undefined {
    const t = cj.spec.jobTemplate;
    const job: Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName(cj, scheduled),
        namespace: cj.metadata.namespace,
        labels: { ...(t.metadata?.labels ?? {}) },
        annotations: { ...(t.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: rfc3339(scheduled) },
        ownerReferences: [ownerRefTo(cj)],
      },
      spec: structuredClone(t.spec),
    };
    const r = this.client.create('jobs', job);
    if (!r.ok) {
      // Already made for this time (a restart between create and status update): not an error.
      if (r.errors[0].code === 'AlreadyExists') return this.client.get('jobs', cj.metadata.namespace, job.metadata.name).ok ? undefined : undefined;
      this.client.recordEvent(cj, 'Warning', 'FailedCreate', `Error creating job: ${r.errors[0].message}`, SOURCE);
      return undefined;
    }
    this.client.recordEvent(cj, 'Normal', 'SuccessfulCreate', `Created job ${r.value.metadata.name}`, SOURCE);
    return r.value;
  }

  /** cleanupFinishedJobs: the oldest finished jobs beyond the history limits go. */
  #cleanupHistory(cj: CronJob, jobs: Job[]): void {
    for (const [kind, limit] of [['Complete', cj.spec.successfulJobsHistoryLimit ?? 3], ['Failed', cj.spec.failedJobsHistoryLimit ?? 1]] as const) {
      const done = jobs.filter((j) => finished(j) === kind && !j.metadata.deletionTimestamp);
      done.sort((a, b) => (parseTime(a.status?.startTime) ?? 0) - (parseTime(b.status?.startTime) ?? 0) || (a.metadata.name < b.metadata.name ? -1 : 1));
      for (const j of done.slice(0, Math.max(0, done.length - limit))) {
        if (this.client.delete('jobs', j.metadata.namespace, j.metadata.name, { propagationPolicy: 'Background' }).ok) this.client.recordEvent(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, SOURCE);
      }
    }
  }
}
