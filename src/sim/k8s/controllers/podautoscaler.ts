import { milliValue, parseQuantity } from '../api/quantity.ts';
import type { HorizontalPodAutoscaler, KubeObject, LabelSelector, Pod } from '../api/types.ts';
import type { PodMetrics } from '../api/metrics.ts';
import type { Resource } from './client.ts';
import { QueueController } from './controller.ts';
import { isPodReady, keyOf, matchesSelector, rfc3339, splitKey } from './util.ts';

const SOURCE = 'horizontal-pod-autoscaler';
/** --horizontal-pod-autoscaler-sync-period */
export const HPA_SYNC_PERIOD_MS = 15_000;
/** --horizontal-pod-autoscaler-tolerance */
export const TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-downscale-stabilization (the scaleDown window when behavior leaves it unset). */
export const DOWNSCALE_STABILIZATION_MS = 5 * 60_000;

type Hpa = HorizontalPodAutoscaler;
type Condition = NonNullable<NonNullable<Hpa['status']>['conditions']>[number];
type Target = KubeObject & { spec: { replicas?: number; selector?: LabelSelector; template?: { spec: Pod['spec'] } } };

const TARGETS: Record<string, Resource> = { Deployment: 'deployments', StatefulSet: 'statefulsets', ReplicaSet: 'replicasets' };

const milli = (q: string | undefined) => {
  const p = q === undefined ? undefined : parseQuantity(String(q));
  return p?.ok ? milliValue(p.value) : undefined;
};

/** The replica count the metric asks for (replica_calculator.go GetResourceReplicas), or an error in the controller's words. */
export function resourceReplicas(current: number, targetUtilization: number, pods: Pod[], metrics: PodMetrics[], resource = 'cpu'): { replicas: number; utilization: number; averageMilli: number } | { error: string } {
  const live = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
  if (live.length === 0) return { error: 'No pods found' };
  const usage = new Map(metrics.map((m) => [m.metadata.name, m.containers.reduce((n, c) => n + (milli(c.usage[resource as 'cpu']) ?? 0), 0)]));
  const requests = new Map<string, number>();
  for (const p of live) {
    let sum = 0;
    for (const c of p.spec.containers) {
      const r = milli(c.resources?.requests?.[resource]);
      if (r === undefined) return { error: `failed to get ${resource} utilization: missing request for ${resource} in container ${c.name} of Pod ${p.metadata.name}` };
      sum += r;
    }
    requests.set(p.metadata.name, sum);
  }
  // Pods not Ready yet (cpu) are ignored; pods without a sample are missing.
  const ready = live.filter((p) => p.status?.phase === 'Running' && isPodReady(p) && usage.has(p.metadata.name));
  const missing = live.filter((p) => !usage.has(p.metadata.name));
  const ignored = live.filter((p) => usage.has(p.metadata.name) && !ready.includes(p));
  if (ready.length === 0) return { error: `failed to get ${resource} utilization: unable to get metrics for resource ${resource}: no metrics returned from resource metrics API` };
  const util = (ps: Pod[], extra: (p: Pod) => number) => {
    let used = 0;
    let req = 0;
    for (const p of ps) {
      used += usage.get(p.metadata.name) ?? extra(p);
      req += requests.get(p.metadata.name)!;
    }
    return req === 0 ? 0 : (used * 100) / req;
  };
  const utilization = util(ready, () => 0);
  const averageMilli = ready.reduce((n, p) => n + usage.get(p.metadata.name)!, 0) / ready.length;
  let ratio = utilization / targetUtilization;
  if (missing.length === 0 && ignored.length === 0) {
    if (Math.abs(1 - ratio) <= TOLERANCE) return { replicas: current, utilization: Math.trunc(utilization), averageMilli };
    return { replicas: Math.ceil(ratio * ready.length), utilization: Math.trunc(utilization), averageMilli };
  }
  // Missing pods count as using nothing when scaling up, their full request when scaling down; ignored ones as nothing.
  const rest = [...missing, ...(ratio > 1 ? ignored : [])];
  const all = [...ready, ...rest];
  ratio = util(all, (p) => (ratio < 1 ? requests.get(p.metadata.name)! : 0)) / targetUtilization;
  if (Math.abs(1 - ratio) <= TOLERANCE || (ratio < 1 && utilization / targetUtilization > 1) || (ratio > 1 && utilization / targetUtilization < 1)) return { replicas: current, utilization: Math.trunc(utilization), averageMilli };
  const replicas = Math.ceil(ratio * all.length);
  return { replicas: ratio < 1 && replicas > current ? current : replicas, utilization: Math.trunc(utilization), averageMilli };
}

/**
 * pkg/controller/podautoscaler (horizontal.go): every 15 s, reads the
 * target's scale and its pods' CPU from the resource metrics API,
 * desired = ceil(current × utilization / target) outside a 10% tolerance,
 * holds scale-downs to the highest recommendation of the last 5 minutes,
 * limits scale-ups to max(4 pods, 100%) per 15 s, clamps to min/max, writes
 * the target's replicas, and reports conditions and events as the real one.
 * Only Resource metrics with a Utilization target are computed.
 */
export class HorizontalPodAutoscalerController extends QueueController {
  readonly name = 'horizontalpodautoscaling';
  /** Recommendations per HPA (timestamp, replicas), for the stabilization window. */
  #recommendations = new Map<string, { at: number; replicas: number }[]>();
  /** Scale events per HPA, for the rate policies. */
  #scaleEvents = new Map<string, { at: number; change: number }[]>();

  protected override resyncMs(): number {
    return HPA_SYNC_PERIOD_MS;
  }

  protected watchAll(): void {
    this.watch('horizontalpodautoscalers', (t, h) => t !== 'DELETED' && this.enqueue(keyOf(h)));
  }

  protected allKeys(): string[] {
    return this.lister('horizontalpodautoscalers').list().map(keyOf);
  }

  protected sync(key: string): void {
    const [ns, name] = splitKey(key);
    // From the shared informers (hpaLister, podLister); the target's scale is a GET each time, as upstream's scale client does.
    const hpa = this.lister('horizontalpodautoscalers').get(ns, name);
    if (!hpa || hpa.metadata.deletionTimestamp) return;
    const now = this.clock.now();
    const ref = hpa.spec.scaleTargetRef;
    const res = TARGETS[ref.kind];
    const target = res ? this.client.get(res, ns, ref.name) : undefined;
    const conditions: Condition[] = [];
    const cond = (type: string, status: 'True' | 'False', reason: string, message: string) => conditions.push({ type, status, reason, message });
    if (!target?.ok) {
      const msg = `the HPA controller was unable to get the target's current scale: ${res ? `${res}.${ref.kind === 'Deployment' || ref.kind === 'StatefulSet' || ref.kind === 'ReplicaSet' ? 'apps' : ''} "${ref.name}" not found` : `no matches for kind "${ref.kind}"`}`;
      this.client.recordEvent(hpa, 'Warning', 'FailedGetScale', msg.replace("the HPA controller was unable to get the target's current scale: ", ''), SOURCE);
      cond('AbleToScale', 'False', 'FailedGetScale', msg);
      return this.#writeStatus(hpa, { currentReplicas: hpa.status?.currentReplicas ?? 0, desiredReplicas: hpa.status?.desiredReplicas ?? 0 }, conditions, now);
    }
    const t = target.value as unknown as Target;
    const current = t.spec.replicas ?? 1;
    const min = hpa.spec.minReplicas ?? 1;
    const max = hpa.spec.maxReplicas;
    cond('AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
    if (current === 0 && min !== 0) {
      cond('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
      return this.#writeStatus(hpa, { currentReplicas: 0, desiredReplicas: 0 }, conditions, now);
    }
    // Every metric proposes a count; the highest wins (only cpu/memory Utilization here).
    const metric = hpa.spec.metrics?.find((m) => m.type === 'Resource' && m.resource?.target.type === 'Utilization');
    const resource = metric?.resource?.name ?? 'cpu';
    const pods = this.lister('pods').list(ns).filter((p) => t.spec.selector && matchesSelector(t.spec.selector, p.metadata.labels));
    let proposal: ReturnType<typeof resourceReplicas>;
    const m = this.client.podMetrics?.(ns ?? 'default');
    if (!m || !m.ok) proposal = { error: `failed to get ${resource} utilization: unable to get metrics for resource ${resource}: unable to fetch metrics from resource metrics API: ${m && !m.ok ? m.errors[0].message : 'the server could not find the requested resource (get pods.metrics.k8s.io)'}` };
    else proposal = resourceReplicas(current, metric?.resource?.target.averageUtilization ?? 80, pods, m.value, resource);
    if ('error' in proposal) {
      this.client.recordEvent(hpa, 'Warning', 'FailedGetResourceMetric', proposal.error, SOURCE);
      this.client.recordEvent(hpa, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (1 invalid out of 1), first error is: failed to get ${resource} resource metric value: ${proposal.error}`, SOURCE);
      cond('ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${proposal.error}`);
      return this.#writeStatus(hpa, { currentReplicas: current, desiredReplicas: hpa.status?.desiredReplicas ?? current, currentMetrics: [{ type: 'Resource', resource: { name: resource, current: {} } }] }, conditions, now);
    }
    cond('ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${resource} resource utilization (percentage of request)`);
    const desired = this.#stabilize(key, hpa, current, proposal.replicas, now);
    let limited = desired;
    if (desired > max) limited = max;
    else if (desired < min) limited = min;
    cond('ScalingLimited', limited === desired ? 'False' : 'True', limited === desired ? 'DesiredWithinRange' : desired > max ? 'TooManyReplicas' : 'TooFewReplicas', limited === desired ? 'the desired count is within the acceptable range' : `the desired replica count is ${desired > max ? 'more than the maximum' : 'less than the minimum'} replica count`);
    const status: NonNullable<Hpa['status']> = {
      currentReplicas: current,
      desiredReplicas: limited,
      currentMetrics: [{ type: 'Resource', resource: { name: resource, current: { averageUtilization: proposal.utilization, averageValue: `${Math.round(proposal.averageMilli)}m` } } }],
      ...(hpa.status?.lastScaleTime ? { lastScaleTime: hpa.status.lastScaleTime } : {}),
    };
    if (limited !== current) {
      const r = this.client.update(res!, { ...t, spec: { ...t.spec, replicas: limited } } as never);
      if (r.ok) {
        const reason = limited > current ? `${resource} resource utilization (percentage of request) above target` : 'All metrics below target';
        this.client.recordEvent(hpa, 'Normal', 'SuccessfulRescale', `New size: ${limited}; reason: ${reason}`, SOURCE);
        status.lastScaleTime = rfc3339(now);
        this.#scaleEvents.set(key, [...(this.#scaleEvents.get(key) ?? []), { at: now, change: limited - current }]);
        conditions[0] = { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${limited}` };
      } else conditions[0] = { type: 'AbleToScale', status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${r.errors[0].message}` };
    } else if (proposal.replicas < desired) conditions[0] = { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
    else conditions[0] = { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
    this.#writeStatus(hpa, status, conditions, now);
  }

  /** stabilizeRecommendationWithBehaviors and the rate policies of the (defaulted) behavior. */
  #stabilize(key: string, hpa: Hpa, current: number, recommended: number, now: number): number {
    const b = hpa.spec.behavior ?? {};
    const downWindow = b.scaleDown?.stabilizationWindowSeconds !== undefined ? b.scaleDown.stabilizationWindowSeconds * 1000 : DOWNSCALE_STABILIZATION_MS;
    const upWindow = (b.scaleUp?.stabilizationWindowSeconds ?? 0) * 1000;
    const recs = [...(this.#recommendations.get(key) ?? []).filter((r) => r.at > now - Math.max(downWindow, upWindow)), { at: now, replicas: recommended }];
    this.#recommendations.set(key, recs);
    // Up: the lowest recommendation in the up window; down: the highest in the down window.
    const upLimit = Math.min(...recs.filter((r) => r.at > now - upWindow || r.at === now).map((r) => r.replicas));
    const downLimit = Math.max(...recs.filter((r) => r.at > now - downWindow || r.at === now).map((r) => r.replicas));
    let desired = current;
    if (upLimit > current) desired = upLimit;
    if (downLimit < current) desired = downLimit;
    // Rate policies over their periods (15 s by default): up to max(4 pods, 100%), down by up to 100%.
    const events = (this.#scaleEvents.get(key) ?? []).filter((e) => e.at > now - 15_000);
    this.#scaleEvents.set(key, events);
    if (desired > current) {
      const added = events.filter((e) => e.change > 0).reduce((n, e) => n + e.change, 0);
      const base = current - added;
      const limit = Math.max(...(b.scaleUp?.policies ?? []).map((p) => (p.type === 'Pods' ? base + p.value : Math.ceil(base * (1 + p.value / 100)))), current);
      desired = Math.min(desired, limit);
    }
    return desired;
  }

  #writeStatus(hpa: Hpa, status: NonNullable<Hpa['status']>, conditions: Condition[], now: number): void {
    const prev = hpa.status?.conditions ?? [];
    const stamped = conditions.map((c) => {
      const old = prev.find((p) => p.type === c.type);
      return { ...c, lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : rfc3339(now) };
    });
    const next = { ...status, ...(hpa.metadata.generation !== undefined ? { observedGeneration: hpa.metadata.generation } : {}), conditions: stamped };
    if (JSON.stringify(next) !== JSON.stringify(hpa.status)) this.client.updateStatus('horizontalpodautoscalers', { ...hpa, status: next });
  }
}
