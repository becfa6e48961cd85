import type { PersistentVolumeClaim, Pod, StatefulSet, Volume } from '../api/types.ts';
import { syncRevisions } from './revisions.ts';
import { QueueController } from './controller.ts';
import { podTemplateHash } from './hash.ts';
import { clone, isPodAvailable, isPodReady, jsonEqual, keyOf, ownerRefTo, splitKey } from './util.ts';

const SOURCE = 'statefulset-controller';
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

type Status = NonNullable<StatefulSet['status']>;

/** getParentNameAndOrdinal: `web-2` of set `web` is 2; anything else is not the set's. */
export function ordinalOf(set: StatefulSet, pod: Pod): number | undefined {
  const m = /^(.*)-(\d+)$/.exec(pod.metadata.name);
  return m && m[1] === set.metadata.name ? Number(m[2]) : undefined;
}

/** The ControllerRevision name the pods of this template carry in controller-revision-hash. */
export function revisionName(set: StatefulSet): string {
  return `${set.metadata.name}-${podTemplateHash(set.spec.template, set.status?.collisionCount ?? 0)}`;
}

/** getPersistentVolumeClaimName: `<template>-<set>-<ordinal>`, e.g. www-web-0. */
export const claimName = (set: StatefulSet, template: string, ordinal: number) => `${template}-${set.metadata.name}-${ordinal}`;

/** isRunningAndReady (and available after minReadySeconds). */
function healthy(p: Pod, set: StatefulSet, now: number): boolean {
  return p.status?.phase === 'Running' && isPodReady(p) && isPodAvailable(p, set.spec.minReadySeconds ?? 0, now);
}
const terminating = (p: Pod) => p.metadata.deletionTimestamp !== undefined;
const finished = (p: Pod) => p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded';

/**
 * pkg/controller/statefulset: pods with stable names `<set>-<ordinal>`, each
 * with its own PersistentVolumeClaims from volumeClaimTemplates. OrderedReady
 * (the default) creates web-0, web-1, … one at a time, each only after the
 * one before is Running and Ready, and scales down from the highest ordinal;
 * Parallel creates and deletes all at once. RollingUpdate replaces pods whose
 * revision differs, from the highest ordinal down to the partition, one at a
 * time. Claims are kept on scale down and delete (the default Retain policy).
 *
 * Each template gets a ControllerRevision `<set>-<hash>` (the name pods carry
 * in controller-revision-hash) numbered 1, 2, …; going back to an earlier
 * template renumbers its revision as the newest (controller_history.go), and
 * revisions no pod uses are pruned beyond revisionHistoryLimit (10).
 *
 * Simplified: a pod below the partition recreated after a template change gets
 * the new template (real: the current revision's), and no adoption of orphaned
 * pods.
 */
export class StatefulSetController extends QueueController {
  readonly name = 'statefulset';

  protected watchAll(): void {
    this.watch('statefulsets', (_t, s) => this.enqueue(keyOf(s)));
    this.watch('pods', (_t, p) => this.enqueueController(p, 'StatefulSet'));
  }

  protected allKeys(): string[] {
    return this.lister('statefulsets').list().map(keyOf);
  }

  protected sync(key: string): number | void {
    const [ns, name] = splitKey(key);
    // From the shared informers (frozen objects: changed copies are sent), like upstream's setLister and podLister.
    const set = this.lister('statefulsets').get(ns, name);
    if (!set || set.metadata.deletionTimestamp) return;
    const now = this.clock.now();
    const pods = this.owned('pods', set);
    const updateRevision = revisionName(set);
    const currentRevision = set.status?.currentRevision ?? updateRevision;
    const start = set.spec.ordinals?.start ?? 0;
    const replicas = set.spec.replicas ?? 1;
    const ordered = (set.spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
    const byOrdinal = new Map<number, Pod>();
    const condemned: Pod[] = [];
    for (const p of pods) {
      const ord = ordinalOf(set, p);
      if (ord === undefined) continue;
      if (ord >= start && ord < start + replicas) byOrdinal.set(ord, p);
      else condemned.push(p);
    }
    condemned.sort((a, b) => ordinalOf(set, b)! - ordinalOf(set, a)!);
    this.#syncRevisions(set, pods, currentRevision, updateRevision);
    const requeue = this.#reconcile(set, byOrdinal, condemned, start, replicas, ordered, updateRevision, now);
    this.#updateStatus(set, this.owned('pods', set), currentRevision, updateRevision, now);
    return requeue;
  }

  /** One pass of updateStatefulSet; returns early (waiting for a watch event) where the real one does. */
  #reconcile(set: StatefulSet, byOrdinal: Map<number, Pod>, condemned: Pod[], start: number, replicas: number, ordered: boolean, updateRevision: string, now: number): number | void {
    let unhealthy = false;
    for (let ord = start; ord < start + replicas; ord++) {
      let pod = byOrdinal.get(ord);
      // A failed or succeeded pod is deleted and made again under the same name.
      if (pod && finished(pod) && !terminating(pod)) {
        this.#deletePod(set, pod);
        if (ordered) return;
        continue;
      }
      if (!pod) {
        const made = this.#createPod(set, ord, updateRevision);
        if (!made || ordered) return;
        pod = made;
      } else this.#ensureClaims(set, pod, ord);
      if (!healthy(pod, set, now)) {
        unhealthy = true;
        // OrderedReady: nothing more until this pod is Running and Ready (a watch event brings us back).
        if (ordered) return this.#untilAvailable(pod, set, now);
      }
    }
    // Scale down: highest ordinal first; OrderedReady waits until every other pod is healthy and one terminates at a time.
    for (const p of condemned) {
      if (terminating(p)) {
        if (ordered) return;
        continue;
      }
      if (ordered && unhealthy) return;
      this.#deletePod(set, p);
      if (ordered) return;
    }
    if (unhealthy || condemned.length) return;
    if (set.spec.updateStrategy?.type === 'OnDelete') return;
    // RollingUpdate: from the highest ordinal down to the partition, one pod at a time.
    const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let ord = start + replicas - 1; ord >= start + partition; ord--) {
      const pod = byOrdinal.get(ord)!;
      if (pod.metadata.labels?.[REVISION_LABEL] !== updateRevision && !terminating(pod)) {
        this.#deletePod(set, pod);
        return;
      }
    }
  }

  /**
   * getStatefulSetRevisions: the update revision exists as a ControllerRevision holding the patch that restores the
   * template; one that is not the newest (a rollback) is renumbered newest; old ones no pod uses are truncated.
   */
  #syncRevisions(set: StatefulSet, pods: Pod[], currentRevision: string, updateRevision: string): void {
    // truncateHistory keeps what a pod, the current or the update revision uses.
    const live = new Set([currentRevision, updateRevision, ...pods.map((p) => p.metadata.labels?.[REVISION_LABEL] ?? '')]);
    syncRevisions(this.client, set, this.owned('controllerrevisions', set), updateRevision, updateRevision.slice(set.metadata.name.length + 1), live);
  }


  #untilAvailable(pod: Pod, set: StatefulSet, now: number): number | void {
    const min = set.spec.minReadySeconds ?? 0;
    if (min <= 0 || !isPodReady(pod)) return;
    return 1000;
  }

  #createPod(set: StatefulSet, ord: number, revision: string): Pod | undefined {
    const podName = `${set.metadata.name}-${ord}`;
    if (!this.#ensureClaims(set, undefined, ord)) return undefined;
    const t = set.spec.template;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: podName,
        namespace: set.metadata.namespace,
        labels: { ...(t.metadata?.labels ?? {}), [REVISION_LABEL]: revision, [POD_NAME_LABEL]: podName, [POD_INDEX_LABEL]: String(ord) },
        ownerReferences: [ownerRefTo(set)],
      },
      spec: clone(t.spec),
    };
    if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length) pod.metadata.annotations = { ...t.metadata.annotations };
    // updateIdentity: the pod's hostname is its name, under the governing Service's subdomain.
    pod.spec.hostname = podName;
    if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
    // updateStorage: each claim template becomes a persistentVolumeClaim volume of the same name.
    const claimVolumes: Volume[] = (set.spec.volumeClaimTemplates ?? []).map((c) => ({ name: c.metadata.name, persistentVolumeClaim: { claimName: claimName(set, c.metadata.name, ord) } }));
    if (claimVolumes.length) pod.spec.volumes = [...(pod.spec.volumes ?? []).filter((v) => !claimVolumes.some((c) => c.name === v.name)), ...claimVolumes];
    const r = this.client.create('pods', pod);
    if (!r.ok) {
      this.client.recordEvent(set, 'Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${r.errors[0].message}`, SOURCE);
      return undefined;
    }
    this.client.recordEvent(set, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${set.metadata.name} successful`, SOURCE);
    return r.value;
  }

  /** createPersistentVolumeClaims: the pod's missing claims; false when one could not be made. */
  #ensureClaims(set: StatefulSet, pod: Pod | undefined, ord: number): boolean {
    const podName = `${set.metadata.name}-${ord}`;
    for (const t of set.spec.volumeClaimTemplates ?? []) {
      const name = claimName(set, t.metadata.name, ord);
      if (this.lister('persistentvolumeclaims').get(set.metadata.namespace, name)) continue;
      const claim: PersistentVolumeClaim = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name,
          namespace: set.metadata.namespace,
          labels: { ...(t.metadata.labels ?? {}), ...(set.spec.selector.matchLabels ?? {}) },
          ...(t.metadata.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
        },
        spec: clone(t.spec),
      };
      // Only a Delete retention policy ties the claim's life to the set (whenDeleted) or the pod (whenScaled).
      const policy = set.spec.persistentVolumeClaimRetentionPolicy;
      if (policy?.whenDeleted === 'Delete') claim.metadata.ownerReferences = [{ ...ownerRefTo(set), blockOwnerDeletion: true }];
      else if (policy?.whenScaled === 'Delete' && pod) claim.metadata.ownerReferences = [{ ...ownerRefTo(pod), controller: false }];
      const r = this.client.create('persistentvolumeclaims', claim);
      if (!r.ok && r.errors[0].code !== 'AlreadyExists') {
        this.client.recordEvent(set, 'Warning', 'FailedCreate', `create Claim ${name} for Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${r.errors[0].message}`, SOURCE);
        return false;
      }
      if (r.ok) this.client.recordEvent(set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${podName} in StatefulSet ${set.metadata.name} success`, SOURCE);
    }
    return true;
  }

  #deletePod(set: StatefulSet, pod: Pod): void {
    const r = this.client.delete('pods', pod.metadata.namespace, pod.metadata.name);
    if (r.ok) this.client.recordEvent(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, SOURCE);
    else this.client.recordEvent(set, 'Warning', 'FailedDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${r.errors[0].message}`, SOURCE);
  }

  /** computeReplicaStatus, and completeRollingUpdate once every pod runs the update revision. */
  #updateStatus(set: StatefulSet, pods: Pod[], currentRevision: string, updateRevision: string, now: number): void {
    const prev: Partial<Status> = set.status ?? {};
    const st: Status = { replicas: 0, readyReplicas: 0, currentReplicas: 0, updatedReplicas: 0, availableReplicas: 0 };
    for (const p of pods) {
      if (p.status?.phase) st.replicas++;
      if (p.status?.phase === 'Running' && isPodReady(p)) {
        st.readyReplicas!++;
        if (isPodAvailable(p, set.spec.minReadySeconds ?? 0, now)) st.availableReplicas!++;
      }
      if (p.status?.phase && !terminating(p)) {
        const rev = p.metadata.labels?.[REVISION_LABEL];
        if (rev === currentRevision) st.currentReplicas!++;
        if (rev === updateRevision) st.updatedReplicas!++;
      }
    }
    let current = currentRevision;
    const want = set.spec.replicas ?? 1;
    if (set.spec.updateStrategy?.type !== 'OnDelete' && st.updatedReplicas === want && st.readyReplicas === want && st.replicas === want) {
      current = updateRevision;
      st.currentReplicas = st.updatedReplicas;
    }
    const status: Status = {
      ...(set.metadata.generation !== undefined ? { observedGeneration: set.metadata.generation } : {}),
      replicas: st.replicas,
      ...(st.readyReplicas ? { readyReplicas: st.readyReplicas } : {}),
      ...(st.currentReplicas ? { currentReplicas: st.currentReplicas } : {}),
      ...(st.updatedReplicas ? { updatedReplicas: st.updatedReplicas } : {}),
      currentRevision: current,
      updateRevision,
      collisionCount: prev.collisionCount ?? 0,
      availableReplicas: st.availableReplicas ?? 0,
    };
    if (!jsonEqual(status, prev)) this.client.updateStatus('statefulsets', { ...set, status });
  }
}
