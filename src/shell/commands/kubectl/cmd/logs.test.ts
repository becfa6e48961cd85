import { describe, expect, it } from 'vitest';
import { out, podNames, run, session, webSession } from './testing.ts';

const TWO = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n  - name: b\n    image: busybox:1.37\n    command: ["sh", "-c", "echo from-b; sleep 3600"]\n';

describe('kubectl logs', () => {
  it('reads a pod, --tail and --timestamps', () => {
    const sh = webSession();
    const pod = podNames(sh)[0]!;
    const all = out(sh, `kubectl logs ${pod}`);
    expect(all).toContain('start worker process');
    expect(out(sh, `kubectl logs ${pod} --tail=1`)).toBe(`${all.trimEnd().split('\n').at(-1)}\n`);
    expect(out(sh, `kubectl logs ${pod} --tail=1 --timestamps`)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z \S/);
  });
  it('picks a pod of a deployment and says which', () => {
    const sh = webSession();
    expect(out(sh, 'kubectl logs deploy/web --tail=0')).toBe(`Found 3 pods, using pod/${podNames(sh)[0]}\n`);
  });
  it('defaults to the first container of a multi-container pod, as kubectl does, and takes -c', () => {
    const sh = session({ 'two.yaml': TWO });
    run(sh, 'kubectl apply -f two.yaml', 'sleep 15s');
    expect(out(sh, 'kubectl logs two --tail=0')).toBe('Defaulted container "a" out of: a, b\n');
    expect(out(sh, 'kubectl logs two -c b')).toBe('from-b\n');
    expect(out(sh, 'kubectl logs two -c zz')).toBe('error: container zz is not valid for pod two\n');
  });
  it('--previous reads the container before a restart', () => {
    const sh = webSession();
    const pod = podNames(sh)[0]!;
    expect(out(sh, `kubectl logs ${pod} -p`)).toBe(`Error from server (BadRequest): previous terminated container "nginx" in pod "${pod}" not found\n`);
    run(sh, `sim crash ${pod}`, 'sleep 15s');
    expect(out(sh, `kubectl logs ${pod} -p`)).toContain('start worker process');
  });
  it('a waiting container has no logs yet', () => {
    const sh = session();
    run(sh, 'kubectl run web --image=nginx:1.27');
    expect(out(sh, 'kubectl logs web')).toBe('Error from server (BadRequest): container "web" in pod "web" is waiting to start: ContainerCreating\n');
  });
  it('-f follows new lines until Ctrl-C', () => {
    const sh = webSession();
    const svcTarget = podNames(sh)[0]!;
    sh.world.clock.setTimeout(() => out(sh, `kubectl exec ${podNames(sh)[1]} -- curl -s http://web`), 2000);
    const t = run(sh, `kubectl logs ${svcTarget} -f --tail=0`);
    expect(t.endsWith('^C')).toBe(true);
  });
});
