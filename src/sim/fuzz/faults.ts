/**
 * Issue 14's fault-sequence generator and convergence check, shared by the
 * property test (faults.fuzz.test.ts) and the counting run
 * (bench/fault-sequences.ts), which runs every case instead of stopping at
 * the first failure.
 */
import fc from 'fast-check';
import { transcript } from '../../shell/headless.ts';
import { createSession } from '../../shell/session.ts';
import { getCluster } from '../k8s/cluster.ts';
import type { DaemonSet, Deployment, Job, Node, Pod } from '../k8s/api/types.ts';

export const FAULT_FILES = {
  // A Compose project beside the cluster: issue 14 asks that Compose projects converge too.
  'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    environment: {POSTGRES_PASSWORD: x}\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n      interval: 2s\n    restart: always\n  api:\n    image: nginx\n    depends_on:\n      db: {condition: service_healthy}\n    restart: unless-stopped\n',
  'web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n',
  'ds.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n      - name: a\n        image: nginx:1.27\n',
  'job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: busybox:1.36\n        command: ["sh", "-c", "sleep 5"]\n',
};

export const fault = fc.oneof(
  fc.constantFrom('kubectl apply -f web.yaml', 'kubectl apply -f ds.yaml', 'kubectl apply -f job.yaml'),
  fc.integer({ min: 0, max: 5 }).map((n) => `kubectl scale deployment web --replicas=${n}`),
  fc.constantFrom('kubectl delete pods -l app=web --wait=false', 'kubectl delete deployment web --wait=false', 'kubectl delete pods -l app=agent --wait=false'),
  fc.tuple(fc.constantFrom('stop', 'start'), fc.constantFrom('apiserver', 'scheduler', 'controller-manager', 'etcd-0', 'etcd-1', 'etcd-2')).map(([a, c]) => `sim ${a} ${c}`),
  fc.tuple(fc.constantFrom('fail', 'recover'), fc.constantFrom('kind-worker', 'kind-worker2')).map(([a, n]) => `sim node ${a} ${n}`),
  fc.constantFrom('sim crash -l app=web', 'sim crash -l app=agent'),
  // 6m outlasts the node controller's 5-minute eviction timeout.
  fc.constantFrom('sleep 5s', 'sleep 30s', 'sleep 2m', 'sleep 6m'),
  fc.constantFrom('docker compose up -d', 'docker compose stop db', 'docker compose stop api', 'docker compose restart', 'docker compose down', 'docker compose up -d api', 'docker stop learner-db-1'),
);

/** Node maintenance a learner does: cordon, drain and a rolling restart (recovery uncordons). */
export const maintenance = fc.constantFrom('kubectl cordon kind-worker', 'kubectl drain kind-worker2 --ignore-daemonsets --force', 'kubectl rollout restart deployment web', 'kubectl uncordon kind-worker');

/** What the property test draws: faults, now and then maintenance, 1 to 8 steps. */
export const faultSequence = fc.array(fc.oneof({ weight: 4, arbitrary: fault }, { weight: 1, arbitrary: maintenance }), { minLength: 1, maxLength: 8 });

// The uncordons wait for etcd to elect a leader: sent in the same instant as `sim start etcd-…` they fail with
// "etcdserver: no leader" (as they would on a real cluster inside the election timeout) and the nodes stay cordoned.
export const RECOVER = ['apiserver', 'etcd-0', 'etcd-1', 'etcd-2', 'scheduler', 'controller-manager']
  .map((c) => `sim start ${c}`)
  .concat(['sim node recover kind-worker', 'sim node recover kind-worker2', 'sleep 5s', 'kubectl uncordon kind-worker', 'kubectl uncordon kind-worker2', 'docker compose up -d']);

type Session = ReturnType<typeof createSession>;

/** What is still not converged (empty: all converged). */
export function unconverged(sh: Session): string[] {
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
  // The Compose project: every service's container is up, and healthy where it has a healthcheck.
  const ps = transcript(sh, ['docker compose ps -a'], {}).split('\n').slice(1).filter((l) => l.trim());
  if (ps.length !== 2) out.push(`compose: ${ps.length} containers`);
  for (const l of ps) if (!/ Up /.test(l) || /unhealthy|health: starting/.test(l)) out.push(`compose: ${l.replace(/\s+/g, ' ')}`);
  return out;
}

/**
 * Runs one sequence: boot, apply web.yaml, the steps, recover everything, then
 * up to 20 simulated minutes checked each minute. Returns what is still not
 * converged at the end (empty: converged).
 */
export function runFaultSequence(steps: string[]): string[] {
  const sh = createSession({ seed: 1, lang: 'en', tty: { color: false }, files: FAULT_FILES, boot: ['k8s'] });
  transcript(sh, ['kubectl apply -f web.yaml', ...steps, ...RECOVER], {});
  let left: string[] = [];
  for (let m = 0; m < 20; m++) {
    transcript(sh, ['sleep 1m'], {});
    left = unconverged(sh);
    if (left.length === 0) return left;
  }
  return left;
}
