import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transcript } from './headless.ts';
import { createSession } from './session.ts';

/**
 * The docs page "Configure Liveness, Readiness and Startup Probes"
 * (kubernetes/website content/en/docs/tasks/configure-pod-container/
 * configure-liveness-readiness-startup-probes.md) with its
 * pods/probe/exec-liveness.yaml verbatim: within the first 30 seconds no
 * failure; after 35 seconds `Liveness probe failed: cat: can't open
 * '/tmp/healthy': No such file or directory`, then `Container liveness failed
 * liveness probe, will be restarted`; after the grace period RESTARTS is 1.
 */
const docs = (f: string) => readFileSync(join(import.meta.dirname, '../sim/k8s/fixtures/docs', f), 'utf8');
const session = (files: Record<string, string>) => createSession({ seed: 1, dir: 'work', files, tty: { color: false, columns: 200 }, lang: 'en' });

describe('exec-liveness.yaml: the docs liveness example, second by second', () => {
  it('healthy for 30 s, three failures 5 s apart, one kill, restarted after the 30 s grace period', () => {
    const sh = session({ 'exec-liveness.yaml': docs('exec-liveness.yaml') });
    const early = transcript(sh, ['kubectl apply -f exec-liveness.yaml', 'sleep 25', 'kubectl describe pod liveness-exec']);
    expect(early).not.toContain('Unhealthy');
    const later = transcript(sh, ['sleep 25', 'kubectl describe pod liveness-exec']);
    expect(later).toContain("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(later).toContain('Container liveness failed liveness probe, will be restarted');
    const after = transcript(sh, ['sleep 40', 'kubectl get pod liveness-exec']);
    expect(after).toMatch(/liveness-exec\s+1\/1\s+Running\s+1 \(\d+s ago\)/);
  });
});

describe('readiness takes a pod out of the Service endpoints and back, without a restart', () => {
  it('endpoints follow the readiness probe; RESTARTS stays 0', () => {
    const pod = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', '  labels:', '    app: web', 'spec:', '  containers:', '  - name: nginx', '    image: nginx:1.27', '    readinessProbe:', '      exec:', '        command: ["cat", "/tmp/ready"]', '      periodSeconds: 2', ''].join('\n');
    const sh = session({ 'p.yaml': pod });
    const out = transcript(sh, ['kubectl apply -f p.yaml', 'kubectl expose pod web --port=80', 'sleep 15', 'kubectl get endpoints web', 'kubectl exec web -- touch /tmp/ready', 'sleep 5', 'kubectl get endpoints web', 'kubectl exec web -- rm /tmp/ready', 'sleep 10', 'kubectl get endpoints web', 'kubectl get pod web']);
    // kubectl get endpoints lists only ready addresses (formatEndpoints over subsets[].addresses; a subset with
    // only notReadyAddresses prints an empty cell, not <none>).
    const rows = out.split('$ kubectl get endpoints web').slice(1).map((t) => t.split('\n').find((l) => l.startsWith('web ')) ?? '');
    expect(rows[0]).toMatch(/^web\s+\d+s$/);
    expect(rows[1]).toMatch(/^web\s+10\.244\.\d+\.\d+:80\s/);
    expect(rows[2]).toMatch(/^web\s+\d+s$/);
    expect(out).toMatch(/web\s+0\/1\s+Running\s+0\s/);
  });
});

describe('an exec probe that outlasts timeoutSeconds fails as a timeout', () => {
  // KEP-1972 (exec probe timeouts, GA 1.20): containerd kills the exec at timeoutSeconds and answers DeadlineExceeded
  // ("failed to exec in container: timeout 1s exceeded: context deadline exceeded", kubernetes/kubernetes#82987); the
  // CRI client maps it to fmt.Errorf("command %q timed out", strings.Join(cmd, " ")) (cri-client remote_runtime.go
  // ExecSync), the exec prober reports that text as the failure output (pkg/probe/exec/exec.go) and prober.go
  // records "%s probe failed: %s".
  const pod = (cmd: string, timeout: number) =>
    ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: slow', 'spec:', '  containers:', '  - name: app', '    image: busybox:1.37', '    command: ["sleep", "3600"]', '    livenessProbe:', '      exec:', `        command: ["sh", "-c", "${cmd}"]`, '      periodSeconds: 5', `      timeoutSeconds: ${timeout}`, ''].join('\n');

  it('sleep 5 under timeoutSeconds: 1: Liveness probe failed: command "sh -c sleep 5" timed out, then the kill', () => {
    const sh = session({ 'p.yaml': pod('sleep 5', 1) });
    const out = transcript(sh, ['kubectl apply -f p.yaml', 'sleep 20', 'kubectl describe pod slow']);
    expect(out).toContain('Liveness probe failed: command "sh -c sleep 5" timed out');
    expect(out).toContain('Container app failed liveness probe, will be restarted');
  });

  it('the same probe passes when timeoutSeconds is longer than the command', () => {
    const sh = session({ 'p.yaml': pod('sleep 5', 10) });
    const out = transcript(sh, ['kubectl apply -f p.yaml', 'sleep 20', 'kubectl describe pod slow']);
    expect(out).not.toContain('Unhealthy');
  });

  it('a command that never ends (tail -f) times out too', () => {
    const sh = session({ 'p.yaml': pod('tail -f /dev/null', 1) });
    const out = transcript(sh, ['kubectl apply -f p.yaml', 'sleep 20', 'kubectl describe pod slow']);
    expect(out).toContain('Liveness probe failed: command "sh -c tail -f /dev/null" timed out');
  });
});
