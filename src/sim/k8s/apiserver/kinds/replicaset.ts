import type { KubeObject, ReplicaSet } from '../../api/types.ts';
import { anything, obj, topLevel } from '../schema.ts';
import { defaultTemplate } from './podspec.ts';
import type { KindDef } from './types.ts';
import { replicasScale, replicatedSpecFields, validateSelectorUpdate, validateWorkload } from './workload.ts';

const spec = (o: KubeObject) => (o as ReplicaSet).spec;

export const replicaSetKind: KindDef = {
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  resource: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  namespaced: true,
  controlled: true,
  generation: true,
  statusSubresource: true,
  schema: topLevel('Keeps a number of identical pods running.', {
    spec: obj('Desired behaviour of the ReplicaSet.', {
      ...replicatedSpecFields(),
    }),
    status: anything('Most recently observed status of the ReplicaSet.'),
  }),
  defaults(o) {
    const s = spec(o);
    if (!s) return;
    s.replicas ??= 1;
    defaultTemplate(s.template);
  },
  initialStatus: () => ({ replicas: 0 }),
  validate: (o) => validateWorkload(spec(o), { replicas: true, restartPolicies: ['Always'] }),
  validateUpdate: validateSelectorUpdate,
  scale: replicasScale,
};
