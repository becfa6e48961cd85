import { describe, expect, it } from 'vitest';
import { out, run, session } from './testing.ts';

/** A container process that ends, seen through kubectl: STATUS, RESTARTS and the logs it left. */
describe('kubectl run: processes that end', () => {
  it.each([
    ['echo hi', '--restart=Never -- echo hi', /^x +0\/1 +Completed +0 /m, 'hi\n'],
    ["sh -c 'echo hi; exit 3'", "--restart=Never -- sh -c 'echo hi; exit 3'", /^x +0\/1 +Error +0 /m, 'hi\n'],
    ['true', '--restart=Never -- true', /^x +0\/1 +Completed +0 /m, ''],
    ['false', '--restart=Never -- false', /^x +0\/1 +Error +0 /m, ''],
    ['date prints the virtual time', '--restart=Never -- date', /^x +0\/1 +Completed +0 /m, 'Thu Jan 15 09:00:31 UTC 2026\n'],
    ['a missing command is 127', "--restart=Never -- sh -c 'nope'", /^x +0\/1 +Error +0 /m, 'sh: nope: not found\n'],
    ['a script runs on after a failure', "--restart=Never -- sh -c 'false; echo after'", /^x +0\/1 +Completed +0 /m, 'after\n'],
    ['Always: exit 0 still crash-loops', '-- echo hi', /^x +0\/1 +CrashLoopBackOff +2 \(\d+s ago\) /m, 'hi\n'],
    ['OnFailure: exit 0 is done', '--restart=OnFailure -- echo hi', /^x +0\/1 +Completed +0 /m, 'hi\n'],
    ['a while-true loop runs and logs each iteration', "-- sh -c 'while true; do echo tick; sleep 5; done'", /^x +1\/1 +Running +0 /m, 'tick\n'.repeat(3)],
  ])('%s', (_name, tail, row, logs) => {
    const sh = session();
    run(sh, `kubectl run x --image=busybox:1.36 ${tail}`, 'sleep 16s');
    expect(out(sh, 'kubectl get pod x')).toMatch(row);
    expect(out(sh, 'kubectl logs x')).toBe(logs);
  });

  it('sleep 5 runs, then completes', () => {
    const sh = session();
    run(sh, 'kubectl run x --image=busybox:1.36 --restart=Never -- sleep 5', 'sleep 4s');
    expect(out(sh, 'kubectl get pod x')).toMatch(/^x +1\/1 +Running +0 /m);
    run(sh, 'sleep 3s');
    expect(out(sh, 'kubectl get pod x')).toMatch(/^x +0\/1 +Completed +0 /m);
    expect(out(sh, 'kubectl get pod x -o jsonpath={.status.phase}')).toBe('Succeeded');
  });

  it('the container state says Completed / Error with the exit code; the pod phase Succeeded / Failed', () => {
    const sh = session();
    run(sh, 'kubectl run ok --image=busybox:1.36 --restart=Never -- true', "kubectl run bad --image=busybox:1.36 --restart=Never -- sh -c 'exit 3'", 'sleep 10s');
    const state = (p: string) => out(sh, `kubectl get pod ${p} -o jsonpath={.status.phase}/{.status.containerStatuses[0].state.terminated.reason}/{.status.containerStatuses[0].state.terminated.exitCode}`);
    expect(state('ok')).toBe('Succeeded/Completed/0');
    expect(state('bad')).toBe('Failed/Error/3');
  });

  it('the classic pi Job: perl prints 2000 digits of pi and the Job completes 1/1', () => {
    const sh = session({
      'pi.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  backoffLimit: 4\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl:5.40\n        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]\n      restartPolicy: Never\n',
    });
    run(sh, 'kubectl apply -f pi.yaml', 'sleep 60s');
    expect(out(sh, 'kubectl get job pi')).toMatch(/^pi +Complete +1\/1 /m);
    const digits = out(sh, 'kubectl logs job/pi').trim();
    expect(digits).toMatch(/^3\.14159265358979323846264338327950288419716939937510/);
    expect(digits).toHaveLength(2001);
  });

  it('the fixture Job reaches Complete with 1/1 completions', () => {
    const sh = session();
    run(sh, 'kubectl apply -f job.yaml', 'sleep 30s');
    expect(out(sh, 'kubectl get jobs')).toMatch(/^hello +Complete +1\/1 /m);
    expect(out(sh, 'kubectl logs job/hello')).toBe('Hello from the Kubernetes cluster\n');
  });
});

describe('env from a ConfigMap, end to end', () => {
  const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.37\n    command: ["sleep", "3600"]\n    envFrom:\n    - configMapRef:\n        name: settings\n';
  it.each([
    ['the fixture pod reads its key', 'kubectl apply -f configmap-pod.yaml', 'kubectl exec configmap-demo-pod -- printenv PLAYER_INITIAL_LIVES', '3\n'],
    ['a missing ConfigMap: CreateContainerConfigError', 'kubectl apply -f p.yaml', 'kubectl get pod p', /^p +0\/1 +CreateContainerConfigError +0 /m],
  ])('%s', (_name, apply, check, want) => {
    const sh = session({ 'p.yaml': POD });
    run(sh, apply, 'sleep 10s');
    const got = out(sh, check);
    if (typeof want === 'string') expect(got).toBe(want);
    else expect(got).toMatch(want);
  });

  it('the waiting message names the ConfigMap, and the pod runs once it exists', () => {
    const sh = session({ 'p.yaml': POD });
    run(sh, 'kubectl apply -f p.yaml', 'sleep 10s');
    expect(out(sh, 'kubectl get pod p -o jsonpath={.status.containerStatuses[0].state.waiting.message}')).toBe('configmap "settings" not found');
    run(sh, 'kubectl create configmap settings --from-literal=MODE=hard', 'sleep 12s');
    expect(out(sh, 'kubectl exec p -- printenv MODE')).toBe('hard\n');
  });
});
