import { describe, expect, it } from 'vitest';
import { getCluster } from '../../../../sim/k8s/cluster.ts';
import { parseFor } from './wait.ts';
import { out, run, session, webSession } from './testing.ts';

describe('kubectl wait', () => {
  it.each([
    ['delete', { kind: 'delete' }],
    ['condition=Ready', { kind: 'condition', type: 'Ready', value: 'true' }],
    ['condition=Ready=false', { kind: 'condition', type: 'Ready', value: 'false' }],
    ['jsonpath', 'unrecognized condition: "jsonpath"'],
  ])('parses --for=%s', (s, want) => expect(parseFor(s)).toEqual(want));

  it('waits until the pod is Ready', () => {
    const sh = session();
    run(sh, 'kubectl run web --image=nginx:1.27');
    const t0 = sh.world.clock.now();
    expect(out(sh, 'kubectl wait --for=condition=Ready pod/web')).toBe('pod/web condition met\n');
    expect(sh.world.clock.now()).toBeGreaterThan(t0);
  });
  it('Available on a deployment', () => {
    const sh = session();
    run(sh, 'kubectl apply -f web.yaml');
    expect(out(sh, 'kubectl wait --for=condition=Available deployment/web --timeout=60s')).toBe('deployment.apps/web condition met\n');
  });
  it('delete', () => {
    const sh = webSession();
    sh.world.clock.setTimeout(() => getCluster(sh.world).api.as('test').delete('deployments', 'default', 'web'), 1000);
    expect(out(sh, 'kubectl wait --for=delete deployment/web')).toBe('deployment.apps/web condition met\n');
  });
  it('times out', () => {
    const sh = session();
    run(sh, 'kubectl run bad --image=nginx:9.9');
    expect(out(sh, 'kubectl wait --for=condition=Ready pod/bad --timeout=5s')).toBe('error: timed out waiting for the condition on pods/bad\n');
  });
});
