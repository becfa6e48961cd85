import { describe, expect, it } from 'vitest';
import { out, run, session, webSession } from './testing.ts';

describe('kubectl rollout', () => {
  it('status prints each new state and ends when rolled out', () => {
    const sh = session();
    run(sh, 'kubectl apply -f web.yaml');
    const t = out(sh, 'kubectl rollout status deployment/web');
    expect(t).toMatch(/^Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available\.\.\.\n/);
    expect(t.endsWith('deployment "web" successfully rolled out\n')).toBe(true);
    expect(new Set(t.split('\n')).size).toBe(t.split('\n').length);
  });
  it('set image, history, undo and restart', () => {
    const sh = webSession();
    expect(out(sh, 'kubectl set image deploy/web nginx=nginx:1.26')).toBe('deployment.apps/web image updated\n');
    expect(out(sh, 'kubectl rollout status deploy/web')).toContain('deployment "web" successfully rolled out\n');
    expect(out(sh, 'kubectl rollout history deploy/web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(out(sh, 'kubectl rollout undo deploy/web')).toBe('deployment.apps/web rolled back\n');
    run(sh, 'sleep 30s');
    expect(out(sh, 'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.27');
    expect(out(sh, 'kubectl rollout restart deploy/web')).toBe('deployment.apps/web restarted\n');
    expect(out(sh, 'kubectl rollout history deploy/web --revision=3')).toMatch(/^deployment.apps\/web with revision #3\nPod Template:\n/);
  });
  it.each([
    ['an unknown subcommand', 'kubectl rollout frob deploy/web', 'error: unknown command "frob" for "kubectl rollout"\n'],
    ['a kind without a status viewer', 'kubectl rollout status svc/web', 'error: no status viewer has been implemented for Service\n'],
    ['undo without history', 'kubectl rollout undo deploy/web', 'error: no rollout history found for deployment "web"\n'],
  ])('%s', (_, line, want) => expect(out(webSession(), line)).toBe(want));
  // kubectl/pkg/polymorphichelpers/rollback.go: --to-revision picks that ReplicaSet's template, a match is skipped.
  it('undo --to-revision restores that revision, and says so when it already matches', () => {
    const sh = webSession();
    run(sh, 'kubectl set image deploy/web nginx=nginx:1.26', 'sleep 30s', 'kubectl set image deploy/web nginx=nginx:1.25', 'sleep 30s');
    expect(out(sh, 'kubectl rollout undo deploy/web --to-revision=1')).toBe('deployment.apps/web rolled back\n');
    run(sh, 'sleep 30s');
    expect(out(sh, 'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.27');
    expect(out(sh, "kubectl get deploy web -o jsonpath='{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'")).toBe('4');
    expect(out(sh, 'kubectl rollout undo deploy/web --to-revision=4')).toBe('deployment.apps/web skipped rollback (current template already matches revision 4)\n');
    expect(out(sh, 'kubectl rollout undo deploy/web --to-revision=9')).toBe('error: unable to find specified revision 9 in history\n');
  });
  it('undo refuses a paused Deployment, restart too (rollback.go, objectrestarter.go)', () => {
    const sh = webSession();
    run(sh, 'kubectl rollout pause deploy/web');
    expect(out(sh, 'kubectl rollout undo deploy/web')).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again\n");
    expect(out(sh, 'kubectl rollout restart deploy/web')).toBe("error: can't restart paused deployment (run rollout resume first)\n");
  });
  it('restart stamps the pod template with kubectl.kubernetes.io/restartedAt and replaces every pod', () => {
    const sh = webSession();
    const before = out(sh, 'kubectl get pods -o name');
    const at = out(sh, 'kubectl rollout restart deploy/web');
    expect(at).toBe('deployment.apps/web restarted\n');
    const stamp = out(sh, "kubectl get deploy web -o jsonpath='{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}'");
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Within the same second the patch would be empty; kubectl refuses it.
    expect(out(sh, 'kubectl rollout restart deploy/web')).toBe('error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n');
    run(sh, 'sleep 60s');
    const after = out(sh, 'kubectl get pods -o name').split('\n').filter(Boolean);
    expect(after).toHaveLength(3);
    expect(after.some((p) => before.includes(p))).toBe(false);
  });
});
