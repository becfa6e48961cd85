import { describe, expect, it } from 'vitest';
import { transcript } from './headless.ts';
import { createSession } from './session.ts';

/**
 * Service environment variables (docs: concepts/services-networking/service.md
 * "Environment variables"; pkg/kubelet/envvars/envvars.go FromServices):
 * every container gets the kubernetes Service's variables, and those of each
 * Service of its namespace that existed when it started (enableServiceLinks,
 * default true), in FromServices' order per Service.
 */
const session = () => createSession({ seed: 1, dir: 'work', files: {}, tty: { color: false, columns: 200 }, lang: 'en' });

describe('KUBERNETES_SERVICE_* and per-Service variables', () => {
  it('a pod started after Service web sees WEB_SERVICE_HOST, WEB_PORT_80_TCP_ADDR, …; a Service made later is not there', () => {
    const sh = session();
    const out = transcript(sh, [
      'kubectl create deployment web --image=nginx:1.27',
      'kubectl expose deployment web --port=80',
      'kubectl run client --image=busybox:1.37 -- sleep 3600',
      'sleep 20',
      'kubectl create service clusterip late --tcp=8080:8080',
      'kubectl exec client -- env',
      'kubectl get svc web kubernetes',
    ]);
    const webIP = /\nweb\s+ClusterIP\s+(\S+)/.exec(out)![1]!;
    const env = out.slice(out.indexOf('$ kubectl exec client -- env'), out.indexOf('$ kubectl get svc'));
    const lines = env.split('\n').filter((l) => /^(WEB|KUBERNETES)_/.test(l));
    expect(lines).toEqual([
      'KUBERNETES_SERVICE_HOST=10.96.0.1',
      'KUBERNETES_SERVICE_PORT=443',
      'KUBERNETES_SERVICE_PORT_HTTPS=443',
      'KUBERNETES_PORT=tcp://10.96.0.1:443',
      'KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443',
      'KUBERNETES_PORT_443_TCP_PROTO=tcp',
      'KUBERNETES_PORT_443_TCP_PORT=443',
      'KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1',
      `WEB_SERVICE_HOST=${webIP}`,
      'WEB_SERVICE_PORT=80',
      `WEB_PORT=tcp://${webIP}:80`,
      `WEB_PORT_80_TCP=tcp://${webIP}:80`,
      'WEB_PORT_80_TCP_PROTO=tcp',
      'WEB_PORT_80_TCP_PORT=80',
      `WEB_PORT_80_TCP_ADDR=${webIP}`,
    ]);
    expect(env).not.toContain('LATE_SERVICE_HOST');
    expect(env.indexOf('PATH=')).toBeLessThan(env.indexOf('KUBERNETES_SERVICE_HOST'));
  });

  it('enableServiceLinks: false leaves only the kubernetes Service\'s variables', () => {
    const pod = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: quiet', 'spec:', '  enableServiceLinks: false', '  containers:', '  - name: c', '    image: busybox:1.37', '    command: ["sleep", "3600"]', ''].join('\n');
    const sh = createSession({ seed: 1, dir: 'work', files: { 'p.yaml': pod }, tty: { color: false, columns: 200 }, lang: 'en' });
    const out = transcript(sh, ['kubectl create deployment web --image=nginx:1.27', 'kubectl expose deployment web --port=80', 'kubectl apply -f p.yaml', 'sleep 15', 'kubectl exec quiet -- env']);
    expect(out).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    expect(out).not.toContain('WEB_SERVICE_HOST');
  });
});
