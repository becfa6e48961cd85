/**
 * The scheduling framework's shapes, after kube-scheduler's
 * pkg/scheduler/framework: plugins hook into extension points (PreFilter,
 * Filter, PreScore, Score), answer with a Status, and share per-cycle data
 * through CycleState. Everything here is pure: the actor feeds it a snapshot.
 */
import type { Node, Pod } from '../api/types.ts';
import { podRequests, resourceFromList, type Resource, addResource, emptyResource } from './resources.ts';

export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip' | 'Error';

export interface Status {
  code: Code;
  /** kube-scheduler's reason strings; they are what FitError counts. */
  reasons: string[];
  /** The plugin that answered; set by the framework. */
  plugin?: string;
}

export const SUCCESS: Status = Object.freeze({ code: 'Success', reasons: [] }) as Status;
export const SKIP: Status = Object.freeze({ code: 'Skip', reasons: [] }) as Status;
export const unschedulable = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
/** Preemption cannot help this node (e.g. a label or taint mismatch). */
export const unresolvable = (...reasons: string[]): Status => ({ code: 'UnschedulableAndUnresolvable', reasons });
export const errorStatus = (reason: string): Status => ({ code: 'Error', reasons: [reason] });
export const isSuccess = (s: Status): boolean => s.code === 'Success';
export const isRejected = (s: Status): boolean => s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable';

export const MAX_NODE_SCORE = 100;

/** CycleState key under which the framework stores the snapshot's node count. */
export const NUM_ALL_NODES_KEY = 'numAllNodes';
/**
 * CycleState key under which the framework stores every NodeInfo of the
 * snapshot (kube-scheduler's plugins read them through the shared lister):
 * PreScore only sees the feasible nodes, but spreading counts pods on all.
 */
export const ALL_NODES_KEY = 'allNodes';

/** Per-cycle scratch space: PreFilter/PreScore write, Filter/Score read. */
export class CycleState {
  #data = new Map<string, unknown>();
  read<T>(key: string): T | undefined {
    return this.#data.get(key) as T | undefined;
  }
  write(key: string, value: unknown): void {
    this.#data.set(key, value);
  }
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export interface ImageState {
  sizeBytes: number;
  /** How many nodes in the snapshot hold this image (ImageLocality spreads by it). */
  numNodes: number;
}

/** One node and what is already on it, as the scheduler cache sees it. */
export interface NodeInfo {
  name: string;
  /** Set with setInfoNode, which keeps the two fields below in step. */
  node: Node;
  /**
   * node.spec.unschedulable and node.spec.taints, kept on the NodeInfo: the
   * filters read them for every node of every cycle, and a read through
   * node.spec touched one more scattered object per node (NodeUnschedulable
   * was 3.6% of all CPU scheduling at 5,000 nodes).
   */
  unschedulable: boolean;
  taints: Node['spec']['taints'];
  pods: Pod[];
  /** Sum of the requests of the pods on the node. */
  requested: Resource;
  /** Same, counting 100m CPU / 200Mi memory for containers that request none (for scoring). */
  nonZeroRequested: Resource;
  allocatable: Resource;
  usedPorts: HostPort[];
  imageStates: Map<string, ImageState>;
  /** Pods with any (anti-)affinity terms: InterPodAffinity scores only these when the incoming pod has none (kube-scheduler's PodsWithAffinity). */
  podsWithAffinity: Pod[];
  /** Pods with required anti-affinity terms: the symmetric filter checks only these (PodsWithRequiredAntiAffinity). */
  podsWithRequiredAntiAffinity: Pod[];
  /** Bumped on every change by the scheduler cache. */
  generation: number;
}

export interface Snapshot {
  /** In the order the scheduler walks them. */
  nodes: NodeInfo[];
  get(name: string): NodeInfo | undefined;
  /**
   * The nodes with pods that have any (anti-)affinity terms, and with pods
   * that have required anti-affinity terms, in node order (kube-scheduler's
   * HavePodsWithAffinityList / HavePodsWithRequiredAntiAffinityList): a pod
   * without terms of its own only looks at these. Absent: filter nodes.
   */
  havePodsWithAffinity?(): readonly NodeInfo[];
  havePodsWithRequiredAntiAffinity?(): readonly NodeInfo[];
}

/** CycleState key of the snapshot, for plugins that use its lists. */
export const SNAPSHOT_KEY = 'snapshot';

/** Pods the scheduler counts on a node: bound ones that have not finished. */
export function occupiesNode(pod: Pod): boolean {
  return !!pod.spec.nodeName && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

export function podHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const p of c.ports ?? []) {
      if (p.hostPort && p.hostPort > 0) out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol ?? 'TCP', port: p.hostPort });
    }
  }
  return out;
}

/** Points the NodeInfo at a (new version of its) Node. */
export function setInfoNode(info: NodeInfo, node: Node): void {
  info.node = node;
  info.unschedulable = !!node.spec.unschedulable;
  info.taints = node.spec.taints?.length ? node.spec.taints : undefined;
}

export function newNodeInfo(node: Node, pods: Pod[] = []): NodeInfo {
  const info: NodeInfo = {
    name: node.metadata.name,
    node,
    unschedulable: !!node.spec.unschedulable,
    taints: node.spec.taints?.length ? node.spec.taints : undefined,
    pods: [],
    requested: emptyResource(),
    nonZeroRequested: emptyResource(),
    allocatable: resourceFromList(node.status?.allocatable ?? {}),
    usedPorts: [],
    imageStates: new Map(),
    podsWithAffinity: [],
    podsWithRequiredAntiAffinity: [],
    generation: 0,
  };
  for (const p of pods) addPodToNodeInfo(info, p);
  return info;
}

/** Mutates info: the pod now occupies the node (used for assumed pods too). */
export function addPodToNodeInfo(info: NodeInfo, pod: Pod): void {
  info.pods.push(pod);
  addResource(info.requested, podRequests(pod));
  addResource(info.nonZeroRequested, podRequests(pod, { nonZero: true }));
  info.usedPorts.push(...podHostPorts(pod));
  if (hasAffinity(pod)) info.podsWithAffinity.push(pod);
  if (hasRequiredAntiAffinity(pod)) info.podsWithRequiredAntiAffinity.push(pod);
  info.generation++;
}

export function hasAffinity(pod: Pod): boolean {
  const a = pod.spec.affinity;
  return !!(a?.podAffinity || a?.podAntiAffinity);
}

export function hasRequiredAntiAffinity(pod: Pod): boolean {
  return (pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
}

/**
 * Builds the cycle's view of the cluster. Pods count on the node named by
 * spec.nodeName; pods on unknown nodes are ignored, like the cache does.
 */
export function buildSnapshot(nodes: readonly Node[], pods: readonly Pod[]): Snapshot {
  const byName = new Map<string, NodeInfo>();
  const infos = nodes.map((n) => {
    const info = newNodeInfo(n);
    byName.set(info.name, info);
    return info;
  });
  for (const p of pods) {
    if (!occupiesNode(p)) continue;
    const info = byName.get(p.spec.nodeName!);
    if (info) addPodToNodeInfo(info, p);
  }
  // Image states count nodes across the whole snapshot.
  const imageNodes = new Map<string, number>();
  for (const info of infos) {
    for (const name of new Set((info.node.status?.images ?? []).flatMap((i) => i.names))) imageNodes.set(name, (imageNodes.get(name) ?? 0) + 1);
  }
  for (const info of infos) {
    for (const img of info.node.status?.images ?? []) {
      for (const name of img.names) info.imageStates.set(name, { sizeBytes: img.sizeBytes, numNodes: imageNodes.get(name) ?? 1 });
    }
  }
  return { nodes: infos, get: (name) => byName.get(name) };
}

// ---------- plugins ----------

export interface Plugin {
  readonly name: string;
}

export interface PreFilterPlugin extends Plugin {
  /** Precomputes for Filter; a rejection here fails the pod on every node. */
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status;
}

export interface PreScorePlugin extends Plugin {
  /** Skip means this plugin's Score does not run for the pod. */
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number;
  /** Maps the raw scores of all feasible nodes to 0..MAX_NODE_SCORE. */
  normalizeScore?(state: CycleState, pod: Pod, scores: number[]): number[];
}

export interface WeightedScorePlugin {
  plugin: ScorePlugin;
  weight: number;
}

/** One scheduler profile: which plugins run at each extension point, in order. */
export interface Profile {
  schedulerName: string;
  preFilter: PreFilterPlugin[];
  filter: FilterPlugin[];
  preScore: PreScorePlugin[];
  score: WeightedScorePlugin[];
  /** 0 or unset: adaptive, as kube-scheduler's default. */
  percentageOfNodesToScore?: number;
}

/**
 * DefaultNormalizeScore: scales to 0..max by the highest score; reverse
 * flips it so that fewer (e.g. untolerated taints) is better.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: readonly number[]): number[] {
  const maxCount = Math.max(0, ...scores);
  if (maxCount === 0) return scores.map((s) => (reverse ? maxPriority : s));
  return scores.map((s) => {
    const v = Math.trunc((maxPriority * s) / maxCount);
    return reverse ? maxPriority - v : v;
  });
}
