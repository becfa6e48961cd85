/**
 * ImageLocality: prefers nodes that already hold the pod's images (from
 * node.status.images), weighted by image size and by how widely the image is
 * spread, so one node holding a popular image does not attract every pod.
 */
import type { Pod } from '../../api/types.ts';
import { MAX_NODE_SCORE, NUM_ALL_NODES_KEY, type CycleState, type NodeInfo, type ScorePlugin } from '../framework.ts';

export const NAME = 'ImageLocality';
const IMAGES_KEY = 'Score' + NAME + 'Images';

const MB = 1024 * 1024;
/** Below this sum, images count for nothing (small images are quick to pull). */
export const MIN_THRESHOLD = 23 * MB;
/** Per container: above this, more image bytes add nothing. */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** Only a missing tag is normalised, as upstream does: "nginx" → "nginx:latest". */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

interface CycleImages {
  /** The pod's normalised image names. */
  names: string[];
  /** Nodes in the snapshot (the spread's denominator). */
  total: number;
}

export const imageLocality: ScorePlugin = {
  name: NAME,
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    // Once per cycle rather than once per node (this runs for every feasible node of every pod).
    let cycle = state.read<CycleImages>(IMAGES_KEY);
    if (!cycle) {
      const names = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map((c) => normalizedImageName(c.image));
      state.write(IMAGES_KEY, (cycle = { names, total: Math.max(1, state.read<number>(NUM_ALL_NODES_KEY) ?? 1) }));
    }
    const states = nodeInfo.imageStates;
    if (states.size === 0) return 0;
    let sum = 0;
    for (const image of cycle.names) {
      const st = states.get(image);
      if (st) sum += Math.trunc(st.sizeBytes * (st.numNodes / cycle.total));
    }
    return calculatePriority(sum, cycle.names.length);
  },
};
