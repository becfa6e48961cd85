import type { DaemonSet, Node, NodeSelectorRequirement, Pod, Toleration } from '../api/types.ts';
import { QueueController } from './controller.ts';
import { podTemplateHash } from './hash.ts';
import { syncRevisions } from './revisions.ts';
import { controllerRef, isPodReady, jsonEqual, keyOf, parseTime, podFromTemplate, splitKey, untoleratedTaint } from './util.ts';

const SOURCE = 'daemonset-controller';
export const REVISION_HASH_LABEL = 'controller-revision-hash';

/** util.AddOrUpdateDaemonPodTolerations: daemons ride out node trouble. */
export function daemonTolerations(pod: Pod): Toleration[] {
  const auto: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (pod.spec.hostNetwork) auto.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  const own = pod.spec.tolerations ?? [];
  return [...own, ...auto.filter((a) => !own.some((t) => t.key === a.key && t.effect === a.effect))];
}

function matchExpr(r: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const v = labels[r.key];
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(v!);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(v!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(v) > Number(r.values?.[0]);
    case 'Lt':
      return has && Number(v) < Number(r.values?.[0]);
  }
}

/** nodeSelector and required node affinity (match expressions over labels). */
function selectsNode(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms?.length && !terms.some((t) => (t.matchExpressions ?? []).every((r) => matchExpr(r, labels)))) return false;
  return true;
}

/**
 * shouldIgnoreNodeUpdate: a node update matters to daemon sets only when a
 * condition's status changed or something outside status did (labels,
 * taints, unschedulable); heartbeats, images and capacity do not. (Upstream
 * compares the rest of status too, but the verdict it then checks, like
 * shouldRun here, reads only labels and spec, so the outcome is the same.)
 */
export function ignoreNodeUpdate(old: Node, cur: Node): boolean {
  const conds = (n: Node) => (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).sort().join(',');
  if (conds(old) !== conds(cur)) return false;
  return jsonEqual({ ...old.metadata, resourceVersion: '', managedFields: undefined }, { ...cur.metadata, resourceVersion: '', managedFields: undefined }) && jsonEqual(old.spec, cur.spec);
}

/** NodeShouldRunDaemonPod: [run a new pod here, keep an existing one here]. */
export function shouldRun(pod: Pod, node: Node): { run: boolean; keep: boolean } {
  if (!selectsNode(pod, node)) return { run: false, keep: false };
  const tols = daemonTolerations(pod);
  const keep = !untoleratedTaint(tols, node.spec.taints, ['NoExecute']);
  return { run: keep && !untoleratedTaint(tols, node.spec.taints, ['NoSchedule']), keep };
}

/**
 * pkg/controller/daemon: one pod per eligible node. Choice made here: the pod
 * is created with spec.nodeName set, binding it directly (the pre-1.12
 * behaviour) rather than the modern node-affinity-plus-scheduler route, so
 * daemons run whatever the scheduler supports; eligibility is still judged
 * as the scheduler would (nodeSelector, required node affinity, taints
 * against the automatic daemon tolerations). A template change rolls pods
 * one at a time (RollingUpdate, maxUnavailable 1) unless the strategy is
 * OnDelete.
 */
export class DaemonSetController extends QueueController {
  readonly name = 'daemonset';

  protected watchAll(): void {
    this.watch('daemonsets', (_t, ds) => this.enqueue(keyOf(ds)));
    this.watch('pods', (_t, p) => this.enqueueController(p, 'DaemonSet'));
    // daemon_controller.go addNode/updateNode: only daemon sets whose verdict for this node changed, not all of them on every heartbeat.
    this.watch('nodes', (type, node, old) => {
      // A heartbeat or an image list (status only) changes no verdict: decided once, before each set's template is hashed.
      if (type === 'MODIFIED' && old && ignoreNodeUpdate(old, node)) return;
      for (const ds of this.lister('daemonsets').list()) {
        const proto = this.#proto(ds);
        const now = shouldRun(proto, node);
        if (type === 'DELETED' || (type === 'ADDED' && now.run)) this.enqueue(keyOf(ds));
        else if (type === 'MODIFIED') {
          if (!old) this.enqueue(keyOf(ds));
          else {
            const was = shouldRun(proto, old);
            if (was.run !== now.run || was.keep !== now.keep) this.enqueue(keyOf(ds));
          }
        }
      }
    });
  }

  #proto(ds: DaemonSet): Pod {
    const proto = podFromTemplate(ds, ds.spec.template, { [REVISION_HASH_LABEL]: podTemplateHash(ds.spec.template) });
    proto.spec.tolerations = daemonTolerations(proto);
    return proto;
  }

  protected allKeys(): string[] {
    return this.lister('daemonsets').list().map(keyOf);
  }

  protected sync(key: string): void {
    const [ns, name] = splitKey(key);
    const ds = this.lister('daemonsets').get(ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const proto = this.#proto(ds);
    const hash = proto.metadata.labels![REVISION_HASH_LABEL]!;
    // The DaemonSet's ControllerRevisions (`<ds>-<hash>`; its pods carry the bare hash): kept for what a pod runs.
    const live = new Set([`${ds.metadata.name}-${hash}`, ...this.owned('pods', ds).map((p) => `${ds.metadata.name}-${p.metadata.labels?.[REVISION_HASH_LABEL] ?? ''}`)]);
    syncRevisions(this.client, ds, this.owned('controllerrevisions', ds), `${ds.metadata.name}-${hash}`, hash, live);
    const nodes = this.lister('nodes').list();
    const nodeNames = new Set(nodes.map((n) => n.metadata.name));
    const owned = this.lister('pods').list(ns).filter((p) => controllerRef(p)?.uid === ds.metadata.uid && !p.metadata.deletionTimestamp);
    const byNode = new Map<string, Pod[]>();
    for (const p of owned) {
      const n = p.spec.nodeName ?? '';
      if (p.status?.phase === 'Failed') {
        this.client.recordEvent(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${ns}/${p.metadata.name} on node ${n}, will try to kill it`, SOURCE);
        this.#delete(ds, p);
        continue;
      }
      if (!nodeNames.has(n)) {
        this.#delete(ds, p);
        continue;
      }
      byNode.set(n, [...(byNode.get(n) ?? []), p]);
    }
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let updated = 0;
    const placed: Pod[] = [];
    for (const node of nodes) {
      const n = node.metadata.name;
      const { run, keep } = shouldRun(proto, node);
      const pods = (byNode.get(n) ?? []).sort((a, b) => (parseTime(a.metadata.creationTimestamp) ?? 0) - (parseTime(b.metadata.creationTimestamp) ?? 0));
      if (run) desired++;
      if (!keep) {
        for (const p of pods) this.#delete(ds, p);
        continue;
      }
      if (!run && pods.length) misscheduled++;
      if (run && pods.length === 0) {
        const pod = structuredClone(proto);
        pod.spec.nodeName = n;
        const r = this.client.create('pods', pod);
        if (r.ok) {
          this.client.recordEvent(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${r.value.metadata.name}`, SOURCE);
          current++;
          updated++;
        } else this.client.recordEvent(ds, 'Warning', 'FailedCreate', `Error creating: ${r.errors[0].message}`, SOURCE);
        continue;
      }
      // Two daemons on one node: keep the oldest.
      for (const p of pods.slice(1)) this.#delete(ds, p);
      const p = pods[0];
      if (!p || !run) continue;
      current++;
      placed.push(p);
      if (isPodReady(p)) ready++;
      if (p.metadata.labels?.[REVISION_HASH_LABEL] === hash) updated++;
    }
    // RollingUpdate with maxUnavailable 1: replace one outdated pod while all others are ready.
    const strategy = (ds.spec.updateStrategy as { type?: string } | undefined)?.type;
    if (strategy !== 'OnDelete' && ready === current) {
      const stale = placed.find((p) => p.metadata.labels?.[REVISION_HASH_LABEL] !== hash);
      if (stale) this.#delete(ds, stale);
    }
    const status: NonNullable<DaemonSet['status']> & { observedGeneration?: number } = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      updatedNumberScheduled: updated,
      numberAvailable: ready,
      observedGeneration: ds.metadata.generation,
    };
    if (!jsonEqual(status, ds.status)) this.client.updateStatus('daemonsets', { ...ds, status });
  }

  #delete(ds: DaemonSet, p: Pod): void {
    if (this.client.delete('pods', p.metadata.namespace, p.metadata.name).ok) this.client.recordEvent(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SOURCE);
  }
}
