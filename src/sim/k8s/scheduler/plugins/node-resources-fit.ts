/**
 * NodeResourcesFit: the pod's requests must fit in what the node has left
 * of its allocatable cpu, memory, storage, extended resources and pod slots
 * (Filter); emptier nodes score higher (Score, the LeastAllocated strategy).
 */
import type { Pod } from '../../api/types.ts';
import {
  SUCCESS,
  MAX_NODE_SCORE,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type PreFilterPlugin,
  type ScorePlugin,
  type Status,
} from '../framework.ts';
import { podRequests, type Resource } from '../resources.ts';

export const NAME = 'NodeResourcesFit';
export const ERR_REASON_TOO_MANY_PODS = 'Too many pods';
export const insufficient = (resource: string): string => `Insufficient ${resource}`;

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  /** The request exceeds the node's whole allocatable: evicting pods cannot help. */
  unresolvable: boolean;
}

/** Every resource the pod does not fit on the node, in kube-scheduler's order. */
export function insufficientResources(podRequest: Resource, nodeInfo: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: ERR_REASON_TOO_MANY_PODS, requested: 1, used: nodeInfo.pods.length, capacity: alloc.allowedPodNumber, unresolvable: false });
  }
  const check = (name: string, want: number, usedNow: number, capacity: number) => {
    if (short(want, usedNow, capacity)) {
      out.push({ resourceName: name, reason: insufficient(name), requested: want, used: usedNow, capacity, unresolvable: want > capacity });
    }
  };
  check('cpu', podRequest.milliCPU, used.milliCPU, alloc.milliCPU);
  check('memory', podRequest.memory, used.memory, alloc.memory);
  check('ephemeral-storage', podRequest.ephemeralStorage, used.ephemeralStorage, alloc.ephemeralStorage);
  for (const name of Object.keys(podRequest.scalar).sort()) {
    check(name, podRequest.scalar[name] ?? 0, used.scalar[name] ?? 0, alloc.scalar[name] ?? 0);
  }
  return out;
}

const short = (want: number, usedNow: number, capacity: number): boolean => want > 0 && want > capacity - usedNow;

/** insufficientResources(...) is empty: the common answer for every node of every pod, found without building the list. */
function fitsAll(podRequest: Resource, nodeInfo: NodeInfo): boolean {
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) return false;
  if (short(podRequest.milliCPU, used.milliCPU, alloc.milliCPU) || short(podRequest.memory, used.memory, alloc.memory) || short(podRequest.ephemeralStorage, used.ephemeralStorage, alloc.ephemeralStorage)) return false;
  for (const name in podRequest.scalar) if (short(podRequest.scalar[name] ?? 0, used.scalar[name] ?? 0, alloc.scalar[name] ?? 0)) return false;
  return true;
}

/** Free share of capacity, 0..100; 0 when over-committed or nothing allocatable. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** Default scoring resources and their weights. */
export const SCORING_RESOURCES: readonly { name: 'cpu' | 'memory'; weight: number }[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

export const pick = (r: Resource, name: 'cpu' | 'memory'): number => (name === 'cpu' ? r.milliCPU : r.memory);

const STATE_KEY = 'PreFilter' + NAME;
const SCORE_KEY = 'Score' + NAME + 'NonZero';

export const nodeResourcesFit: PreFilterPlugin & FilterPlugin & ScorePlugin = {
  name: NAME,
  preFilter(state: CycleState, pod: Pod): Status {
    state.write(STATE_KEY, podRequests(pod));
    return SUCCESS;
  },
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const request = state.read<Resource>(STATE_KEY) ?? podRequests(pod);
    if (fitsAll(request, nodeInfo)) return SUCCESS;
    const missing = insufficientResources(request, nodeInfo);
    if (missing.length === 0) return SUCCESS;
    return { code: missing.some((m) => m.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasons: missing.map((m) => m.reason) };
  },
  score(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    // Scoring counts containers without requests as 100m / 200Mi, so empty pods still spread (computed once per cycle, not per node).
    let podReq = _state.read<Resource>(SCORE_KEY);
    if (!podReq) _state.write(SCORE_KEY, (podReq = podRequests(pod, { nonZero: true })));
    let sum = 0;
    let weights = 0;
    for (const { name, weight } of SCORING_RESOURCES) {
      const capacity = pick(nodeInfo.allocatable, name);
      if (capacity === 0) continue;
      sum += leastRequestedScore(pick(nodeInfo.nonZeroRequested, name) + pick(podReq, name), capacity) * weight;
      weights += weight;
    }
    return weights === 0 ? 0 : Math.trunc(sum / weights);
  },
};
