import { describe, expect, it } from 'vitest';
import { createSession } from '../../../session.ts';
import { KUBERNETES_VERSION as KUBELET_VERSION } from '../../../../sim/k8s/version.ts';
import { out, session } from './testing.ts';

describe('api-resources, cluster-info, version', () => {
  it('api-resources prints the discovery table', () => {
    const t = out(session(), 'kubectl api-resources');
    expect(t.split('\n')[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(t).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
    expect(t).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(t).toMatch(/^nodes\s+no\s+v1\s+false\s+Node$/m);
    expect(t).toMatch(/^ingresses\s+ing\s+networking.k8s.io\/v1\s+true\s+Ingress$/m);
  });
  it('metrics.k8s.io is listed only while metrics-server serves it, last, as kubectl top can use it', () => {
    // metrics-server's APIService v1beta1.metrics.k8s.io (manifests/base/apiservice.yaml, groupPriorityMinimum: 100, the
    // lowest, so discovery lists it last) adds NodeMetrics and PodMetrics, with no short names. kind ships none.
    const sh = session();
    const before = out(sh, 'kubectl api-resources');
    expect(before).not.toContain('metrics.k8s.io');
    expect(out(sh, 'kubectl top node')).toBe('error: Metrics API not available\n');
    out(sh, 'sim addon metrics-server');
    out(sh, 'sleep 60');
    const after = out(sh, 'kubectl api-resources').trimEnd().split('\n');
    expect(after.slice(-2).join('\n')).toMatch(/^nodes\s+metrics\.k8s\.io\/v1beta1\s+false\s+NodeMetrics\npods\s+metrics\.k8s\.io\/v1beta1\s+true\s+PodMetrics$/);
    expect(out(sh, 'kubectl api-resources --api-group=metrics.k8s.io -o name')).toBe('nodes.metrics.k8s.io\npods.metrics.k8s.io\n');
    expect(out(sh, 'kubectl api-resources --api-group=metrics.k8s.io --namespaced=true --no-headers')).toMatch(/^pods\s+metrics\.k8s\.io\/v1beta1\s+true\s+PodMetrics\n$/);
    expect(out(sh, 'kubectl top node')).toMatch(/^NAME\s+CPU\(cores\)/);
  });
  it.each([
    [false, 'Kubernetes control plane is running at https://127.0.0.1:6443\nCoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n'],
    [true, '\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://127.0.0.1:6443\x1b[0m\n'],
  ])('cluster-info (colour %s)', (color, want) => {
    const sh = createSession({ seed: 1, tty: { color } });
    expect(out(sh, 'kubectl cluster-info')).toContain(want);
  });
  it.each([
    ['kubectl version', `Client Version: ${KUBELET_VERSION}\nKustomize Version: v5.6.0\nServer Version: ${KUBELET_VERSION}\n`],
    ['kubectl version --client', `Client Version: ${KUBELET_VERSION}\nKustomize Version: v5.6.0\n`],
  ])('%s', (line, want) => expect(out(session(), line)).toBe(want));
  it('version is the kind node image\'s Kubernetes', () => expect(KUBELET_VERSION).toBe('v1.33.4'));
  it('reports a stopped API server', () => {
    const sh = session();
    out(sh, 'sim stop apiserver');
    expect(out(sh, 'kubectl version')).toBe(`Client Version: ${KUBELET_VERSION}\nKustomize Version: v5.6.0\nThe connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n`);
  });
});
