/**
 * DefaultPreemption's PostFilter, for a pod that fits nowhere: on each node
 * where evicting lower-priority pods could help, find the fewest such pods
 * whose removal lets the pod fit. With no candidate, its FitError becomes the
 * "preemption: …" half of the FailedScheduling message.
 */
import type { Pod } from '../api/types.ts';
import { newNodeInfo, unresolvable, type NodeInfo, type Profile, type Snapshot, type Status, isSuccess } from './framework.ts';
import { fitErrorMessage } from './fit-error.ts';
import { newCycleState, passesFilters, runPreFilter } from './run.ts';

export const ERR_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const ERR_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_ELIGIBLE_POLICY = 'not eligible due to preemptionPolicy=Never.';
export const NOT_ELIGIBLE_TERMINATING = 'not eligible due to a terminating pod on the nominated node.';

export interface PreemptionCandidate {
  node: string;
  victims: Pod[];
}

export interface PreemptionOutcome {
  /** "preemption: …", or '' when a candidate was found (the message then has no preemption part). */
  message: string;
  candidate?: PreemptionCandidate;
  /** Per node: why preemption cannot help there (absent for candidates). */
  nodeStatuses: Map<string, Status>;
}

export const podPriority = (p: Pod): number => p.spec.priority ?? 0;

/** Higher priority first; equal priority: the one that started earlier. */
export function moreImportant(a: Pod, b: Pod): number {
  const d = podPriority(b) - podPriority(a);
  if (d !== 0) return d;
  const sa = a.status?.startTime ?? '';
  const sb = b.status?.startTime ?? '';
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function eligibility(pod: Pod, snapshot: Snapshot): string | undefined {
  if (pod.spec.preemptionPolicy === 'Never') return NOT_ELIGIBLE_POLICY;
  const nominated = pod.status?.nominatedNodeName ? snapshot.get(pod.status.nominatedNodeName) : undefined;
  // A victim of an earlier preemption is still leaving: wait for it instead of evicting more.
  if (nominated?.pods.some((p) => p.metadata.deletionTimestamp && podPriority(p) < podPriority(pod))) return NOT_ELIGIBLE_TERMINATING;
  return undefined;
}

function withPods(info: NodeInfo, pods: readonly Pod[]): NodeInfo {
  const copy = newNodeInfo(info.node, [...pods]);
  copy.imageStates = info.imageStates;
  return copy;
}

/**
 * Whether the pod would fit if the node held only these pods. PreFilter runs
 * again over the snapshot with that node swapped in, so pod-to-pod plugins
 * (topology spread, inter-pod affinity) count the what-if world; kube-scheduler
 * gets the same by updating its cycle state through AddPod/RemovePod.
 */
function fitsWith(profile: Profile, pod: Pod, snapshot: Snapshot, info: NodeInfo, pods: readonly Pod[]): Status {
  const trial = withPods(info, pods);
  const nodes = snapshot.nodes.map((n) => (n.name === info.name ? trial : n));
  const state = newCycleState(nodes);
  const pre = runPreFilter(profile, state, pod, nodes);
  if (!isSuccess(pre.status)) return pre.status;
  return passesFilters(profile, state, pod, trial);
}

/** SelectVictimsOnNode: remove all lower-priority pods, then reprieve the most important ones that can stay. */
export function selectVictimsOnNode(profile: Profile, pod: Pod, snapshot: Snapshot, info: NodeInfo): { victims: Pod[] } | { status: Status } {
  const lower = info.pods.filter((p) => podPriority(p) < podPriority(pod));
  if (lower.length === 0) return { status: unresolvable(ERR_NO_VICTIMS) };
  let kept = info.pods.filter((p) => podPriority(p) >= podPriority(pod));
  const fits = fitsWith(profile, pod, snapshot, info, kept);
  if (!isSuccess(fits)) return { status: fits };
  const victims: Pod[] = [];
  for (const p of [...lower].sort(moreImportant)) {
    const trial = [...kept, p];
    if (isSuccess(fitsWith(profile, pod, snapshot, info, trial))) kept = trial;
    else victims.push(p);
  }
  return { victims };
}

const lexLess = (a: readonly number[], b: readonly number[]): boolean => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
};

/** Fewest-harm candidate: lowest top victim priority, then lowest priority sum, then fewest victims; ties keep node order. */
export function pickCandidate(candidates: readonly PreemptionCandidate[]): PreemptionCandidate | undefined {
  const key = (c: PreemptionCandidate): number[] => [
    Math.max(...c.victims.map(podPriority)),
    // Shifted so negative priorities still add up to a larger harm for more victims.
    c.victims.reduce((s, v) => s + podPriority(v) + 2 ** 31, 0),
    c.victims.length,
  ];
  let best: { c: PreemptionCandidate; k: number[] } | undefined;
  for (const c of candidates) {
    const k = key(c);
    if (!best || lexLess(k, best.k)) best = { c, k };
  }
  return best?.c;
}

export function preempt(profile: Profile, pod: Pod, snapshot: Snapshot, filterStatuses: ReadonlyMap<string, Status>): PreemptionOutcome {
  const nodeStatuses = new Map<string, Status>();
  const notEligible = eligibility(pod, snapshot);
  if (notEligible) return { message: `preemption: ${notEligible}`, nodeStatuses };
  const candidates: PreemptionCandidate[] = [];
  for (const info of snapshot.nodes) {
    const s = filterStatuses.get(info.name);
    if (!s || s.code === 'UnschedulableAndUnresolvable') {
      nodeStatuses.set(info.name, unresolvable(ERR_NOT_HELPFUL));
      continue;
    }
    const r = selectVictimsOnNode(profile, pod, snapshot, info);
    if ('status' in r) nodeStatuses.set(info.name, r.status);
    else candidates.push({ node: info.name, victims: r.victims });
  }
  const candidate = pickCandidate(candidates);
  if (candidate) return { message: '', candidate, nodeStatuses };
  const msg = fitErrorMessage({ numAllNodes: snapshot.nodes.length, statuses: nodeStatuses.values() });
  return { message: `preemption: ${msg}`, nodeStatuses };
}
