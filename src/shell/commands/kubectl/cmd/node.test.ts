import { describe, expect, it } from 'vitest';
import { out, run, session, webSession } from './testing.ts';

describe('node commands', () => {
  it.each([
    ['cordon', ['kubectl cordon kind-worker'], 'node/kind-worker cordoned\n', /kind-worker\s+Ready,SchedulingDisabled/],
    ['cordon twice', ['kubectl cordon kind-worker', 'kubectl cordon kind-worker'], 'node/kind-worker cordoned\nnode/kind-worker already cordoned\n', /SchedulingDisabled/],
    ['uncordon', ['kubectl cordon kind-worker', 'kubectl uncordon kind-worker'], 'node/kind-worker cordoned\nnode/kind-worker uncordoned\n', /kind-worker\s+Ready\s/],
    ['a missing node', ['kubectl cordon nope'], 'Error from server (NotFound): nodes "nope" not found\n', /kind-worker\s+Ready\s/],
  ])('%s', (_, lines, want, state) => {
    const sh = session();
    expect(lines.map((l) => out(sh, l)).join('')).toBe(want);
    expect(out(sh, 'kubectl get nodes')).toMatch(state);
  });

  it.each([
    ['taint', 'kubectl taint nodes kind-worker dedicated=gpu:NoSchedule', 'node/kind-worker tainted\n'],
    ['a bad effect', 'kubectl taint nodes kind-worker a=b:Sometimes', 'error: invalid taint effect: Sometimes, unsupported taint effect\n'],
    ['removing a missing taint', 'kubectl taint nodes kind-worker nope:NoSchedule-', 'error: taint "nope:NoSchedule" not found\n'],
  ])('%s', (_, line, want) => expect(out(session(), line)).toBe(want));

  it('taint then untaint', () => {
    const sh = session();
    run(sh, 'kubectl taint nodes kind-worker dedicated=gpu:NoSchedule');
    expect(out(sh, 'kubectl get node kind-worker -o jsonpath={.spec.taints[0].key}')).toBe('dedicated');
    expect(out(sh, 'kubectl taint nodes kind-worker dedicated:NoSchedule-')).toBe('node/kind-worker untainted\n');
  });

  it('drain cordons, evicts the pods, waits for them and says drained; the pods come back elsewhere', () => {
    const sh = webSession();
    const onNode = out(sh, 'kubectl get pods -o wide --no-headers').split('\n').filter((l) => /\skind-worker\s/.test(l)).map((l) => l.split(/\s+/)[0]!);
    expect(onNode.length).toBeGreaterThan(0);
    const t = out(sh, 'kubectl drain kind-worker --ignore-daemonsets');
    expect(t.startsWith('node/kind-worker cordoned\n')).toBe(true);
    for (const p of onNode) {
      expect(t).toContain(`evicting pod default/${p}\n`);
      expect(t).toContain(`pod/${p} evicted\n`);
    }
    expect(t.endsWith('node/kind-worker drained\n')).toBe(true);
    run(sh, 'sleep 20s');
    expect(out(sh, 'kubectl get pods -o wide --no-headers')).not.toMatch(/\skind-worker\s/);
  });

  it('drain refuses pods without a controller unless --force', () => {
    const sh = session();
    run(sh, 'kubectl run solo --image=nginx:1.27 --overrides={}', 'sleep 10s');
    const node = out(sh, 'kubectl get pod solo -o jsonpath={.spec.nodeName}');
    // Every node runs a kube-proxy DaemonSet pod, so a kind node drains only with --ignore-daemonsets.
    expect(out(sh, `kubectl drain ${node}`)).toContain('cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/kube-proxy-');
    expect(out(sh, `kubectl drain ${node} --ignore-daemonsets`)).toContain(`cannot delete Pods that declare no controller (use --force to override): default/solo`);
    expect(out(sh, `kubectl drain ${node} --ignore-daemonsets --force`)).toContain('Warning: deleting Pods that declare no controller: default/solo; ignoring DaemonSet-managed Pods: kube-system/kube-proxy-');
  });
});
