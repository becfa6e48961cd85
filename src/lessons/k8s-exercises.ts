import type { Node, Pod } from '../sim/k8s/api/types.ts';
import type { Cluster } from '../sim/k8s/cluster.ts';
import type { Shell } from '../shell/shell.ts';
import { goalsResult, type Exercise } from './exercise.ts';
import { k8sDemo } from './scenarios.ts';

/**
 * Exercises for the Kubernetes lessons. Checks read the cluster through the
 * API server (as the component "exercise", so the reads show in the trace
 * like any other client's) and never create the cluster themselves.
 */
function cluster(shell: Shell): Cluster | undefined {
  return shell.world.peek<Cluster>('k8s.cluster');
}

function webPods(c: Cluster | undefined): Pod[] {
  if (!c || !c.api.running) return [];
  const r = c.api.as('exercise').list<Pod>('pods', 'default', { labelSelector: 'app=web' });
  return r.ok ? r.value.items : [];
}

const isRunning = (p: Pod) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp;

export const k8sSchedulerExercise: Exercise = {
  id: 'k8s-scheduler',
  title: { ko: '연습 문제: 스케줄러 없이 늘리기', en: 'Exercise: scale without a scheduler' },
  task: {
    ko: '`web.yaml` 을 배포한 다음 **스케줄러를 멈춘 채로** `web` 을 5개로 늘려, 노드가 없는 `Pending` 파드가 생기는 것을 확인하세요. 그런 다음 스케줄러를 다시 켜서 5개가 모두 `Running` 이 되게 하세요.',
    en: 'Deploy `web.yaml`, then **with the scheduler stopped** scale `web` to 5 and watch the new pods stay `Pending` with no node. Then start the scheduler again so that all 5 become `Running`.',
  },
  hints: [
    { ko: '`sim stop scheduler`, `kubectl scale deployment web --replicas=5`, `kubectl get pods -o wide`', en: '`sim stop scheduler`, `kubectl scale deployment web --replicas=5`, `kubectl get pods -o wide`' },
    { ko: '`sim start scheduler` 다음 `sleep 20s` 로 시간을 조금 흘려 보내세요.', en: 'After `sim start scheduler`, let some time pass with `sleep 20s`.' },
  ],
  scenario: k8sDemo,
  solution: ['kubectl apply -f web.yaml', 'sleep 20s', 'sim stop scheduler', 'kubectl scale deployment web --replicas=5', 'sleep 10s', 'kubectl get pods -o wide', 'sim start scheduler', 'sleep 20s', 'kubectl get pods -o wide'],
  check(shell) {
    const c = cluster(shell);
    const pods = webPods(c);
    const schedulerUp = c?.componentRunning('scheduler') ?? true;
    return goalsResult([
      { text: { ko: '`web` 이 배포되었다', en: '`web` is deployed' }, met: pods.length > 0, sticky: true },
      { text: { ko: '스케줄러가 멈춘 동안 노드 없는 `Pending` 파드가 생겼다', en: 'a `Pending` pod with no node appeared while the scheduler was stopped' }, met: !schedulerUp && pods.some((p) => !p.spec.nodeName && p.status?.phase === 'Pending'), sticky: true },
      { text: { ko: '스케줄러가 다시 돌고, `web` 파드 5개가 모두 `Running` 이다', en: 'the scheduler runs again and all 5 `web` pods are `Running`' }, met: schedulerUp && pods.filter(isRunning).length === 5 },
    ]);
  },
};

export const k8sNodeFailureExercise: Exercise = {
  id: 'k8s-node-failure',
  title: { ko: '연습 문제: 노드 장애 견디기', en: 'Exercise: survive a node failure' },
  task: {
    ko: '`web.yaml` 을 배포한 뒤 `worker-1` 을 고장 내세요 (`sim node fail worker-1`). 노드가 `NotReady` 가 되고, 결국 `web` 파드 3개가 모두 **다른 노드에서** `Running` 이 될 때까지 시간을 흘려 보내세요.',
    en: 'Deploy `web.yaml`, then break `worker-1` (`sim node fail worker-1`). Let time pass until the node is `NotReady` and, in the end, all 3 `web` pods are `Running` **on other nodes**.',
  },
  hints: [
    { ko: '하트비트가 끊기고 약 40초 뒤 `NotReady` 가 됩니다: `sleep 1m` 후 `kubectl get nodes`.', en: 'The node turns `NotReady` about 40 s after its heartbeats stop: `sleep 1m`, then `kubectl get nodes`.' },
    { ko: '파드는 기본 5분의 허용 시간(toleration)이 지나야 쫓겨나요: `sleep 5m` 후 `kubectl get pods -o wide`.', en: 'Pods are evicted only after their default 5-minute toleration: `sleep 5m`, then `kubectl get pods -o wide`.' },
  ],
  scenario: k8sDemo,
  solution: ['kubectl apply -f web.yaml', 'sleep 30s', 'kubectl get pods -o wide', 'sim node fail worker-1', 'sleep 1m', 'kubectl get nodes', 'sleep 5m', 'kubectl get pods -o wide'],
  check(shell) {
    const c = cluster(shell);
    let notReady = false;
    if (c?.api.running) {
      const n = c.api.as('exercise').get<Node>('nodes', undefined, 'worker-1');
      notReady = n.ok && n.value.status?.conditions?.find((x) => x.type === 'Ready')?.status !== 'True';
    }
    const elsewhere = webPods(c).filter((p) => isRunning(p) && p.spec.nodeName !== 'worker-1');
    return goalsResult([
      { text: { ko: '`worker-1` 이 `NotReady` 가 되었다', en: '`worker-1` went `NotReady`' }, met: notReady, sticky: true },
      { text: { ko: '`web` 파드 3개가 모두 다른 노드에서 `Running` 이다', en: 'all 3 `web` pods are `Running` on other nodes' }, met: notReady && elsewhere.length >= 3 },
    ]);
  },
};

export const k8sPodLifecycleExercise: Exercise = {
  id: 'k8s-pod-lifecycle',
  title: { ko: '연습 문제: 재시작과 재생성', en: 'Exercise: restart versus re-creation' },
  task: {
    ko: '`web.yaml` 을 배포한 뒤 ① `web` 파드의 컨테이너를 죽여서 kubelet 이 **같은 파드(같은 IP)** 안에서 다시 시작하는 것을 보고, ② `web` 파드를 지워서 컨트롤러가 **새 IP 의 새 파드**를 만드는 것을 보세요.',
    en: 'Deploy `web.yaml`, then ① kill a `web` pod\'s container and watch the kubelet restart it **in the same pod (same IP)**, and ② delete a `web` pod and watch the controller create **a new pod with a new IP**.',
  },
  hints: [
    { ko: '`sim crash <파드 이름>` 또는 `sim crash -l app=web` 으로 컨테이너를 죽일 수 있어요. `kubectl get pods -o wide` 의 RESTARTS 와 IP 를 보세요.', en: '`sim crash <pod name>` or `sim crash -l app=web` kills a container. Watch RESTARTS and IP in `kubectl get pods -o wide`.' },
    { ko: '`kubectl delete pod <파드 이름>` (또는 `-l app=web`) 다음 `sleep 30s`.', en: '`kubectl delete pod <pod name>` (or `-l app=web`), then `sleep 30s`.' },
  ],
  scenario: k8sDemo,
  solution: ['kubectl apply -f web.yaml', 'sleep 30s', 'kubectl get pods -o wide', 'sim crash -l app=web', 'sleep 5s', 'kubectl get pods -o wide', 'kubectl delete pod -l app=web', 'sleep 30s', 'kubectl get pods -o wide'],
  check(shell, memo) {
    const pods = webPods(cluster(shell));
    // Remember every pod's IP as first seen running, and which pods existed when one first went away.
    const seen = (memo.ips ??= {}) as Record<string, string>;
    for (const p of pods) if (isRunning(p) && p.status?.podIP && !seen[p.metadata.name]) seen[p.metadata.name] = p.status.podIP;
    const live = new Set(pods.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name));
    const gone = Object.keys(seen).filter((n) => !live.has(n));
    if (gone.length && !memo.before) memo.before = Object.keys(seen);
    const before = new Set((memo.before ?? []) as string[]);
    const goneIPs = new Set(gone.map((n) => seen[n]));
    const restartedInPlace = pods.some((p) => isRunning(p) && (p.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1 && p.status?.podIP === seen[p.metadata.name]);
    const replaced = gone.length > 0 && pods.some((p) => isRunning(p) && !before.has(p.metadata.name) && !!p.status?.podIP && !goneIPs.has(p.status.podIP));
    return goalsResult([
      { text: { ko: '`web` 파드가 실행 중이다', en: '`web` pods are running' }, met: pods.some(isRunning), sticky: true },
      { text: { ko: '죽은 컨테이너가 같은 파드, 같은 IP 로 다시 시작되었다 (RESTARTS 1 이상)', en: 'a killed container came back in the same pod, same IP (RESTARTS 1 or more)' }, met: restartedInPlace, sticky: true },
      { text: { ko: '지운 파드 대신 새 이름, 새 IP 의 파드가 생겼다', en: 'a deleted pod was replaced by one with a new name and a new IP' }, met: replaced, sticky: true },
    ]);
  },
};
