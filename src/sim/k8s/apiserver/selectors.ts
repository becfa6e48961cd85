import type { KubeObject, LabelSelector, Labels } from '../api/types.ts';

/**
 * Label selectors (`app=web,tier!=db,env in (a,b),!canary`) and field
 * selectors (`spec.nodeName=worker-1`), parsed once and matched many times.
 */
export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

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
  const l = labels ?? {};
  return reqs.every((r) => {
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
  });
}

/** A LabelSelector object (Deployment, ReplicaSet...) as requirements. */
export function selectorRequirements(sel: LabelSelector | undefined): Requirement[] {
  const reqs: Requirement[] = [];
  for (const [key, v] of Object.entries(sel?.matchLabels ?? {})) reqs.push({ key, op: 'in', values: [v] });
  for (const e of sel?.matchExpressions ?? []) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!exists' } as const)[e.operator];
    reqs.push(op === 'in' || op === 'notin' ? { key: e.key, op, values: e.values ?? [] } : { key: e.key, op });
  }
  return reqs;
}

/** kubectl's way to print a LabelSelector, e.g. for Scale.status.selector: `app=web,tier in (a,b)`. */
export function selectorString(sel: LabelSelector | undefined): string {
  return selectorRequirements(sel)
    .map((r) => {
      if (r.op !== 'in' && r.op !== 'notin') return r.op === 'exists' ? r.key : `!${r.key}`;
      if (r.values.length === 1 && r.op === 'in') return `${r.key}=${r.values[0]}`;
      return `${r.key} ${r.op} (${r.values.join(',')})`;
    })
    .join(',');
}

export interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

/** Every kind supports these two; kinds add their own (spec.nodeName, status.phase...). */
export const COMMON_FIELDS: Record<string, (o: KubeObject) => string> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};

export function parseFieldSelector(text: string, fields: Record<string, (o: KubeObject) => string>): ParseResult<FieldRequirement[]> {
  const out: FieldRequirement[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([^=!]+?)\s*(==|!=|=)\s*(.*)$/.exec(part);
    if (!m) return { ok: false, message: `invalid selector: '${text}'; can't understand '${part}'` };
    const field = m[1]!;
    if (!fields[field]) return { ok: false, message: `field label not supported: ${field}` };
    out.push({ field, value: m[3]!, negate: m[2] === '!=' });
  }
  return { ok: true, value: out };
}

export function matchesFields(o: KubeObject, reqs: FieldRequirement[], fields: Record<string, (o: KubeObject) => string>): boolean {
  return reqs.every((r) => (fields[r.field]!(o) === r.value) !== r.negate);
}
