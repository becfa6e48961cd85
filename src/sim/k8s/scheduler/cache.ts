/**
 * kube-scheduler's cache (pkg/scheduler/backend/cache): one NodeInfo per
 * node, kept up to date from watch events and assumed pods instead of being
 * rebuilt from every pod for every cycle (that rebuild was a quarter of all
 * CPU at 100 nodes and grew with nodes × pods). Each NodeInfo carries a
 * generation bumped on change; the snapshot a cycle reads is the cache's own
 * NodeInfos, re-listed only when nodes come or go (cycles run to completion
 * between events, so nothing changes under a cycle).
 *
 * Pods keep the order buildSnapshot gave them (the order the scheduler first
 * saw each pod, assumed pods last), so preemption's stable sorts and every
 * `sim why` stay as they were.
 */
import type { Node, Pod } from '../api/types.ts';
import { addResource, emptyResource, podRequests, resourceFromList, type Resource } from './resources.ts';
import { hasAffinity, hasRequiredAntiAffinity, newNodeInfo, setInfoNode, podHostPorts, type HostPort, type ImageState, type NodeInfo, type Snapshot } from './framework.ts';

interface Entry {
  pod: Pod;
  node: string;
  /** Position in buildSnapshot's order. */
  ord: number;
  requested: Resource;
  nonZero: Resource;
  ports: HostPort[];
}

/** How many distinct image lists the cache shares maps for. */
const MAX_SHARED_IMAGE_LISTS = 1024;

/** Assumed pods come after every pod seen through the watch. */
export const ASSUMED_ORD_BASE = 2 ** 40;

function subResource(from: Resource, r: Resource): void {
  from.milliCPU -= r.milliCPU;
  from.memory -= r.memory;
  from.ephemeralStorage -= r.ephemeralStorage;
  from.allowedPodNumber -= r.allowedPodNumber;
  for (const [k, v] of Object.entries(r.scalar)) from.scalar[k] = (from.scalar[k] ?? 0) - v;
}

export class SchedulerCache {
  #infos = new Map<string, NodeInfo>();
  /** Pods occupying each node by node name, also for nodes not (yet) known. */
  #byNode = new Map<string, Map<string, Entry>>();
  #entries = new Map<string, Entry>();
  #ordOf = new Map<Pod, number>();
  #list: NodeInfo[] | undefined;
  #snapshot: Snapshot | undefined;
  /** Image states by image list (sizes and names), shared by every node that lists exactly those images. */
  #imageLists = new Map<string, Map<string, ImageState>>();
  /** How many nodes list each image name; imageStates are derived from it on read. */
  #imageNodes = new Map<string, number>();
  #generation = 0;

  /** Bumped on every change anywhere in the cache. */
  get generation(): number {
    return this.#generation;
  }

  setNode(node: Node): void {
    const name = node.metadata.name;
    const info = this.#infos.get(name);
    if (info) {
      // Heartbeats rewrite the Node without touching its images: every node's imageStates stay valid then.
      const same = sameImages(info.node, node);
      if (!same) this.#countImages(info.node, -1);
      setInfoNode(info, node);
      info.allocatable = resourceFromList(node.status?.allocatable ?? {});
      info.generation++;
      if (!same) {
        this.#countImages(node, 1);
        info.imageStates = this.#imageStates(node);
      }
      this.#generation++;
      return;
    }
    const fresh = this.#newInfo(node);
    this.#infos.set(name, fresh);
    for (const e of [...(this.#byNode.get(name)?.values() ?? [])].sort((a, b) => a.ord - b.ord)) this.#addTo(fresh, e);
    this.#list = undefined;
    this.#countImages(node, 1);
    this.#generation++;
  }

  removeNode(name: string): void {
    const info = this.#infos.get(name);
    if (!info) return;
    this.#countImages(info.node, -1);
    this.#infos.delete(name);
    this.#list = undefined;
    this.#generation++;
  }

  /** The pod as the cycle should count it (undefined or not occupying: counted nowhere), at position ord. */
  setPod(key: string, pod: Pod | undefined, ord: number): void {
    const old = this.#entries.get(key);
    if (old && pod && old.pod === pod && old.ord === ord) return;
    if (old) this.#remove(key, old);
    if (!pod || !pod.spec.nodeName || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    const e: Entry = { pod, node: pod.spec.nodeName, ord, requested: podRequests(pod), nonZero: podRequests(pod, { nonZero: true }), ports: podHostPorts(pod) };
    this.#entries.set(key, e);
    let m = this.#byNode.get(e.node);
    if (!m) this.#byNode.set(e.node, (m = new Map()));
    m.set(key, e);
    const info = this.#infos.get(e.node);
    if (info) this.#addTo(info, e);
    this.#generation++;
  }

  clear(): void {
    this.#infos.clear();
    this.#byNode.clear();
    this.#entries.clear();
    this.#ordOf = new Map();
    this.#imageNodes.clear();
    this.#imageLists.clear();
    this.#list = undefined;
    this.#generation++;
  }

  /** The cycle's view: the live NodeInfos in node order (the list is rebuilt only when nodes come or go). */
  snapshot(): Snapshot {
    if (!this.#list || !this.#snapshot) {
      const list = [...this.#infos.values()];
      const infos = this.#infos;
      this.#list = list;
      this.#withAffinity = undefined;
      this.#withRequiredAnti = undefined;
      this.#snapshot = {
        nodes: list,
        get: (name) => infos.get(name),
        havePodsWithAffinity: () => (this.#withAffinity ??= list.filter((i) => i.podsWithAffinity.length > 0)),
        havePodsWithRequiredAntiAffinity: () => (this.#withRequiredAnti ??= list.filter((i) => i.podsWithRequiredAntiAffinity.length > 0)),
      };
    }
    return this.#snapshot;
  }

  /** Nodes holding pods with (anti-)affinity terms, in node order; recomputed when a node joins or leaves one of them. */
  #withAffinity: NodeInfo[] | undefined;
  #withRequiredAnti: NodeInfo[] | undefined;

  #remove(key: string, e: Entry): void {
    this.#entries.delete(key);
    const m = this.#byNode.get(e.node);
    m?.delete(key);
    if (m && m.size === 0) this.#byNode.delete(e.node);
    const info = this.#infos.get(e.node);
    if (!info) return;
    const i = info.pods.indexOf(e.pod);
    if (i >= 0) info.pods.splice(i, 1);
    subResource(info.requested, e.requested);
    subResource(info.nonZeroRequested, e.nonZero);
    if (e.ports.length) info.usedPorts = [...info.pods].flatMap((p) => podHostPorts(p));
    const a = info.podsWithAffinity.indexOf(e.pod);
    if (a >= 0) info.podsWithAffinity.splice(a, 1);
    if (a >= 0 && info.podsWithAffinity.length === 0) this.#withAffinity = undefined;
    const r = info.podsWithRequiredAntiAffinity.indexOf(e.pod);
    if (r >= 0) info.podsWithRequiredAntiAffinity.splice(r, 1);
    if (r >= 0 && info.podsWithRequiredAntiAffinity.length === 0) this.#withRequiredAnti = undefined;
    this.#ordOf.delete(e.pod);
    info.generation++;
    this.#generation++;
  }

  #addTo(info: NodeInfo, e: Entry): void {
    this.#ordOf.set(e.pod, e.ord);
    insertByOrd(info.pods, e.pod, this.#ordOf);
    addResource(info.requested, e.requested);
    addResource(info.nonZeroRequested, e.nonZero);
    if (e.ports.length) info.usedPorts = info.pods.flatMap((p) => podHostPorts(p));
    if (hasAffinity(e.pod)) {
      if (info.podsWithAffinity.length === 0) this.#withAffinity = undefined;
      insertByOrd(info.podsWithAffinity, e.pod, this.#ordOf);
    }
    if (hasRequiredAntiAffinity(e.pod)) {
      if (info.podsWithRequiredAntiAffinity.length === 0) this.#withRequiredAnti = undefined;
      insertByOrd(info.podsWithRequiredAntiAffinity, e.pod, this.#ordOf);
    }
    info.generation++;
  }

  #newInfo(node: Node): NodeInfo {
    const info = newNodeInfo(node);
    info.requested = emptyResource();
    info.imageStates = this.#imageStates(node);
    return info;
  }

  /**
   * A node's image states, rebuilt only when its own image list changes; how
   * many nodes hold each image is read from the cluster-wide count when asked
   * (one node pulling an image used to rebuild every node's map for the next
   * cycle: 6% of CPU at 5,000 nodes). A plain field, not a getter per
   * NodeInfo: an accessor defined on each object gave every NodeInfo its own
   * hidden class, so every plugin's property reads went megamorphic.
   */
  #imageStates(node: Node): Map<string, ImageState> {
    const images = node.status?.images ?? [];
    // Nodes that list the same images share one map: the scoring loop then reads a few hot maps, not one per node
    // (a lookup in 500 different maps per pod was 17% of scheduleOne at 5,000 nodes).
    const key = images.map((i) => `${i.sizeBytes} ${i.names.join(' ')}`).join('\n');
    const shared = this.#imageLists.get(key);
    if (shared) return shared;
    const states = new Map<string, ImageState>();
    for (const img of images) for (const name of img.names) states.set(name, new LiveImageState(img.sizeBytes, name, this.#imageNodes));
    // Bounded: past the limit, nodes keep their maps, only new lists stop being shared with old ones.
    if (this.#imageLists.size >= MAX_SHARED_IMAGE_LISTS) this.#imageLists.clear();
    this.#imageLists.set(key, states);
    return states;
  }

  #countImages(node: Node, by: number): void {
    const images = node.status?.images ?? [];
    if (!images.length) return;
    for (const name of new Set(images.flatMap((i) => i.names))) {
      const n = (this.#imageNodes.get(name) ?? 0) + by;
      if (n <= 0) this.#imageNodes.delete(name);
      else this.#imageNodes.set(name, n);
    }
  }
}

type NodeImages = NonNullable<NonNullable<Node['status']>['images']>;

/** An image's state on one node: its size there, and (read live, through one shared prototype getter) how many nodes hold it. */
class LiveImageState implements ImageState {
  readonly sizeBytes: number;
  readonly #name: string;
  readonly #counts: Map<string, number>;
  constructor(sizeBytes: number, name: string, counts: Map<string, number>) {
    this.sizeBytes = sizeBytes;
    this.#name = name;
    this.#counts = counts;
  }
  get numNodes(): number {
    return this.#counts.get(this.#name) ?? 1;
  }
}

/** Whether two versions of a Node list the same images (names and sizes, in order). */
function sameImages(a: Node, b: Node): boolean {
  return sameImageList(a.status?.images, b.status?.images);
}

function sameImageList(a: NodeImages | undefined, b: NodeImages | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x === y) return true;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p.sizeBytes !== q.sizeBytes || p.names.length !== q.names.length) return false;
    for (let j = 0; j < p.names.length; j++) if (p.names[j] !== q.names[j]) return false;
  }
  return true;
}

/** Inserts pod into a list kept sorted by ord (pods arrive mostly in order: appends are O(1)). */
function insertByOrd(list: Pod[], pod: Pod, ordOf: Map<Pod, number>): void {
  const o = ordOf.get(pod)!;
  let i = list.length;
  while (i > 0 && (ordOf.get(list[i - 1]!) ?? 0) > o) i--;
  list.splice(i, 0, pod);
}
