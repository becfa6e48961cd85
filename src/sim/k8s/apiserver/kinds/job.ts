import type { Job, KubeObject } from '../../api/types.ts';
import { invalidField, requiredField } from '../field.ts';
import { anything, bool, int, labelSelector, obj, podTemplate, str, topLevel } from '../schema.ts';
import type { StatusCause } from '../status.ts';
import { defaultTemplate, validatePodSpec } from './podspec.ts';
import type { KindDef } from './types.ts';
import { MAX_REPLICAS, replicasLimitDetail } from '../../../limits.ts';

const spec = (o: KubeObject) => (o as Job).spec as Job['spec'] & { completionMode?: string; suspend?: boolean; manualSelector?: boolean };

function validateJob(o: KubeObject): StatusCause[] {
  const s = spec(o);
  const errs: StatusCause[] = [];
  for (const f of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds'] as const) {
    const v = s?.[f];
    if (v !== undefined && v < 0) errs.push(invalidField(`spec.${f}`, v, 'must be greater than or equal to 0'));
  }
  if (s?.parallelism !== undefined && s.parallelism > MAX_REPLICAS) errs.push(invalidField('spec.parallelism', s.parallelism, replicasLimitDetail()));
  errs.push(...validatePodSpec(s?.template?.spec, 'spec.template.spec'));
  const rp = s?.template?.spec?.restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') errs.push(requiredField('spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"'));
  return errs;
}

export const jobKind: KindDef = {
  kind: 'Job',
  apiVersion: 'batch/v1',
  resource: 'jobs',
  singular: 'job',
  shortNames: [],
  namespaced: true,
  controlled: true,
  generation: true,
  statusSubresource: true,
  schema: topLevel('Runs pods until a number of them complete.', {
    spec: obj('Desired behaviour of the Job.', {
      template: podTemplate,
      completions: int('Successful pods needed. Defaults to 1.'),
      parallelism: int('Pods running at once. Defaults to 1.'),
      backoffLimit: int('Retries before the Job fails. Defaults to 6.'),
      activeDeadlineSeconds: int('Seconds the Job may run.'),
      ttlSecondsAfterFinished: int('Seconds after finishing before the Job is deleted.'),
      selector: labelSelector,
      manualSelector: bool('Use spec.selector as given instead of a generated one.'),
      completionMode: str('NonIndexed or Indexed.'),
      suspend: bool('Suspends the Job.'),
      podFailurePolicy: anything('How pod failures count.'),
    }),
    status: anything('Most recently observed status of the Job.'),
  }),
  defaults(o) {
    const s = spec(o);
    if (!s) return;
    if (s.completions === undefined && s.parallelism === undefined) {
      s.completions = 1;
      s.parallelism = 1;
    }
    s.parallelism ??= 1;
    s.backoffLimit ??= 6;
    s.completionMode ??= 'NonIndexed';
    s.suspend ??= false;
    defaultTemplate(s.template);
    // The Job's own uid ties its pods to it: a generated selector and matching template labels.
    const uid = o.metadata.uid;
    if (uid && !s.manualSelector && !s.selector && s.template) {
      s.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      s.template.metadata ??= {};
      s.template.metadata.labels = {
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': o.metadata.name,
        'controller-uid': uid,
        'job-name': o.metadata.name,
        ...s.template.metadata.labels,
      };
    }
  },
  initialStatus: () => ({}),
  validate: validateJob,
};
