/**
 * `kubectl delete`: by name, TYPE/NAME, -f, -l, --all; --grace-period, --now,
 * --force. Like kubectl (--wait defaults to true) it returns only when the
 * objects are gone: a graceful pod deletion becomes a Job that ends when the
 * kubelet has stopped the pod and the object disappears.
 */
import type { KubeObject } from '../../../../sim/k8s/api/types.ts';
import type { DeleteOptions } from '../../../../sim/k8s/apiserver/index.ts';
import { kindPrefix, resourceForKind } from '../resources.ts';
import { apiError, clientError, eventJob, loadManifests, nsFor, targets, type Kctx, type Subcommand } from './context.ts';

const FORCE_WARNING = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

interface Victim {
  resource: string;
  namespace: string | undefined;
  name: string;
}

export const del: Subcommand = (k) => {
  let grace = k.args.gracePeriod;
  if (k.args.flags['now'] === true) {
    if (grace !== undefined && grace !== -1) return clientError(k, '--now and --grace-period cannot be specified together');
    grace = 1;
  }
  // --grace-period=0 without --force means 1 (kubectl guards against accidental data loss); --force alone means 0.
  if (grace === 0 && !k.args.force) grace = 1;
  if (k.args.force && (grace === undefined || grace < 0)) grace = 0;
  const victims: Victim[] = [];
  let failed = false;
  if (k.args.filenames.length) {
    const loaded = loadManifests(k);
    if (loaded.fatal) return 1;
    failed = loaded.failed;
    for (const { obj } of loaded.objects) {
      const info = resourceForKind(obj.kind);
      victims.push({ resource: info?.resource ?? obj.kind.toLowerCase(), namespace: info && !info.namespaced ? undefined : obj.metadata.namespace || k.ns, name: obj.metadata.name });
    }
  } else {
    const ts = targets(k, 'delete');
    if (typeof ts === 'number') return ts;
    const all = k.args.flags['all'] === true;
    for (const t of ts) {
      if (t.names.length) {
        if (all || k.args.selector) return clientError(k, 'name cannot be provided when a selector is specified');
        for (const name of t.names) victims.push({ resource: t.resource.resource, namespace: nsFor(k, t.resource), name });
        continue;
      }
      if (!all && !k.args.selector && !k.args.fieldSelector) return clientError(k, 'resource(s) were provided, but no name was specified');
      const r = k.api.list(t.resource.resource, nsFor(k, t.resource, true), { labelSelector: k.args.selector, fieldSelector: k.args.fieldSelector });
      if (!r.ok) return apiError(k, r.errors[0]);
      for (const o of r.value.items) victims.push({ resource: t.resource.resource, namespace: o.metadata.namespace, name: o.metadata.name });
    }
    if (!victims.length && !ts.some((t) => t.names.length)) {
      k.err('No resources found\n');
      return 0;
    }
  }
  if (grace === 0 && k.args.force) k.err(FORCE_WARNING);
  const opts: DeleteOptions = grace !== undefined && grace >= 0 ? { gracePeriodSeconds: grace } : {};
  const pending: KubeObject[] = [];
  for (const v of victims) {
    const r = k.api.delete(v.resource, v.namespace, v.name, opts);
    if (!r.ok) {
      if (r.errors[0].code === 'NotFound' && k.args.flags['ignore-not-found'] === true) continue;
      failed = apiError(k, r.errors[0]) > 0;
      continue;
    }
    const o = r.value;
    k.out(`${kindPrefix(o.kind, o.apiVersion)} "${o.metadata.name}" ${k.args.force && grace === 0 ? 'force deleted' : 'deleted'}${k.dry}\n`);
    if (o.metadata.deletionTimestamp) pending.push(o);
  }
  k.flush();
  const code = failed ? 1 : 0;
  if (!pending.length || k.args.flags['wait'] === false) return code;
  return waitGone(k, pending, code);
};

/** Ends when every pending object is gone (DELETED, or a new object under the name). */
function waitGone(k: Kctx, pending: KubeObject[], code: number): ReturnType<Subcommand> {
  const left = new Set(pending.map((o) => o.metadata.uid));
  const gone = (o: KubeObject) => {
    const info = resourceForKind(o.kind);
    const r = k.api.get(info?.resource ?? '', o.metadata.namespace, o.metadata.name);
    return !r.ok || r.value.metadata.uid !== o.metadata.uid;
  };
  return eventJob(k, (done) => {
    for (const o of pending) if (gone(o)) left.delete(o.metadata.uid);
    if (!left.size) {
      done(code);
      return () => {};
    }
    const stops = [...new Set(pending.map((o) => resourceForKind(o.kind)?.resource ?? ''))].map((res) => {
      const r = k.api.watch(res, {}, (e) => {
        if (e.type !== 'DELETED' || !left.has(e.object.metadata.uid)) return;
        left.delete(e.object.metadata.uid);
        if (!left.size) done(code);
      });
      return r.ok ? () => r.value.stop() : () => {};
    });
    return () => stops.forEach((s) => s());
  });
}
