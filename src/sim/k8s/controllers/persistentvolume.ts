import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../api/types.ts';
import { compareQuantities, parseQuantity } from '../api/quantity.ts';
import { QueueController } from './controller.ts';
import { jsonEqual, keyOf, listOr, matchesSelector, splitKey } from './util.ts';

const SOURCE = 'persistentvolume-controller';
/** kube-controller-manager --pvclaimbinder-sync-period: every claim and volume is looked at again this often. */
export const PV_SYNC_PERIOD_MS = 15_000;
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION = 'kubernetes.io/pv-protection';

/** storagehelpers.GetPersistentVolumeClaimClass: spec.storageClassName, else the beta annotation, else "". */
export function claimClass(c: PersistentVolumeClaim): string {
  return c.spec.storageClassName ?? c.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
}

const storageOf = (list: Record<string, string> | undefined) => {
  const q = list?.['storage'];
  const p = q === undefined ? undefined : parseQuantity(String(q));
  return p?.ok ? p.value : undefined;
};

/** findMatchingVolume's checks for an unclaimed volume: class, mode, access modes, size, selector. */
export function volumeFits(pv: PersistentVolume, c: PersistentVolumeClaim): boolean {
  if ((pv.spec.storageClassName ?? '') !== claimClass(c)) return false;
  if ((pv.spec.volumeMode ?? 'Filesystem') !== (c.spec.volumeMode ?? 'Filesystem')) return false;
  if (!(c.spec.accessModes ?? []).every((m) => pv.spec.accessModes?.includes(m))) return false;
  const want = storageOf(c.spec.resources?.requests);
  const have = storageOf(pv.spec.capacity);
  if (!want || !have || compareQuantities(have, want) < 0) return false;
  return !c.spec.selector || matchesSelector(c.spec.selector, pv.metadata.labels);
}

/** The smallest fitting volume (findMatchingVolume prefers the least capacity). */
function bestMatch(c: PersistentVolumeClaim, pvs: PersistentVolume[]): PersistentVolume | undefined {
  let best: PersistentVolume | undefined;
  for (const pv of pvs) {
    const ref = pv.spec.claimRef;
    // A volume pre-bound to this claim wins outright.
    if (ref && ref.namespace === c.metadata.namespace && ref.name === c.metadata.name && (!ref.uid || ref.uid === c.metadata.uid)) return pv;
    if (ref || pv.metadata.deletionTimestamp || (pv.status?.phase && pv.status.phase !== 'Available' && pv.status.phase !== 'Pending')) continue;
    if (!volumeFits(pv, c)) continue;
    if (!best || compareQuantities(storageOf(pv.spec.capacity)!, storageOf(best.spec.capacity)!) < 0) best = pv;
  }
  return best;
}

/**
 * pkg/controller/volume/persistentvolume (the "persistentvolume-binder"
 * controller): binds each claim to a volume. A claim finds the smallest
 * Available volume of its class that fits; failing that, a class with
 * volumeBindingMode WaitForFirstConsumer waits until the scheduler has picked
 * a node for a pod using it (volume.kubernetes.io/selected-node), and then
 * (or at once, for Immediate) the claim is handed to the class's external
 * provisioner by annotation. A volume whose claim is gone is Released; what
 * happens next is its reclaim policy's business (the external provisioner
 * deletes its Delete volumes). In-tree provisioners and recycling are left out.
 */
export class PersistentVolumeController extends QueueController {
  readonly name = 'persistentvolume-binder';

  protected override resyncMs(): number {
    return PV_SYNC_PERIOD_MS;
  }

  protected watchAll(): void {
    this.watch('persistentvolumeclaims', (t, c) => {
      this.enqueue(`claim|${keyOf(c)}`);
      // A claim that goes releases its volume (deleteClaim).
      if (t === 'DELETED' && c.spec.volumeName) this.enqueue(`volume|${c.spec.volumeName}`);
    });
    this.watch('persistentvolumes', (t, pv) => {
      this.enqueue(`volume|${pv.metadata.name}`);
      const ref = pv.spec.claimRef;
      if (ref?.namespace && ref.name) this.enqueue(`claim|${ref.namespace}/${ref.name}`);
      // A new volume may fit a claim that is still waiting.
      if (t === 'ADDED') for (const c of this.lister('persistentvolumeclaims').list()) if (!c.spec.volumeName) this.enqueue(`claim|${keyOf(c)}`);
    });
    // Started with the controller (listed once at start), not at the first claim that needs them.
    this.lister('storageclasses');
    this.lister('pods');
  }

  // Volumes, claims, classes and pods from the shared informers (volumeLister, claimLister, classLister, podLister), as upstream.
  protected allKeys(): string[] {
    return [...this.lister('persistentvolumes').list().map((v) => `volume|${v.metadata.name}`), ...this.lister('persistentvolumeclaims').list().map((c) => `claim|${keyOf(c)}`)];
  }

  protected sync(key: string): void {
    const [kind, rest] = key.split('|') as ['claim' | 'volume', string];
    if (kind === 'claim') {
      const [ns, name] = splitKey(rest);
      const c = this.lister('persistentvolumeclaims').get(ns, name);
      if (c && !c.metadata.deletionTimestamp) this.#syncClaim(c);
    } else {
      const pv = this.lister('persistentvolumes').get(undefined, rest);
      if (pv) this.#syncVolume(pv);
    }
  }

  #syncClaim(c: PersistentVolumeClaim): void {
    if (c.spec.volumeName) return this.#syncBoundClaim(c);
    const cls = claimClass(c);
    const sc = cls ? this.lister('storageclasses').get(undefined, cls) : undefined;
    const delayBinding = sc?.volumeBindingMode === 'WaitForFirstConsumer';
    const node = c.metadata.annotations?.[ANN_SELECTED_NODE];
    const pvs = this.lister('persistentvolumes').list();
    // With delayed binding only a pre-bound volume, or one on the node the scheduler chose, is taken here.
    const candidates = delayBinding && !node ? pvs.filter((pv) => pv.spec.claimRef) : node ? pvs.filter((pv) => pv.spec.claimRef || onNode(pv, node)) : pvs;
    const pv = bestMatch(c, candidates);
    if (pv) return this.#bind(pv, c);
    let claim = c;
    if (delayBinding && !node) this.#waitForConsumer(c);
    else if (cls) claim = this.#provision(c, cls, sc);
    else this.client.recordEvent(c, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', SOURCE);
    this.#setClaimStatus(claim, undefined);
  }

  /** emitEventForUnboundDelayBindingClaim: names the pods still waiting to be scheduled, if any. */
  #waitForConsumer(c: PersistentVolumeClaim): void {
    const pods = this.lister('pods').list(c.metadata.namespace).filter(
      (p: Pod) => !p.spec.nodeName && !p.metadata.deletionTimestamp && (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === c.metadata.name),
    );
    if (pods.length === 0) this.client.recordEvent(c, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', SOURCE);
    else this.client.recordEvent(c, 'Normal', 'WaitForPodScheduled', `waiting for ${pods.length > 1 ? 'pods' : 'pod'} ${pods.map((p) => p.metadata.name).join(',')} to be scheduled`, SOURCE);
  }

  /** provisionClaim for an out-of-tree provisioner: the claim is annotated for it, and we wait; returns the claim as it now is. */
  #provision(claim: PersistentVolumeClaim, cls: string, sc: StorageClass | undefined): PersistentVolumeClaim {
    let c = claim;
    if (!sc) {
      this.client.recordEvent(c, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${cls}" not found`, SOURCE);
      return c;
    }
    const ann = c.metadata.annotations ?? {};
    if (ann[ANN_STORAGE_PROVISIONER] !== sc.provisioner || ann[ANN_BETA_STORAGE_PROVISIONER] !== sc.provisioner) {
      const r = this.client.update('persistentvolumeclaims', { ...c, metadata: { ...c.metadata, annotations: { ...ann, [ANN_BETA_STORAGE_PROVISIONER]: sc.provisioner, [ANN_STORAGE_PROVISIONER]: sc.provisioner } } });
      if (r.ok) c = r.value;
    }
    this.client.recordEvent(
      c,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      SOURCE,
    );
    return c;
  }

  #syncBoundClaim(c: PersistentVolumeClaim): void {
    const pv = this.lister('persistentvolumes').get(undefined, c.spec.volumeName!);
    if (!pv) {
      if (c.status?.phase !== 'Lost') {
        this.#setClaimStatus(c, undefined, 'Lost');
        this.client.recordEvent(c, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!', SOURCE);
      }
      return;
    }
    const ref = pv.spec.claimRef;
    if (!ref) return this.#bind(pv, c);
    if (ref.name === c.metadata.name && ref.namespace === c.metadata.namespace && (!ref.uid || ref.uid === c.metadata.uid)) return this.#bind(pv, c);
    // The volume belongs to someone else.
    if (c.status?.phase !== 'Lost') {
      this.#setClaimStatus(c, undefined, 'Lost');
      this.client.recordEvent(c, 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly', SOURCE);
    }
  }

  /** bind(): the volume's claimRef, then the claim's volumeName, then both statuses Bound. */
  #bind(pv: PersistentVolume, c: PersistentVolumeClaim): void {
    const ref = pv.spec.claimRef;
    let volume = pv;
    if (!ref || ref.uid !== c.metadata.uid) {
      const claimRef = { kind: 'PersistentVolumeClaim', namespace: c.metadata.namespace, name: c.metadata.name, uid: c.metadata.uid, apiVersion: 'v1', resourceVersion: c.metadata.resourceVersion };
      const annotations = ref ? pv.metadata.annotations : { ...pv.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      const r = this.client.update('persistentvolumes', { ...pv, metadata: { ...pv.metadata, ...(annotations ? { annotations } : {}) }, spec: { ...pv.spec, claimRef } });
      if (!r.ok) return;
      volume = r.value;
    }
    if (volume.status?.phase !== 'Bound') {
      const r = this.client.updateStatus('persistentvolumes', { ...volume, status: { ...volume.status, phase: 'Bound' } });
      if (r.ok) volume = r.value;
    }
    let claim = c;
    const ann = c.metadata.annotations ?? {};
    if (c.spec.volumeName !== pv.metadata.name || ann[ANN_BIND_COMPLETED] !== 'yes') {
      const annotations = { ...ann, [ANN_BIND_COMPLETED]: 'yes', ...(c.spec.volumeName ? {} : { [ANN_BOUND_BY_CONTROLLER]: 'yes' }) };
      const r = this.client.update('persistentvolumeclaims', { ...c, metadata: { ...c.metadata, annotations }, spec: { ...c.spec, volumeName: pv.metadata.name } });
      if (!r.ok) return;
      claim = r.value;
    }
    this.#setClaimStatus(claim, volume);
  }

  #setClaimStatus(c: PersistentVolumeClaim, pv: PersistentVolume | undefined, phase?: 'Lost'): void {
    const status: NonNullable<PersistentVolumeClaim['status']> = phase
      ? { ...c.status, phase }
      : pv
        ? { ...c.status, phase: 'Bound', accessModes: pv.spec.accessModes ?? [], capacity: pv.spec.capacity ?? {} }
        : { ...c.status, phase: 'Pending' };
    if (!jsonEqual(status, c.status)) this.client.updateStatus('persistentvolumeclaims', { ...c, status });
  }

  #syncVolume(pv: PersistentVolume): void {
    const ref = pv.spec.claimRef;
    let phase: NonNullable<PersistentVolume['status']>['phase'];
    if (!ref) phase = 'Available';
    else {
      const claim = ref.namespace && ref.name ? this.lister('persistentvolumeclaims').get(ref.namespace, ref.name) : undefined;
      if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) phase = claim.spec.volumeName === pv.metadata.name ? 'Bound' : ref.uid ? pv.status?.phase ?? 'Pending' : 'Available';
      else if (!ref.uid) phase = 'Available';
      else phase = pv.status?.phase === 'Failed' ? 'Failed' : 'Released';
    }
    if (phase && phase !== pv.status?.phase) this.client.updateStatus('persistentvolumes', { ...pv, status: { ...pv.status, phase } });
  }
}

/** Whether a volume's node affinity admits the node (a volume without one fits every node). */
export function onNode(pv: PersistentVolume, node: string): boolean {
  const terms = pv.spec.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms?.length) return true;
  return terms.some((t) => (t.matchExpressions ?? []).every((e) => e.key === 'kubernetes.io/hostname' ? (e.operator === 'In' ? (e.values ?? []).includes(node) : e.operator === 'NotIn' ? !(e.values ?? []).includes(node) : true) : true));
}

/**
 * pkg/controller/volume/pvcprotection: a claim being deleted keeps its
 * kubernetes.io/pvc-protection finalizer while a pod that has not finished
 * uses it, so `kubectl delete pvc` waits (Terminating) until the pod is gone.
 */
export class PVCProtectionController extends QueueController {
  readonly name = 'pvc-protection';

  protected watchAll(): void {
    this.watch('persistentvolumeclaims', (_t, c) => c.metadata.deletionTimestamp && this.enqueue(keyOf(c)));
    this.watch('pods', (t, p) => {
      if (t !== 'DELETED' && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') return;
      for (const v of p.spec.volumes ?? []) if (v.persistentVolumeClaim) this.enqueue(`${p.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
    });
  }

  protected allKeys(): string[] {
    return this.lister('persistentvolumeclaims').list().filter((c) => c.metadata.deletionTimestamp).map(keyOf);
  }

  protected sync(key: string): void {
    const [ns, name] = splitKey(key);
    const c = this.lister('persistentvolumeclaims').get(ns, name);
    if (!c || !c.metadata.deletionTimestamp || !c.metadata.finalizers?.includes(PVC_PROTECTION)) return;
    // Only for a claim being deleted: like upstream's isBeingUsed, ask the API server too (the pod informer may lag).
    const inUse = listOr(this.client.list('pods', ns)).some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === name));
    if (inUse) return;
    this.client.update('persistentvolumeclaims', { ...c, metadata: { ...c.metadata, finalizers: c.metadata.finalizers!.filter((f) => f !== PVC_PROTECTION) } });
  }
}

/** pkg/controller/volume/pvprotection: a volume being deleted keeps its finalizer while it is Bound. */
export class PVProtectionController extends QueueController {
  readonly name = 'pv-protection';

  protected watchAll(): void {
    this.watch('persistentvolumes', (_t, pv) => pv.metadata.deletionTimestamp && this.enqueue(pv.metadata.name));
  }

  protected allKeys(): string[] {
    return this.lister('persistentvolumes').list().filter((v) => v.metadata.deletionTimestamp).map((v) => v.metadata.name);
  }

  protected sync(name: string): void {
    const pv = this.lister('persistentvolumes').get(undefined, name);
    if (!pv || !pv.metadata.deletionTimestamp || !pv.metadata.finalizers?.includes(PV_PROTECTION) || pv.status?.phase === 'Bound') return;
    this.client.update('persistentvolumes', { ...pv, metadata: { ...pv.metadata, finalizers: pv.metadata.finalizers!.filter((f) => f !== PV_PROTECTION) } });
  }
}
