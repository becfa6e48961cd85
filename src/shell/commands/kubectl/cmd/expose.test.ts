import { describe, expect, it } from 'vitest';
import { out, run, session, webSession } from './testing.ts';

describe('kubectl expose', () => {
  it.each([
    ['a deployment', 'kubectl expose deployment web --port=8080 --target-port=80 --name=web2', 'service/web2 exposed\n', 'kubectl get svc web2 -o jsonpath={.spec.selector.app}', 'web'],
    ['as NodePort', 'kubectl expose deploy web --port=80 --type=NodePort --name=np', 'service/np exposed\n', 'kubectl get svc np -o jsonpath={.spec.type}', 'NodePort'],
    ['with the port found in the pod template', 'kubectl expose deploy web --name=auto', 'service/auto exposed\n', 'kubectl get svc auto -o jsonpath={.spec.ports[0].port}', '80'],
    ['a name already taken', 'kubectl expose deploy web --port=80', 'Error from server (AlreadyExists): services "web" already exists\n', 'kubectl get svc web -o name', 'service/web\n'],
  ])('%s', (_, line, want, check, value) => {
    const sh = webSession();
    expect(out(sh, line)).toBe(want);
    expect(out(sh, check)).toBe(value);
  });
  it('a pod: selects it by its labels and reaches it', () => {
    const sh = session();
    run(sh, 'kubectl run web --image=nginx:1.27 --port=80', 'kubectl expose pod web --port=80', 'kubectl run client --image=curlimages/curl:8.11.1 -- sleep 3600', 'sleep 15s');
    expect(out(sh, 'kubectl exec client -- curl -s http://web')).toContain('Welcome to nginx!');
  });
  it('needs a port', () => {
    const sh = session();
    run(sh, 'kubectl run box --image=busybox:1.37 -- sleep 3600');
    expect(out(sh, 'kubectl expose pod box')).toBe("error: couldn't find port via --port flag or introspection\n");
  });
});
