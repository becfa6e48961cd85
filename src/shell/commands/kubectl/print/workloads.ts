import type { CronJob, DaemonSet, HorizontalPodAutoscaler, Deployment, Job, KubeObject, ReplicaSet, StatefulSet } from '../../../../sim/k8s/api/types.ts';
import { humanDuration, parseTime, translateTimestampSince } from './age.ts';
import { containerCells, formatLabels, formatLabelSelector, selectorString, type ResourcePrinter } from './format.ts';

const WIDE = ['CONTAINERS', 'IMAGES', 'SELECTOR'] as const;

export const deploymentPrinter: ResourcePrinter<Deployment> = {
  columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wideColumns: WIDE,
  row(d, now, wide) {
    const st = d.status ?? {};
    const cells = [d.metadata.name, `${st.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`, String(st.updatedReplicas ?? 0), String(st.availableReplicas ?? 0), translateTimestampSince(d.metadata.creationTimestamp, now)];
    if (wide) cells.push(...containerCells(d.spec.template.spec.containers), selectorString(d.spec.selector));
    return cells;
  },
};

export const replicaSetPrinter: ResourcePrinter<ReplicaSet> = {
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  wideColumns: WIDE,
  row(rs, now, wide) {
    const cells = [rs.metadata.name, String(rs.spec.replicas ?? 1), String(rs.status?.replicas ?? 0), String(rs.status?.readyReplicas ?? 0), translateTimestampSince(rs.metadata.creationTimestamp, now)];
    if (wide) cells.push(...containerCells(rs.spec.template.spec.containers), selectorString(rs.spec.selector));
    return cells;
  },
};

export const daemonSetPrinter: ResourcePrinter<DaemonSet> = {
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
  wideColumns: WIDE,
  row(ds, now, wide) {
    const st = ds.status;
    const cells = [
      ds.metadata.name,
      String(st?.desiredNumberScheduled ?? 0),
      String(st?.currentNumberScheduled ?? 0),
      String(st?.numberReady ?? 0),
      String(st?.updatedNumberScheduled ?? 0),
      String(st?.numberAvailable ?? 0),
      formatLabels(ds.spec.template.spec.nodeSelector),
      translateTimestampSince(ds.metadata.creationTimestamp, now),
    ];
    if (wide) cells.push(...containerCells(ds.spec.template.spec.containers), selectorString(ds.spec.selector));
    return cells;
  },
};

/** printStatefulSet: READY is ready/desired; wide adds CONTAINERS and IMAGES (no SELECTOR). */
export const statefulSetPrinter: ResourcePrinter<StatefulSet> = {
  columns: ['NAME', 'READY', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES'],
  row(s, now, wide) {
    const cells = [s.metadata.name, `${s.status?.readyReplicas ?? 0}/${s.spec.replicas ?? 1}`, translateTimestampSince(s.metadata.creationTimestamp, now)];
    if (wide) cells.push(...containerCells(s.spec.template.spec.containers));
    return cells;
  },
};

/** printCronJob: TIMEZONE <none> unless spec.timeZone is set; SUSPEND as printBoolPtr; ACTIVE counts status.active. */
export const cronJobPrinter: ResourcePrinter<CronJob> = {
  columns: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(cj, now, wide) {
    const suspend = cj.spec.suspend === undefined ? '<unset>' : cj.spec.suspend ? 'True' : 'False';
    const last = cj.status?.lastScheduleTime ? translateTimestampSince(cj.status.lastScheduleTime, now) : '<none>';
    const cells = [cj.metadata.name, cj.spec.schedule, cj.spec.timeZone ?? '<none>', suspend, String(cj.status?.active?.length ?? 0), last, translateTimestampSince(cj.metadata.creationTimestamp, now)];
    if (wide) cells.push(...containerCells(cj.spec.jobTemplate.spec.template.spec.containers), formatLabelSelector(cj.spec.jobTemplate.spec.selector));
    return cells;
  },
};

/** formatHPAMetrics: `cpu: 45%/50%`, `<unknown>` before the first sample; two at most, then "+ N more...". */
export function hpaTargets(hpa: HorizontalPodAutoscaler): string {
  const specs = hpa.spec.metrics ?? [];
  if (specs.length === 0) return '<none>';
  const statuses = hpa.status?.currentMetrics ?? [];
  const list = specs.map((m, i) => {
    const cur = statuses[i]?.resource?.current;
    if (m.type !== 'Resource' || !m.resource) return `<unknown>/<unknown>`;
    const t = m.resource.target;
    if (t.averageValue !== undefined) return `${m.resource.name}: ${cur?.averageValue ?? '<unknown>'}/${t.averageValue}`;
    return `${m.resource.name}: ${cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : '<unknown>'}/${t.averageUtilization !== undefined ? `${t.averageUtilization}%` : '<auto>'}`;
  });
  return list.length > 2 ? `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...` : list.join(', ');
}

export const hpaPrinter: ResourcePrinter<HorizontalPodAutoscaler> = {
  columns: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
  wideColumns: [],
  row: (h, now) => [
    h.metadata.name,
    `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`,
    hpaTargets(h),
    h.spec.minReplicas === undefined ? '<unset>' : String(h.spec.minReplicas),
    String(h.spec.maxReplicas),
    String(h.status?.currentReplicas ?? 0),
    translateTimestampSince(h.metadata.creationTimestamp, now),
  ],
};

const jobCondition = (job: Job, type: string) => (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

/** printJob's STATUS: the first of these that holds. */
export function jobStatus(job: Job): string {
  if (jobCondition(job, 'Complete')) return 'Complete';
  if (jobCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (jobCondition(job, 'Suspended')) return 'Suspended';
  if (jobCondition(job, 'FailureTarget')) return 'FailureTarget';
  if (jobCondition(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

export const jobPrinter: ResourcePrinter<Job> = {
  columns: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  wideColumns: WIDE,
  row(job, now, wide) {
    const succeeded = job.status?.succeeded ?? 0;
    let completions: string;
    if (job.spec.completions !== undefined) completions = `${succeeded}/${job.spec.completions}`;
    else if (job.spec.parallelism !== undefined && job.spec.parallelism > 1) completions = `${succeeded}/1 of ${job.spec.parallelism}`;
    else completions = `${succeeded}/1`;
    const start = parseTime(job.status?.startTime);
    const end = parseTime(job.status?.completionTime);
    const duration = start === undefined ? '' : humanDuration((end ?? now) - start);
    const cells = [job.metadata.name, jobStatus(job), completions, duration, translateTimestampSince(job.metadata.creationTimestamp, now)];
    if (wide) cells.push(...containerCells(job.spec.template.spec.containers), selectorString(job.spec.selector));
    return cells;
  },
};

/** printControllerRevision: the controller as `<kind>.<group>/<name>` (formatResourceName with the kind), else <none>. */
export const controllerRevisionPrinter: ResourcePrinter<KubeObject & { revision?: number }> = {
  columns: ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
  wideColumns: [],
  row: (cr, now) => {
    const ref = cr.metadata.ownerReferences?.find((o) => o.controller === true);
    const group = ref?.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
    const controller = ref ? `${ref.kind.toLowerCase()}${group ? `.${group}` : ''}/${ref.name}` : '<none>';
    return [cr.metadata.name, controller, String(cr.revision ?? 0), translateTimestampSince(cr.metadata.creationTimestamp, now)];
  },
};
