/**
 * NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would
 * be used in similar proportions after placing the pod (1 − standard
 * deviation of the used fractions). Pods that request nothing skip it.
 */
import type { Pod } from '../../api/types.ts';
import { MAX_NODE_SCORE, SKIP, SUCCESS, type CycleState, type NodeInfo, type PreScorePlugin, type ScorePlugin, type Status } from '../framework.ts';
import { isZeroRequest, podRequests, type Resource } from '../resources.ts';
import { pick, SCORING_RESOURCES } from './node-resources-fit.ts';

export const NAME = 'NodeResourcesBalancedAllocation';

/** Population standard deviation of the fractions, each capped at 1. */
export function balancedScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  requested.forEach((r, i) => {
    const a = allocatable[i] ?? 0;
    if (a !== 0) fractions.push(Math.min(1, r / a));
  });
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  } else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

const STATE_KEY = 'PreScore' + NAME;

export const balancedAllocation: PreScorePlugin & ScorePlugin = {
  name: NAME,
  preScore(state: CycleState, pod: Pod): Status {
    const request = podRequests(pod);
    if (isZeroRequest(request)) return SKIP;
    state.write(STATE_KEY, request);
    return SUCCESS;
  },
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const podReq = state.read<Resource>(STATE_KEY) ?? podRequests(pod);
    // Unlike LeastAllocated, this counts real requests, without the 100m/200Mi defaults.
    if (SCORING_RESOURCES.length === 2) {
      // cpu and memory (the defaults), without two arrays per node: the same arithmetic as balancedScore.
      const ra = SCORING_RESOURCES[0]!.name;
      const rb = SCORING_RESOURCES[1]!.name;
      const aa = pick(nodeInfo.allocatable, ra);
      const ab = pick(nodeInfo.allocatable, rb);
      const fa = aa !== 0 ? Math.min(1, (pick(nodeInfo.requested, ra) + pick(podReq, ra)) / aa) : undefined;
      const fb = ab !== 0 ? Math.min(1, (pick(nodeInfo.requested, rb) + pick(podReq, rb)) / ab) : undefined;
      const std = fa !== undefined && fb !== undefined ? Math.abs((fa - fb) / 2) : 0;
      return Math.trunc((1 - std) * MAX_NODE_SCORE);
    }
    const requested = SCORING_RESOURCES.map(({ name }) => pick(nodeInfo.requested, name) + pick(podReq, name));
    const allocatable = SCORING_RESOURCES.map(({ name }) => pick(nodeInfo.allocatable, name));
    return balancedScore(requested, allocatable);
  },
};
