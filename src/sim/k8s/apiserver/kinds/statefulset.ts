import type { KubeObject, StatefulSet } from '../../api/types.ts';
import { jsonEqual } from '../meta.ts';
import { forbiddenField, invalidField } from '../field.ts';
import { anything, arr, int, intOrStr, obj, objectMeta, str, topLevel } from '../schema.ts';
import type { StatusCause } from '../status.ts';
import { defaultTemplate } from './podspec.ts';
import type { KindDef } from './types.ts';
import { replicasScale, replicatedSpecFields, validateSelectorUpdate, validateWorkload } from './workload.ts';

const spec = (o: KubeObject) => (o as StatefulSet).spec;

/** The spec fields an update may change (apps/validation ValidateStatefulSetUpdate). */
const MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'] as const;

/** pkg/apis/apps/validation ValidateStatefulSetSpec, the parts a learner's manifest meets. */
function validateStatefulSet(o: KubeObject): StatusCause[] {
  const s = spec(o);
  const errs = validateWorkload(s, { replicas: true, restartPolicies: ['Always'], kind: 'statefulset' });
  const pmp = s?.podManagementPolicy;
  if (pmp !== undefined && pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalidField('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const t = s?.updateStrategy?.type;
  if (t !== undefined && t !== 'RollingUpdate' && t !== 'OnDelete') errs.push(invalidField('spec.updateStrategy', t, "must be 'RollingUpdate' or 'OnDelete'"));
  const partition = s?.updateStrategy?.rollingUpdate?.partition;
  if (partition !== undefined && partition < 0) errs.push(invalidField('spec.updateStrategy.rollingUpdate.partition', partition, 'must be greater than or equal to 0'));
  for (const [f, v] of Object.entries(s?.persistentVolumeClaimRetentionPolicy ?? {}))
    if (v !== 'Retain' && v !== 'Delete') errs.push({ reason: 'FieldValueNotSupported', field: `spec.persistentVolumeClaimRetentionPolicy.${f}`, message: `Unsupported value: "${String(v)}": supported values: "Retain", "Delete"` });
  return errs;
}

function validateStatefulSetUpdate(o: KubeObject, old: KubeObject): StatusCause[] {
  const a = { ...spec(o) } as Record<string, unknown>;
  const b = { ...spec(old) } as Record<string, unknown>;
  for (const f of MUTABLE) delete a[f], delete b[f];
  const errs = validateSelectorUpdate(o, old);
  if (!jsonEqual(a, b)) errs.push(forbiddenField('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
  return errs;
}

const pvcSpec = obj('What storage each claim asks for.', {
  accessModes: arr('ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.', str('')),
  resources: anything('requests.storage: the size asked for.'),
  storageClassName: str('StorageClass to provision from; the default class when omitted.'),
  volumeMode: str('Filesystem (default) or Block.'),
  volumeName: str('A PersistentVolume to bind to.'),
  selector: anything('Labels a PersistentVolume must have.'),
  dataSource: anything('Content to populate the volume from.'),
  dataSourceRef: anything('Content to populate the volume from.'),
  volumeAttributesClassName: str('VolumeAttributesClass of the volume.'),
}, 'PersistentVolumeClaimSpec');

export const statefulSetKind: KindDef = {
  kind: 'StatefulSet',
  apiVersion: 'apps/v1',
  resource: 'statefulsets',
  singular: 'statefulset',
  shortNames: ['sts'],
  namespaced: true,
  controlled: true,
  generation: true,
  statusSubresource: true,
  schema: topLevel('Pods with stable identities and storage.', {
    spec: obj('Desired behaviour of the StatefulSet.', {
      ...replicatedSpecFields(),
      serviceName: str('Headless Service that gives each pod its DNS name: <pod>.<serviceName>.'),
      podManagementPolicy: str('OrderedReady (default) or Parallel.'),
      updateStrategy: obj('How pods are replaced when the template changes.', {
        type: str('RollingUpdate (default) or OnDelete.'),
        rollingUpdate: obj('Rolling update parameters.', {
          partition: int('Pods with an ordinal below this keep the old template.'),
          maxUnavailable: intOrStr('Pods that may be unavailable during the update.'),
        }),
      }),
      volumeClaimTemplates: arr('One PersistentVolumeClaim per pod is made from each.', obj('A claim template.', { apiVersion: str(''), kind: str(''), metadata: objectMeta, spec: pvcSpec, status: anything('') }, 'PersistentVolumeClaim')),
      revisionHistoryLimit: int('Old revisions kept. Defaults to 10.'),
      persistentVolumeClaimRetentionPolicy: obj('Whether claims are deleted with the StatefulSet or on scale down.', {
        whenDeleted: str('Retain (default) or Delete.'),
        whenScaled: str('Retain (default) or Delete.'),
      }),
      ordinals: obj('The first ordinal.', { start: int('Number of the first pod. Defaults to 0.') }),
    }),
    status: anything('Most recently observed status of the StatefulSet.'),
  }),
  defaults(o) {
    const s = spec(o);
    if (!s) return;
    s.replicas ??= 1;
    s.podManagementPolicy ??= 'OrderedReady';
    s.updateStrategy ??= { type: 'RollingUpdate' };
    s.updateStrategy.type ??= 'RollingUpdate';
    if (s.updateStrategy.type === 'RollingUpdate') {
      s.updateStrategy.rollingUpdate ??= {};
      s.updateStrategy.rollingUpdate.partition ??= 0;
    }
    s.revisionHistoryLimit ??= 10;
    s.persistentVolumeClaimRetentionPolicy ??= {};
    s.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain';
    s.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain';
    for (const t of s.volumeClaimTemplates ?? []) {
      const vt = t as typeof t & { apiVersion?: string; kind?: string; status?: unknown };
      vt.apiVersion ??= 'v1';
      vt.kind ??= 'PersistentVolumeClaim';
      t.spec ??= {};
      t.spec.volumeMode ??= 'Filesystem';
      vt.status ??= { phase: 'Pending' };
    }
    defaultTemplate(s.template);
  },
  initialStatus: () => ({ replicas: 0, availableReplicas: 0 }),
  validate: validateStatefulSet,
  validateUpdate: validateStatefulSetUpdate,
  scale: replicasScale,
};
