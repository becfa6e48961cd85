/**
 * Label selectors, one implementation for every actor (API server list
 * filters, controllers, the scheduler, kubectl), with the upstream rules:
 *
 * - a `metav1.LabelSelector` (ReplicaSet, Deployment, Job, affinity terms,
 *   topology spread) goes through LabelSelectorAsSelector: nil selects
 *   nothing, an empty one (`{}`) selects everything
 *   (apimachinery/pkg/apis/meta/v1/helpers.go);
 * - a Service's plain map selector: absent or empty means "no selector", and
 *   the endpoint controllers give such a Service no endpoints
 *   (pkg/controller/endpointslice: `if service.Spec.Selector == nil`; an empty
 *   map does not survive the protobuf round trip through etcd);
 * - a plain map used as a set (nodeSelector) is labels.SelectorFromSet: empty
 *   matches everything;
 * - the string form (`app=web,tier!=db,env in (a,b),!canary`) is labels.Parse.
 */
import type { LabelSelector, Labels } from './types.ts';

export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

/** A parsed selector: a list of requirements (all must hold), or `nothing` (labels.Nothing()). */
export type Selector = { nothing: true } | { nothing: false; requirements: Requirement[] };

export const NOTHING: Selector = { nothing: true };
export const EVERYTHING: Selector = { nothing: false, requirements: [] };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Requirement.Matches for each operator. */
function requirementMatches(r: Requirement, l: Labels): boolean {
  const has = Object.hasOwn(l, r.key);
  switch (r.op) {
    case 'exists':
      return has;
    case '!exists':
      return !has;
    case 'in':
      return has && r.values.includes(l[r.key]!);
    case 'notin':
      return !has || !r.values.includes(l[r.key]!);
  }
}

export function matches(sel: Selector, labels: Labels | undefined): boolean {
  if (sel.nothing) return false;
  const l = labels ?? {};
  return sel.requirements.every((r) => requirementMatches(r, l));
}

/** The requirements of a LabelSelector object, matchLabels first (no nil/empty rule applied). */
export function selectorRequirements(sel: LabelSelector | undefined): Requirement[] {
  const reqs: Requirement[] = [];
  for (const [key, v] of Object.entries(sel?.matchLabels ?? {})) reqs.push({ key, op: 'in', values: [v] });
  for (const e of sel?.matchExpressions ?? []) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!exists' } as const)[e.operator];
    // An unknown operator makes LabelSelectorAsSelector fail; callers then select nothing (`in ()` never holds).
    if (!op) return [{ key: e.key, op: 'in', values: [] }];
    reqs.push(op === 'in' || op === 'notin' ? { key: e.key, op, values: e.values ?? [] } : { key: e.key, op });
  }
  return reqs;
}

/** metav1.LabelSelectorAsSelector: nil selects nothing, `{}` everything. */
export function labelSelectorAsSelector(sel: LabelSelector | undefined | null): Selector {
  if (!sel) return NOTHING;
  return { nothing: false, requirements: selectorRequirements(sel) };
}

/** labels.SelectorFromSet: every pair must match; an empty or absent set matches everything. */
export function selectorFromSet(set: Labels | undefined | null): Selector & { nothing: false } {
  return { nothing: false, requirements: Object.entries(set ?? {}).map(([key, v]) => ({ key, op: 'in', values: [v] })) };
}

/** A Service's spec.selector: absent or empty means no selector, which selects no pods. */
export function serviceSelector(set: Labels | undefined | null): Selector {
  return !set || Object.keys(set).length === 0 ? NOTHING : selectorFromSet(set);
}

/** Shorthand: does this LabelSelector (with the nil/empty rule) select these labels? */
export const labelSelectorMatches = (sel: LabelSelector | undefined | null, labels: Labels | undefined): boolean => matches(labelSelectorAsSelector(sel), labels);

/** Shorthand: does this Service's selector select a pod with these labels? */
export const serviceSelects = (set: Labels | undefined | null, labels: Labels | undefined): boolean => matches(serviceSelector(set), labels);

/** labels.Selector.Empty(): a present selector with no requirements (it matches everything). */
export const selectorIsEmpty = (sel: LabelSelector | undefined | null): boolean =>
  !!sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;

/** Selector.String(): `app=web,tier in (a,b),!canary`, as kubectl and Scale.status.selector print it. */
export function selectorString(sel: LabelSelector | undefined): string {
  return requirementsString(selectorRequirements(sel));
}

export function requirementsString(reqs: Requirement[]): string {
  return reqs
    .map((r) => {
      if (r.op !== 'in' && r.op !== 'notin') return r.op === 'exists' ? r.key : `!${r.key}`;
      if (r.values.length === 1 && r.op === 'in') return `${r.key}=${r.values[0]}`;
      return `${r.key} ${r.op} (${r.values.join(',')})`;
    })
    .join(',');
}

/** labels.Parse: the string form, as in `kubectl get -l` and the labelSelector list option. An empty string selects everything. */
export function parseSelector(text: string): ParseResult<Selector> {
  const r = parseLabelSelector(text);
  return r.ok ? { ok: true, value: { nothing: false, requirements: r.value } } : r;
}

export function parseLabelSelector(text: string): ParseResult<Requirement[]> {
  const reqs: Requirement[] = [];
  const s = text.trim();
  if (!s) return { ok: true, value: reqs };
  let i = 0;
  const ws = () => {
    while (s[i] === ' ') i++;
  };
  const word = () => {
    ws();
    const m = /^[A-Za-z0-9_./-]*/.exec(s.slice(i))![0];
    i += m.length;
    return m;
  };
  for (;;) {
    ws();
    if (s[i] === '!') {
      i++;
      const key = word();
      if (!key) return { ok: false, message: `unable to parse requirement: found '${s.slice(i, i + 1)}', expected: identifier` };
      reqs.push({ key, op: '!exists' });
    } else {
      const key = word();
      if (!key) return { ok: false, message: `unable to parse requirement: found '${s.slice(i, i + 1) || 'EOF'}', expected: !, identifier, or 'end of string'` };
      ws();
      const rest = s.slice(i);
      const op = /^(==|!=|=|notin\b|in\b)/.exec(rest)?.[0];
      if (!op) {
        reqs.push({ key, op: 'exists' });
      } else if (op === 'in' || op === 'notin') {
        i += op.length;
        ws();
        if (s[i] !== '(') return { ok: false, message: `unable to parse requirement: found '${s[i] ?? 'EOF'}', expected: '('` };
        const close = s.indexOf(')', i);
        if (close < 0) return { ok: false, message: "unable to parse requirement: found 'EOF', expected: ')'" };
        const values = s.slice(i + 1, close).split(',').map((v) => v.trim());
        i = close + 1;
        reqs.push({ key, op, values });
      } else {
        i += op.length;
        const value = word();
        reqs.push({ key, op: op === '!=' ? 'notin' : 'in', values: [value] });
      }
    }
    ws();
    if (i >= s.length) break;
    if (s[i] !== ',') return { ok: false, message: `unable to parse requirement: found '${s[i]}', expected: ',' or 'end of string'` };
    i++;
  }
  return { ok: true, value: reqs };
}

export function matchesRequirements(labels: Labels | undefined, reqs: Requirement[]): boolean {
  return matches({ nothing: false, requirements: reqs }, labels);
}
