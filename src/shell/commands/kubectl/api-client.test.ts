/**
 * kubectl is just another API client: what it does shows in `sim trace` as
 * requests from `kubectl`, as on a real cluster where kubectl only talks to
 * the API server (pods/log and pods/exec are proxied to the kubelet:
 * staging/src/k8s.io/kubectl/pkg/cmd/logs, .../cmd/exec; rollout restart and
 * undo are PATCHes: kubectl/pkg/polymorphichelpers/objectrestarter.go and
 * rollback.go).
 */
import { describe, expect, it } from 'vitest';
import { out, podNames, run, webSession } from './cmd/testing.ts';

/** The `sim trace --all` lines (narrow form) from kubectl since the mark. */
function kubectlRequests(sh: ReturnType<typeof webSession>, line: string): string[] {
  out(sh, line);
  return out(sh, 'sim trace 2000 --all')
    .split('\n')
    .filter((l) => /^\d\d:\d\d:\d\d {2}kubectl → /.test(l))
    .map((l) => l.replace(/^\S+ {2}kubectl → /, ''));
}

describe('kubectl in sim trace', () => {
  const sh = webSession();
  const pod = podNames(sh)[0]!;

  it('logs reads the pods/log subresource', () => {
    const reqs = kubectlRequests(sh, `kubectl logs ${pod} --tail=1`);
    expect(reqs.at(-1)).toBe(`get pods/log default/${pod} (200)`);
    // Shown by default too: reaching into a pod is not background chatter.
    expect(out(sh, 'sim trace 1')).toContain(`kubectl → get pods/log default/${pod} (200)`);
  });

  it('exec posts to the pods/exec subresource (101 Switching Protocols)', () => {
    const reqs = kubectlRequests(sh, `kubectl exec ${pod} -- hostname`);
    expect(reqs.at(-1)).toBe(`create pods/exec default/${pod} (101)`);
  });

  it('rollout restart patches the Deployment', () => {
    const reqs = kubectlRequests(sh, 'kubectl rollout restart deploy/web');
    expect(reqs.slice(-2)).toEqual(['get deployments default/web (200)', 'patch deployments default/web (200)']);
  });

  it('rollout undo lists the ReplicaSets, then patches the Deployment', () => {
    run(sh, 'sleep 60s');
    const reqs = kubectlRequests(sh, 'kubectl rollout undo deploy/web');
    expect(reqs.slice(-3)).toEqual(['get deployments default/web (200)', 'list replicasets -n default (200)', 'patch deployments default/web (200)']);
  });
});
