/**
 * CronJobs on the virtual clock, as pkg/controller/cronjob
 * (cronjob_controllerv2.go, utils.go getJobName: `<cronjob>-<minutes since
 * the epoch>`) runs them and kubectl prints them (printers.go printCronJob;
 * create_cronjob.go). Docs: https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/
 */
import { describe, expect, it } from 'vitest';
import { out, run, session } from './testing.ts';

const cron = (extra: string, command = '["sh", "-c", "date; echo Hello from the Kubernetes cluster"]') => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
${extra}  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command: ${command}
          restartPolicy: OnFailure
`;

const jobNames = (sh: ReturnType<typeof session>) =>
  out(sh, 'kubectl get jobs -o name')
    .trimEnd()
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace('job.batch/', ''));

describe('CronJob', () => {
  it('create cronjob, then one Job per minute named <cronjob>-<scheduled minutes>, and get cronjob columns', () => {
    const sh = session();
    expect(out(sh, 'kubectl create cronjob hello --image=busybox:1.37 --schedule="*/1 * * * *" -- date')).toBe('cronjob.batch/hello created\n');
    expect(out(sh, 'kubectl get cronjob')).toMatch(/^NAME +SCHEDULE +TIMEZONE +SUSPEND +ACTIVE +LAST SCHEDULE +AGE\nhello +\*\/1 \* \* \* \* +<none> +False +0 +<none> +\d+s\n$/);
    run(sh, 'sleep 140s');
    const names = jobNames(sh);
    expect(names).toHaveLength(2);
    const last = Date.parse(out(sh, "kubectl get cj hello -o jsonpath='{.status.lastScheduleTime}'"));
    expect(names[1]).toBe(`hello-${last / 60_000}`);
    expect(Number(names[1]!.split('-')[1]) - Number(names[0]!.split('-')[1])).toBe(1);
    expect(out(sh, 'kubectl get cj')).toMatch(/\nhello +\*\/1 \* \* \* \* +<none> +False +[01] +\d+s +\d+m\d*s?\n$/);
    expect(out(sh, `kubectl get job ${names[0]} -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}'`)).toBe('CronJob/hello');
    const d = out(sh, 'kubectl describe cronjob hello');
    expect(d).toMatch(/^Name: +hello\nNamespace: +default\nLabels: +<none>\nAnnotations: +<none>\nSchedule: +\*\/1 \* \* \* \*\nConcurrency Policy: +Allow\nSuspend: +False\nSuccessful Job History Limit: +3\nFailed Job History Limit: +1\nStarting Deadline Seconds: +<unset>\nSelector: +<unset>\nParallelism: +1\nCompletions: +1\nPod Template:\n/);
    expect(d).toMatch(/\nLast Schedule Time: +Thu, 15 Jan 2026 09:02:00 \+0000\nActive Jobs: +/);
    expect(d).toMatch(new RegExp(`Normal +SuccessfulCreate +\\S+ +cronjob-controller +Created job ${names[0]}`));
  });

  it('keeps successfulJobsHistoryLimit (3) finished Jobs and deletes older ones', () => {
    const sh = session({ 'cj.yaml': cron('') });
    run(sh, 'kubectl apply -f cj.yaml', 'sleep 6m');
    expect(jobNames(sh).length).toBeLessThanOrEqual(4); // three kept, maybe one running
    expect(out(sh, 'kubectl get jobs --field-selector status.successful=1 -o name').trim().split('\n').length).toBeLessThanOrEqual(3);
    expect(out(sh, 'kubectl describe cj hello')).toMatch(/Normal +SuccessfulDelete +\S+( \(x\d+ over \S+\))? +cronjob-controller +Deleted job hello-\d+/);
    expect(out(sh, 'kubectl describe cj hello')).toMatch(/Normal +SawCompletedJob +\S+( \(x\d+ over \S+\))? +cronjob-controller +Saw completed job: hello-\d+, status: Complete/);
  });

  it('concurrencyPolicy Forbid skips a run while the previous Job is still active', () => {
    const sh = session({ 'cj.yaml': cron('  concurrencyPolicy: Forbid\n', '["sleep", "150"]') });
    run(sh, 'kubectl apply -f cj.yaml', 'sleep 150s');
    expect(jobNames(sh)).toHaveLength(1);
    expect(out(sh, 'kubectl get cj hello')).toMatch(/\nhello +\* \* \* \* \* +<none> +False +1 +/);
    expect(out(sh, 'kubectl describe cj hello')).toContain('Not starting job because prior execution is running and concurrency policy is Forbid');
  });

  it('concurrencyPolicy Replace deletes the running Job and starts the new one', () => {
    const sh = session({ 'cj.yaml': cron('  concurrencyPolicy: Replace\n', '["sleep", "150"]') });
    run(sh, 'kubectl apply -f cj.yaml', 'sleep 70s');
    const first = jobNames(sh);
    run(sh, 'sleep 60s');
    const second = jobNames(sh).filter((n) => !first.includes(n));
    expect(second).toHaveLength(1);
    expect(out(sh, 'kubectl describe cj hello')).toContain(`Deleted job ${first[0]}`);
  });

  it('a suspended CronJob starts nothing', () => {
    const sh = session({ 'cj.yaml': cron('  suspend: true\n') });
    run(sh, 'kubectl apply -f cj.yaml', 'sleep 3m');
    expect(jobNames(sh)).toEqual([]);
    expect(out(sh, 'kubectl get cj')).toMatch(/\nhello +\* \* \* \* \* +<none> +True +0 +<none> +/);
  });

  it('@hourly runs on the hour, and timeZone is shown in TIMEZONE', () => {
    const sh = session({ 'cj.yaml': cron('  timeZone: "Asia/Seoul"\n').replace('"* * * * *"', '"@hourly"') });
    run(sh, 'kubectl apply -f cj.yaml', 'sleep 31m', 'sleep 30m');
    const names = jobNames(sh);
    expect(names).toHaveLength(1);
    expect(Number(names[0]!.split('-')[1]) % 60).toBe(0);
    expect(out(sh, 'kubectl get cj')).toMatch(/\nhello +@hourly +Asia\/Seoul +False +/);
  });

  // pkg/apis/batch/validation ValidateCronJobSpec: the schedule is parsed with robfig/cron's ParseStandard.
  it('an invalid schedule is rejected with the parser message, and etcd keeps cronjobs under /registry/cronjobs', () => {
    const sh = session({ 'bad.yaml': cron('').replace('"* * * * *"', '"* * *"'), 'cj.yaml': cron('') });
    expect(out(sh, 'kubectl apply -f bad.yaml')).toBe('The CronJob "hello" is invalid: spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]\n');
    run(sh, 'kubectl apply -f cj.yaml');
    expect(out(sh, 'etcdctl get /registry/cronjobs --prefix --keys-only')).toBe('/registry/cronjobs/default/hello\n\n');
  });
});
