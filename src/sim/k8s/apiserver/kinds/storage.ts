import type { KubeObject, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../api/types.ts';
import { parseQuantity, milliValue } from '../../api/quantity.ts';
import { forbiddenField, invalidField, notSupportedField, requiredField } from '../field.ts';
import { anything, arr, bool, obj, str, strMap, topLevel } from '../schema.ts';
import type { StatusCause } from '../status.ts';
import type { AdmitContext, KindDef } from './types.ts';

/** The annotation that makes a StorageClass the default (storageutil.IsDefaultAnnotation; the beta one counts too). */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const isDefaultClass = (sc: KubeObject) => sc.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' || sc.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION = 'kubernetes.io/pv-protection';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

function validateAccessModes(modes: string[] | undefined, field: string): StatusCause[] {
  if (!modes?.length) return [requiredField(field, 'at least 1 access mode is required')];
  const errs = modes.filter((m) => !ACCESS_MODES.includes(m)).map((m) => notSupportedField(field, m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) errs.push(forbiddenField(field, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function validateStorage(q: string | undefined, field: string): StatusCause[] {
  if (q === undefined) return [requiredField(field)];
  const p = parseQuantity(String(q));
  if (!p.ok) return [invalidField(field, q, 'must be a valid quantity')];
  return milliValue(p.value) > 0 ? [] : [invalidField(field, q, 'must be greater than zero')];
}

const pvcOf = (o: KubeObject) => o as PersistentVolumeClaim;

/** ValidatePersistentVolumeClaimSpec, the parts a manifest meets. */
function validateClaim(o: KubeObject): StatusCause[] {
  const s = pvcOf(o).spec ?? {};
  return [...validateAccessModes(s.accessModes, 'spec.accessModes'), ...validateStorage(s.resources?.requests?.['storage'], 'spec.resources[storage]')];
}

/** A claim's spec may not change after create, except the size asked for and the binding the controller writes. */
function validateClaimUpdate(o: KubeObject, old: KubeObject): StatusCause[] {
  const strip = (c: PersistentVolumeClaim) => JSON.stringify({ ...c.spec, resources: undefined, volumeName: undefined, volumeAttributesClassName: undefined });
  const a = pvcOf(o);
  const b = pvcOf(old);
  if (strip(a) === strip(b) && (!b.spec.volumeName || a.spec.volumeName === b.spec.volumeName)) return [];
  return [forbiddenField('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims')];
}

/**
 * Admission on create: DefaultStorageClass gives a claim without a class the
 * default one (storageClassName: "" asks for none), StorageObjectInUseProtection
 * adds the pvc-protection finalizer.
 */
function admitClaim(o: KubeObject, ctx: AdmitContext, old?: KubeObject): StatusCause[] {
  if (old) return [];
  const c = pvcOf(o);
  if (c.spec.storageClassName === undefined && !c.metadata.annotations?.['volume.beta.kubernetes.io/storage-class']) {
    const defaults = ctx.list('storageclasses').filter(isDefaultClass);
    // The newest default wins when several are marked (GetDefaultClass).
    const newest = defaults.sort((x, y) => (x.metadata.creationTimestamp ?? '').localeCompare(y.metadata.creationTimestamp ?? '') || (x.metadata.name < y.metadata.name ? 1 : -1)).pop();
    if (newest) c.spec.storageClassName = newest.metadata.name;
  }
  c.metadata.finalizers = [...new Set([...(c.metadata.finalizers ?? []), PVC_PROTECTION])];
  return [];
}

const pvcSpecSchema = obj('What storage the claim asks for.', {
  accessModes: arr('ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.', str('')),
  resources: obj('requests.storage: the size asked for.', { requests: strMap('Minimum resources.'), limits: strMap('Maximum resources.') }),
  storageClassName: str('StorageClass to provision from; the default class when omitted, none when "".'),
  volumeMode: str('Filesystem (default) or Block.'),
  volumeName: str('The PersistentVolume bound to this claim.'),
  selector: anything('Labels a PersistentVolume must have.'),
  dataSource: anything('Content to populate the volume from.'),
  dataSourceRef: anything('Content to populate the volume from.'),
  volumeAttributesClassName: str('VolumeAttributesClass of the volume.'),
}, 'PersistentVolumeClaimSpec');

export const persistentVolumeClaimKind: KindDef = {
  kind: 'PersistentVolumeClaim',
  apiVersion: 'v1',
  resource: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  shortNames: ['pvc'],
  namespaced: true,
  controlled: true,
  statusSubresource: true,
  schema: topLevel('A request for storage, bound to a PersistentVolume.', { spec: pvcSpecSchema, status: anything('Phase, capacity and access modes of the bound volume.') }),
  fieldSelectors: { 'status.phase': (o) => pvcOf(o).status?.phase ?? '' },
  defaults(o) {
    const c = pvcOf(o);
    c.spec ??= {};
    c.spec.volumeMode ??= 'Filesystem';
  },
  initialStatus: () => ({ phase: 'Pending' }),
  validate: validateClaim,
  validateUpdate: validateClaimUpdate,
  admit: admitClaim,
};

const pvOf = (o: KubeObject) => o as PersistentVolume;
const VOLUME_SOURCES = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'awsElasticBlockStore', 'gcePersistentDisk', 'azureDisk', 'azureFile', 'cephfs', 'rbd', 'glusterfs', 'flexVolume', 'vsphereVolume', 'portworxVolume', 'scaleIO', 'storageos', 'cinder', 'flocker', 'quobyte', 'photonPersistentDisk'];

function validateVolume(o: KubeObject): StatusCause[] {
  const s = pvOf(o).spec ?? {};
  const errs = [...validateAccessModes(s.accessModes, 'spec.accessModes')];
  if (!s.capacity || Object.keys(s.capacity).length === 0) errs.push(requiredField('spec.capacity'));
  else errs.push(...validateStorage(s.capacity['storage'], 'spec.capacity[storage]'));
  const rp = s.persistentVolumeReclaimPolicy;
  if (rp && !['Delete', 'Recycle', 'Retain'].includes(rp)) errs.push(notSupportedField('spec.persistentVolumeReclaimPolicy', rp, ['Delete', 'Recycle', 'Retain']));
  if (!VOLUME_SOURCES.some((k) => (s as Record<string, unknown>)[k] !== undefined)) errs.push(requiredField('spec', 'must specify a volume type'));
  return errs;
}

export const persistentVolumeKind: KindDef = {
  kind: 'PersistentVolume',
  apiVersion: 'v1',
  resource: 'persistentvolumes',
  singular: 'persistentvolume',
  shortNames: ['pv'],
  namespaced: false,
  controlled: true,
  statusSubresource: true,
  schema: topLevel('A piece of storage in the cluster.', {
    spec: obj('What the volume is and offers.', {
      capacity: strMap('storage: the size.'),
      accessModes: arr('ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.', str('')),
      persistentVolumeReclaimPolicy: str('Retain (default for static volumes), Delete or Recycle.'),
      storageClassName: str('The class this volume belongs to.'),
      claimRef: anything('The claim bound to this volume.'),
      volumeMode: str('Filesystem (default) or Block.'),
      nodeAffinity: anything('Nodes the volume can be used from.'),
      mountOptions: arr('Mount options.', str('')),
      volumeAttributesClassName: str('VolumeAttributesClass of the volume.'),
      ...Object.fromEntries(VOLUME_SOURCES.map((k) => [k, anything(`A ${k} volume.`)])),
    }, 'PersistentVolumeSpec'),
    status: anything('Phase of the volume.'),
  }),
  fieldSelectors: { 'status.phase': (o) => pvOf(o).status?.phase ?? '' },
  defaults(o) {
    const v = pvOf(o);
    v.spec ??= {};
    v.spec.persistentVolumeReclaimPolicy ??= 'Retain';
    v.spec.volumeMode ??= 'Filesystem';
  },
  initialStatus: () => ({ phase: 'Pending' }),
  validate: validateVolume,
  admit(o, _ctx, old) {
    if (!old) o.metadata.finalizers = [...new Set([...(o.metadata.finalizers ?? []), PV_PROTECTION])];
    return [];
  },
};

const scOf = (o: KubeObject) => o as StorageClass;

export const storageClassKind: KindDef = {
  kind: 'StorageClass',
  apiVersion: 'storage.k8s.io/v1',
  resource: 'storageclasses',
  singular: 'storageclass',
  shortNames: ['sc'],
  namespaced: false,
  controlled: true,
  schema: topLevel('A class of dynamically provisioned storage.', {
    provisioner: str('Who makes volumes of this class, e.g. rancher.io/local-path.'),
    parameters: strMap('Parameters for the provisioner.'),
    reclaimPolicy: str('Delete (default) or Retain, for the volumes it makes.'),
    volumeBindingMode: str('Immediate (default) or WaitForFirstConsumer.'),
    allowVolumeExpansion: bool('Whether claims may grow.'),
    mountOptions: arr('Mount options.', str('')),
    allowedTopologies: anything('Where volumes may be provisioned.'),
  }),
  defaults(o) {
    const sc = scOf(o);
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  validate(o) {
    const sc = scOf(o);
    const errs: StatusCause[] = [];
    if (!sc.provisioner) errs.push(requiredField('provisioner'));
    if (sc.reclaimPolicy && !['Delete', 'Retain'].includes(sc.reclaimPolicy)) errs.push(notSupportedField('reclaimPolicy', sc.reclaimPolicy, ['Delete', 'Retain']));
    if (sc.volumeBindingMode && !['Immediate', 'WaitForFirstConsumer'].includes(sc.volumeBindingMode)) errs.push(notSupportedField('volumeBindingMode', sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
    return errs;
  },
  validateUpdate(o, old) {
    const errs: StatusCause[] = [];
    const a = scOf(o);
    const b = scOf(old);
    if (JSON.stringify(a.parameters ?? {}) !== JSON.stringify(b.parameters ?? {})) errs.push(forbiddenField('parameters', 'updates to parameters are forbidden.'));
    if (a.provisioner !== b.provisioner) errs.push(forbiddenField('provisioner', 'updates to provisioner are forbidden.'));
    if (a.reclaimPolicy !== b.reclaimPolicy) errs.push(forbiddenField('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    if (a.volumeBindingMode !== b.volumeBindingMode) errs.push(forbiddenField('volumeBindingMode', 'field is immutable'));
    return errs;
  },
};
