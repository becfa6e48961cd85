import type { KubeObject } from '../api/types.ts';

/**
 * Label selectors (`app=web,tier!=db,env in (a,b),!canary`) and field
 * selectors (`spec.nodeName=kind-worker`), parsed once and matched many times.
 */
export {
  matchesRequirements,
  parseLabelSelector,
  selectorRequirements,
  selectorString,
  type ParseResult,
  type Requirement,
} from '../api/labels.ts';
import type { ParseResult } from '../api/labels.ts';

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
