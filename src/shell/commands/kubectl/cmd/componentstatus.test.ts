/**
 * `kubectl get componentstatuses`: the API server probes the components when
 * asked (pkg/registry/core/componentstatus) and stores nothing. Columns after
 * kubectl's printComponentStatus; etcd's /health bodies as etcd 3.5 answers.
 */
import { describe, expect, it } from 'vitest';
import { out, session } from './testing.ts';

describe('kubectl get componentstatuses', () => {
  it('reports every control-plane component healthy on a fresh cluster, with the deprecation warning', () => {
    expect(out(session(), 'kubectl get cs')).toBe(`Warning: v1 ComponentStatus is deprecated in v1.19+
NAME                 STATUS    MESSAGE                         ERROR
scheduler            Healthy   ok                              
controller-manager   Healthy   ok                              
etcd-0               Healthy   {"health":"true","reason":""}   
etcd-1               Healthy   {"health":"true","reason":""}   
etcd-2               Healthy   {"health":"true","reason":""}   
`);
  });

  it('shows what the probes find after components stop, and an etcd without quorum', () => {
    const sh = session();
    out(sh, 'sim stop scheduler; sim stop etcd-1; sim stop etcd-2');
    const rows = out(sh, 'kubectl get componentstatuses --no-headers 2>/dev/null').split('\n');
    expect(rows[0]).toMatch(/^scheduler\s+Unhealthy\s+Get "https:\/\/127\.0\.0\.1:10259\/healthz": dial tcp 127\.0\.0\.1:10259: connect: connection refused/);
    expect(rows[1]).toMatch(/^controller-manager\s+Healthy\s+ok/);
    expect(rows[2]).toMatch(/^etcd-0\s+Unhealthy\s+\{"health":"false","reason":"RAFT NO LEADER"\}/);
    expect(rows[3]).toMatch(/^etcd-1\s+Unhealthy\s+Get "http:\/\/10\.0\.0\.11:2379\/health"/);
    out(sh, 'sim start scheduler');
    expect(out(sh, 'kubectl get cs scheduler --no-headers 2>/dev/null')).toMatch(/^scheduler\s+Healthy\s+ok/);
  });

  it('is read-only: writes get 405', () => {
    expect(out(session(), 'kubectl delete cs scheduler 2>&1 | tail -1')).toBe('Error from server (MethodNotAllowed): the server does not allow this method on the requested resource\n');
  });
});
