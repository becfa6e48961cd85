/**
 * Issue 14's fault-sequence property: random sequences of apply, scale,
 * delete, sim stop/start (components and etcd members), node fail/recover,
 * crash and sleep. After every fault is recovered and at most 20 simulated
 * minutes pass, every Deployment, DaemonSet and Job has converged and every
 * Ready condition (nodes and running pods) is True.
 *
 * Each case boots a 3-node cluster (~0.1 CPU-s) and runs up to 20 virtual
 * minutes (checked every minute, done at the first converged check), so a
 * case costs ~0.3-1 CPU-s: CI runs FAULT_CASES (default 40) cases; the full
 * 1,000 run is `FAULT_CASES=1000 vitest run src/sim/fuzz/faults.fuzz.test.ts`.
 * fast-check prints the seed and the shrunk sequence of a failure.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { transcript } from '../../shell/headless.ts';
import { createSession } from '../../shell/session.ts';
import { getCluster } from '../k8s/cluster.ts';
import type { DaemonSet, Deployment, Job, Node, Pod } from '../k8s/api/types.ts';

const CASES = Number(process.env.FAULT_CASES ?? 40);

const FILES = {
  'web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n',
  'ds.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n      - name: a\n        image: nginx:1.27\n',
  'job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: busybox:1.36\n        command: ["sh", "-c", "sleep 5"]\n',
};

const fault = fc.oneof(
  fc.constantFrom('kubectl apply -f web.yaml', 'kubectl apply -f ds.yaml', 'kubectl apply -f job.yaml'),
  fc.integer({ min: 0, max: 5 }).map((n) => `kubectl scale deployment web --replicas=${n}`),
  fc.constantFrom('kubectl delete pods -l app=web --wait=false', 'kubectl delete deployment web --wait=false', 'kubectl delete pods -l app=agent --wait=false'),
  fc.tuple(fc.constantFrom('stop', 'start'), fc.constantFrom('apiserver', 'scheduler', 'controller-manager', 'etcd-0', 'etcd-1', 'etcd-2')).map(([a, c]) => `sim ${a} ${c}`),
  fc.tuple(fc.constantFrom('fail', 'recover'), fc.constantFrom('worker-1', 'worker-2')).map(([a, n]) => `sim node ${a} ${n}`),
  fc.constantFrom('sim crash -l app=web', 'sim crash -l app=agent'),
  fc.constantFrom('sleep 5s', 'sleep 30s', 'sleep 2m'),
);

const RECOVER = ['apiserver', 'etcd-0', 'etcd-1', 'etcd-2', 'scheduler', 'controller-manager'].map((c) => `sim start ${c}`).concat(['sim node recover worker-1', 'sim node recover worker-2']);

/** What is still not converged (empty: all converged). */
function unconverged(sh: ReturnType<typeof createSession>): string[] {
  const api = getCluster(sh.world).api.as('test');
  const out: string[] = [];
  const items = <T,>(r: string) => {
    const l = api.list(r, undefined, { resourceVersion: '0' });
    return l.ok ? (l.value.items as T[]) : [];
  };
  for (const d of items<Deployment>('deployments')) {
    const want = d.spec.replicas ?? 1;
    if ((d.status?.readyReplicas ?? 0) !== want || (d.status?.replicas ?? 0) !== want) out.push(`deployment ${d.metadata.name} ${d.status?.readyReplicas ?? 0}/${want}`);
  }
  for (const d of items<DaemonSet>('daemonsets')) if ((d.status?.numberReady ?? -1) !== (d.status?.desiredNumberScheduled ?? -2)) out.push(`daemonset ${d.metadata.name}`);
  for (const j of items<Job>('jobs')) if (!(j.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')) out.push(`job ${j.metadata.name}`);
  for (const n of items<Node>('nodes')) if (n.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'True') out.push(`node ${n.metadata.name} not Ready`);
  for (const p of items<Pod>('pods')) {
    if (p.metadata.deletionTimestamp || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    if (p.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'True') out.push(`pod ${p.metadata.namespace}/${p.metadata.name} not Ready`);
  }
  return out;
}

describe('fault sequences (issue 14)', () => {
  it(`converge within 20 simulated minutes after every fault is recovered (${CASES} cases)`, () => {
    let cases = 0;
    fc.assert(
      fc.property(fc.array(fault, { minLength: 1, maxLength: 8 }), (steps) => {
        cases++;
        const sh = createSession({ seed: 1, lang: 'en', tty: { color: false }, files: FILES, boot: ['k8s'] });
        transcript(sh, ['kubectl apply -f web.yaml', ...steps, ...RECOVER], {});
        let left: string[] = [];
        for (let m = 0; m < 20; m++) {
          transcript(sh, ['sleep 1m'], {});
          left = unconverged(sh);
          if (left.length === 0) return;
        }
        expect(left).toEqual([]);
      }),
      { numRuns: CASES },
    );
    console.log(`fault sequences: ${cases} cases`);
  }, 600_000);
});
