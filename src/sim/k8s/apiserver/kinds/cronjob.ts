import type { CronJob, KubeObject } from '../../api/types.ts';
import { parseSchedule, validTimeZone } from '../../cron.ts';
import { invalidField, notSupportedField, requiredField } from '../field.ts';
import { anything, bool, int, obj, str, topLevel } from '../schema.ts';
import type { StatusCause } from '../status.ts';
import { defaultTemplate, validatePodSpec } from './podspec.ts';
import type { KindDef } from './types.ts';

const spec = (o: KubeObject) => (o as CronJob).spec;

/** validation.ValidateCronJobCreate, the parts a manifest meets. */
function validateCronJob(o: KubeObject): StatusCause[] {
  const s = spec(o);
  const errs: StatusCause[] = [];
  // A Job's name is the CronJob's plus 11 characters; Job names end up in a 63-character label.
  if (o.metadata.name.length > 52) errs.push(invalidField('metadata.name', o.metadata.name, 'must be no more than 52 characters'));
  if (!s?.schedule) errs.push(requiredField('spec.schedule'));
  else {
    const p = parseSchedule(s.schedule);
    if (!p.ok) errs.push(invalidField('spec.schedule', s.schedule, p.error));
  }
  if (s?.timeZone !== undefined && !validTimeZone(s.timeZone)) errs.push(invalidField('spec.timeZone', s.timeZone, `unknown time zone ${s.timeZone}`));
  const cp = s?.concurrencyPolicy;
  if (cp !== undefined && !['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupportedField('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) {
    const v = s?.[f];
    if (v !== undefined && v < 0) errs.push(invalidField(`spec.${f}`, v, 'must be greater than or equal to 0'));
  }
  const t = s?.jobTemplate?.spec?.template;
  errs.push(...validatePodSpec(t?.spec, 'spec.jobTemplate.spec.template.spec'));
  const rp = t?.spec?.restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') errs.push(requiredField('spec.jobTemplate.spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"'));
  return errs;
}

export const cronJobKind: KindDef = {
  kind: 'CronJob',
  apiVersion: 'batch/v1',
  resource: 'cronjobs',
  singular: 'cronjob',
  shortNames: ['cj'],
  namespaced: true,
  controlled: true,
  generation: true,
  statusSubresource: true,
  schema: topLevel('Runs Jobs on a schedule.', {
    spec: obj('Desired behaviour of the CronJob.', {
      schedule: str('Cron format schedule, e.g. "*/5 * * * *" or "@hourly".'),
      timeZone: str('IANA time zone of the schedule, e.g. "Asia/Seoul"; the controller manager\'s (UTC) when unset.'),
      startingDeadlineSeconds: int('Seconds after a missed schedule within which the Job may still start.', 64),
      concurrencyPolicy: str('Allow (default), Forbid or Replace.'),
      suspend: bool('Stops new Jobs from starting.'),
      jobTemplate: obj('The Job made at each scheduled time.', { metadata: anything('Labels and annotations of the Jobs.'), spec: anything('The Job spec.') }, 'JobTemplateSpec'),
      successfulJobsHistoryLimit: int('Finished Jobs kept. Defaults to 3.'),
      failedJobsHistoryLimit: int('Failed Jobs kept. Defaults to 1.'),
    }),
    status: anything('Active Jobs and the last schedule time.'),
  }),
  defaults(o) {
    const s = spec(o);
    if (!s) return;
    s.concurrencyPolicy ??= 'Allow';
    s.suspend ??= false;
    s.successfulJobsHistoryLimit ??= 3;
    s.failedJobsHistoryLimit ??= 1;
    const js = s.jobTemplate?.spec as (CronJob['spec']['jobTemplate']['spec'] & { completionMode?: string; suspend?: boolean }) | undefined;
    if (js) {
      if (js.completions === undefined && js.parallelism === undefined) {
        js.completions = 1;
        js.parallelism = 1;
      }
      js.parallelism ??= 1;
      js.backoffLimit ??= 6;
      js.completionMode ??= 'NonIndexed';
      js.suspend ??= false;
      defaultTemplate(js.template);
    }
  },
  initialStatus: () => ({}),
  validate: validateCronJob,
};
