/** Issue 14, item 2: components that never recovered. Each test is named after the failure it keeps fixed. */
import { describe, expect, it } from 'vitest';
import { transcript } from '../../shell/headless.ts';
import { createSession } from '../../shell/session.ts';
import { reflectorBackoffMs } from './reflector.ts';

const session = () => createSession({ seed: 1, lang: 'en', tty: { color: false, columns: 120 } });

describe('recovery (issue 14)', () => {
  it('reflector back-off: 800 ms doubling to 30 s', () => {
    expect([0, 1, 2, 3, 5, 6, 20].map(reflectorBackoffMs)).toEqual([800, 1600, 3200, 6400, 25_600, 30_000, 30_000]);
  });

  it('one try only: a scheduler started while the API server is down lists again once it is back', () => {
    const out = transcript(
      session(),
      ['sim stop scheduler', 'sim stop apiserver', 'sim start scheduler', 'sleep 10s', 'sim start apiserver', 'sleep 40s', 'kubectl run solo --image=nginx:1.27', 'sleep 20s', 'kubectl get pod solo'],
      {},
    );
    expect(out).toMatch(/^solo +1\/1 +Running /m);
  }, 30_000);

  it('one try only: a kubelet started while the API server is down lists and watches its pods once it is back', () => {
    const out = transcript(
      session(),
      ['kubectl create deployment web --image=nginx:1.27 --replicas=2', 'sleep 20s', 'sim node fail kind-worker', 'sim stop apiserver', 'sim node recover kind-worker', 'sleep 5s', 'sim start apiserver', 'sleep 40s', 'kubectl delete pods --all', 'sleep 60s', 'kubectl get deploy web'],
      {},
    );
    expect(out).toMatch(/^web +2\/2 +2 +2 /m);
  }, 30_000);

  it('lost Ready: after a node failure shorter than the eviction timeout, pods are Ready again and the Deployment is 3/3', () => {
    const out = transcript(
      session(),
      ['kubectl create deployment web --image=nginx:1.27 --replicas=3', 'sleep 30s', 'sim node fail kind-worker', 'sleep 70s', 'kubectl get deploy web', 'sim node recover kind-worker', 'sleep 30s', 'kubectl get deploy web', 'kubectl get pods'],
      {},
    );
    const [during, after] = out.split('kubelet and kube-proxy started');
    // While the node is unreachable its pods are marked not Ready (the node lifecycle controller)...
    expect(during).toMatch(/^web +[0-2]\/3 /m);
    // ...and once the kubelet is back it reports Ready again.
    expect(after).toMatch(/^web +3\/3 +3 +3 /m);
    expect(after).not.toMatch(/0\/1 +Running/);
  }, 30_000);
});
