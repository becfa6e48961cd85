/**
 * One scheduling cycle, as kube-scheduler's schedulePod runs it:
 * PreFilter → Filter (from a rotating start node, stopping once enough
 * feasible nodes are found) → PreScore → Score → normalise → weight → the
 * highest total wins, ties broken at random (seeded) → on failure, the
 * preemption PostFilter. The decision keeps every intermediate answer so
 * `sim why POD` can show why a node won or why none did.
 */
import type { Pod } from '../api/types.ts';
import type { Rng } from '../../rng.ts';
import { isSuccess, SNAPSHOT_KEY, SUCCESS, type NodeInfo, type Profile, type Snapshot, type Status } from './framework.ts';
import { fitErrorMessage, NO_NODES_AVAILABLE } from './fit-error.ts';
import { preempt, type PreemptionCandidate } from './preemption.ts';
import { defaultProfile } from './profile.ts';
import { VOLUMES_KEY, type PodVolumes } from './plugins/volume-binding.ts';
import { newCycleState, passesFilters, runFilters, runPreFilter, successVerdicts, type PluginVerdict } from './run.ts';

export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * How many feasible nodes to find before scoring: all of them below 100
 * nodes; else a percentage that shrinks as the cluster grows (50% − n/125,
 * at least 5%), but never fewer than 100.
 */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number | undefined, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore ?? 0;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

export interface ScheduleConfig {
  profile?: Profile;
  /** Where the node scan starts; the actor passes back the previous decision's nextStartIndex. */
  startIndex?: number;
  percentageOfNodesToScore?: number;
  /** The pod's claims as the scheduler's informers see them (VolumeBinding reads them). */
  volumes?: PodVolumes;
}

export interface NodeFilterResult {
  node: string;
  /** False for nodes the scan never reached (enough feasible nodes were found first). */
  evaluated: boolean;
  status?: Status;
  verdicts: PluginVerdict[];
}

export interface PluginScore {
  plugin: string;
  raw: number;
  normalized: number;
  weight: number;
  weighted: number;
}

export interface NodeScore {
  node: string;
  scores: PluginScore[];
  total: number;
}

export type ScheduleResult =
  | { ok: true; node: string; reason: 'only-feasible' | 'nominated' | 'highest-score' | 'tie-break' }
  | { ok: false; message: string; preemption?: PreemptionCandidate };

export interface SchedulingDecision {
  pod: { namespace: string; name: string };
  numAllNodes: number;
  numNodesToFind: number;
  startIndex: number;
  nextStartIndex: number;
  preFilter: PluginVerdict[];
  /** In snapshot order. */
  filters: NodeFilterResult[];
  /** Nodes that passed the filters (empty in a compacted decision). */
  feasible: string[];
  /** Score plugins whose PreScore said Skip for this pod. */
  skippedScorePlugins: string[];
  /** Feasible nodes' scores; empty when scoring was not needed (0 or 1 feasible node). */
  scores: NodeScore[];
  /** Nodes that shared the top total, when more than one did. */
  tied: string[];
  result: ScheduleResult;
  /** Set when the per-node tables were dropped to save memory (an older decision): what `sim why` still says. */
  summary?: { evaluated: number; top: number; tied?: number };
}

/** A compacted decision keeps this many of the tied nodes' names (every identical node ties: hundreds of names per pod in a big cluster). */
export const TIED_KEPT = 5;

/** The decision without its per-node tables (filters, feasible, scores): kept for pods scheduled a while ago. */
export function compactDecision(d: SchedulingDecision): SchedulingDecision {
  const top = d.result.ok ? (winnerTotal.get(d) ?? d.scores.find((s) => s.node === (d.result as { node: string }).node)?.total ?? 0) : 0;
  const evaluated = evaluatedCount.get(d) ?? d.filters.filter((f) => f.evaluated).length;
  // Field by field: reading d.filters would build the table this drops.
  return {
    pod: d.pod,
    numAllNodes: d.numAllNodes,
    numNodesToFind: d.numNodesToFind,
    startIndex: d.startIndex,
    nextStartIndex: d.nextStartIndex,
    preFilter: d.preFilter,
    filters: [],
    // The feasible list (up to 500 names at 5,000 nodes) is only table material too.
    feasible: [],
    skippedScorePlugins: d.skippedScorePlugins,
    scores: [],
    tied: d.tied.length > TIED_KEPT ? d.tied.slice(0, TIED_KEPT) : d.tied,
    result: d.result,
    summary: { evaluated, top, ...(d.tied.length > TIED_KEPT ? { tied: d.tied.length } : {}) },
  };
}

/** Evaluated nodes per decision, known without building its filters table. */
const evaluatedCount = new WeakMap<SchedulingDecision, number>();
const NO_VERDICTS: PluginVerdict[] = [];

/**
 * decision.filters is built when first read (by `sim why`), from the nodes the
 * scan evaluated: a row per node for every pod was most of the scheduler's
 * garbage at 1,000 nodes (the scan stops after 100–500 of them).
 */
function setFilters(decision: SchedulingDecision, all: readonly NodeInfo[], results: Map<number, NodeFilterResult>, passedList: number[], profile: Profile): void {
  let table: NodeFilterResult[] | undefined;
  evaluatedCount.set(decision, results.size + passedList.length);
  Object.defineProperty(decision, 'filters', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (table) return table;
      const passed = new Set(passedList);
      return (table = all.map(
        (info, i) =>
          results.get(i) ??
          (passed.has(i) ? { node: info.name, evaluated: true, status: SUCCESS, verdicts: successVerdicts(profile) } : { node: info.name, evaluated: false, verdicts: NO_VERDICTS }),
      ));
    },
    set: (v: NodeFilterResult[]) => {
      table = v;
    },
  });
}

/** selectHost: the highest total; among equals, each is kept with probability 1/count (reservoir sampling). */
export function selectHost(scores: readonly NodeScore[], rng: Rng): { node: string; tied: string[] } {
  return selectHostOf(
    scores.map((s) => s.node),
    scores.map((s) => s.total),
    rng,
  );
}

/** selectHost over parallel arrays of node names and totals. */
function selectHostOf(nodes: readonly string[], totals: readonly number[], rng: Rng): { node: string; tied: string[] } {
  if (nodes.length === 0) throw new RangeError('selectHost needs at least one node');
  let selected = nodes[0]!;
  let max = totals[0]!;
  let tied = [selected];
  for (let i = 1; i < nodes.length; i++) {
    const node = nodes[i]!;
    const total = totals[i]!;
    if (total > max) {
      max = total;
      selected = node;
      tied = [node];
    } else if (total === max) {
      tied.push(node);
      if (rng.int(tied.length) === 0) selected = node;
    }
  }
  return { node: selected, tied: tied.length > 1 ? tied : [] };
}

interface PluginColumn {
  plugin: string;
  weight: number;
  raw: number[];
  normalized: number[];
}

/** The winner's total per decision, known without building its scores table. */
const winnerTotal = new WeakMap<SchedulingDecision, number>();

/** decision.scores is built when first read, from one column per plugin (a PluginScore object per node and plugin was garbage for every pod). */
function setScores(decision: SchedulingDecision, nodes: readonly string[], totals: readonly number[], columns: readonly PluginColumn[]): void {
  let table: NodeScore[] | undefined;
  Object.defineProperty(decision, 'scores', {
    enumerable: true,
    configurable: true,
    get: () =>
      (table ??= nodes.map((node, i) => ({
        node,
        scores: columns.map((c) => {
          const norm = c.normalized[i] ?? 0;
          return { plugin: c.plugin, raw: c.raw[i] ?? 0, normalized: norm, weight: c.weight, weighted: norm * c.weight };
        }),
        total: totals[i]!,
      }))),
    set: (v: NodeScore[]) => {
      table = v;
    },
  });
}

export function scheduleOne(pod: Pod, snapshot: Snapshot, rng: Rng, config: ScheduleConfig = {}): SchedulingDecision {
  const profile = config.profile ?? defaultProfile();
  const all = snapshot.nodes;
  const n = all.length;
  const startIndex = n === 0 ? 0 : (((config.startIndex ?? 0) % n) + n) % n;
  const decision: SchedulingDecision = {
    pod: { namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name },
    numAllNodes: n,
    numNodesToFind: 0,
    startIndex,
    nextStartIndex: startIndex,
    preFilter: [],
    filters: [],
    feasible: [],
    skippedScorePlugins: [],
    scores: [],
    tied: [],
    result: { ok: false, message: NO_NODES_AVAILABLE },
  };
  if (n === 0) return decision;
  const results = new Map<number, NodeFilterResult>();
  /** Nodes that passed every filter (by index): their row (all Success) is only built if `sim why` reads the table. */
  const passed: number[] = [];
  setFilters(decision, all, results, passed, profile);

  const state = newCycleState(all);
  state.write(SNAPSHOT_KEY, snapshot);
  if (config.volumes) state.write(VOLUMES_KEY, config.volumes);
  const pre = runPreFilter(profile, state, pod, all);
  decision.preFilter = pre.verdicts;
  if (!isSuccess(pre.status)) {
    const preFilterMsg = pre.status.reasons.join(', ');
    const statuses = new Map(all.map((i) => [i.name, pre.status]));
    return withFailure(decision, profile, pod, snapshot, statuses, preFilterMsg);
  }

  // A pod that preempted earlier tries its nominated node first.
  const nominated = pod.status?.nominatedNodeName ? snapshot.get(pod.status.nominatedNodeName) : undefined;
  if (nominated && isSuccess(passesFilters(profile, state, pod, nominated))) {
    const r = runFilters(profile, state, pod, nominated);
    const idx = all.indexOf(nominated);
    results.set(idx, { node: nominated.name, evaluated: true, status: r.status, verdicts: r.verdicts });
    evaluatedCount.set(decision, results.size);
    decision.feasible = [nominated.name];
    decision.result = { ok: true, node: nominated.name, reason: 'nominated' };
    return decision;
  }

  const toFind = numFeasibleNodesToFind(config.percentageOfNodesToScore ?? profile.percentageOfNodesToScore, n);
  decision.numNodesToFind = toFind;
  const failed = new Map<string, Status>();
  // Sized once for the most that can pass and trimmed after: grown by push they were copied four times at 100 nodes.
  const bound = Math.min(toFind, n);
  const feasible: string[] = new Array<string>(bound);
  const feasibleInfos: NodeInfo[] = new Array<NodeInfo>(bound);
  passed.length = bound;
  let found = 0;
  let processed = 0;
  for (let i = 0; i < n && found < toFind; i++) {
    const idx = (startIndex + i) % n;
    const info = all[idx]!;
    processed++;
    // Most nodes pass: checked without building a verdict per plugin; a rejected node gets its full row.
    if (isSuccess(passesFilters(profile, state, pod, info))) {
      passed[found] = idx;
      feasible[found] = info.name;
      feasibleInfos[found++] = info;
      continue;
    }
    const r = runFilters(profile, state, pod, info);
    results.set(idx, { node: info.name, evaluated: true, status: r.status, verdicts: r.verdicts });
    failed.set(info.name, r.status);
  }
  passed.length = feasible.length = feasibleInfos.length = found;
  decision.feasible = feasible;
  decision.nextStartIndex = (startIndex + processed) % n;
  evaluatedCount.set(decision, results.size + passed.length);

  if (decision.feasible.length === 0) return withFailure(decision, profile, pod, snapshot, failed);
  if (decision.feasible.length === 1) {
    decision.result = { ok: true, node: decision.feasible[0]!, reason: 'only-feasible' };
    return decision;
  }

  const skipped = new Set<string>();
  for (const p of profile.preScore) {
    const s = p.preScore(state, pod, feasibleInfos);
    if (s.code === 'Skip') skipped.add(p.name);
  }
  decision.skippedScorePlugins = profile.score.map((w) => w.plugin.name).filter((name) => skipped.has(name));
  const totals: number[] = new Array<number>(feasibleInfos.length).fill(0);
  const columns: PluginColumn[] = [];
  for (const { plugin, weight } of profile.score) {
    if (skipped.has(plugin.name)) continue;
    const raw = feasibleInfos.map((info) => plugin.score(state, pod, info));
    const normalized = plugin.normalizeScore ? plugin.normalizeScore(state, pod, raw) : raw;
    columns.push({ plugin: plugin.name, weight, raw, normalized });
    for (let i = 0; i < totals.length; i++) totals[i]! += (normalized[i] ?? 0) * weight;
  }
  setScores(decision, decision.feasible, totals, columns);
  const { node, tied } = selectHostOf(decision.feasible, totals, rng);
  winnerTotal.set(decision, totals[decision.feasible.indexOf(node)]!);
  decision.tied = tied;
  decision.result = { ok: true, node, reason: tied.length ? 'tie-break' : 'highest-score' };
  return decision;
}

function withFailure(
  decision: SchedulingDecision,
  profile: Profile,
  pod: Pod,
  snapshot: Snapshot,
  statuses: ReadonlyMap<string, Status>,
  preFilterMsg?: string,
): SchedulingDecision {
  const pre = preempt(profile, pod, snapshot, statuses);
  const message = fitErrorMessage({ numAllNodes: snapshot.nodes.length, statuses: statuses.values(), preFilterMsg, postFilterMsg: pre.message });
  decision.result = pre.candidate ? { ok: false, message, preemption: pre.candidate } : { ok: false, message };
  return decision;
}
