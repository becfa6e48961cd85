/**
 * `kubectl rollout status|history|undo|restart|pause|resume`. status is a Job
 * that prints kubectl's status viewer line each time it changes and ends with
 * `deployment "web" successfully rolled out`.
 */
import type { DaemonSet, Deployment, KubeObject, ReplicaSet } from '../../../../sim/k8s/api/types.ts';
import { controllerClient } from '../../../../sim/k8s/adapters/controllers.ts';
import { REVISION, restartDeployment, rollbackDeployment } from '../../../../sim/k8s/controllers/index.ts';
import { controllerRef } from '../../../../sim/k8s/controllers/util.ts';
import { EventRecorder } from '../../../../sim/k8s/events.ts';
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

function ownedReplicaSets(k: Kctx, d: KubeObject): ReplicaSet[] {
  const r = k.api.list<ReplicaSet>('replicasets', d.metadata.namespace);
  const rev = (rs: ReplicaSet) => Number(rs.metadata.annotations?.[REVISION] ?? 0);
  return (r.ok ? r.value.items : []).filter((rs) => controllerRef(rs)?.uid === d.metadata.uid && rev(rs) > 0).sort((a, b) => rev(a) - rev(b));
}

function history(k: Kctx, o: KubeObject): number {
  if (o.kind !== 'Deployment') return clientError(k, `no history viewer has been implemented for ${o.kind}`);
  const rss = ownedReplicaSets(k, o);
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

export const rollout: Subcommand = (k) => {
  const [sub, ...rest] = k.args.args;
  if (!sub) return clientError(k, 'Required resource not specified.');
  if (!['status', 'history', 'undo', 'restart', 'pause', 'resume'].includes(sub)) return clientError(k, `unknown command "${sub}" for "kubectl rollout"`);
  const objs = fetchNamed(k, `rollout ${sub}`, rest);
  if (typeof objs === 'number') return objs;
  const api = k.api;
  const client = controllerClient(api, new EventRecorder(k.ctx.world, api));
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
        if (obj.kind !== 'Deployment') {
          code = clientError(k, sub === 'undo' ? `no rollbacker has been implemented for "${obj.kind}"` : `${objRef(obj)} ${'restarting is not supported'}`);
          break;
        }
        const r = sub === 'undo' ? rollbackDeployment(client, ns, obj.metadata.name, k.args.flags['to-revision'] as number | undefined) : restartDeployment(client, ns, obj.metadata.name, k.now());
        if (!r.ok) code = clientError(k, r.status.message);
        else k.out(`${objRef(obj)} ${r.value}\n`);
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
        else k.out(`${objRef(obj)} ${pause ? 'paused' : 'resumed'}\n`);
      }
    }
  }
  k.flush();
  return code;
};
