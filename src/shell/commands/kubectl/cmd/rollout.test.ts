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
});
