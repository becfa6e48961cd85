/**
 * PodTopologySpread: a pod's topologySpreadConstraints keep matching pods
 * evenly spread over topology domains (nodes, zones…). DoNotSchedule
 * constraints filter: placing the pod must not make its domain exceed the
 * emptiest eligible domain by more than maxSkew. ScheduleAnyway constraints,
 * and for pods without constraints the system defaults (hostname maxSkew 3,
 * zone maxSkew 5), score: fewer matching pods in a node's domains is better.
 *
 * Simplifications, as the scheduler here has no Service or ReplicaSet
 * informers: the system defaults apply to pods whose controller is a
 * ReplicaSet, StatefulSet or ReplicationController, and select the pods that
 * carry all of the pod's labels (its siblings: same template, same
 * pod-template-hash), not the union of Service and owner selectors.
 * minDomains, matchLabelKeys and nodeTaintsPolicy: Honor are not modelled;
 * nodeAffinityPolicy is always its default, Honor.
 */
import type { LabelSelector, Node, Pod, TopologySpreadConstraint } from '../../api/types.ts';
import {
  ALL_NODES_KEY,
  MAX_NODE_SCORE,
  SKIP,
  SUCCESS,
  unresolvable,
  unschedulable,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
  type Status,
} from '../framework.ts';
import { requiredNodeAffinityMatches } from './node-affinity.ts';
import { labelSelectorMatches as selectorMatches, selectorIsEmpty } from '../../api/labels.ts';

export const NAME = 'PodTopologySpread';
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

/** Go's math.MaxInt32: the minimum of a key with no eligible domain, so nothing is skewed against it. */
const MAX_INT32 = 2 ** 31 - 1;

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector | undefined;
}

const SPREAD_OWNER_KINDS = new Set(['ReplicaSet', 'StatefulSet', 'ReplicationController']);

/**
 * The selector the system default constraints spread by (helper.DefaultSelector,
 * simplified): the pod's own labels when a ReplicaSet/StatefulSet/RC controls
 * it; undefined otherwise (no default spreading).
 */
export function defaultSelector(pod: Pod): LabelSelector | undefined {
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
  if (!owner || !SPREAD_OWNER_KINDS.has(owner.kind)) return undefined;
  const labels = pod.metadata.labels ?? {};
  return Object.keys(labels).length ? { matchLabels: { ...labels } } : undefined;
}

/** The pod's constraints with the given action, or (without any) the system defaults. */
export function constraintsFor(pod: Pod, action: TopologySpreadConstraint['whenUnsatisfiable']): Constraint[] {
  const own = pod.spec.topologySpreadConstraints ?? [];
  if (own.length) {
    return own.filter((c) => c.whenUnsatisfiable === action).map((c) => ({ maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector: c.labelSelector }));
  }
  const defaults = SYSTEM_DEFAULT_CONSTRAINTS.filter((c) => c.whenUnsatisfiable === action);
  if (!defaults.length) return [];
  const selector = defaultSelector(pod);
  if (!selector || selectorIsEmpty(selector)) return [];
  return defaults.map((c) => ({ maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector }));
}

/** Matching pods of the namespace on a node; terminating pods and empty selectors count nothing. */
export function countPodsMatchSelector(pods: readonly Pod[], selector: LabelSelector | undefined, namespace: string): number {
  if (!selector || selectorIsEmpty(selector)) return 0;
  let n = 0;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp || (p.metadata.namespace ?? 'default') !== namespace) continue;
    if (selectorMatches(selector, p.metadata.labels)) n++;
  }
  return n;
}

const hasAllKeys = (node: Node, constraints: readonly Constraint[]): boolean => {
  const labels = node.metadata.labels ?? {};
  return constraints.every((c) => Object.hasOwn(labels, c.topologyKey));
};

const nsOf = (pod: Pod): string => pod.metadata.namespace ?? 'default';

// ---------- Filter ----------

export interface PreFilterState {
  constraints: Constraint[];
  /** Per constraint: matching pods per topology value, over eligible domains only. */
  matchNum: Map<string, number>[];
  /** Per constraint: the smallest count among its domains (the global minimum). */
  minMatchNum: number[];
}

const PRE_FILTER_KEY = 'PreFilter' + NAME;

export function preFilterState(pod: Pod, nodes: readonly NodeInfo[]): PreFilterState {
  const constraints = constraintsFor(pod, 'DoNotSchedule');
  // No hard constraint: nothing to count (a walk over every node per pod before).
  if (constraints.length === 0) return { constraints, matchNum: [], minMatchNum: [] };
  const matchNum = constraints.map(() => new Map<string, number>());
  for (const info of nodes) {
    const labels = info.node.metadata.labels ?? {};
    // nodeAffinityPolicy: Honor (the default): nodes the pod could not go to are no domain.
    if (!requiredNodeAffinityMatches(pod, info.node)) continue;
    if (!hasAllKeys(info.node, constraints)) continue;
    constraints.forEach((c, i) => {
      const value = labels[c.topologyKey]!;
      const m = matchNum[i]!;
      m.set(value, (m.get(value) ?? 0) + countPodsMatchSelector(info.pods, c.selector, nsOf(pod)));
    });
  }
  const minMatchNum = matchNum.map((m) => (m.size ? Math.min(...m.values()) : MAX_INT32));
  return { constraints, matchNum, minMatchNum };
}

/** The skew the pod would cause on this node for constraint i, or 'missing-label'. */
export function skewOn(state: PreFilterState, i: number, pod: Pod, node: Node): number | 'missing-label' {
  const c = state.constraints[i]!;
  const labels = node.metadata.labels ?? {};
  if (!Object.hasOwn(labels, c.topologyKey)) return 'missing-label';
  const self = selectorMatches(c.selector, pod.metadata.labels) ? 1 : 0;
  const here = state.matchNum[i]!.get(labels[c.topologyKey]!) ?? 0;
  return here + self - state.minMatchNum[i]!;
}

// ---------- Score ----------

export interface PreScoreState {
  constraints: Constraint[];
  /** Feasible nodes lacking a topology key of the pod's own constraints: score 0. */
  ignored: Set<string>;
  /** In the order PreScore saw the feasible nodes (NormalizeScore gets scores in that order). */
  nodeNames: string[];
  /** Matching pods per "key\0value" pair (hostname is counted per node in Score). */
  pairCounts: Map<string, number>;
  /** ln(number of domains + 2) per constraint. */
  weights: number[];
}

const PRE_SCORE_KEY = 'PreScore' + NAME;
const pairKey = (key: string, value: string): string => `${key}\0${value}`;

export function preScoreState(pod: Pod, feasible: readonly NodeInfo[], allNodes: readonly NodeInfo[]): PreScoreState | undefined {
  const constraints = constraintsFor(pod, 'ScheduleAnyway');
  if (constraints.length === 0) return undefined;
  // With only the system defaults, a node lacking a key is scored on the keys it has.
  const requireAllTopologies = (pod.spec.topologySpreadConstraints ?? []).length > 0;
  const ignored = new Set<string>();
  const pairCounts = new Map<string, number>();
  const topoSize = constraints.map(() => 0);
  for (const info of feasible) {
    if (requireAllTopologies && !hasAllKeys(info.node, constraints)) {
      ignored.add(info.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return;
      const k = pairKey(c.topologyKey, info.node.metadata.labels?.[c.topologyKey] ?? '');
      if (!pairCounts.has(k)) {
        pairCounts.set(k, 0);
        topoSize[i]!++;
      }
    });
  }
  for (const info of allNodes) {
    if (requireAllTopologies && !hasAllKeys(info.node, constraints)) continue;
    for (const c of constraints) {
      if (!requiredNodeAffinityMatches(pod, info.node)) continue;
      const k = pairKey(c.topologyKey, info.node.metadata.labels?.[c.topologyKey] ?? '');
      const current = pairCounts.get(k);
      if (current === undefined) continue;
      pairCounts.set(k, current + countPodsMatchSelector(info.pods, c.selector, nsOf(pod)));
    }
  }
  const weights = constraints.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? feasible.length - ignored.size : topoSize[i]!) + 2));
  return { constraints, ignored, nodeNames: feasible.map((i) => i.name), pairCounts, weights };
}

/** Raw score: for each constraint, matching pods in the node's domain × weight + (maxSkew − 1), rounded. */
export function rawScore(s: PreScoreState, pod: Pod, info: NodeInfo): number {
  if (s.ignored.has(info.name)) return 0;
  const labels = info.node.metadata.labels ?? {};
  let score = 0;
  s.constraints.forEach((c, i) => {
    if (!Object.hasOwn(labels, c.topologyKey)) return;
    const count =
      c.topologyKey === LABEL_HOSTNAME ? countPodsMatchSelector(info.pods, c.selector, nsOf(pod)) : (s.pairCounts.get(pairKey(c.topologyKey, labels[c.topologyKey]!)) ?? 0);
    score += count * s.weights[i]! + (c.maxSkew - 1);
  });
  return Math.round(score);
}

/** Fewer matching pods is better: max·(max + min − s)/max; ignored nodes 0; all-zero scores all max. */
export function normalizeSpreadScores(scores: readonly number[], ignored: readonly boolean[]): number[] {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  scores.forEach((s, i) => {
    if (ignored[i]) return;
    if (s < min) min = s;
    if (s > max) max = s;
  });
  return scores.map((s, i) => {
    if (ignored[i]) return 0;
    if (max === 0) return MAX_NODE_SCORE;
    return Math.trunc((MAX_NODE_SCORE * (max + min - s)) / max);
  });
}

export const podTopologySpread: PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin = {
  name: NAME,
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status {
    const s = preFilterState(pod, nodes);
    if (s.constraints.length === 0) return SKIP;
    state.write(PRE_FILTER_KEY, s);
    return SUCCESS;
  },
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return SUCCESS;
    for (let i = 0; i < s.constraints.length; i++) {
      const skew = skewOn(s, i, pod, nodeInfo.node);
      if (skew === 'missing-label') return unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
      if (skew > s.constraints[i]!.maxSkew) return unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
    }
    return SUCCESS;
  },
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status {
    const all = state.read<readonly NodeInfo[]>(ALL_NODES_KEY) ?? nodes;
    if (nodes.length === 0 || all.length === 0) return SKIP;
    const s = preScoreState(pod, nodes, all);
    if (!s) return SKIP;
    state.write(PRE_SCORE_KEY, s);
    return SUCCESS;
  },
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    return s ? rawScore(s, pod, nodeInfo) : 0;
  },
  normalizeScore(state: CycleState, _pod: Pod, scores: number[]): number[] {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s) return scores;
    return normalizeSpreadScores(scores, s.nodeNames.map((n) => s.ignored.has(n)));
  },
};
