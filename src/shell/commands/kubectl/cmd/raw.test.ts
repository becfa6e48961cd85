/**
 * `kubectl get --raw`. Wording from kubectl's get.go (Complete/Validate) and
 * rawhttp.RawGet (the body as it came, no newline added); health bodies as
 * the Kubernetes "API health endpoints" page shows them.
 */
import { describe, expect, it } from 'vitest';
import { out, session, webSession } from './testing.ts';

describe('kubectl get --raw', () => {
  it('answers the health endpoints: "ok" with no newline, the checks with ?verbose', () => {
    const sh = session();
    expect(out(sh, 'kubectl get --raw /readyz')).toBe('ok');
    expect(out(sh, 'kubectl get --raw /livez/etcd')).toBe('ok');
    const verbose = out(sh, "kubectl get --raw '/readyz?verbose'").split('\n');
    expect(verbose.slice(0, 4)).toEqual(['[+]ping ok', '[+]log ok', '[+]etcd ok', '[+]etcd-readiness ok']);
    expect(verbose.at(-2)).toBe('readyz check passed');
    expect(out(sh, "kubectl get --raw '/livez?verbose'")).not.toContain('etcd-readiness');
  });

  it('fails /readyz with the failed checks when etcd has lost quorum, and is refused with the API server stopped', () => {
    const sh = session();
    out(sh, 'sim stop etcd-0; sim stop etcd-1');
    const r = out(sh, 'kubectl get --raw /readyz; echo "exit $?"');
    expect(r).toMatch(/^Error from server \(InternalError\): an error on the server \("\[\+\]ping ok\\n\[\+\]log ok\\n\[-\]etcd failed: reason withheld\\n/);
    expect(r).toContain('readyz check failed") has prevented the request from succeeding\nexit 1\n');
    out(sh, 'sim stop apiserver');
    expect(out(sh, 'kubectl get --raw /readyz')).toBe('The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n');
  });

  it('serves objects as the API server\'s JSON: a typed list whose items carry no kind, and one object', () => {
    const sh = webSession();
    const list = JSON.parse(out(sh, 'kubectl get --raw /apis/apps/v1/namespaces/default/deployments'));
    expect(list.kind).toBe('DeploymentList');
    expect(list.apiVersion).toBe('apps/v1');
    expect(list.items.map((d: { metadata: { name: string } }) => d.metadata.name)).toEqual(['web']);
    expect(list.items[0].kind).toBeUndefined();
    const one = JSON.parse(out(sh, 'kubectl get --raw /api/v1/namespaces/default/services/web'));
    expect([one.kind, one.spec.ports[0].port]).toEqual(['Service', 80]);
    expect(out(sh, 'kubectl get --raw /api/v1/nodes | wc -c').trim()).not.toBe('0');
    expect(out(sh, 'kubectl get --raw /api/v1/namespaces/default/pods/nope')).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(out(sh, 'kubectl get --raw /nope')).toBe('Error from server (NotFound): the server could not find the requested resource\n');
  });

  it('prints the server version as JSON', () => {
    const v = JSON.parse(out(session(), 'kubectl get --raw /version'));
    expect(v.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
    expect(v.major).toBe('1');
  });

  it.each([
    ['kubectl get pods --raw /', 'error: arguments may not be passed when --raw is specified\n'],
    ['kubectl get --raw / -o json', 'error: --raw and --output are mutually exclusive\n'],
    ['kubectl get --raw / -w', 'error: --raw may not be specified with other flags that filter the server request or alter the output\n'],
    ['kubectl get --raw readyz', 'error: --raw must be a valid URL path: parse "readyz": invalid URI for request\n'],
  ])('%s → kubectl\'s own error', (line, want) => {
    expect(out(session(), line)).toBe(want);
  });

  it('says what it does not simulate instead of failing', () => {
    expect(out(session(), 'kubectl get --raw /metrics')).toMatch(/^note: GET \/metrics is not simulated here/);
    expect(out(session(), 'kubectl get --raw /apis')).toMatch(/^note: GET \/apis is not simulated here/);
  });
});
