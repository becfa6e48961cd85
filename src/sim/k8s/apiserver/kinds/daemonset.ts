import type { DaemonSet, KubeObject } from '../../api/types.ts';
import { anything, int, labelSelector, obj, podTemplate, topLevel } from '../schema.ts';
import { defaultTemplate } from './podspec.ts';
import type { KindDef } from './types.ts';
import { validateSelectorUpdate, validateWorkload } from './workload.ts';

const spec = (o: KubeObject) => (o as DaemonSet).spec as DaemonSet['spec'] & { revisionHistoryLimit?: number };

export const daemonSetKind: KindDef = {
  kind: 'DaemonSet',
  apiVersion: 'apps/v1',
  resource: 'daemonsets',
  singular: 'daemonset',
  shortNames: ['ds'],
  namespaced: true,
  controlled: true,
  generation: true,
  statusSubresource: true,
  schema: topLevel('Runs one copy of a pod on each eligible node.', {
    spec: obj('Desired behaviour of the DaemonSet.', {
      selector: labelSelector,
      template: podTemplate,
      updateStrategy: anything('RollingUpdate (default) or OnDelete, with parameters.'),
      minReadySeconds: int('Seconds a new pod must be ready to count as available.'),
      revisionHistoryLimit: int('Old revisions kept for rollback. Defaults to 10.'),
    }),
    status: anything('Most recently observed status of the DaemonSet.'),
  }),
  defaults(o) {
    const s = spec(o);
    if (!s) return;
    s.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
    s.revisionHistoryLimit ??= 10;
    defaultTemplate(s.template);
  },
  initialStatus: () => ({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }),
  validate: (o) => validateWorkload(spec(o), { replicas: false, restartPolicies: ['Always'] }),
  validateUpdate: validateSelectorUpdate,
};
