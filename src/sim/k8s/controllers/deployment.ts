import type { VirtualClock } from '../../clock.ts';
import { equalIgnoreHash, HASH_LABEL, REVISION } from '../api/meta.ts';
import type { Deployment, ReplicaSet } from '../api/types.ts';
import type { ControllerClient } from './client.ts';
import { QueueController } from './controller.ts';
import { podTemplateHash } from './hash.ts';
import { clone, cmp, controllerRef, isPodActive, jsonEqual, keyOf, listOr, ownerRefTo, parseTime, rfc3339, splitKey } from './util.ts';

const SOURCE = 'deployment-controller';
export { HASH_LABEL, RESTARTED_AT, REVISION } from '../api/meta.ts';

type Status = NonNullable<Deployment['status']>;
type Condition = NonNullable<Status['conditions']>[number];

/** intstr.GetScaledValueFromIntOrPercent: "25%" of total, rounded up or down. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean, dflt: string): number {
  const x = v ?? dflt;
  if (typeof x === 'number') return x;
  const m = /^(\d+)%$/.exec(x);
  if (!m) return Number.parseInt(x, 10) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** deploymentutil.ResolveFenceposts: surge rounds up, unavailable down, and they are never both 0. */
export function resolveFenceposts(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  if (d.spec.strategy?.type === 'Recreate') return { maxSurge: 0, maxUnavailable: 0 };
  const replicas = d.spec.replicas ?? 1;
  const ru = d.spec.strategy?.rollingUpdate;
  const maxSurge = scaledValue(ru?.maxSurge, replicas, true, '25%');
  let maxUnavailable = scaledValue(ru?.maxUnavailable, replicas, false, '25%');
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

const revisionOf = (rs: ReplicaSet) => Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
const specReplicas = (rss: ReplicaSet[]) => rss.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
const sumStatus = (rss: ReplicaSet[], f: (s: NonNullable<ReplicaSet['status']>) => number | undefined) => rss.reduce((n, rs) => n + (rs.status ? (f(rs.status) ?? 0) : 0), 0);
const byCreation = (a: ReplicaSet, b: ReplicaSet) => (parseTime(a.metadata.creationTimestamp) ?? 0) - (parseTime(b.metadata.creationTimestamp) ?? 0) || cmp(a.metadata.name, b.metadata.name);

export const sameTemplate = equalIgnoreHash;

/**
 * pkg/controller/deployment: one ReplicaSet per template version, rolled with
 * RollingUpdate (maxSurge/maxUnavailable over ReplicaSet spec and available
 * counts, as rolling.go does) or Recreate. Deployments do not adopt orphan
 * ReplicaSets here, and proportional scaling during a rollout is simplified to
 * letting the rolling step absorb the new replica count.
 */
export class DeploymentController extends QueueController {
  readonly name = 'deployment';

  protected watchAll(): void {
    this.watch('deployments', (_t, d) => this.enqueue(keyOf(d)));
    this.watch('replicasets', (_t, rs) => this.enqueueController(rs, 'Deployment'));
    // Recreate waits for old pods to be gone.
    this.watch('pods', (t, p) => {
      if (t !== 'DELETED') return;
      const ref = controllerRef(p);
      if (ref?.kind !== 'ReplicaSet') return;
      const rs = this.lister('replicasets').get(p.metadata.namespace, ref.name);
      if (rs) this.enqueueController(rs, 'Deployment');
    });
  }

  protected allKeys(): string[] {
    return this.lister('deployments').list().map(keyOf);
  }

  protected sync(key: string): number | void {
    const [ns, name] = splitKey(key);
    const got = this.client.get('deployments', ns, name);
    if (!got.ok || got.value.metadata.deletionTimestamp) return;
    const d = got.value;
    const owned = listOr(this.client.list('replicasets', ns)).filter((rs) => controllerRef(rs)?.uid === d.metadata.uid && !rs.metadata.deletionTimestamp);
    const run = new Sync(this.client, this.clock, d, owned);
    return run.run();
  }
}

/** One reconcile of one Deployment, holding the ReplicaSets it reads and writes. */
class Sync {
  readonly client: ControllerClient;
  readonly clock: VirtualClock;
  d: Deployment;
  newRS: ReplicaSet | undefined;
  olds: ReplicaSet[];
  progressReason: { reason: string; message: string } | undefined;

  constructor(client: ControllerClient, clock: VirtualClock, d: Deployment, owned: ReplicaSet[]) {
    this.client = client;
    this.clock = clock;
    this.d = d;
    this.newRS = owned.find((rs) => sameTemplate(rs.spec.template, d.spec.template));
    this.olds = owned.filter((rs) => rs !== this.newRS);
  }

  get replicas(): number {
    return this.d.spec.replicas ?? 1;
  }

  get all(): ReplicaSet[] {
    return this.newRS ? [this.newRS, ...this.olds] : this.olds;
  }

  run(): number | void {
    if (!this.d.spec.paused) {
      if (this.d.spec.strategy?.type === 'Recreate') this.recreate();
      else this.rolling();
      if (this.complete()) this.cleanup();
    }
    return this.syncStatus();
  }

  rolling(): void {
    this.ensureNewRS(true);
    if (this.reconcileNewRS()) return;
    this.reconcileOldRSs();
  }

  recreate(): void {
    this.ensureNewRS(false);
    const active = this.olds.filter((rs) => (rs.spec.replicas ?? 0) > 0);
    if (active.length) {
      for (const rs of active) this.scale(rs, 0);
      return;
    }
    // Recreate means no old pod runs beside a new one: wait until they are gone.
    const oldUids = new Set(this.olds.map((rs) => rs.metadata.uid));
    const pods = listOr(this.client.list('pods', this.d.metadata.namespace));
    if (pods.some((p) => isPodActive(p) && oldUids.has(controllerRef(p)?.uid))) return;
    this.ensureNewRS(true);
    this.reconcileNewRS();
  }

  /** getNewReplicaSet: find or create the ReplicaSet of the current template and keep its revision newest. */
  ensureNewRS(create: boolean): void {
    const maxOld = Math.max(0, ...this.olds.map(revisionOf));
    const revision = String(maxOld + 1);
    const { maxSurge } = resolveFenceposts(this.d);
    const annotations = { [REVISION]: revision, 'deployment.kubernetes.io/desired-replicas': String(this.replicas), 'deployment.kubernetes.io/max-replicas': String(this.replicas + maxSurge) };
    if (this.newRS) {
      const rs = this.newRS;
      const cur = rs.metadata.annotations ?? {};
      const next = { ...cur, ...annotations };
      // A rolled-back-to ReplicaSet moves to the newest revision; never lower one.
      if (revisionOf(rs) >= maxOld + 1) next[REVISION] = cur[REVISION]!;
      if (!jsonEqual(next, cur)) {
        rs.metadata.annotations = next;
        const r = this.client.update('replicasets', rs);
        if (r.ok) this.newRS = r.value;
      }
      this.setDeploymentRevision(this.newRS.metadata.annotations?.[REVISION] ?? revision);
      return;
    }
    if (!create) return;
    for (let collision = 0; collision < 10; collision++) {
      const hash = podTemplateHash(this.d.spec.template, collision);
      const template = clone(this.d.spec.template);
      template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [HASH_LABEL]: hash } };
      const selector = clone(this.d.spec.selector);
      selector.matchLabels = { ...selector.matchLabels, [HASH_LABEL]: hash };
      const replicas = this.newReplicasFor(0);
      const rs: ReplicaSet = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${this.d.metadata.name}-${hash}`,
          namespace: this.d.metadata.namespace,
          labels: { ...template.metadata.labels },
          annotations,
          ownerReferences: [ownerRefTo(this.d)],
        },
        spec: { replicas, selector, template, ...(this.d.spec.minReadySeconds ? { minReadySeconds: this.d.spec.minReadySeconds } : {}) },
      };
      const r = this.client.create('replicasets', rs);
      if (!r.ok) {
        if (r.errors[0].code === 'AlreadyExists') continue;
        return;
      }
      this.newRS = r.value;
      if (replicas > 0) this.client.recordEvent(this.d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} from 0 to ${replicas}`, SOURCE);
      this.progressReason = { reason: 'NewReplicaSetCreated', message: `Created new replica set "${rs.metadata.name}"` };
      this.setDeploymentRevision(revision);
      return;
    }
  }

  setDeploymentRevision(rev: string): void {
    if (this.d.metadata.annotations?.[REVISION] === rev) return;
    this.d.metadata.annotations = { ...this.d.metadata.annotations, [REVISION]: rev };
    const r = this.client.update('deployments', this.d);
    if (r.ok) this.d = r.value;
  }

  /** deploymentutil.NewRSNewReplicas for RollingUpdate; Recreate jumps straight to spec.replicas. */
  newReplicasFor(current: number): number {
    if (this.d.spec.strategy?.type === 'Recreate') return this.replicas;
    const { maxSurge } = resolveFenceposts(this.d);
    const podCount = specReplicas(this.all);
    const maxTotal = this.replicas + maxSurge;
    if (podCount >= maxTotal) return current;
    return current + Math.max(0, Math.min(maxTotal - podCount, this.replicas - current));
  }

  reconcileNewRS(): boolean {
    const rs = this.newRS;
    if (!rs) return false;
    const cur = rs.spec.replicas ?? 0;
    if (cur === this.replicas) return false;
    if (cur > this.replicas) return this.scale(rs, this.replicas);
    return this.scale(rs, this.newReplicasFor(cur));
  }

  reconcileOldRSs(): boolean {
    if (specReplicas(this.olds) === 0) return false;
    const { maxUnavailable } = resolveFenceposts(this.d);
    const minAvailable = this.replicas - maxUnavailable;
    const newUnavailable = this.newRS ? (this.newRS.spec.replicas ?? 0) - (this.newRS.status?.availableReplicas ?? 0) : 0;
    const maxScaledDown = specReplicas(this.all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    const olds = [...this.olds].sort(byCreation);
    let scaled = false;
    // cleanupUnhealthyReplicas: unavailable old pods go first, they cost no availability.
    let total = 0;
    for (const rs of olds) {
      if (total >= maxScaledDown) break;
      const cur = rs.spec.replicas ?? 0;
      const unhealthy = cur - (rs.status?.availableReplicas ?? 0);
      if (cur === 0 || unhealthy <= 0) continue;
      const n = Math.min(maxScaledDown - total, unhealthy);
      scaled = this.scale(rs, cur - n) || scaled;
      total += n;
    }
    // scaleDownOldReplicaSetsForRollingUpdate: then available ones, down to minAvailable.
    const available = sumStatus(this.all, (s) => s.availableReplicas);
    if (available <= minAvailable) return scaled;
    const budget = available - minAvailable;
    let done = 0;
    for (const rs of olds) {
      if (done >= budget) break;
      const cur = rs.spec.replicas ?? 0;
      if (cur === 0) continue;
      const n = Math.min(cur, budget - done);
      scaled = this.scale(rs, cur - n) || scaled;
      done += n;
    }
    return scaled;
  }

  scale(rs: ReplicaSet, to: number): boolean {
    const from = rs.spec.replicas ?? 0;
    if (from === to) return false;
    const next = clone(rs);
    next.spec.replicas = to;
    next.metadata.annotations = { ...next.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(this.replicas), 'deployment.kubernetes.io/max-replicas': String(this.replicas + resolveFenceposts(this.d).maxSurge) };
    const r = this.client.update('replicasets', next);
    if (!r.ok) return false;
    Object.assign(rs, r.value);
    this.client.recordEvent(this.d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, SOURCE);
    if (rs === this.newRS) this.progressReason ??= { reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rs.metadata.name}" is progressing.` };
    return true;
  }

  complete(): boolean {
    const rs = this.newRS;
    if (!rs) return false;
    return (
      (rs.spec.replicas ?? 0) === this.replicas &&
      (rs.status?.replicas ?? 0) === this.replicas &&
      (rs.status?.availableReplicas ?? 0) === this.replicas &&
      specReplicas(this.olds) === 0 &&
      sumStatus(this.olds, (s) => s.replicas) === 0
    );
  }

  /** cleanupDeployment: keep revisionHistoryLimit scaled-down old ReplicaSets. */
  cleanup(): void {
    const limit = this.d.spec.revisionHistoryLimit ?? 10;
    const idle = this.olds.filter((rs) => (rs.spec.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      if (this.client.delete('replicasets', rs.metadata.namespace, rs.metadata.name).ok) this.olds = this.olds.filter((o) => o !== rs);
    }
  }

  syncStatus(): number | void {
    const now = this.clock.now();
    const all = this.all;
    const { maxUnavailable } = resolveFenceposts(this.d);
    const available = sumStatus(all, (s) => s.availableReplicas);
    const prev = this.d.status ?? {};
    const status: Status = {
      observedGeneration: this.d.metadata.generation,
      replicas: sumStatus(all, (s) => s.replicas),
      updatedReplicas: this.newRS?.status?.replicas ?? 0,
      readyReplicas: sumStatus(all, (s) => s.readyReplicas),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, specReplicas(all) - available),
    };
    const isAvail = available >= this.replicas - maxUnavailable;
    const conds: Condition[] = [
      condition(prev.conditions, now, 'Available', isAvail ? 'True' : 'False', isAvail ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable', isAvail ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.', false),
    ];
    const prevProg = prev.conditions?.find((c) => c.type === 'Progressing');
    const rsName = this.newRS?.metadata.name ?? '';
    const deadline = (this.d.spec.progressDeadlineSeconds ?? 600) * 1000;
    let recheck: number | undefined;
    if (this.complete()) conds.push(condition(prev.conditions, now, 'Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, false));
    else if (this.progressReason || (prevProg?.reason !== 'ProgressDeadlineExceeded' && !jsonEqual({ ...status, observedGeneration: 0 }, { ...prev, conditions: undefined, observedGeneration: 0 }))) {
      const p = this.progressReason ?? { reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.` };
      conds.push(condition(prev.conditions, now, 'Progressing', 'True', p.reason, p.message, true));
      recheck = deadline;
    } else if (prevProg) {
      const last = parseTime(prevProg.lastUpdateTime) ?? now;
      if (prevProg.status === 'True' && last + deadline <= now) conds.push(condition(prev.conditions, now, 'Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`, false));
      else {
        conds.push(prevProg);
        if (prevProg.status === 'True') recheck = last + deadline - now;
      }
    }
    status.conditions = conds;
    if (!jsonEqual(status, prev)) this.client.updateStatus('deployments', { ...this.d, status });
    return recheck !== undefined && !this.complete() ? Math.max(1000, recheck) : undefined;
  }
}

function condition(prev: Condition[] | undefined, now: number, type: string, status: string, reason: string, message: string, touch: boolean): Condition {
  const old = prev?.find((c) => c.type === type);
  const ts = rfc3339(now);
  if (old && old.status === status && old.reason === reason && old.message === message && !touch) return old;
  return { type, status, lastUpdateTime: ts, lastTransitionTime: old && old.status === status ? (old.lastTransitionTime ?? ts) : ts, reason, message };
}
