/**
 * NodeAffinity: spec.nodeSelector and required node affinity must match the
 * node's labels (Filter); each matching preferred term adds its weight (Score).
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../api/types.ts';
import {
  defaultNormalizeScore,
  MAX_NODE_SCORE,
  SUCCESS,
  unresolvable,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type ScorePlugin,
  type Status,
} from '../framework.ts';

export const NAME = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

/** Go's strconv.ParseInt: optional sign and decimal digits only. */
const parseIntStrict = (s: string): number | undefined => (/^[+-]?\d+$/.test(s) ? Number(s) : undefined);

/** One requirement against a set of labels (or fields); invalid requirements match nothing. */
export function requirementMatches(req: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const values = req.values ?? [];
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  switch (req.operator) {
    case 'In':
      return values.length > 0 && has && values.includes(value!);
    case 'NotIn':
      return values.length > 0 && !(has && values.includes(value!));
    case 'Exists':
      return values.length === 0 && has;
    case 'DoesNotExist':
      return values.length === 0 && !has;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !has) return false;
      const want = parseIntStrict(values[0]!);
      const got = parseIntStrict(value!);
      if (want === undefined || got === undefined) return false;
      return req.operator === 'Gt' ? got > want : got < want;
    }
    default:
      return false;
  }
}

/** A term ANDs its expressions and fields; an empty term matches no node. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  // Only metadata.name is a supported field, and only with In/NotIn.
  const fieldOk = (r: NodeSelectorRequirement) => r.key === 'metadata.name' && (r.operator === 'In' || r.operator === 'NotIn') && requirementMatches(r, { 'metadata.name': node.metadata.name });
  return exprs.every((r) => requirementMatches(r, labels)) && fields.every(fieldOk);
}

/** Terms are ORed. */
export const anyTermMatches = (terms: readonly NodeSelectorTerm[], node: Node): boolean => terms.some((t) => termMatches(t, node));

/** nodeSelector and required affinity together, as the Filter applies them. */
export function requiredNodeAffinityMatches(pod: Pod, node: Node): boolean {
  const selector = pod.spec.nodeSelector;
  // Runs for every node of every cycle: no entries array per node, and the node's labels are read only if the pod asks.
  if (selector) {
    const labels = node.metadata.labels ?? {};
    for (const k of Object.keys(selector)) if (labels[k] !== selector[k]) return false;
  }
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return !required || anyTermMatches(required.nodeSelectorTerms, node);
}

export const nodeAffinity: FilterPlugin & ScorePlugin = {
  name: NAME,
  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    return requiredNodeAffinityMatches(pod, nodeInfo.node) ? SUCCESS : unresolvable(ERR_REASON_POD);
  },
  score(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    let sum = 0;
    for (const p of pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (p.weight !== 0 && termMatches(p.preference, nodeInfo.node)) sum += p.weight;
    }
    return sum;
  },
  normalizeScore(_state: CycleState, _pod: Pod, scores: number[]): number[] {
    return defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  },
};
