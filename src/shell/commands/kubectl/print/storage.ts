import { canonicalQuantity } from '../../../../sim/k8s/api/quantity.ts';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../../../sim/k8s/api/types.ts';
import { translateTimestampSince } from './age.ts';
import type { ResourcePrinter } from './format.ts';

/** kubectl's printers for PersistentVolumeClaim, PersistentVolume and StorageClass (pkg/printers/internalversion/printers.go). */

const MODES: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** helper.GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order. */
export function accessModesString(modes: string[] | undefined): string {
  return MODES.filter(([m]) => modes?.includes(m))
    .map(([, s]) => s)
    .join(',');
}

const qty = (q: string | undefined) => (q === undefined ? '' : canonicalQuantity(q) ?? q);
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
/** storageutil.IsDefaultAnnotation (the beta annotation counts too). */
export const isDefaultClass = (sc: StorageClass) => sc.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' || sc.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true';

export const persistentVolumeClaimPrinter: ResourcePrinter<PersistentVolumeClaim> = {
  columns: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
  wideColumns: ['VOLUMEMODE'],
  row(pvc, now, wide) {
    const phase = pvc.metadata.deletionTimestamp ? 'Terminating' : pvc.status?.phase ?? '';
    // Capacity and modes are the bound volume's, shown only once the claim names one.
    const bound = !!pvc.spec.volumeName;
    const cells = [
      pvc.metadata.name,
      phase,
      pvc.spec.volumeName ?? '',
      bound ? qty(pvc.status?.capacity?.['storage']) : '',
      bound ? accessModesString(pvc.status?.accessModes) : '',
      pvc.spec.storageClassName ?? pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '',
      pvc.spec.volumeAttributesClassName || '<unset>',
      translateTimestampSince(pvc.metadata.creationTimestamp, now),
    ];
    if (wide) cells.push(pvc.spec.volumeMode ?? '<unset>');
    return cells;
  },
};

export const persistentVolumePrinter: ResourcePrinter<PersistentVolume> = {
  columns: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
  wideColumns: ['VOLUMEMODE'],
  row(pv, now, wide) {
    const ref = pv.spec.claimRef;
    const cells = [
      pv.metadata.name,
      qty(pv.spec.capacity?.['storage']),
      accessModesString(pv.spec.accessModes),
      pv.spec.persistentVolumeReclaimPolicy ?? '',
      pv.metadata.deletionTimestamp ? 'Terminating' : pv.status?.phase ?? '',
      ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
      pv.spec.storageClassName ?? '',
      pv.spec.volumeAttributesClassName || '<unset>',
      pv.status?.reason ?? '',
      translateTimestampSince(pv.metadata.creationTimestamp, now),
    ];
    if (wide) cells.push(pv.spec.volumeMode ?? '<unset>');
    return cells;
  },
};

export const storageClassPrinter: ResourcePrinter<StorageClass> = {
  columns: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
  wideColumns: [],
  row: (sc, now) => [
    isDefaultClass(sc) ? `${sc.metadata.name} (default)` : sc.metadata.name,
    sc.provisioner,
    sc.reclaimPolicy ?? 'Delete',
    sc.volumeBindingMode ?? 'Immediate',
    String(sc.allowVolumeExpansion ?? false),
    translateTimestampSince(sc.metadata.creationTimestamp, now),
  ],
};
