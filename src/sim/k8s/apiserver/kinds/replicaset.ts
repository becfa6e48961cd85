import type { KubeObject, ReplicaSet } from '../../api/types.ts';
import { anything, int, labelSelector, obj, podTemplate, topLevel } from '../schema.ts';
import { selectorString } from '../selectors.ts';
import { defaultTemplate } from './podspec.ts';
import type { KindDef } from './types.ts';
import { validateSelectorUpdate, validateWorkload } from './workload.ts';

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
      replicas: int('Number of desired pods. Defaults to 1.'),
      selector: labelSelector,
      template: podTemplate,
      minReadySeconds: int('Seconds a new pod must be ready to count as available.'),
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
  scale: {
    replicas: (o) => spec(o).replicas ?? 1,
    selector: (o) => selectorString(spec(o).selector),
    set: (o, n) => {
      spec(o).replicas = n;
    },
  },
};
