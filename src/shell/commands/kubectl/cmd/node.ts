/**
 * Node commands: cordon/uncordon (spec.unschedulable), taint, and drain
 * (cordon, then evict every pod but mirror and DaemonSet pods, waiting until
 * they are gone, as `kubectl drain` does).
 */
import type { KubeObject, Node, Pod, Taint } from '../../../../sim/k8s/api/types.ts';
import { controllerRef } from '../../../../sim/k8s/api/meta.ts';
import { apiError, clientError, eventJob, fetchNamed, objRef, type Kctx, type Subcommand } from './context.ts';
import { parseTaint } from './taintspec.ts';

function nodes(k: Kctx, verb: string): Node[] | number {
  const args = k.args.args;
  if (!args.length && !k.args.selector) return clientError(k, 'resource(s) were provided, but no name was specified');
  // Node commands take bare node names; `node/NAME` works too.
  const r = fetchNamed(k, verb, args.length ? args.map((a) => (a.includes('/') ? a : `node/${a}`)) : ['nodes']);
  return typeof r === 'number' ? r : r.map((x) => x.obj as Node);
}

function setUnschedulable(k: Kctx, n: Node, on: boolean): number {
  const word = on ? 'cordoned' : 'uncordoned';
  if (!!n.spec?.unschedulable === on) {
    k.out(`${objRef(n)} already ${word}\n`);
    return 0;
  }
  const r = k.api.patch('nodes', undefined, n.metadata.name, { spec: { unschedulable: on ? true : null } }, 'merge');
  if (!r.ok) return apiError(k, r.errors[0]);
  k.out(`${objRef(n)} ${word}${k.dry}\n`);
  return 0;
}

const cordonCmd =
  (on: boolean): Subcommand =>
  (k) => {
    const ns = nodes(k, on ? 'cordon' : 'uncordon');
    if (typeof ns === 'number') return ns;
    let code = 0;
    for (const n of ns) code = setUnschedulable(k, n, on) || code;
    k.flush();
    return code;
  };

export const cordon = cordonCmd(true);
export const uncordon = cordonCmd(false);

export const drain: Subcommand = (k) => {
  const ns = nodes(k, 'drain');
  if (typeof ns === 'number') return ns;
  const node = ns[0];
  if (!node) return 1;
  const code = setUnschedulable(k, node, true);
  if (code) return code;
  const r = k.api.list<Pod>('pods', undefined, { fieldSelector: `spec.nodeName=${node.metadata.name}` });
  if (!r.ok) return apiError(k, r.errors[0]);
  const pods = r.value.items.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const key = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;
  const daemon = pods.filter((p) => controllerRef(p)?.kind === 'DaemonSet');
  const bare = pods.filter((p) => !controllerRef(p));
  const problems: string[] = [];
  if (daemon.length && k.args.flags['ignore-daemonsets'] !== true) problems.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.map(key).join(', ')}`);
  if (bare.length && !k.args.force) problems.push(`cannot delete Pods that declare no controller (use --force to override): ${bare.map(key).join(', ')}`);
  if (problems.length) {
    k.err(`error: unable to drain node "${node.metadata.name}" due to error: ${problems.join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${node.metadata.name}\n${problems.map((p) => `${p}\n`).join('')}`);
    k.flush();
    return 1;
  }
  const warnings: string[] = [];
  if (bare.length) warnings.push(`deleting Pods that declare no controller: ${bare.map(key).join(', ')}`);
  if (daemon.length) warnings.push(`ignoring DaemonSet-managed Pods: ${daemon.map(key).join(', ')}`);
  if (warnings.length) k.err(`Warning: ${warnings.join('; ')}\n`);
  const victims = pods.filter((p) => !daemon.includes(p));
  const grace = k.args.gracePeriod !== undefined && k.args.gracePeriod >= 0 ? { gracePeriodSeconds: k.args.gracePeriod } : {};
  const left = new Map<string, KubeObject>();
  for (const p of victims) {
    k.out(`evicting pod ${key(p)}\n`);
    const d = k.api.delete('pods', p.metadata.namespace, p.metadata.name, grace);
    if (!d.ok) {
      if (d.errors[0].code !== 'NotFound') apiError(k, d.errors[0]);
      continue;
    }
    left.set(p.metadata.uid ?? '', d.value);
  }
  k.flush();
  const finish = () => k.out(`${objRef(node)} drained${k.dry}\n`);
  return eventJob(k, (done) => {
    for (const [uid, p] of left) {
      const g = k.api.get('pods', p.metadata.namespace, p.metadata.name);
      if (!g.ok || g.value.metadata.uid !== uid) {
        k.out(`pod/${p.metadata.name} evicted\n`);
        left.delete(uid);
      }
    }
    if (!left.size) {
      finish();
      done(0);
      return () => {};
    }
    const w = k.api.watch<Pod>('pods', {}, (e) => {
      const p = left.get(e.object.metadata.uid ?? '');
      if (e.type !== 'DELETED' || !p) return;
      left.delete(e.object.metadata.uid ?? '');
      k.out(`pod/${p.metadata.name} evicted\n`);
      if (!left.size) {
        finish();
        done(0);
      }
    });
    return w.ok ? () => w.value.stop() : () => {};
  });
};

export const taint: Subcommand = (k) => {
  const specs = k.args.args.filter((a) => a.includes(':') || a.includes('=') || a.endsWith('-'));
  const resArgs = k.args.args.filter((a) => !specs.includes(a));
  if (!specs.length) return clientError(k, 'at least one taint update is required');
  const add: Taint[] = [];
  const remove: { key: string; effect?: string }[] = [];
  // parseTaints (kubectl/pkg/cmd/taint/utils.go): `key[=value]:effect` adds, `key[:effect]-` removes.
  for (const s of specs) {
    const removing = s.endsWith('-');
    const p = parseTaint(removing ? s.slice(0, -1) : s);
    if (!p.ok) return clientError(k, p.error);
    if (removing) {
      remove.push({ key: p.taint.key, ...(p.taint.effect ? { effect: p.taint.effect } : {}) });
      continue;
    }
    // An added taint needs its effect.
    if (!p.taint.effect) return clientError(k, `invalid taint spec: ${s}`);
    add.push({ key: p.taint.key, ...(p.taint.value !== undefined ? { value: p.taint.value } : {}), effect: p.taint.effect });
  }
  const args = resArgs[0] === 'nodes' || resArgs[0] === 'node' || resArgs[0] === 'no' ? resArgs : ['nodes', ...resArgs];
  const objs = fetchNamed(k, 'taint', args);
  if (typeof objs === 'number') return objs;
  let code = 0;
  for (const { obj } of objs) {
    const n = obj as Node;
    let taints = [...(n.spec?.taints ?? [])];
    const clash = add.filter((t) => taints.some((x) => x.key === t.key && x.effect === t.effect));
    if (clash.length && k.args.flags['overwrite'] !== true) {
      code = clientError(k, `node ${n.metadata.name} already has ${clash.map((t) => t.key).join(',')} taint(s) with same effect(s) and --overwrite is false`);
      continue;
    }
    for (const r of remove) {
      const before = taints.length;
      taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
      if (taints.length === before) {
        code = clientError(k, `taint "${r.key}${r.effect ? `:${r.effect}` : ''}" not found`);
      }
    }
    if (code) continue;
    taints = [...taints.filter((t) => !add.some((a) => a.key === t.key && a.effect === t.effect)), ...add];
    const r = k.api.patch('nodes', undefined, n.metadata.name, { spec: { taints: taints.length ? taints : null } }, 'merge');
    if (!r.ok) code = apiError(k, r.errors[0]);
    else k.out(`${objRef(n)} ${add.length ? 'tainted' : 'untainted'}${k.dry}\n`);
  }
  k.flush();
  return code;
};
