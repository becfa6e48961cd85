/**
 * TaintToleration: a node's NoSchedule/NoExecute taints keep out pods that
 * do not tolerate them (Filter); untolerated PreferNoSchedule taints make a
 * node less attractive (Score, fewer is better).
 */
import { findUntoleratedTaint, tolerationsTolerateTaint as toleratedBy } from '../../api/taints.ts';
import type { Pod, Taint, Toleration } from '../../api/types.ts';
import {
  defaultNormalizeScore,
  MAX_NODE_SCORE,
  SUCCESS,
  unresolvable,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type PreScorePlugin,
  type ScorePlugin,
  type Status,
} from '../framework.ts';

export const NAME = 'TaintToleration';

/** Kubernetes ≤ 1.33 wording; 1.34 shortened it to "node(s) had untolerated taint(s)". */
export const untoleratedTaintReason = (t: Taint): string => `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;

export { findUntoleratedTaint, toleratesTaint as tolerates, tolerationsTolerateTaint as toleratedBy } from '../../api/taints.ts';

export const doNotSchedule = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

const STATE_KEY = 'PreScore' + NAME;

export const taintToleration: FilterPlugin & PreScorePlugin & ScorePlugin = {
  name: NAME,
  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const taint = findUntoleratedTaint(nodeInfo.taints, pod.spec.tolerations, doNotSchedule);
    return taint ? unresolvable(untoleratedTaintReason(taint)) : SUCCESS;
  },
  preScore(state: CycleState, pod: Pod): Status {
    // Tolerations with no effect cover PreferNoSchedule too.
    state.write(STATE_KEY, (pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule'));
    return SUCCESS;
  },
  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number {
    const tolerations = state.read<Toleration[]>(STATE_KEY) ?? [];
    const taints = nodeInfo.taints;
    let n = 0;
    if (taints) for (let i = 0; i < taints.length; i++) if (taints[i]!.effect === 'PreferNoSchedule' && !toleratedBy(tolerations, taints[i]!)) n++;
    return n;
  },
  normalizeScore(_state: CycleState, _pod: Pod, scores: number[]): number[] {
    return defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  },
};
