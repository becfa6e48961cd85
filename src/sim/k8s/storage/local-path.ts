import type { PersistentVolume, PersistentVolumeClaim } from '../api/types.ts';
import { QueueController } from '../controllers/controller.ts';
import { ANN_BETA_STORAGE_PROVISIONER, ANN_PROVISIONED_BY, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, claimClass } from '../controllers/persistentvolume.ts';
import { keyOf, listOr, splitKey } from '../controllers/util.ts';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
/** Where kind's local-path-provisioner keeps volumes on the node (its local-path-config ConfigMap). */
export const LOCAL_PATH_DIR = '/var/local-path-provisioner';
/** The provisioner's event source: `<provisioner>_<its pod>_<its id>`, as the external-provisioner library reports. */
export const LOCAL_PATH_SOURCE = 'rancher.io/local-path_local-path-provisioner-7dc846544d-x6mvd_4f1b5fbe-6b43-4a25-a2b8-0c1c5d9d9a4e';

/**
 * kind's storage: rancher/local-path-provisioner, an external provisioner
 * (running in namespace local-path-storage on a real kind cluster) that
 * serves the `standard` StorageClass. It watches claims the persistentvolume
 * controller annotated for it and, once the scheduler picked a node
 * (volume.kubernetes.io/selected-node), creates a hostPath volume
 * `pvc-<claim uid>` on that node, pre-bound to the claim; the controller then
 * completes the binding. A Released volume it made with reclaim policy
 * Delete is deleted (its directory removed by a helper pod on the real one).
 */
export class LocalPathProvisioner extends QueueController {
  readonly name = 'local-path-provisioner';

  protected watchAll(): void {
    this.watch('persistentvolumeclaims', (_t, c) => this.enqueue(`claim|${keyOf(c)}`));
    this.watch('persistentvolumes', (_t, pv) => this.enqueue(`volume|${pv.metadata.name}`));
  }

  protected allKeys(): string[] {
    return [...listOr(this.client.list('persistentvolumeclaims')).map((c) => `claim|${keyOf(c)}`), ...listOr(this.client.list('persistentvolumes')).map((v) => `volume|${v.metadata.name}`)];
  }

  protected sync(key: string): void {
    const [kind, rest] = key.split('|') as ['claim' | 'volume', string];
    if (kind === 'volume') return this.#syncVolume(rest);
    const [ns, name] = splitKey(rest);
    const got = this.client.get('persistentvolumeclaims', ns, name);
    if (got.ok) this.#syncClaim(got.value);
  }

  #syncClaim(c: PersistentVolumeClaim): void {
    const ann = c.metadata.annotations ?? {};
    if (c.spec.volumeName || c.metadata.deletionTimestamp) return;
    if ((ann[ANN_STORAGE_PROVISIONER] ?? ann[ANN_BETA_STORAGE_PROVISIONER]) !== LOCAL_PATH_PROVISIONER) return;
    const pvName = `pvc-${c.metadata.uid}`;
    if (this.client.get('persistentvolumes', undefined, pvName).ok) return;
    const cls = claimClass(c);
    const scGot = this.client.get('storageclasses', undefined, cls);
    if (!scGot.ok) return;
    const sc = scGot.value;
    const node = ann[ANN_SELECTED_NODE];
    const fail = (why: string) => this.client.recordEvent(c, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${cls}": ${why}`, LOCAL_PATH_SOURCE);
    if (!node) return fail('configuration error, no node was specified');
    this.client.recordEvent(c, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${c.metadata.namespace}/${c.metadata.name}"`, LOCAL_PATH_SOURCE);
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { 'local.path.provisioner/selected-node': node, [ANN_PROVISIONED_BY]: LOCAL_PATH_PROVISIONER } },
      spec: {
        accessModes: [...(c.spec.accessModes ?? [])],
        capacity: { storage: c.spec.resources?.requests?.['storage'] ?? '0' },
        claimRef: { kind: 'PersistentVolumeClaim', namespace: c.metadata.namespace, name: c.metadata.name, uid: c.metadata.uid, apiVersion: 'v1', resourceVersion: c.metadata.resourceVersion },
        hostPath: { path: `${LOCAL_PATH_DIR}/${pvName}_${c.metadata.namespace}_${c.metadata.name}`, type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: cls,
        volumeMode: c.spec.volumeMode ?? 'Filesystem',
      },
    };
    const r = this.client.create('persistentvolumes', pv);
    if (!r.ok) return fail(r.errors[0].message);
    this.client.recordEvent(c, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, LOCAL_PATH_SOURCE);
  }

  #syncVolume(name: string): void {
    const got = this.client.get('persistentvolumes', undefined, name);
    if (!got.ok) return;
    const pv = got.value;
    if (pv.metadata.annotations?.[ANN_PROVISIONED_BY] !== LOCAL_PATH_PROVISIONER || pv.metadata.deletionTimestamp) return;
    if (pv.status?.phase === 'Released' && pv.spec.persistentVolumeReclaimPolicy === 'Delete') this.client.delete('persistentvolumes', undefined, name);
  }
}
