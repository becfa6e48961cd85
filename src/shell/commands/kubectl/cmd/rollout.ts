/**
 * `kubectl rollout status|history|undo|restart|pause|resume`. status is a Job
 * that prints kubectl's status viewer line each time it changes and ends with
 * `deployment "web" successfully rolled out`.
 */
import { controllerRef, equalIgnoreHash, HASH_LABEL, LAST_APPLIED, RESTARTED_AT, REVISION } from '../../../../sim/k8s/api/meta.ts';
import type { ControllerRevision, DaemonSet, Deployment, KubeObject, PodTemplateSpec, ReplicaSet, StatefulSet } from '../../../../sim/k8s/api/types.ts';
import { rfc3339 } from '../../../../sim/k8s/time.ts';
import { PrefixWriter, describePodTemplate } from '../print/describe/common.ts';
import { DESCRIBE_TABWRITER, tabwrite } from '../print/tabwriter.ts';
import { apiError, clientError, eventJob, fetchNamed, objRef, parseDuration, type Kctx, type Subcommand } from './context.ts';

type Status = { done: boolean; message: string } | { error: string };

/** kubectl's DeploymentStatusViewer / DaemonSetStatusViewer. */
export function rolloutStatus(o: KubeObject): Status {
  const name = o.metadata.name;
  if (o.kind === 'Deployment') {
    const d = o as Deployment;
    const st = d.status ?? {};
    if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { done: false, message: 'Waiting for deployment spec update to be observed...\n' };
    const progressing = st.conditions?.find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') return { error: `deployment "${name}" exceeded its progress deadline` };
    const want = d.spec.replicas ?? 1;
    const updated = st.updatedReplicas ?? 0;
    if (updated < want) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n` };
    if ((st.replicas ?? 0) > updated) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n` };
    if ((st.availableReplicas ?? 0) < updated) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n` };
    return { done: true, message: `deployment "${name}" successfully rolled out\n` };
  }
  if (o.kind === 'DaemonSet') {
    const ds = o as DaemonSet;
    const st: Partial<NonNullable<DaemonSet['status']>> & { observedGeneration?: number } = ds.status ?? {};
    if ((ds.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { done: false, message: 'Waiting for daemon set spec update to be observed...\n' };
    const desired = st.desiredNumberScheduled ?? 0;
    if ((st.updatedNumberScheduled ?? 0) < desired) return { done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n` };
    if ((st.numberAvailable ?? 0) < desired) return { done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...\n` };
    return { done: true, message: `daemon set "${name}" successfully rolled out\n` };
  }
  if (o.kind === 'StatefulSet') {
    // polymorphichelpers StatefulSetStatusViewer; the API server defaults rollingUpdate.partition, so it ends "partitioned roll out complete".
    const sts = o as StatefulSet;
    const st: Partial<NonNullable<StatefulSet['status']>> = sts.status ?? {};
    if (sts.spec.updateStrategy?.type !== 'RollingUpdate') return { error: 'rollout status is only available for RollingUpdate strategy type' };
    if (!st.observedGeneration || (sts.metadata.generation ?? 0) > st.observedGeneration) return { done: false, message: 'Waiting for statefulset spec update to be observed...\n' };
    const want = sts.spec.replicas ?? 1;
    if ((st.readyReplicas ?? 0) < want) return { done: false, message: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...\n` };
    const partition = sts.spec.updateStrategy.rollingUpdate?.partition;
    if (partition !== undefined) {
      if ((st.updatedReplicas ?? 0) < want - partition) return { done: false, message: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${want - partition} new pods have been updated...\n` };
      return { done: true, message: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n` };
    }
    if (st.updateRevision !== st.currentRevision) return { done: false, message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n` };
    return { done: true, message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n` };
  }
  return { error: `no status viewer has been implemented for ${o.kind}` };
}

function status(k: Kctx, o: KubeObject, resource: string): ReturnType<Subcommand> {
  const first = rolloutStatus(o);
  if ('error' in first) return clientError(k, first.error);
  if (k.args.flags['watch'] === false || first.done) {
    k.out(first.message);
    return 0;
  }
  let last = '';
  const show = (s: Status, done: (code: number) => void) => {
    if ('error' in s) {
      k.err(`error: ${s.error}\n`);
      return done(1);
    }
    if (s.message !== last) k.out(s.message);
    last = s.message;
    if (s.done) done(0);
  };
  const timeout = k.args.flags['timeout'] ? parseDuration(String(k.args.flags['timeout'])) : undefined;
  return eventJob(
    k,
    (done) => {
      show(first, done);
      const r = k.api.watch(resource, { namespace: o.metadata.namespace, fieldSelector: `metadata.name=${o.metadata.name}`, resourceVersion: o.metadata.resourceVersion }, (e) => {
        if (e.type === 'DELETED') {
          k.err(`error: object has been deleted\n`);
          return done(1);
        }
        show(rolloutStatus(e.object), done);
      });
      return r.ok ? () => r.value.stop() : () => {};
    },
    timeout ? { timeoutMs: timeout, onTimeout: () => clientError(k, 'timed out waiting for the condition') } : {},
  );
}

/** The Deployment's ReplicaSets (GetAllReplicaSetsWithClient), oldest revision first; errors printed as a number. */
function ownedReplicaSets(k: Kctx, d: KubeObject): ReplicaSet[] | number {
  const r = k.api.list<ReplicaSet>('replicasets', d.metadata.namespace);
  if (!r.ok) return apiError(k, r.errors[0]);
  const rev = (rs: ReplicaSet) => Number(rs.metadata.annotations?.[REVISION] ?? 0);
  return r.value.items.filter((rs) => controllerRef(rs)?.uid === d.metadata.uid && rev(rs) > 0).sort((a, b) => rev(a) - rev(b));
}

/** A StatefulSet's ControllerRevisions, oldest revision first (statefulSetHistory: owned by the set). */
function ownedRevisions(k: Kctx, o: KubeObject): ControllerRevision[] | number {
  const r = k.api.list<ControllerRevision>('controllerrevisions', o.metadata.namespace);
  if (!r.ok) return apiError(k, r.errors[0]);
  return r.value.items.filter((cr) => controllerRef(cr)?.uid === o.metadata.uid).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
}

/** The pod template a revision's data restores (its `$patch: replace` marker dropped). */
function revisionTemplate(cr: ControllerRevision): PodTemplateSpec {
  const t = structuredClone(((cr.data ?? {}) as { spec?: { template?: PodTemplateSpec & { $patch?: string } } }).spec?.template ?? {}) as PodTemplateSpec & { $patch?: string };
  delete t.$patch;
  return t;
}

/** StatefulSetHistoryViewer (and DaemonSetHistoryViewer) with printHistory: REVISION and CHANGE-CAUSE from the ControllerRevisions, or one revision's template. */
function statefulSetHistory(k: Kctx, o: KubeObject): number {
  const crs = ownedRevisions(k, o);
  if (typeof crs === 'number') return crs;
  const want = k.args.flags['revision'] as number | undefined;
  if (want) {
    const cr = crs.find((x) => x.revision === want);
    if (!cr) return clientError(k, `unable to find the specified revision`);
    const t = revisionTemplate(cr);
    const w = new PrefixWriter();
    describePodTemplate(w, { ...t, metadata: { ...t.metadata, labels: t.metadata?.labels ?? {} } });
    k.out(`${objRef(o)} with revision #${want}\n${w.toString()}\n`);
    return 0;
  }
  const rows = ['REVISION\tCHANGE-CAUSE', ...crs.map((cr) => `${cr.revision}\t${cr.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>'}`)];
  k.out(`${objRef(o)} \n${tabwrite(rows.join('\n') + '\n', DESCRIBE_TABWRITER)}\n`);
  return 0;
}

/** StatefulSetRollbacker (and DaemonSetRollbacker, the same steps): the revision before the newest (or --to-revision) patched back onto the set. */
function undoStatefulSet(k: Kctx, o: KubeObject, toRevision: number, resource: string): string | { error: string } {
  const crs = ownedRevisions(k, o);
  if (typeof crs === 'number') return { error: '' };
  if (toRevision === 0 && crs.length <= 1) return { error: 'no last revision to roll back to' };
  const target = toRevision === 0 ? crs[crs.length - 2] : crs.find((cr) => cr.revision === toRevision);
  if (!target) return { error: `unable to find specified revision ${toRevision} in history` };
  const template = revisionTemplate(target);
  if (JSON.stringify(template) === JSON.stringify((o as unknown as { spec: { template: unknown } }).spec.template)) return `skipped rollback (current template already matches revision ${toRevision})`;
  // kubectl sends the revision's data as a strategic merge patch whose $patch: replace swaps the whole template in.
  const r = k.api.patch(resource, o.metadata.namespace, o.metadata.name, [{ op: 'replace', path: '/spec/template', value: template }], 'json');
  if (!r.ok) {
    apiError(k, r.errors[0]);
    return { error: '' };
  }
  return 'rolled back';
}

function history(k: Kctx, o: KubeObject): number {
  if (o.kind === 'StatefulSet' || o.kind === 'DaemonSet') return statefulSetHistory(k, o);
  if (o.kind !== 'Deployment') return clientError(k, `no history viewer has been implemented for ${o.kind}`);
  const rss = ownedReplicaSets(k, o);
  if (typeof rss === 'number') return rss;
  const want = k.args.flags['revision'] as number | undefined;
  if (want) {
    const rs = rss.find((x) => Number(x.metadata.annotations?.[REVISION]) === want);
    if (!rs) return clientError(k, `unable to find the specified revision`);
    const w = new PrefixWriter();
    describePodTemplate(w, { ...rs.spec.template, metadata: { ...rs.spec.template.metadata, labels: rs.spec.template.metadata?.labels ?? {} } });
    k.out(`${objRef(o)} with revision #${want}\n${w.toString()}\n`);
    return 0;
  }
  const rows = ['REVISION\tCHANGE-CAUSE', ...rss.map((rs) => `${rs.metadata.annotations?.[REVISION]}\t${rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>'}`)];
  k.out(`${objRef(o)} \n${tabwrite(rows.join('\n') + '\n', DESCRIBE_TABWRITER)}\n`);
  return 0;
}

/** annotationsToSkip in kubectl's rollback.go: kept from the Deployment, never copied from the ReplicaSet. */
const SKIP_ANNOTATIONS = [LAST_APPLIED, REVISION, 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to'];

const revisionOf = (rs: ReplicaSet) => {
  const v = rs.metadata.annotations?.[REVISION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
};

/**
 * kubectl's DeploymentRollbacker (polymorphichelpers/rollback.go): read the
 * Deployment's ReplicaSets, pick the revision, and PATCH the Deployment with
 * that ReplicaSet's template and annotations (a JSON patch, as kubectl sends).
 */
function undo(k: Kctx, d: Deployment, toRevision: number): string | { error: string } {
  const name = d.metadata.name;
  if (d.spec.paused) return { error: `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again` };
  const rss = ownedReplicaSets(k, d);
  if (typeof rss === 'number') return { error: '' };
  let target: ReplicaSet | undefined;
  if (toRevision > 0) {
    target = rss.find((rs) => revisionOf(rs) === toRevision);
    if (!target) return { error: `unable to find specified revision ${toRevision} in history` };
  } else {
    // The second newest revision (deploymentRevision with toRevision 0).
    target = rss.filter((rs) => revisionOf(rs) !== undefined).sort((a, b) => revisionOf(b)! - revisionOf(a)!)[1];
    if (!target) return { error: `no rollout history found for deployment "${name}"` };
  }
  if (equalIgnoreHash(target.spec.template, d.spec.template)) return `skipped rollback (current template already matches revision ${toRevision})`;
  const template = structuredClone(target.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels[HASH_LABEL];
  const annotations: Record<string, string> = {};
  for (const key of SKIP_ANNOTATIONS) if (d.metadata.annotations?.[key] !== undefined) annotations[key] = d.metadata.annotations[key]!;
  for (const [key, v] of Object.entries(target.metadata.annotations ?? {})) if (!SKIP_ANNOTATIONS.includes(key)) annotations[key] = v;
  const patch = [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
  const r = k.api.patch('deployments', d.metadata.namespace, name, patch, 'json');
  if (!r.ok) {
    apiError(k, r.errors[0]);
    return { error: '' };
  }
  return 'rolled back';
}

/**
 * kubectl's defaultObjectRestarter (polymorphichelpers/objectrestarter.go):
 * a strategic merge patch that stamps the pod template with restartedAt, so
 * the controller rolls out a new template.
 */
function restart(k: Kctx, o: KubeObject, resource: string): string | { error: string } {
  if (o.kind === 'Deployment' && (o as Deployment).spec.paused) return { error: `can't restart paused deployment (run rollout resume first)` };
  if (o.kind === 'DaemonSet' && (o as DaemonSet & { spec: { updateStrategy?: { type?: string } } }).spec.updateStrategy?.type === 'OnDelete')
    return { error: `can't restart daemonset with OnDelete strategy` };
  if (o.kind !== 'Deployment' && o.kind !== 'DaemonSet' && o.kind !== 'StatefulSet') return { error: `${objRef(o)} restarting is not supported` };
  const at = rfc3339(k.now());
  const current = (o as Deployment).spec.template?.metadata?.annotations?.[RESTARTED_AT];
  // An identical stamp makes an empty patch, which kubectl refuses.
  if (current === at) return { error: `failed to create patch for ${o.metadata.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another` };
  const patch = { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: at } } } } };
  const r = k.api.patch(resource, o.metadata.namespace, o.metadata.name, patch, 'strategic');
  if (!r.ok) {
    apiError(k, r.errors[0]);
    return { error: '' };
  }
  return 'restarted';
}

export const rollout: Subcommand = (k) => {
  const [sub, ...rest] = k.args.args;
  if (!sub) return clientError(k, 'Required resource not specified.');
  if (!['status', 'history', 'undo', 'restart', 'pause', 'resume'].includes(sub)) return clientError(k, `unknown command "${sub}" for "kubectl rollout"`);
  const objs = fetchNamed(k, `rollout ${sub}`, rest);
  if (typeof objs === 'number') return objs;
  const api = k.api;
  let code = 0;
  for (const { info, obj } of objs) {
    const ns = obj.metadata.namespace ?? k.ns;
    switch (sub) {
      case 'status':
        return status(k, obj, info.resource);
      case 'history':
        code = history(k, obj) || code;
        break;
      case 'undo':
      case 'restart': {
        if (sub === 'undo' && obj.kind !== 'Deployment' && obj.kind !== 'StatefulSet' && obj.kind !== 'DaemonSet') {
          code = clientError(k, `no rollbacker has been implemented for "${obj.kind}"`);
          break;
        }
        const to = Number(k.args.flags['to-revision'] ?? 0);
        const r = sub === 'undo' ? (obj.kind === 'StatefulSet' || obj.kind === 'DaemonSet' ? undoStatefulSet(k, obj, to, info.resource) : undo(k, obj as Deployment, to)) : restart(k, obj, info.resource);
        if (typeof r === 'string') k.out(`${objRef(obj)} ${r}${k.dry}\n`);
        else code = r.error ? clientError(k, r.error) : 1;
        break;
      }
      default: {
        const pause = sub === 'pause';
        const d = obj as Deployment;
        if (!!d.spec.paused === pause) {
          k.out(`${objRef(obj)} already ${pause ? 'paused' : 'resumed'}\n`);
          break;
        }
        const r = api.patch(info.resource, ns, obj.metadata.name, { spec: { paused: pause } }, 'merge');
        if (!r.ok) code = apiError(k, r.errors[0]);
        else k.out(`${objRef(obj)} ${pause ? 'paused' : 'resumed'}${k.dry}\n`);
      }
    }
  }
  k.flush();
  return code;
};
