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
