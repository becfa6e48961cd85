import type { HorizontalPodAutoscaler, KubeObject } from '../../api/types.ts';
import { invalidField, requiredField } from '../field.ts';
import { anything, int, obj, str, topLevel } from '../schema.ts';
import type { StatusCause } from '../status.ts';
import type { KindDef } from './types.ts';

const spec = (o: KubeObject) => (o as HorizontalPodAutoscaler).spec;

/** The scaling behaviour autoscaling/v2 defaults to (SetDefaults_HorizontalPodAutoscalerBehavior). */
export const DEFAULT_SCALE_UP = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
export const DEFAULT_SCALE_DOWN = { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

function validateHpa(o: KubeObject): StatusCause[] {
  const s = spec(o);
  const errs: StatusCause[] = [];
  if (!s?.scaleTargetRef?.kind) errs.push(requiredField('spec.scaleTargetRef.kind'));
  if (!s?.scaleTargetRef?.name) errs.push(requiredField('spec.scaleTargetRef.name'));
  const min = s?.minReplicas ?? 1;
  if (s?.minReplicas !== undefined && s.minReplicas < 1) errs.push(invalidField('spec.minReplicas', s.minReplicas, 'must be greater than or equal to 1'));
  if (!s || (s.maxReplicas ?? 0) < 1) errs.push(invalidField('spec.maxReplicas', s?.maxReplicas ?? 0, 'must be greater than or equal to 1'));
  else if (min > s.maxReplicas) errs.push(invalidField('spec.minReplicas', min, 'must be less than or equal to maxReplicas'));
  (s?.metrics ?? []).forEach((m, i) => {
    const u = m.resource?.target.averageUtilization;
    if (u !== undefined && u <= 0) errs.push(invalidField(`spec.metrics[${i}].resource.target.averageUtilization`, u, 'must be greater than 0'));
  });
  return errs;
}

export const hpaKind: KindDef = {
  kind: 'HorizontalPodAutoscaler',
  apiVersion: 'autoscaling/v2',
  resource: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  shortNames: ['hpa'],
  namespaced: true,
  controlled: true,
  generation: true,
  statusSubresource: true,
  schema: topLevel('Scales a workload on metrics.', {
    spec: obj('Desired behaviour of the autoscaler.', {
      scaleTargetRef: obj('The workload to scale.', { apiVersion: str('API version of the target.'), kind: str('Deployment, StatefulSet or ReplicaSet.'), name: str('Name of the target.') }),
      minReplicas: int('Lower limit of replicas. Defaults to 1.'),
      maxReplicas: int('Upper limit of replicas.'),
      metrics: anything('What to scale on; CPU utilization 80% when empty.'),
      behavior: anything('Scale-up and scale-down rules and stabilization windows.'),
    }),
    status: anything('Current replicas, metrics and conditions.'),
  }),
  defaults(o) {
    const s = spec(o);
    if (!s) return;
    s.minReplicas ??= 1;
    if (!s.metrics?.length) s.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    s.behavior ??= {};
    s.behavior.scaleUp ??= structuredClone(DEFAULT_SCALE_UP);
    s.behavior.scaleDown ??= structuredClone(DEFAULT_SCALE_DOWN);
  },
  initialStatus: () => ({ currentReplicas: 0, desiredReplicas: 0 }),
  validate: validateHpa,
};
