/**
 * InterPodAffinity: pods placed by the labels of other pods in the same
 * topology domain. Filter: the pod's required podAffinity terms must find a
 * matching pod in the node's domain, its required podAntiAffinity terms must
 * find none, and no pod already there may have a required anti-affinity term
 * that matches the incoming pod (the symmetric check). Score: preferred terms
 * of the pod and of existing pods, and existing pods' required affinity
 * terms (weight 1, hardPodAffinityWeight), summed per domain and scaled
 * between the worst and best node.
 *
 * A term without namespaces covers its own pod's namespace;
 * namespaceSelector is not modelled (the scheduler has no Namespace informer).
 */
import type { Labels, LabelSelector, Node, Pod, PodAffinityTerm } from '../../api/types.ts';
import {
  ALL_NODES_KEY,
  SNAPSHOT_KEY,
  type Snapshot,
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
import { labelSelectorMatches as selectorMatches } from '../../api/labels.ts';

export const NAME = 'InterPodAffinity';
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";

/** Weight of an existing pod's required affinity term when scoring (the plugin's default args). */
export const HARD_POD_AFFINITY_WEIGHT = 1;

/** A term with its namespaces resolved against the pod that declares it. */
export interface AffinityTerm {
  namespaces: ReadonlySet<string>;
  selector: LabelSelector | undefined;
  topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

const nsOf = (pod: Pod): string => pod.metadata.namespace ?? 'default';

const resolve = (owner: Pod, t: PodAffinityTerm): AffinityTerm => ({
  namespaces: new Set(t.namespaces?.length ? t.namespaces : [nsOf(owner)]),
  selector: t.labelSelector,
  topologyKey: t.topologyKey,
});

export function requiredAffinityTerms(pod: Pod): AffinityTerm[] {
  return (pod.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => resolve(pod, t));
}
export function requiredAntiAffinityTerms(pod: Pod): AffinityTerm[] {
  return (pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => resolve(pod, t));
}
export function preferredAffinityTerms(pod: Pod): WeightedAffinityTerm[] {
  return (pod.spec.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({ ...resolve(pod, w.podAffinityTerm), weight: w.weight }));
}
export function preferredAntiAffinityTerms(pod: Pod): WeightedAffinityTerm[] {
  return (pod.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({ ...resolve(pod, w.podAffinityTerm), weight: w.weight }));
}

/** The term selects the pod: right namespace and matching labels. */
export const termMatches = (term: AffinityTerm, pod: Pod): boolean => term.namespaces.has(nsOf(pod)) && selectorMatches(term.selector, pod.metadata.labels);

/** True only for a non-empty list of terms that all select the pod. */
export const matchesAllTerms = (terms: readonly AffinityTerm[], pod: Pod): boolean => terms.length > 0 && terms.every((t) => termMatches(t, pod));

/** Counts per topology pair ("key\0value"). */
type PairCounts = Map<string, number>;
const pairKey = (key: string, value: string): string => `${key}\0${value}`;

function bump(counts: PairCounts, node: Node, key: string, by: number): void {
  const labels: Labels = node.metadata.labels ?? {};
  if (!Object.hasOwn(labels, key)) return;
  const k = pairKey(key, labels[key]!);
  const n = (counts.get(k) ?? 0) + by;
  if (n === 0) counts.delete(k);
  else counts.set(k, n);
}

// ---------- Filter ----------

export interface PreFilterState {
  pod: Pod;
  affinityTerms: AffinityTerm[];
  antiAffinityTerms: AffinityTerm[];
  /** Domains holding pods whose required anti-affinity selects the incoming pod. */
  existingAntiAffinityCounts: PairCounts;
  /** Domains holding pods that match all of the incoming pod's required affinity terms. */
  affinityCounts: PairCounts;
  /** Domains holding pods that one of the incoming pod's required anti-affinity terms selects. */
  antiAffinityCounts: PairCounts;
}

const PRE_FILTER_KEY = 'PreFilter' + NAME;

export function preFilterState(pod: Pod, allNodes: readonly NodeInfo[], snapshot?: Snapshot): PreFilterState {
  const s: PreFilterState = {
    pod,
    affinityTerms: requiredAffinityTerms(pod),
    antiAffinityTerms: requiredAntiAffinityTerms(pod),
    existingAntiAffinityCounts: new Map(),
    affinityCounts: new Map(),
    antiAffinityCounts: new Map(),
  };
  // Without terms of its own, only existing pods' required anti-affinity can matter.
  const own = s.affinityTerms.length > 0 || s.antiAffinityTerms.length > 0;
  const nodes = own ? allNodes : (snapshot?.havePodsWithRequiredAntiAffinity?.() ?? allNodes);
  for (const info of nodes) {
    const existingPods = own ? info.pods : info.podsWithRequiredAntiAffinity;
    if (existingPods.length === 0) continue;
    for (const existing of existingPods) {
      for (const t of requiredAntiAffinityTerms(existing)) if (termMatches(t, pod)) bump(s.existingAntiAffinityCounts, info.node, t.topologyKey, 1);
      if (matchesAllTerms(s.affinityTerms, existing)) for (const t of s.affinityTerms) bump(s.affinityCounts, info.node, t.topologyKey, 1);
      for (const t of s.antiAffinityTerms) if (termMatches(t, existing)) bump(s.antiAffinityCounts, info.node, t.topologyKey, 1);
    }
  }
  return s;
}

export function satisfiesPodAffinity(s: PreFilterState, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  let podsExist = true;
  for (const t of s.affinityTerms) {
    // Every topology key must be on the node.
    if (!Object.hasOwn(labels, t.topologyKey)) return false;
    if ((s.affinityCounts.get(pairKey(t.topologyKey, labels[t.topologyKey]!)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: allowed when no pod anywhere matches yet.
  return s.affinityCounts.size === 0 && matchesAllTerms(s.affinityTerms, s.pod);
}

export function satisfiesPodAntiAffinity(s: PreFilterState, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  return !s.antiAffinityTerms.some((t) => Object.hasOwn(labels, t.topologyKey) && (s.antiAffinityCounts.get(pairKey(t.topologyKey, labels[t.topologyKey]!)) ?? 0) > 0);
}

export function satisfiesExistingPodsAntiAffinity(s: PreFilterState, node: Node): boolean {
  return !Object.entries(node.metadata.labels ?? {}).some(([k, v]) => (s.existingAntiAffinityCounts.get(pairKey(k, v)) ?? 0) > 0);
}

// ---------- Score ----------

/** topologyKey → topology value → summed weight. */
export type TopologyScore = Map<string, Map<string, number>>;

const PRE_SCORE_KEY = 'PreScore' + NAME;

function addTerm(scores: TopologyScore, term: AffinityTerm, weight: number, target: Pod, node: Node, multiplier: number): void {
  if (!termMatches(term, target)) return;
  const labels = node.metadata.labels ?? {};
  if (!Object.hasOwn(labels, term.topologyKey)) return;
  let byValue = scores.get(term.topologyKey);
  if (!byValue) scores.set(term.topologyKey, (byValue = new Map()));
  const v = labels[term.topologyKey]!;
  byValue.set(v, (byValue.get(v) ?? 0) + weight * multiplier);
}

/** Undefined when no term of the pod or of any existing pod matched (the plugin then skips). */
export function topologyScore(pod: Pod, allNodes: readonly NodeInfo[], snapshot?: Snapshot): TopologyScore | undefined {
  const preferred = preferredAffinityTerms(pod);
  const preferredAnti = preferredAntiAffinityTerms(pod);
  const scores: TopologyScore = new Map();
  // Without preferred terms of its own, only existing pods' terms can score.
  const own = preferred.length > 0 || preferredAnti.length > 0;
  const nodes = own ? allNodes : (snapshot?.havePodsWithAffinity?.() ?? allNodes);
  for (const info of nodes) {
    const existingPods = own ? info.pods : info.podsWithAffinity;
    if (existingPods.length === 0) continue;
    if (Object.keys(info.node.metadata.labels ?? {}).length === 0) continue;
    for (const existing of existingPods) {
      for (const t of preferred) addTerm(scores, t, t.weight, existing, info.node, 1);
      for (const t of preferredAnti) addTerm(scores, t, t.weight, existing, info.node, -1);
      for (const t of requiredAffinityTerms(existing)) addTerm(scores, t, HARD_POD_AFFINITY_WEIGHT, pod, info.node, 1);
      for (const t of preferredAffinityTerms(existing)) addTerm(scores, t, t.weight, pod, info.node, 1);
      for (const t of preferredAntiAffinityTerms(existing)) addTerm(scores, t, t.weight, pod, info.node, -1);
    }
  }
  return scores.size ? scores : undefined;
}

export function nodeScore(scores: TopologyScore, node: Node): number {
  const labels = node.metadata.labels ?? {};
  let sum = 0;
  for (const [key, byValue] of scores) if (Object.hasOwn(labels, key)) sum += byValue.get(labels[key]!) ?? 0;
  return sum;
}

/** Min-max scaling to 0..100 (scores can be negative); all equal: all 0. */
export function normalizeAffinityScores(scores: readonly number[]): number[] {
  if (scores.length === 0) return [];
  const min = Math.min(...scores);
  const diff = Math.max(...scores) - min;
  return scores.map((s) => (diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s - min) / diff)) : 0));
}

export const interPodAffinity: PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin = {
  name: NAME,
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status {
    const s = preFilterState(pod, nodes, state.read<Snapshot>(SNAPSHOT_KEY));
    if (s.existingAntiAffinityCounts.size === 0 && s.affinityTerms.length === 0 && s.antiAffinityTerms.length === 0) return SKIP;
    state.write(PRE_FILTER_KEY, s);
    return SUCCESS;
  },
  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return SUCCESS;
    if (!satisfiesPodAffinity(s, nodeInfo.node)) return unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
    if (!satisfiesPodAntiAffinity(s, nodeInfo.node)) return unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
    if (!satisfiesExistingPodsAntiAffinity(s, nodeInfo.node)) return unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
    return SUCCESS;
  },
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status {
    if (nodes.length === 0) return SKIP;
    const scores = topologyScore(pod, state.read<readonly NodeInfo[]>(ALL_NODES_KEY) ?? nodes, state.read<Snapshot>(SNAPSHOT_KEY));
    if (!scores) return SKIP;
    state.write(PRE_SCORE_KEY, scores);
    return SUCCESS;
  },
  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number {
    const scores = state.read<TopologyScore>(PRE_SCORE_KEY);
    return scores ? nodeScore(scores, nodeInfo.node) : 0;
  },
  normalizeScore(state: CycleState, _pod: Pod, scores: number[]): number[] {
    return state.read<TopologyScore>(PRE_SCORE_KEY) ? normalizeAffinityScores(scores) : scores;
  },
};
