import { describe, expect, it } from 'vitest';
import { out, run, session, webSession } from './testing.ts';

describe('node commands', () => {
  it.each([
    ['cordon', ['kubectl cordon worker-1'], 'node/worker-1 cordoned\n', /worker-1\s+Ready,SchedulingDisabled/],
    ['cordon twice', ['kubectl cordon worker-1', 'kubectl cordon worker-1'], 'node/worker-1 cordoned\nnode/worker-1 already cordoned\n', /SchedulingDisabled/],
    ['uncordon', ['kubectl cordon worker-1', 'kubectl uncordon worker-1'], 'node/worker-1 cordoned\nnode/worker-1 uncordoned\n', /worker-1\s+Ready\s/],
    ['a missing node', ['kubectl cordon nope'], 'Error from server (NotFound): nodes "nope" not found\n', /worker-1\s+Ready\s/],
  ])('%s', (_, lines, want, state) => {
    const sh = session();
    expect(lines.map((l) => out(sh, l)).join('')).toBe(want);
    expect(out(sh, 'kubectl get nodes')).toMatch(state);
  });

  it.each([
    ['taint', 'kubectl taint nodes worker-1 dedicated=gpu:NoSchedule', 'node/worker-1 tainted\n'],
    ['a bad effect', 'kubectl taint nodes worker-1 a=b:Sometimes', 'error: invalid taint effect: Sometimes, unsupported taint effect\n'],
    ['removing a missing taint', 'kubectl taint nodes worker-1 nope:NoSchedule-', 'error: taint "nope:NoSchedule" not found\n'],
  ])('%s', (_, line, want) => expect(out(session(), line)).toBe(want));

  it('taint then untaint', () => {
    const sh = session();
    run(sh, 'kubectl taint nodes worker-1 dedicated=gpu:NoSchedule');
    expect(out(sh, 'kubectl get node worker-1 -o jsonpath={.spec.taints[0].key}')).toBe('dedicated');
    expect(out(sh, 'kubectl taint nodes worker-1 dedicated:NoSchedule-')).toBe('node/worker-1 untainted\n');
  });

  it('drain cordons, evicts the pods, waits for them and says drained; the pods come back elsewhere', () => {
    const sh = webSession();
    const onNode = out(sh, 'kubectl get pods -o wide --no-headers').split('\n').filter((l) => l.includes('worker-1')).map((l) => l.split(/\s+/)[0]!);
    expect(onNode.length).toBeGreaterThan(0);
    const t = out(sh, 'kubectl drain worker-1 --ignore-daemonsets');
    expect(t.startsWith('node/worker-1 cordoned\n')).toBe(true);
    for (const p of onNode) {
      expect(t).toContain(`evicting pod default/${p}\n`);
      expect(t).toContain(`pod/${p} evicted\n`);
    }
    expect(t.endsWith('node/worker-1 drained\n')).toBe(true);
    run(sh, 'sleep 20s');
    expect(out(sh, 'kubectl get pods -o wide --no-headers')).not.toContain('worker-1');
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
