/**
 * The kubelet of one node. It registers the Node, renews its Lease, watches
 * only the pods bound to it, and for each pod: pulls images, creates the
 * sandbox (pod IP), runs init containers then containers, probes them,
 * restarts crashed containers IN PLACE (same pod, same IP, restartCount + 1,
 * CrashLoopBackOff between attempts) and reports status. It never re-creates
 * a pod: replacing deleted or evicted pods is a controller's job.
 */
import { listAndWatch } from '../reflector.ts';
import type { TimerId, VirtualClock } from '../../clock.ts';
import type { Rng } from '../../rng.ts';
import type { ConfigMap, Container, ContainerState, ContainerStatus, Event, Lease, Node, Pod, PodCondition, Service } from '../api/types.ts';
import { milliValue, parseQuantity, quantityValue } from '../api/quantity.ts';
import { Backoff } from './backoff.ts';
import { type KubeletClient, type ListResult, NODE_LEASE_NAMESPACE, type WatchEvent } from './client.ts';
import { goDuration, microTime, rfc3339 } from './format.ts';
import { sha256Hex } from './sha256.ts';
import { parseReference } from '../../containers/reference.ts';
import { PodIPAllocator } from './ipam.ts';
import { podConditions, podPhase } from './pod-status.ts';
import { runProbe } from './probes.ts';
import { fromServices, serviceEnvServices } from './envvars.ts';
import { hasAtomicVolumes, type LazyText, type MountedVolume, refreshVolumes, setUpVolumes, type VolumeWorld } from './volumes.ts';
import type { FsMount, VolumeDir } from '../../containers/mounts.ts';
import { type ContainerRuntime, type RtContainer, RUNTIME_VERSION } from './runtime.ts';
import { KUBERNETES_VERSION } from '../version.ts';
import { STAGES } from './stages.ts';

export const KUBELET_VERSION = KUBERNETES_VERSION;
export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export interface KubeletOptions {
  nodeName: string;
  /** Normally allocated by the node IPAM controller; given here so the node can start alone. */
  podCIDR: string;
  internalIP: string;
  client: KubeletClient;
  runtime: ContainerRuntime;
  clock: VirtualClock;
  rng: Rng;
  capacity?: { cpu: string; memory: string; pods: string };
  /** Pods from the manifest directory (/etc/kubernetes/manifests): run here, mirrored to the API. */
  staticPods?: Pod[];
}

interface ProbeState {
  failures: number;
  successes: number;
  timer?: () => void;
}

interface CState {
  spec: Container;
  init: boolean;
  restartCount: number;
  rtId?: string;
  last?: ContainerState['terminated'];
  waiting?: { reason: string; message?: string };
  started: boolean;
  ready: boolean;
  imageID?: string;
  pullRetryAt?: number;
  /** Made when its first probe starts: most containers have none (four objects kept per container before). */
  probes?: { startup: ProbeState; liveness: ProbeState; readiness: ProbeState };
}

interface Worker {
  pod: Pod;
  ip?: string;
  sandboxId?: string;
  sandboxReady: boolean;
  busy: boolean;
  cs: CState[];
  startTime: string;
  terminating: boolean;
  finished: boolean;
  timers: TimerId[];
  /** Fingerprint (textFingerprint) of the last status written: the status text itself was ~2 KB kept per pod. */
  lastStatus?: string;
  /** resourceVersion of our last status write: a later one with another Ready was someone else's. */
  lastWriteRv?: number;
  /** The last status write failed: the periodic sync sends it again. */
  unsent?: boolean;
  conditions: PodCondition[];
  /** Set by the cluster when the component inside stops answering: its containers report not ready. */
  unhealthy?: boolean;
  /** The pod's volumes once all are set up (before the sandbox, as WaitForAttachAndMount). */
  volumes?: Map<string, MountedVolume>;
  /** Made with the pod's first emptyDir. */
  emptyDirs?: Map<string, VolumeDir>;
  /** The volume operation back-off (500 ms doubling to 2m2s) after a failed mount. */
  mountRetryMs?: number;
  /** The pending periodic resync that rewrites configMap/secret/projected/downwardAPI volumes. */
  volumeResync?: TimerId;
  terminateStartedAt?: number;
}

/** Thrown out of a volume resync when the API server does not answer. */
const UNREACHABLE = Symbol('unreachable');

/** An init container with restartPolicy: Always. */
const isSidecar = (c: CState) => c.init && c.spec.restartPolicy === 'Always';

const podKey = (p: Pod) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;

export class Kubelet {
  readonly nodeName: string;
  readonly #o: KubeletOptions;
  readonly #ipam: PodIPAllocator;
  readonly #backoff = new Backoff({ initialMs: STAGES.backOffInitialMs, maxMs: STAGES.backOffMaxMs, resetMs: STAGES.backOffResetMs });
  readonly #imageBackoff = new Backoff({ initialMs: STAGES.imageBackOffInitialMs, maxMs: STAGES.imageBackOffMaxMs, resetMs: STAGES.imageBackOffMaxMs * 2 });
  #workers = new Map<string, Worker>();
  #running = false;
  #stops: (() => void)[] = [];
  #nodeUid = '';
  #lastNodeStatus = '';
  #lastNodeReport = -Infinity;
  /** What the status depends on (image list version, the API's conditions), as of the last status computed: unchanged, nothing is recomputed. */
  #lastNodeInputs = '';
  /** The same, by identity: the informer's frozen conditions array and the image list version seen last. */
  #lastConditions: unknown;
  #lastImages = -1;
  /** The node informer's copy of our own Node (fieldSelector metadata.name), as kl.nodeLister holds it. */
  #nodeCache: Node | undefined;
  /** The Service informer's cache (kl.serviceLister), by namespace/name; undefined until its first list succeeded. */
  #services: Map<string, Service> | undefined;
  /**
   * The service variables from that cache, by namespace and enableServiceLinks, emptied whenever it changes: each
   * container start listed every Service and made the same strings again (~180 bytes kept per pod).
   */
  #serviceEnv = new Map<string, [string, string][]>();
  /** The Lease as our last write returned it: renewals update it without a GET (the lease controller's latestLease). */
  #latestLease: Lease | undefined;

  constructor(opts: KubeletOptions) {
    this.#o = opts;
    this.nodeName = opts.nodeName;
    this.#ipam = new PodIPAllocator(opts.podCIDR);
    opts.runtime.onExit((c) => this.#onExit(c));
  }

  get running(): boolean {
    return this.#running;
  }

  /** Boots the kubelet: register, heartbeat, list+watch own pods. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    const { clock } = this.#o;
    this.#latestLease = undefined;
    this.#nodeCache = undefined;
    this.#services = undefined;
    this.#register();
    this.#watchNode();
    this.#watchServices();
    this.#renewLease();
    this.#syncNodeStatus(true);
    this.#createMirrorPods();
    this.#stops.push(clock.every(STAGES.leaseRenewMs, () => this.#renewLease()));
    this.#stops.push(clock.every(STAGES.nodeStatusUpdateMs, () => this.#syncNodeStatus(false)));
    // The status manager's periodic sync: a pod status the API server refused (it was down) is sent again.
    this.#stops.push(clock.every(STAGES.nodeStatusUpdateMs, () => this.#resendStatuses()));
    this.#listWatch();
    for (const w of this.#workers.values()) this.#sync(w);
  }

  /**
   * The pod reflector: list this node's pods, then watch from there. A list
   * that fails (API server down) is retried with client-go's back-off
   * (800 ms doubling to 30 s) for as long as the kubelet runs; before, one
   * failed list left the kubelet deaf forever while it reported Running.
   */
  #listWatch(): void {
    const { client, clock } = this.#o;
    const sel = `spec.nodeName=${this.nodeName}`;
    const r = listAndWatch<ListResult<Pod>, WatchEvent<Pod>>(
      {
        list: () => client.listPods({ fieldSelector: sel }),
        watch: (l, onEvent, onEnd) => client.watchPods({ fieldSelector: sel, resourceVersion: l.resourceVersion }, onEvent, () => onEnd()),
      },
      {
        replace: (l) => {
          const seen = new Set<string>();
          for (const p of l.items) {
            seen.add(p.metadata.uid ?? '');
            this.#upsert(p);
          }
          // Pods deleted while the kubelet was down: their containers go.
          for (const w of [...this.#workers.values()]) if (!seen.has(w.pod.metadata.uid ?? '')) this.#forget(w);
        },
        event: (e) => {
          if (!this.#running) return;
          if (e.type === 'DELETED') {
            const w = this.#workers.get(e.object.metadata.uid ?? '');
            if (w) this.#forget(w);
          } else this.#upsert(e.object);
        },
        // Back after lists that failed: every pod is synced again.
        watching: (cause) => {
          if (cause === 'list') for (const w of this.#workers.values()) this.#sync(w);
        },
      },
      clock,
    );
    this.#stops.push(() => r.stop());
  }

  /** Node failure: heartbeats, status and the pod loop stop; containers keep whatever state they have. */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    for (const s of this.#stops) s();
    this.#stops = [];
    for (const w of this.#workers.values()) {
      for (const t of w.timers) this.#o.clock.clearTimeout(t);
      w.timers = [];
      w.busy = false;
      for (const c of w.cs) for (const p of Object.values(c.probes ?? {})) p.timer?.();
    }
  }

  /**
   * A static pod's component stopped (or came back): its containers report
   * not ready (or ready) in the mirror pod, as a failing health check would.
   */
  setStaticPodHealthy(name: string, healthy: boolean): void {
    const w = [...this.#workers.values()].find((x) => x.pod.metadata.name === `${name}-${this.nodeName}` && x.pod.metadata.annotations?.[MIRROR_ANNOTATION]);
    if (!w) return;
    w.unhealthy = !healthy;
    this.#pushStatus(w);
  }

  /** Static pods run whatever the API says; the mirror pod is created if it is missing. */
  #createMirrorPods(): void {
    const { client, clock } = this.#o;
    for (const sp of this.#o.staticPods ?? []) {
      const name = `${sp.metadata.name}-${this.nodeName}`;
      const hash = sha256Hex(JSON.stringify(sp)).slice(0, 32);
      const annotations = { ...sp.metadata.annotations, 'kubernetes.io/config.hash': hash, [MIRROR_ANNOTATION]: hash, 'kubernetes.io/config.seen': new Date(clock.now()).toISOString().replace('Z', '000000Z'), 'kubernetes.io/config.source': 'file' };
      client.createPod({
        ...sp,
        metadata: { ...sp.metadata, name, annotations, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: this.#nodeUid, controller: true }] },
        spec: { ...sp.spec, nodeName: this.nodeName },
      });
    }
  }

  /** Pod IP by pod key, for DNS and lessons. */
  podIP(namespace: string, name: string): string | undefined {
    return [...this.#workers.values()].find((w) => podKey(w.pod) === `${namespace}/${name}`)?.ip;
  }

  // ---------- node, lease ----------

  #node(): Node {
    const cap = this.#o.capacity ?? { cpu: '4', memory: '8Gi', pods: '110' };
    const memKi = Math.round(quantityValue(mustQ(cap.memory)) / 1024);
    const capacity = { cpu: cap.cpu, 'ephemeral-storage': '61202244Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${memKi}Ki`, pods: cap.pods };
    const now = rfc3339(this.#o.clock.now());
    const cond = (type: 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'Ready', status: 'True' | 'False', reason: string, message: string) => ({ type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: now });
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: this.nodeName,
        labels: { 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': this.nodeName, 'kubernetes.io/os': 'linux' },
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      },
      spec: { podCIDR: this.#o.podCIDR, podCIDRs: [this.#o.podCIDR] },
      status: {
        capacity,
        // allocatable = capacity - eviction threshold (memory.available<100Mi) - ephemeral reserve
        allocatable: { ...capacity, 'ephemeral-storage': '56403987978', memory: `${memKi - 102400}Ki` },
        conditions: [
          cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
          cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
          cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
          cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
        ],
        addresses: [
          { type: 'InternalIP', address: this.#o.internalIP },
          { type: 'Hostname', address: this.nodeName },
        ],
        nodeInfo: { kubeletVersion: KUBELET_VERSION, containerRuntimeVersion: RUNTIME_VERSION, osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0-51-generic', operatingSystem: 'linux', architecture: 'amd64' },
        images: this.#o.runtime.listImages(),
      },
    };
  }

  #register(): void {
    const { client } = this.#o;
    const existing = client.getNode(this.nodeName);
    if (existing.ok) {
      this.#nodeUid = existing.value.metadata.uid ?? '';
      return;
    }
    const created = client.createNode(this.#node());
    if (!created.ok) return;
    this.#nodeUid = created.value.metadata.uid ?? '';
    const ref = { kind: 'Node', name: this.nodeName, uid: this.nodeName, apiVersion: 'v1' };
    this.#event(ref, 'Normal', 'Starting', 'Starting kubelet.');
    this.#event(ref, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    for (const s of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) this.#event(ref, 'Normal', s, `Node ${this.nodeName} status is now: ${s}`);
  }

  /**
   * The node informer (list, then watch, its own Node only): the status
   * loop reads the Node from here instead of a GET every 10 s. A failed list
   * or an ended watch is retried with the reflector's back-off.
   */
  #watchNode(): void {
    const { client, clock } = this.#o;
    const sel = `metadata.name=${this.nodeName}`;
    const r = listAndWatch<ListResult<Node>, WatchEvent<Node>>(
      {
        list: () => client.listNodes({ fieldSelector: sel }),
        watch: (l, onEvent, onEnd) => client.watchNodes({ fieldSelector: sel, resourceVersion: l.resourceVersion }, onEvent, () => onEnd()),
      },
      {
        replace: (l) => (this.#nodeCache = l.items[0]),
        event: (e) => {
          if (this.#running) this.#nodeCache = e.type === 'DELETED' ? undefined : e.object;
        },
      },
      clock,
    );
    this.#stops.push(() => r.stop());
  }

  /** The Service informer: every Service, listed once and then watched (a failed list or ended watch: again after a back-off). */
  #watchServices(): void {
    const { client, clock } = this.#o;
    const key = (s: Service) => `${s.metadata.namespace ?? 'default'}/${s.metadata.name}`;
    const r = listAndWatch<ListResult<Service>, WatchEvent<Service>>(
      {
        list: () => client.listServices(),
        watch: (l, onEvent, onEnd) => client.watchServices({ resourceVersion: l.resourceVersion }, onEvent, () => onEnd()),
      },
      {
        replace: (l) => {
          const cache = new Map<string, Service>();
          for (const s of l.items) cache.set(key(s), s);
          this.#services = cache;
          this.#serviceEnv.clear();
        },
        event: (e) => {
          const cache = this.#services;
          if (!this.#running || !cache) return;
          if (e.type === 'DELETED') cache.delete(key(e.object));
          else cache.set(key(e.object), e.object);
          this.#serviceEnv.clear();
        },
      },
      clock,
    );
    this.#stops.push(() => r.stop());
  }

  #renewLease(): void {
    const { client, clock } = this.#o;
    const renewTime = microTime(clock.now());
    const renew = (base: Lease) => client.updateLease({ ...base, spec: { ...base.spec, holderIdentity: this.nodeName, leaseDurationSeconds: STAGES.leaseDurationSeconds, renewTime } });
    // Like the kubelet's lease controller: update from the last written Lease; GET only when that fails (first time, conflict, API down).
    if (this.#latestLease) {
      const r = renew(this.#latestLease);
      this.#latestLease = r.ok ? r.value : undefined;
      if (r.ok) return;
    }
    const cur = client.getLease(NODE_LEASE_NAMESPACE, this.nodeName);
    if (cur.ok) {
      const r = renew(cur.value);
      this.#latestLease = r.ok ? r.value : undefined;
      return;
    }
    const lease: Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.nodeName, namespace: NODE_LEASE_NAMESPACE, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: this.#nodeUid }] },
      spec: { holderIdentity: this.nodeName, leaseDurationSeconds: STAGES.leaseDurationSeconds, renewTime },
    };
    const r = client.createLease(lease);
    this.#latestLease = r.ok ? r.value : undefined;
  }

  /** Computes status every 10 s; posts it when it changed or 5 minutes have passed (the Lease is the heartbeat). */
  #resendStatuses(): void {
    for (const w of [...this.#workers.values()]) if (w.unsent) this.#pushStatus(w);
  }

  #syncNodeStatus(force: boolean, fromCache = true): void {
    const { client, clock } = this.#o;
    // tryUpdateNodeStatus: the first try reads the node informer's copy (kl.nodeLister); after a conflict, or before the informer has it, a GET from etcd.
    const cached = fromCache ? this.#nodeCache : undefined;
    const cur = cached ? { ok: true as const, value: cached } : client.getNode(this.nodeName);
    if (!cur.ok) return;
    const prev = cur.value.status?.conditions ?? [];
    const due = clock.now() - this.#lastNodeReport >= STAGES.nodeStatusReportMs;
    const images = this.#o.runtime.imagesVersion;
    // The common case: the same cached Node (frozen, shared) and image list as last time.
    if (!force && !due && cur.value.status?.conditions === this.#lastConditions && images === this.#lastImages) return;
    // The status is a function of the image list and the API's conditions (heartbeat times aside): when neither
    // changed since the last computation, neither did the status, and only the 5-minute report is due.
    let inputs = String(images);
    for (const c of prev) inputs += `|${c.type}=${c.status}@${c.lastTransitionTime}`;
    if (!force && !due && inputs === this.#lastNodeInputs) return this.#sawInputs(cur.value, images);
    const fresh = this.#node();
    fresh.status!.conditions = fresh.status!.conditions!.map((c) => {
      const p = prev.find((x) => x.type === c.type);
      return p && p.status === c.status ? { ...c, lastTransitionTime: p.lastTransitionTime! } : c;
    });
    const comparable = JSON.stringify({ ...fresh.status, conditions: fresh.status!.conditions!.map((c) => ({ ...c, lastHeartbeatTime: '' })) });
    if (!force && !due && comparable === this.#lastNodeStatus) {
      this.#lastNodeInputs = inputs;
      return this.#sawInputs(cur.value, images);
    }
    const wasReady = prev.find((c) => c.type === 'Ready')?.status === 'True';
    const r = client.updateNodeStatus({ ...cur.value, status: fresh.status! });
    if (!r.ok) {
      if (fromCache && r.errors[0].code === 'Conflict') this.#syncNodeStatus(force, false);
      return;
    }
    this.#lastNodeStatus = comparable;
    this.#lastNodeInputs = inputs;
    this.#lastNodeReport = clock.now();
    this.#lastConditions = undefined;
    this.#lastImages = -1;
    if (!wasReady) this.#event({ kind: 'Node', name: this.nodeName, uid: this.nodeName, apiVersion: 'v1' }, 'Normal', 'NodeReady', `Node ${this.nodeName} status is now: NodeReady`);
  }

  /** Remembers the informer's (frozen) conditions seen unchanged, so the next tick compares by identity only. */
  #sawInputs(node: Node, images: number): void {
    if (!Object.isFrozen(node)) return;
    this.#lastConditions = node.status?.conditions;
    this.#lastImages = images;
  }

  // ---------- pods ----------

  #upsert(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    let w = this.#workers.get(uid);
    const isNew = !w;
    if (!w) {
      const cs = (list: Container[] | undefined, init: boolean): CState[] =>
        (list ?? []).map((spec) => ({ spec, init, restartCount: 0, started: false, ready: false }));
      w = { pod, sandboxReady: false, busy: false, cs: [...cs(pod.spec.initContainers, true), ...cs(pod.spec.containers, false)], startTime: rfc3339(this.#o.clock.now()), terminating: false, finished: false, timers: [], conditions: pod.status?.conditions ?? [] };
      this.#workers.set(uid, w);
    }
    // Our own status writes come back through the watch; like the kubelet's pod config, only spec/metadata changes matter.
    const changed = isNew || w.pod.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp || !sameJson(w.pod.spec, pod.spec);
    w.pod = pod;
    // Someone else (the node lifecycle controller, while this node was unreachable) changed Ready after our last write:
    // the status manager writes ours again, as the kubelet reconciles against the API server's copy.
    // The echo of our own write is not later than it: the conditions are searched only for others' writes.
    if (!isNew && w.lastStatus && w.lastWriteRv !== undefined && Number(pod.metadata.resourceVersion) > w.lastWriteRv) {
      const apiReady = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status;
      const ourReady = w.conditions.find((c) => c.type === 'Ready')?.status;
      if (apiReady && ourReady && apiReady !== ourReady) {
        w.lastStatus = undefined;
        this.#pushStatus(w);
      }
    }
    if (pod.metadata.deletionTimestamp && !w.terminating) this.#terminate(w);
    else if (changed) this.#sync(w);
  }

  #later(w: Worker, ms: number, fn: () => void): void {
    const id = this.#o.clock.setTimeout(() => {
      w.timers = w.timers.filter((t) => t !== id);
      if (this.#running) fn();
    }, ms);
    w.timers.push(id);
  }

  /** Decides the next step for a pod; one step in flight per pod at a time. */
  #sync(w: Worker): void {
    if (!this.#running || w.busy || w.terminating || w.finished) return;
    if (!w.volumes) return this.#mountVolumes(w);
    this.#armVolumeResync(w);
    if (!w.sandboxId) return this.#createSandbox(w);
    const policy = w.pod.spec.restartPolicy ?? 'Always';
    const mainDone = this.#mainDone(w);
    for (const c of w.cs.filter((x) => x.init)) {
      const rc = c.rtId ? this.#o.runtime.container(c.rtId) : undefined;
      if (isSidecar(c)) {
        // A native sidecar (KEP-753): the next init container waits only until it has started; it is restarted
        // whenever it exits, whatever the pod's restartPolicy, until the app containers are done.
        if (rc?.state === 'running') {
          if (c.started) continue;
          return this.#pushStatus(w);
        }
        if (mainDone) continue;
        return this.#startContainer(w, c);
      }
      if (rc?.state === 'running') return this.#pushStatus(w);
      if (rc?.state === 'exited' && rc.exitCode === 0) continue;
      if (rc?.state === 'exited' && policy === 'Never') return this.#pushStatus(w);
      return this.#startContainer(w, c);
    }
    for (const c of w.cs.filter((x) => !x.init)) {
      const rc = c.rtId ? this.#o.runtime.container(c.rtId) : undefined;
      if (rc?.state === 'running') continue;
      if (rc?.state === 'exited') {
        const restart = policy === 'Always' || (policy === 'OnFailure' && rc.exitCode !== 0);
        if (!restart) continue;
      }
      return this.#startContainer(w, c);
    }
    // The app containers of a pod that does not restart them are done: its sidecars are stopped, last first.
    if (mainDone) this.#stopSidecars(w);
    this.#pushStatus(w);
  }

  /** Every app container has exited and will not be restarted (restartPolicy Never, or OnFailure and exit 0). */
  #mainDone(w: Worker): boolean {
    const policy = w.pod.spec.restartPolicy ?? 'Always';
    if (policy === 'Always') return false;
    return w.cs.filter((x) => !x.init).every((c) => {
      const rc = c.rtId ? this.#o.runtime.container(c.rtId) : undefined;
      return rc?.state === 'exited' && (policy === 'Never' || rc.exitCode === 0);
    });
  }

  /** SIGTERM to the running sidecars, in reverse order of their definition. */
  #stopSidecars(w: Worker, graceMs = this.#graceMs(w)): void {
    for (const c of w.cs.filter(isSidecar).reverse()) {
      const rc = c.rtId ? this.#o.runtime.container(c.rtId) : undefined;
      if (rc?.state !== 'running' || rc.stopRequested) continue;
      for (const p of Object.values(c.probes ?? {})) p.timer?.();
      this.#podEvent(w, c, 'Normal', 'Killing', `Stopping container ${c.spec.name}`);
      this.#o.runtime.stopContainer(rc.id, graceMs);
    }
  }

  /**
   * The pod worker's periodic resync (syncFrequency 1m plus up to 50% jitter, pod_workers.go completeWork), which
   * remounts configMap, secret, projected and downwardAPI volumes with the objects' current data. The kubelet's
   * object cache follows a watch (kind's default configMapAndSecretChangeDetectionStrategy), so the resync period is
   * the delay the docs describe ("ConfigMaps mounted as volumes are updated automatically", kubernetes.io/docs/concepts/
   * configuration/configmap). The jitter comes from the pod's UID, not the shared RNG, so nothing else shifts.
   */
  #armVolumeResync(w: Worker): void {
    if (w.volumeResync !== undefined || !w.volumes || !hasAtomicVolumes(w.pod)) return;
    let h = 2166136261;
    const seed = `${w.pod.metadata.uid ?? podKey(w.pod)}#${this.#o.clock.now()}`;
    // By code point's first unit, as for…of over the string did, without a string per character.
    for (let i = 0; i < seed.length; i++) {
      const c = seed.charCodeAt(i);
      h = Math.imul(h ^ c, 16777619) >>> 0;
      if (c >= 0xd800 && c <= 0xdbff && (seed.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    }
    const ms = STAGES.podResyncMs + Math.floor((h / 2 ** 32) * STAGES.podResyncMs * 0.5);
    const id = this.#o.clock.setTimeout(() => {
      w.timers = w.timers.filter((t) => t !== id);
      w.volumeResync = undefined;
      // A stopped kubelet does nothing; its next sync arms the resync again.
      if (!this.#running || w.terminating || w.finished || !w.volumes) return;
      // An API server that cannot be reached leaves the cache (and so the files) as they were.
      let errors: ReturnType<typeof refreshVolumes> = [];
      try {
        errors = refreshVolumes(w.pod, w.volumes, this.#volumeWorld(w, true));
      } catch (e) {
        if (e !== UNREACHABLE) throw e;
      }
      for (const e of errors) this.#podEvent(w, undefined, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${e.volume}" : ${e.message}`);
      this.#armVolumeResync(w);
    }, ms);
    w.volumeResync = id;
    w.timers.push(id);
  }

  /** cached: read ConfigMaps and Secrets from the watch cache, as the kubelet's watch-based object cache holds them (no etcd read per resync). */
  #volumeWorld(w: Worker, cached = false): VolumeWorld {
    const rv = cached ? { resourceVersion: '0' } : undefined;
    const { client, runtime } = this.#o;
    const ns = w.pod.metadata.namespace ?? 'default';
    const get = <T>(r: { ok: true; value: T } | { ok: false; errors: { code: string }[] }): T | undefined => {
      if (cached && !r.ok && r.errors[0]?.code !== 'NotFound') throw UNREACHABLE;
      return r.ok ? r.value : undefined;
    };
    return {
      configMap: (name) => get(client.getConfigMap(ns, name, rv)),
      secret: (name) => get(client.getSecret(ns, name, rv)),
      claim: (name) => get(client.getPersistentVolumeClaim(ns, name)),
      persistentVolume: (name) => get(client.getPersistentVolume(name)),
      hostDir: (path) => runtime.hostDir(path),
      emptyDir: (name) => {
        let d = w.emptyDirs?.get(name);
        if (!d) (w.emptyDirs ??= new Map()).set(name, (d = new Map()));
        return d;
      },
      field: (path) => this.#fieldValue(w, path),
      token: (audience, exp) => this.#token(w, audience, exp),
    };
  }

  /** The volume manager: every volume set up before the sandbox; a failure is retried with back-off and reported. */
  #mountVolumes(w: Worker): void {
    const r = setUpVolumes(w.pod, this.#volumeWorld(w));
    if (r.ok) {
      w.volumes = r.volumes;
      w.mountRetryMs = undefined;
      return this.#sync(w);
    }
    for (const c of w.cs) c.waiting = { reason: c.init || !w.cs.some((x) => x.init) ? 'ContainerCreating' : 'PodInitializing' };
    const msg = r.claim ? `Unable to attach or mount volumes: unmounted volumes=[${r.volume}], unattached volumes=[], failed to process volumes=[${r.volume}]: ${r.message}` : `MountVolume.SetUp failed for volume "${r.volume}" : ${r.message}`;
    this.#podEvent(w, undefined, 'Warning', 'FailedMount', msg);
    this.#pushStatus(w);
    w.mountRetryMs = Math.min((w.mountRetryMs ?? STAGES.mountRetryInitialMs / 2) * 2, STAGES.mountRetryMaxMs);
    this.#later(w, w.mountRetryMs, () => this.#sync(w));
  }

  /** The token's key id and the service accounts' uids: the same for every pod, hashed once. */
  #kid: string | undefined;
  #saUids = new Map<string, string>();

  /** A bound service account token issued now, its text made when first read: what is kept is the time and the node's uid, not ~1 KB of JWT. */
  #token(w: Worker, audience: string | undefined, expirationSeconds: number): LazyText {
    const now = Math.floor(this.#o.clock.now() / 1000);
    const nodeUid = this.#nodeUid;
    return () => this.#jwt(w.pod, now, nodeUid, audience, expirationSeconds);
  }

  /** A bound service account token as the TokenRequest API issues it (RS256 JWT; the signature is a stand-in). */
  #jwt(pod: Pod, now: number, nodeUid: string, audience: string | undefined, expirationSeconds: number): string {
    const ns = pod.metadata.namespace ?? 'default';
    const sa = pod.spec.serviceAccountName ?? 'default';
    const iss = 'https://kubernetes.default.svc.cluster.local';
    const b64url = (s: string) => btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const hex = (seed: string) => sha256Hex(seed);
    const uuidOf = (seed: string) => hex(seed).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5');
    const header = { alg: 'RS256', kid: (this.#kid ??= b64url(hex(`kid/${this.nodeName}`)).slice(0, 43)) };
    let saUid = this.#saUids.get(`${ns}/${sa}`);
    if (saUid === undefined) {
      if (this.#saUids.size >= 256) this.#saUids.clear();
      this.#saUids.set(`${ns}/${sa}`, (saUid = uuidOf(`sa/${ns}/${sa}`)));
    }
    // kube-apiserver --service-account-extend-token-expiration: a kubelet's token lives a year, warning after the asked time.
    const claims = {
      aud: [audience ?? iss],
      exp: now + 31_536_000 + 7,
      iat: now,
      iss,
      jti: uuidOf(`jti/${pod.metadata.uid}/${now}`),
      'kubernetes.io': { namespace: ns, node: { name: this.nodeName, uid: nodeUid }, pod: { name: pod.metadata.name, uid: pod.metadata.uid }, serviceaccount: { name: sa, uid: saUid }, warnafter: now + expirationSeconds },
      nbf: now,
      sub: `system:serviceaccount:${ns}:${sa}`,
    };
    return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${signature(hex(`sig/${pod.metadata.uid}/${now}`))}`;
  }

  #createSandbox(w: Worker): void {
    w.busy = true;
    for (const c of w.cs) c.waiting = { reason: c.init || !w.cs.some((x) => x.init) ? 'ContainerCreating' : 'PodInitializing' };
    this.#pushStatus(w);
    this.#later(w, STAGES.sandboxCreateMs + STAGES.networkSetupMs, () => {
      // A host-network pod shares the node's network namespace and IP.
      const ip = w.pod.spec.hostNetwork ? this.#o.internalIP : this.#ipam.allocate();
      if (!ip) {
        w.busy = false;
        this.#podEvent(w, undefined, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${this.#o.podCIDR}`);
        return;
      }
      const sb = this.#o.runtime.runPodSandbox({ podUid: w.pod.metadata.uid ?? '', name: w.pod.metadata.name, namespace: w.pod.metadata.namespace ?? 'default', ip });
      w.ip = ip;
      w.sandboxId = sb.id;
      w.sandboxReady = true;
      w.busy = false;
      this.#sync(w);
    });
  }

  #pullPolicy(c: Container): 'Always' | 'IfNotPresent' | 'Never' {
    if (c.imagePullPolicy) return c.imagePullPolicy;
    const tag = parseReference(c.image).tag;
    return tag === 'latest' ? 'Always' : 'IfNotPresent';
  }

  #startContainer(w: Worker, c: CState): void {
    const { runtime, clock } = this.#o;
    const now = clock.now();
    const rc = c.rtId ? runtime.container(c.rtId) : undefined;
    // Crash-loop back-off, measured from when the last instance finished.
    if (rc?.state === 'exited') {
      const key = this.#backoffKey(w, c);
      if (this.#backoff.inBackOffSince(key, rc.finishedAt!, now)) {
        const delay = this.#backoff.current(key);
        const msg = `back-off ${goDuration(delay)} restarting failed container=${c.spec.name} pod=${this.#podRef(w)}`;
        if (c.waiting?.reason !== 'CrashLoopBackOff') this.#podEvent(w, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.spec.name} in pod ${this.#podRef(w)}`);
        c.waiting = { reason: 'CrashLoopBackOff', message: msg };
        this.#pushStatus(w);
        this.#later(w, rc.finishedAt! + delay - now, () => this.#sync(w));
        return;
      }
      this.#backoff.next(key, rc.finishedAt!, now);
    }
    // Image.
    const policy = this.#pullPolicy(c.spec);
    const present = runtime.hasImage(c.spec.image);
    const image = c.spec.image;
    const ikey = `${w.pod.metadata.uid}/${image}`;
    if (policy === 'Never' && !present) {
      c.waiting = { reason: 'ErrImageNeverPull', message: `Container image "${image}" is not present with pull policy of Never` };
      this.#podEvent(w, c, 'Warning', 'ErrImageNeverPull', c.waiting.message!);
      return this.#pushStatus(w);
    }
    if (policy === 'Always' || !present) {
      if (c.pullRetryAt !== undefined && now < c.pullRetryAt) {
        const prevMsg = c.waiting?.message ?? '';
        c.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}": ErrImagePull: ${prevMsg.replace(/^Back-off pulling image "[^"]*": ErrImagePull: /, '')}` };
        this.#podEvent(w, c, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
        this.#podEvent(w, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
        this.#pushStatus(w);
        this.#later(w, c.pullRetryAt - now, () => this.#sync(w));
        return;
      }
      w.busy = true;
      this.#podEvent(w, c, 'Normal', 'Pulling', `Pulling image "${image}"`);
      runtime.pullImage(image, (r) => {
        if (!this.#running || w.finished) return;
        w.busy = false;
        if (!r.ok) {
          c.waiting = { reason: 'ErrImagePull', message: r.message };
          this.#podEvent(w, c, 'Warning', 'Failed', `Failed to pull image "${image}": ${r.message}`);
          this.#podEvent(w, c, 'Warning', 'Failed', 'Error: ErrImagePull');
          c.pullRetryAt = clock.now() + this.#imageBackoff.next(ikey, clock.now());
          this.#pushStatus(w);
          // The pod worker retries soon and then sits in ImagePullBackOff until the back-off ends.
          this.#later(w, STAGES.errorResyncMs, () => this.#sync(w));
          return;
        }
        c.pullRetryAt = undefined;
        this.#imageBackoff.reset(ikey);
        const took = goDuration(r.durationMs);
        this.#podEvent(w, c, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${r.sizeBytes} bytes.`);
        this.#create(w, c);
      });
      return;
    }
    this.#podEvent(w, c, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
    this.#create(w, c);
  }

  #create(w: Worker, c: CState): void {
    const { runtime } = this.#o;
    // generateContainerConfig runs after the image is there; a missing ConfigMap stops the start here.
    const env = this.#env(w, c.spec);
    if (!env.ok) {
      c.waiting = { reason: 'CreateContainerConfigError', message: env.message };
      this.#podEvent(w, c, 'Warning', 'Failed', `Error: ${env.message}`);
      this.#pushStatus(w);
      this.#later(w, STAGES.podWorkerBackOffMs, () => this.#sync(w));
      return;
    }
    w.busy = true;
    if (!c.waiting || c.waiting.reason === 'ErrImagePull' || c.waiting.reason === 'ImagePullBackOff') c.waiting = { reason: 'ContainerCreating' };
    this.#later(w, STAGES.containerCreateMs + STAGES.containerStartMs, () => {
      w.busy = false;
      if (!w.sandboxId || w.terminating) return;
      const limit = c.spec.resources?.limits?.memory;
      const rc = runtime.createContainer(w.sandboxId, {
        name: c.spec.name,
        image: c.spec.image,
        ...(c.spec.command ? { command: c.spec.command } : {}),
        ...(c.spec.args ? { args: c.spec.args } : {}),
        env: env.value,
        mounts: this.#mountsOf(w, c.spec),
        ...(limit ? { memoryLimitBytes: quantityValue(mustQ(limit)) } : {}),
        ...(c.spec.stdin ? { stdin: true } : {}),
        ...(c.spec.resources?.limits?.cpu ? { cpuLimitMilli: milliValue(mustQ(c.spec.resources.limits.cpu)) } : {}),
      });
      if (c.rtId) {
        const prev = runtime.container(c.rtId);
        if (prev) c.last = terminatedOf(prev);
        // The kubelet keeps one dead instance per container (for logs --previous).
        const old = c.rtId;
        c.restartCount++;
        c.rtId = rc.id;
        for (const x of runtime.containersIn(w.sandboxId)) if (x.name === c.spec.name && x.id !== old && x.id !== rc.id) runtime.removeContainer(x.id);
      } else c.rtId = rc.id;
      c.imageID = rc.imageID;
      c.started = false;
      c.ready = false;
      this.#podEvent(w, c, 'Normal', 'Created', `Created container: ${c.spec.name}`);
      const started = runtime.startContainer(rc.id);
      if (!started.ok) {
        this.#podEvent(w, c, 'Warning', 'Failed', `Error: ${started.message}`);
        return; // the exit listener takes it from here
      }
      c.waiting = undefined;
      this.#podEvent(w, c, 'Normal', 'Started', `Started container ${c.spec.name}`);
      this.#startProbes(w, c);
      this.#sync(w);
    });
  }

  /** The container's volumeMounts over the pod's set-up volumes (a subPath that is missing is created, as the kubelet does). */
  #mountsOf(w: Worker, spec: Container): FsMount[] {
    const out: FsMount[] = [];
    for (const m of spec.volumeMounts ?? []) {
      const v = w.volumes?.get(m.name);
      if (!v) continue;
      // A subPath of an atomic-writer volume is bind-mounted from the data directory of the moment: later updates swap
      // the ..data symlink, not the bound file, so the container keeps what it started with (docs: "A container using a
      // ConfigMap as a subPath volume mount will not receive ConfigMap updates").
      const dir = m.subPath && v.atomic ? v.dir.snapshot() : v.dir;
      out.push({ target: m.mountPath, dir, ...(m.subPath ? { subPath: m.subPath } : {}), readOnly: v.readOnly || !!m.readOnly });
    }
    return out;
  }

  /** makeEnvironmentVariables: envFrom first, then env (which wins), ConfigMaps read through the API. */
  #env(w: Worker, spec: Container): { ok: true; value: Record<string, string> } | { ok: false; message: string } {
    const ns = w.pod.metadata.namespace ?? 'default';
    const maps = new Map<string, ConfigMap | undefined>();
    const configMap = (name: string): ConfigMap | undefined => {
      if (!maps.has(name)) {
        const r = this.#o.client.getConfigMap(ns, name);
        maps.set(name, r.ok ? r.value : undefined);
      }
      return maps.get(name);
    };
    const out: Record<string, string> = {};
    for (const src of spec.envFrom ?? []) {
      if (!src.configMapRef) continue;
      const cm = configMap(src.configMapRef.name);
      if (!cm) {
        if (src.configMapRef.optional) continue;
        return { ok: false, message: `configmap "${src.configMapRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) out[`${src.prefix ?? ''}${k}`] = v;
    }
    for (const e of spec.env ?? []) {
      const ref = e.valueFrom?.configMapKeyRef;
      const field = e.valueFrom?.fieldRef;
      if (ref) {
        const cm = configMap(ref.name);
        const v = cm?.data?.[ref.key];
        if (v !== undefined) out[e.name] = v;
        else if (ref.optional) continue;
        else return { ok: false, message: cm ? `couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}` : `configmap "${ref.name}" not found` };
      } else if (field) out[e.name] = this.#fieldValue(w, field.fieldPath);
      else out[e.name] = e.value ?? '';
    }
    // Service variables come after the container's own and never override them.
    // From the Service informer; before its first list succeeded (API server down since boot), a direct list.
    for (const [k, v] of this.#serviceVars(ns, w.pod.spec.enableServiceLinks !== false) ?? []) if (!(k in out)) out[k] = v;
    return { ok: true, value: out };
  }

  /** The service variables of a pod in ns, or undefined when the Services cannot be listed. */
  #serviceVars(ns: string, links: boolean): [string, string][] | undefined {
    if (!this.#services) {
      const live = this.#o.client.listServices();
      return live.ok ? fromServices(serviceEnvServices(live.value.items, ns, links)) : undefined;
    }
    const key = `${ns}/${links}`;
    let vars = this.#serviceEnv.get(key);
    if (!vars) this.#serviceEnv.set(key, (vars = fromServices(serviceEnvServices([...this.#services.values()], ns, links))));
    return vars;
  }

  /** The downward API fields a container's env can name. */
  #fieldValue(w: Worker, path: string): string {
    const m = w.pod.metadata;
    const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
    if (label) return (label[1] === 'labels' ? m.labels : m.annotations)?.[label[2]!] ?? '';
    const values: Record<string, string | undefined> = {
      'metadata.name': m.name,
      'metadata.namespace': m.namespace ?? 'default',
      'metadata.uid': m.uid,
      'spec.nodeName': this.nodeName,
      'spec.serviceAccountName': w.pod.spec.serviceAccountName,
      'status.hostIP': this.#o.internalIP,
      'status.hostIPs': this.#o.internalIP,
      'status.podIP': w.ip,
      'status.podIPs': w.ip,
    };
    return values[path] ?? '';
  }

  #onExit(rc: RtContainer): void {
    const w = [...this.#workers.values()].find((x) => x.sandboxId === rc.sandboxId);
    if (!w) return;
    const c = w.cs.find((x) => x.rtId === rc.id);
    if (!c) return;
    c.ready = false;
    for (const p of Object.values(c.probes ?? {})) {
      p.timer?.();
      p.failures = 0;
      p.successes = 0;
    }
    if (!this.#running) return; // a stopped kubelet notices nothing
    if (w.terminating) return this.#maybeFinish(w);
    this.#pushStatus(w);
    this.#sync(w);
  }

  // ---------- probes ----------

  #startProbes(w: Worker, c: CState): void {
    const { clock, runtime } = this.#o;
    const rtId = c.rtId;
    const kinds = [['startup', c.spec.startupProbe], ['liveness', c.spec.livenessProbe], ['readiness', c.spec.readinessProbe]] as const;
    if (!c.spec.startupProbe) c.started = true;
    if (!c.spec.readinessProbe && c.started) c.ready = true;
    const named = Object.fromEntries((c.spec.ports ?? []).filter((p) => p.name).map((p) => [p.name!, p.containerPort]));
    for (const [kind, probe] of kinds) {
      if (!probe) continue;
      const st = (c.probes ??= { startup: { failures: 0, successes: 0 }, liveness: { failures: 0, successes: 0 }, readiness: { failures: 0, successes: 0 } })[kind];
      // The API server defaults and validates periodSeconds; an object written straight into etcd is not, so never trust a non-positive one.
      const period = (probe.periodSeconds && probe.periodSeconds > 0 ? probe.periodSeconds : 10) * 1000;
      const failureThreshold = probe.failureThreshold ?? STAGES.probeFailureThreshold;
      const successThreshold = probe.successThreshold ?? STAGES.probeSuccessThreshold;
      const tick = () => {
        if (!this.#running || c.rtId !== rtId || w.terminating || runtime.container(rtId ?? '')?.state !== 'running') return;
        if (kind !== 'startup' && !c.started) return;
        if (kind === 'startup' && c.started) return;
        const r = runProbe(probe, runtime, { namespace: w.pod.metadata.namespace ?? 'default', name: w.pod.metadata.name, ip: w.ip ?? '' }, c.spec.name, named);
        const label = kind[0]!.toUpperCase() + kind.slice(1);
        if (r.ok) {
          st.failures = 0;
          st.successes++;
          if (kind === 'startup') {
            c.started = true;
            if (!c.spec.readinessProbe) c.ready = true;
          }
          if (kind === 'readiness' && st.successes >= successThreshold) c.ready = true;
        } else {
          st.successes = 0;
          st.failures++;
          this.#podEvent(w, c, 'Warning', 'Unhealthy', `${label} probe failed: ${r.output}`);
          if (kind === 'readiness' && st.failures >= failureThreshold) c.ready = false;
          if (kind !== 'readiness' && st.failures >= failureThreshold) {
            // The worker goes on hold until a new container ID (prober worker onHold): one kill, however long it takes.
            st.timer?.();
            this.#podEvent(w, c, 'Normal', 'Killing', `Container ${c.spec.name} failed ${kind} probe, will be restarted`);
            // A probe's own terminationGracePeriodSeconds overrides the pod's (KEP-2238).
            const grace = probe.terminationGracePeriodSeconds !== undefined ? probe.terminationGracePeriodSeconds * 1000 : this.#graceMs(w);
            runtime.stopContainer(rtId!, grace);
            this.#pushStatus(w);
            return;
          }
        }
        this.#pushStatus(w);
      };
      let cancelled = false;
      let id = 0;
      const loop = () => {
        if (cancelled) return;
        tick();
        if (!cancelled) id = clock.setTimeout(loop, period);
      };
      id = clock.setTimeout(loop, (probe.initialDelaySeconds ?? 0) * 1000);
      st.timer = () => {
        cancelled = true;
        clock.clearTimeout(id);
      };
    }
    this.#pushStatus(w);
  }

  // ---------- termination ----------

  #graceMs(w: Worker): number {
    const s = w.pod.metadata.deletionGracePeriodSeconds ?? w.pod.spec.terminationGracePeriodSeconds;
    return s === undefined ? STAGES.terminationGraceMs : s * 1000;
  }

  #terminate(w: Worker): void {
    w.terminating = true;
    for (const t of w.timers) this.#o.clock.clearTimeout(t);
    w.timers = [];
    w.busy = false;
    w.terminateStartedAt = this.#o.clock.now();
    // Sidecars outlive the app containers: they get SIGTERM once those have exited (KEP-753).
    for (const c of w.cs.filter((x) => !isSidecar(x))) {
      for (const p of Object.values(c.probes ?? {})) p.timer?.();
      const rc = c.rtId ? this.#o.runtime.container(c.rtId) : undefined;
      if (rc?.state === 'running') {
        this.#podEvent(w, c, 'Normal', 'Killing', `Stopping container ${c.spec.name}`);
        this.#o.runtime.stopContainer(rc.id, this.#graceMs(w));
      }
    }
    this.#maybeFinish(w);
  }

  #maybeFinish(w: Worker): void {
    const { runtime, client } = this.#o;
    if (w.finished) return;
    const running = (c: CState) => !!c.rtId && runtime.container(c.rtId)?.state === 'running';
    if (w.cs.some((c) => !isSidecar(c) && running(c))) return this.#pushStatus(w);
    if (w.cs.some((c) => isSidecar(c) && running(c))) {
      // What is left of the grace period, at least 2 s (the kubelet's minimum for sidecars).
      this.#stopSidecars(w, Math.max(2_000, this.#graceMs(w) - (this.#o.clock.now() - (w.terminateStartedAt ?? this.#o.clock.now()))));
      return this.#pushStatus(w);
    }
    w.finished = true;
    for (const c of w.cs) c.waiting = c.rtId ? undefined : c.waiting;
    this.#pushStatus(w);
    if (w.sandboxId) runtime.stopPodSandbox(w.sandboxId);
    w.sandboxReady = false;
    if (w.ip && !w.pod.spec.hostNetwork) this.#ipam.release(w.ip);
    // The kubelet's last word: the object goes, with grace 0 and a uid precondition.
    client.deletePod(w.pod.metadata.namespace ?? 'default', w.pod.metadata.name, { gracePeriodSeconds: 0, preconditions: { uid: w.pod.metadata.uid ?? '' } });
  }

  /** The pod object is gone (force delete, or our own final delete). */
  #forget(w: Worker): void {
    const { runtime } = this.#o;
    for (const t of w.timers) this.#o.clock.clearTimeout(t);
    for (const c of w.cs) for (const p of Object.values(c.probes ?? {})) p.timer?.();
    w.finished = true;
    if (w.sandboxId) runtime.removePodSandbox(w.sandboxId);
    if (w.ip && w.sandboxReady && !w.pod.spec.hostNetwork) this.#ipam.release(w.ip);
    this.#workers.delete(w.pod.metadata.uid ?? '');
  }

  // ---------- status ----------

  #containerStatus(w: Worker, c: CState): ContainerStatus {
    const rc = c.rtId ? this.#o.runtime.container(c.rtId) : undefined;
    let state: ContainerState;
    if (c.waiting && !(rc?.state === 'running')) state = { waiting: { ...c.waiting } };
    else if (rc?.state === 'running') state = { running: { startedAt: rfc3339(rc.startedAt!) } };
    else if (rc?.state === 'exited') state = { terminated: terminatedOf(rc)! };
    else state = { waiting: { reason: c.init || !w.cs.some((x) => x.init) ? 'ContainerCreating' : 'PodInitializing' } };
    const s: ContainerStatus = { name: c.spec.name, image: c.spec.image, ready: c.ready && rc?.state === 'running' && !w.unhealthy, restartCount: c.restartCount, state, started: rc?.state === 'running' && c.started };
    if (rc) {
      s.containerID = `containerd://${rc.id}`;
      s.imageID = rc.imageID;
    }
    // Waiting to restart: the instance that just died is the last termination, as the kubelet reports it.
    const last = state.waiting && rc?.state === 'exited' ? terminatedOf(rc) : c.last;
    s.lastState = last ? { terminated: last } : {};
    return s;
  }

  #pushStatus(w: Worker): void {
    if (!this.#running) return;
    const { client, clock } = this.#o;
    const init = w.cs.filter((c) => c.init).map((c) => this.#containerStatus(w, c));
    const main = w.cs.filter((c) => !c.init).map((c) => this.#containerStatus(w, c));
    // A started sidecar counts as an initialized init container for the phase and Initialized, and as a container for readiness.
    const initCs = w.cs.filter((c) => c.init);
    const sidecars = init.filter((_, i) => isSidecar(initCs[i]!));
    const appsBegan = w.cs.some((c) => !c.init && c.rtId);
    const initDone = init.map((st, i) => (isSidecar(initCs[i]!) && (st.started || appsBegan) ? { ...st, state: { terminated: { exitCode: 0 } } } : st));
    const phase = podPhase(initDone, main, w.pod.spec.restartPolicy ?? 'Always', w.finished);
    const conditions = podConditions({ sandboxReady: w.sandboxReady && !w.finished, init: initDone, main: [...sidecars, ...main], phase, previous: w.conditions, now: rfc3339(clock.now()) });
    w.conditions = conditions;
    const status: Pod['status'] = { phase, conditions, hostIP: this.#o.internalIP, startTime: w.startTime, containerStatuses: main, qosClass: qos(w.pod) };
    if (init.length) status.initContainerStatuses = init;
    if (w.ip && !w.finished) {
      status.podIP = w.ip;
      status.podIPs = [{ ip: w.ip }];
    }
    // The status text's fingerprint, hashed from the object: JSON.stringify was the kubelet's largest allocation.
    const text = jsonFingerprint(status);
    if (text === w.lastStatus) return;
    // Remembered only once written, so a status the API server missed is sent again on the next change.
    const r = client.updatePodStatus({ ...w.pod, status });
    w.unsent = !r.ok;
    if (r.ok) {
      w.lastStatus = text;
      w.lastWriteRv = Number(r.value.metadata.resourceVersion);
    }
  }

  // ---------- events ----------

  #podRef(w: Worker): string {
    return `${w.pod.metadata.name}_${w.pod.metadata.namespace ?? 'default'}(${w.pod.metadata.uid})`;
  }

  #podEvent(w: Worker, c: CState | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const ref: Event['involvedObject'] = { kind: 'Pod', name: w.pod.metadata.name, namespace: w.pod.metadata.namespace ?? 'default', uid: w.pod.metadata.uid ?? '', apiVersion: 'v1' };
    if (c) ref.fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.spec.name}}`;
    this.#event(ref, type, reason, message);
  }

  #event(ref: Event['involvedObject'], type: 'Normal' | 'Warning', reason: string, message: string): void {
    const now = rfc3339(this.#o.clock.now());
    this.#o.client.createEvent({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${ref.name}.${this.#o.rng.hex(16)}`, namespace: ref.namespace ?? 'default' },
      involvedObject: ref,
      reason,
      message,
      type,
      source: { component: 'kubelet', host: this.nodeName },
      reportingComponent: 'kubelet',
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    });
  }

  #backoffKey(w: Worker, c: CState): string {
    return `${w.pod.metadata.uid}/${c.spec.name}`;
  }
}

function terminatedOf(rc: RtContainer): ContainerState['terminated'] {
  if (rc.state !== 'exited') return undefined;
  const t: NonNullable<ContainerState['terminated']> = { exitCode: rc.exitCode ?? 0, reason: rc.reason ?? 'Error', startedAt: rfc3339(rc.startedAt ?? rc.createdAt), finishedAt: rfc3339(rc.finishedAt!), containerID: `containerd://${rc.id}` };
  if (rc.message) t.message = rc.message;
  return t;
}

function mustQ(text: string) {
  const q = parseQuantity(text);
  if (!q.ok) throw new Error(`bad quantity ${text}`);
  return q.value;
}

function qos(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const cs = pod.spec.containers;
  const any = cs.some((c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length);
  if (!any) return 'BestEffort';
  const guaranteed = cs.every((c) => c.resources?.limits?.cpu && c.resources.limits.memory && (!c.resources.requests || (c.resources.requests.cpu ?? c.resources.limits.cpu) === c.resources.limits.cpu && (c.resources.requests.memory ?? c.resources.limits.memory) === c.resources.limits.memory));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * JSON.stringify(a) === JSON.stringify(b) for plain JSON data (key order
 * counts, undefined members are left out), without building the strings:
 * every status write of a pod comes back to its kubelet through the watch.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return typeof a === 'number' && typeof b === 'number' ? JSON.stringify(a) === JSON.stringify(b) : false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const y = b[i];
      // In an array undefined is written as null.
      if (!sameJson(x === undefined ? null : x, y === undefined ? null : y)) return false;
    }
    return true;
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i] || !sameJson((a as Record<string, unknown>)[ka[i]!], (b as Record<string, unknown>)[kb[i]!])) return false;
  return true;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A stand-in RS256 signature: 342 base64url characters (2,048 bits), drawn
 * from a small PRNG seeded by one SHA-256 of the token's identity (eight
 * hashes per pod were 2.9% of CPU while starting pods at 2,000 nodes).
 */
export function signature(seedHex: string): string {
  let x = parseInt(seedHex.slice(0, 8), 16) | 1;
  // Char codes, decoded once: 342 `+=` leave a rope of 342 cons strings (11 KB a token, kept as long as the pod).
  const codes = new Uint8Array(342);
  for (let i = 0; i < codes.length; i++) {
    // xorshift32
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    codes[i] = B64URL.charCodeAt((x >>> 0) & 63);
  }
  return String.fromCharCode(...codes);
}

/**
 * Two independent 32-bit hashes (FNV-1a and a multiply-xor) and the length:
 * whether a status text is the one last written, without keeping the text.
 */
export function textFingerprint(s: string): string {
  fpStart();
  fpText(s);
  return fpEnd();
}

/**
 * textFingerprint(JSON.stringify(v)) for plain JSON data, fed the same
 * characters by walking v instead of building its text.
 */
export function jsonFingerprint(v: unknown): string {
  fpStart();
  fpValue(v);
  return fpEnd();
}

// One fingerprint at a time: its running state, kept here so hashing allocates nothing.
let fpA = 0;
let fpB = 0;
let fpLen = 0;

function fpStart(): void {
  fpA = 0x811c9dc5;
  fpB = 0x9e3779b9;
  fpLen = 0;
}

function fpChar(c: number): void {
  fpA = Math.imul(fpA ^ c, 0x01000193);
  fpB = Math.imul(fpB ^ c, 0x5bd1e995);
  fpB ^= fpB >>> 15;
  fpLen++;
}

function fpText(s: string): void {
  for (let i = 0; i < s.length; i++) fpChar(s.charCodeAt(i));
}

function fpEnd(): string {
  return `${(fpA >>> 0).toString(36)}.${(fpB >>> 0).toString(36)}.${fpLen}`;
}

const HEX = '0123456789abcdef';

/** A string as JSON.stringify quotes it (well-formed: lone surrogates escaped). */
function fpString(s: string): void {
  fpChar(34);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 92) {
      fpChar(92);
      fpChar(c);
    } else if (c < 0x20) {
      fpChar(92);
      const short = c === 8 ? 98 : c === 9 ? 116 : c === 10 ? 110 : c === 12 ? 102 : c === 13 ? 114 : 0;
      if (short) fpChar(short);
      else fpEscape(c);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        fpChar(c);
        fpChar(next);
        i++;
      } else {
        fpChar(92);
        fpEscape(c);
      }
    } else fpChar(c);
  }
  fpChar(34);
}

/** `uXXXX` after the backslash. */
function fpEscape(c: number): void {
  fpChar(117);
  for (let shift = 12; shift >= 0; shift -= 4) fpChar(HEX.charCodeAt((c >> shift) & 15));
}

/** Whether JSON.stringify leaves an object member with this value out. */
function fpSkipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function fpValue(v: unknown): void {
  if (v === null) return fpText('null');
  switch (typeof v) {
    case 'string':
      return fpString(v);
    case 'number':
      return fpText(Number.isFinite(v) ? String(v) : 'null');
    case 'boolean':
      return fpText(v ? 'true' : 'false');
    case 'object':
      break;
    default:
      // undefined, functions and symbols: null in an array (members are skipped before they get here).
      return fpText('null');
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return fpValue((v as { toJSON(): unknown }).toJSON());
  if (Array.isArray(v)) {
    fpChar(91);
    for (let i = 0; i < v.length; i++) {
      if (i) fpChar(44);
      fpValue(v[i]);
    }
    return fpChar(93);
  }
  fpChar(123);
  let first = true;
  const o = v as Record<string, unknown>;
  // for…in rather than Object.keys: no array of keys per object, and the same order for own keys.
  for (const k in o) {
    if (!Object.hasOwn(o, k)) continue;
    const x = o[k];
    if (fpSkipped(x)) continue;
    if (!first) fpChar(44);
    first = false;
    fpString(k);
    fpChar(58);
    fpValue(x);
  }
  fpChar(125);
}
