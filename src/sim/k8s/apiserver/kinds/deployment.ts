import type { Deployment, KubeObject } from '../../api/types.ts';
import { anything, bool, int, intOrStr, obj, str, topLevel } from '../schema.ts';
import { defaultTemplate } from './podspec.ts';
import type { KindDef } from './types.ts';
import { replicasScale, replicatedSpecFields, validateSelectorUpdate, validateWorkload } from './workload.ts';

const spec = (o: KubeObject) => (o as Deployment).spec;

export const deploymentKind: KindDef = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  resource: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  namespaced: true,
  controlled: true,
  generation: true,
  statusSubresource: true,
  schema: topLevel('Declarative updates for Pods and ReplicaSets.', {
    spec: obj('Desired behaviour of the Deployment.', {
      ...replicatedSpecFields(),
      strategy: obj('How old pods are replaced by new ones.', {
        type: str('Recreate or RollingUpdate. Defaults to RollingUpdate.'),
        rollingUpdate: obj('Rolling update parameters.', {
          maxSurge: intOrStr('Pods that may be created above the desired count. Defaults to 25%.'),
          maxUnavailable: intOrStr('Pods that may be unavailable during the update. Defaults to 25%.'),
        }),
      }),
      revisionHistoryLimit: int('Old ReplicaSets kept for rollback. Defaults to 10.'),
      progressDeadlineSeconds: int('Seconds before a stalled rollout is reported. Defaults to 600.'),
      paused: bool('Pauses the rollout.'),
    }),
    status: anything('Most recently observed status of the Deployment.'),
  }),
  defaults(o) {
    const s = spec(o);
    if (!s) return;
    s.replicas ??= 1;
    s.strategy ??= { type: 'RollingUpdate' };
    s.strategy.type ??= 'RollingUpdate';
    if (s.strategy.type === 'RollingUpdate') {
      s.strategy.rollingUpdate ??= {};
      s.strategy.rollingUpdate.maxSurge ??= '25%';
      s.strategy.rollingUpdate.maxUnavailable ??= '25%';
    }
    s.revisionHistoryLimit ??= 10;
    s.progressDeadlineSeconds ??= 600;
    defaultTemplate(s.template);
  },
  validate: (o) => validateWorkload(spec(o), { replicas: true, restartPolicies: ['Always'] }),
  validateUpdate: validateSelectorUpdate,
  scale: replicasScale,
};
