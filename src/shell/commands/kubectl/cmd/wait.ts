/**
 * `kubectl wait --for=condition=Ready|Available[=value] | --for=delete`:
 * a Job that ends when every named object meets the condition
 * (`pod/web condition met`) or at --timeout (30s by default).
 */
import type { KubeObject } from '../../../../sim/k8s/api/types.ts';
import { apiError, clientError, eventJob, fetchNamed, objRef, parseDuration, type Subcommand } from './context.ts';

type Cond = { kind: 'delete' } | { kind: 'condition'; type: string; value: string };

export function parseFor(s: string): Cond | string {
  if (s === 'delete') return { kind: 'delete' };
  if (s.startsWith('condition=')) {
    const [type, value] = s.slice('condition='.length).split('=');
    if (!type) return 'condition name must be specified';
    return { kind: 'condition', type, value: value ?? 'true' };
  }
  return `unrecognized condition: "${s}"`;
}

export function conditionMet(o: KubeObject, c: Extract<Cond, { kind: 'condition' }>): boolean {
  const conds = (o as { status?: { conditions?: { type: string; status: string }[] } }).status?.conditions ?? [];
  return conds.some((x) => x.type.toLowerCase() === c.type.toLowerCase() && x.status.toLowerCase() === c.value.toLowerCase());
}

export const wait: Subcommand = (k) => {
  const forFlag = k.args.flags['for'] as string | undefined;
  if (!forFlag) return clientError(k, '--for must be specified');
  const cond = parseFor(forFlag);
  if (typeof cond === 'string') return clientError(k, cond);
  const timeoutText = (k.args.flags['timeout'] as string | undefined) ?? '30s';
  const timeout = parseDuration(timeoutText);
  if (timeout === undefined) return clientError(k, `invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`);
  const objs = fetchNamed(k, 'wait');
  if (typeof objs === 'number') return cond.kind === 'delete' ? 0 : objs;
  if (!objs.length) return clientError(k, 'no matching resources found');
  const pending = new Map(objs.map(({ info, obj }) => [obj.metadata.uid ?? '', { info, obj }]));
  const met = (uid: string) => {
    const p = pending.get(uid);
    if (!p) return;
    pending.delete(uid);
    k.out(`${objRef(p.obj)} condition met\n`);
  };
  return eventJob(
    k,
    (done) => {
      const check = (o: KubeObject, deleted: boolean) => {
        const uid = o.metadata.uid ?? '';
        if (!pending.has(uid)) return;
        if (cond.kind === 'delete' ? deleted : !deleted && conditionMet(o, cond)) met(uid);
        if (!pending.size) done(0);
      };
      for (const { obj } of [...pending.values()]) check(obj, false);
      if (!pending.size) return () => {};
      const stops = [...new Set([...pending.values()].map((p) => p.info.resource))].map((res) => {
        const r = k.api.watch(res, {}, (e) => check(e.object, e.type === 'DELETED'));
        if (!r.ok) apiError(k, r.errors[0]);
        return r.ok ? () => r.value.stop() : () => {};
      });
      return () => stops.forEach((s) => s());
    },
    {
      timeoutMs: timeout,
      onTimeout: () => {
        const first = [...pending.values()][0]!;
        return clientError(k, `timed out waiting for the condition on ${first.info.resource}/${first.obj.metadata.name}`);
      },
    },
  );
};
