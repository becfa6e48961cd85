/** Running a profile's extension points, the framework's way. */
import type { Pod } from '../api/types.ts';
import { ALL_NODES_KEY, CycleState, isSuccess, NUM_ALL_NODES_KEY, SUCCESS, type FilterPlugin, type NodeInfo, type Profile, type Status } from './framework.ts';

export interface PluginVerdict {
  plugin: string;
  status: Status;
}

export interface FilterOutcome {
  /** The node's status: the first plugin that rejected it, else Success. */
  status: Status;
  /** Every filter plugin's own answer, so a learner sees all that is wrong, not only the first. */
  verdicts: PluginVerdict[];
}

/** A plugin's Success, tagged once per plugin: filters answer it for almost every node of every cycle. */
const taggedSuccess = new Map<string, Status>();
const tag = (plugin: string, s: Status): Status => {
  if (s !== SUCCESS) return { ...s, plugin };
  let t = taggedSuccess.get(plugin);
  if (!t) taggedSuccess.set(plugin, (t = Object.freeze({ ...s, plugin }) as Status));
  return t;
};

export function newCycleState(allNodes: readonly NodeInfo[]): CycleState {
  const state = new CycleState();
  state.write(NUM_ALL_NODES_KEY, allNodes.length);
  state.write(ALL_NODES_KEY, allNodes);
  return state;
}

/** CycleState key of the Filter plugins this cycle runs: the profile's, less those whose PreFilter said Skip. */
const ACTIVE_FILTERS_KEY = 'activeFilterPlugins';

/**
 * PreFilter plugins in order; the first non-success stops the cycle. A
 * plugin whose PreFilter says Skip (nothing for it to check in this pod: no
 * host ports, no claims, no spread constraints, no affinity terms) has its
 * Filter skipped on every node, as kube-scheduler's SkipFilterPlugins.
 */
export function runPreFilter(profile: Profile, state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): { status: Status; verdicts: PluginVerdict[] } {
  const verdicts: PluginVerdict[] = [];
  let skip: Set<string> | undefined;
  for (const p of profile.preFilter) {
    const s = tag(p.name, p.preFilter(state, pod, nodes));
    verdicts.push({ plugin: p.name, status: s });
    if (s.code === 'Skip') (skip ??= new Set()).add(p.name);
    else if (s.code !== 'Success') return { status: s, verdicts };
  }
  if (skip) state.write(ACTIVE_FILTERS_KEY, profile.filter.filter((p) => !skip.has(p.name)));
  return { status: SUCCESS, verdicts };
}

const activeFilters = (profile: Profile, state: CycleState): readonly FilterPlugin[] => state.read<FilterPlugin[]>(ACTIVE_FILTERS_KEY) ?? profile.filter;

export function runFilters(profile: Profile, state: CycleState, pod: Pod, nodeInfo: NodeInfo): FilterOutcome {
  let status: Status = SUCCESS;
  const verdicts: PluginVerdict[] = [];
  for (const p of activeFilters(profile, state)) {
    const s = tag(p.name, p.filter(state, pod, nodeInfo));
    verdicts.push({ plugin: p.name, status: s });
    if (isSuccess(status) && !isSuccess(s)) status = s;
  }
  return { status, verdicts };
}

/** The verdicts of a node every filter passed (what runFilters would list for it), shared per profile. */
const allSuccess = new WeakMap<Profile, PluginVerdict[]>();
export function successVerdicts(profile: Profile): PluginVerdict[] {
  let v = allSuccess.get(profile);
  if (!v) allSuccess.set(profile, (v = profile.filter.map((p) => ({ plugin: p.name, status: tag(p.name, SUCCESS) }))));
  return v;
}

/** Only whether the pod fits; stops at the first rejection (used by preemption's dry runs). */
export function passesFilters(profile: Profile, state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
  for (const p of activeFilters(profile, state)) {
    const s = p.filter(state, pod, nodeInfo);
    if (!isSuccess(s)) return tag(p.name, s);
  }
  return SUCCESS;
}
