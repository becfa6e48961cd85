import type { Node, Pod, Service } from '../sim/k8s/api/types.ts';
import { NODE_MONITOR_GRACE_MS } from '../sim/k8s/controllers/nodelifecycle.ts';
import { Vfs } from '../sim/vfs.ts';
import type { Cluster } from '../sim/k8s/cluster.ts';
import type { Shell } from '../shell/shell.ts';
import type { DockerEngine } from '../sim/compose/engine/docker.ts';
import { LABEL } from '../sim/compose/engine/labels.ts';
import { goalsResult, type Exercise } from './exercise.ts';
import { k8sDemo, k8sSchedulerDemo, reviewDemo } from './scenarios.ts';

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

const GRACE_S = NODE_MONITOR_GRACE_MS / 1000;

const isRunning = (p: Pod) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp;

export const k8sSchedulerExercise: Exercise = {
  id: 'k8s-scheduler',
  title: { ko: '연습 문제: 스케줄러 없이 늘리기, 테인트 견디기', en: 'Exercise: scale without a scheduler, tolerate a taint' },
  task: {
    ko: '① `web.yaml`을 배포한 다음 **스케줄러를 멈춘 채로** `web`을 5개로 늘려, 노드가 없는 `Pending` 파드가 생기는 것을 확인하세요. 그런 다음 스케줄러를 다시 켜서 5개가 모두 `Running`이 되게 하세요. ② 두 워커에 `team=blue:NoSchedule` 테인트를 붙여 톨러레이션 없는 파드가 갈 곳이 없는 것을 보고, 그 테인트를 견디는 `blue.yaml`의 파드 `blue`를 테인트가 붙은 워커에서 실행하세요.',
    en: '① Deploy `web.yaml`, then **with the scheduler stopped** scale `web` to 5 and watch the new pods stay `Pending` with no node. Then start the scheduler again so that all 5 become `Running`. ② Taint both workers `team=blue:NoSchedule`, see that a pod without a toleration has nowhere to go, and run the pod `blue` from `blue.yaml`, which tolerates that taint, on a tainted worker.',
  },
  hints: [
    { ko: '`sim stop scheduler`, `kubectl scale deployment web --replicas=5`, `kubectl get pods -o wide`', en: '`sim stop scheduler`, `kubectl scale deployment web --replicas=5`, `kubectl get pods -o wide`' },
    { ko: '`sim start scheduler` 다음 `sleep 20s`로 시간을 조금 흘려 보내세요.', en: 'After `sim start scheduler`, let some time pass with `sleep 20s`.' },
    { ko: '`kubectl taint nodes kind-worker team=blue:NoSchedule`(`kind-worker2`도), `kubectl run plain --image=nginx:1.27`, `sim why plain`.', en: '`kubectl taint nodes kind-worker team=blue:NoSchedule` (and `kind-worker2`), `kubectl run plain --image=nginx:1.27`, `sim why plain`.' },
    { ko: '`cat blue.yaml`로 톨러레이션을 본 뒤 `kubectl apply -f blue.yaml`, `sleep 10s`, `kubectl get pods -o wide`.', en: 'Read the toleration with `cat blue.yaml`, then `kubectl apply -f blue.yaml`, `sleep 10s`, `kubectl get pods -o wide`.' },
  ],
  scenario: k8sSchedulerDemo,
  solution: [
    'kubectl apply -f web.yaml', 'sleep 20s', 'sim stop scheduler', 'kubectl scale deployment web --replicas=5', 'sleep 10s', 'kubectl get pods -o wide', 'sim start scheduler', 'sleep 20s', 'kubectl get pods -o wide',
    'kubectl taint nodes kind-worker team=blue:NoSchedule', 'kubectl taint nodes kind-worker2 team=blue:NoSchedule', 'kubectl run plain --image=nginx:1.27', 'sleep 5s', 'sim why plain', 'kubectl apply -f blue.yaml', 'sleep 10s', 'kubectl get pods -o wide',
  ],
  check(shell) {
    const c = cluster(shell);
    const pods = webPods(c);
    const schedulerUp = c?.componentRunning('scheduler') ?? true;
    const all = allPods(c);
    const nodes = workerNodes(c);
    const blueTainted = new Set(nodes.filter((n) => (n.spec?.taints ?? []).some((t) => t.key === 'team' && t.value === 'blue' && t.effect === 'NoSchedule')).map((n) => n.metadata.name));
    const blue = all.find((p) => p.metadata.name === 'blue');
    // Read from the pod's PodScheduled condition, which the scheduler writes: the taint, not a stopped scheduler, kept it off the workers.
    const keptOff = all.some((p) => !p.spec.nodeName && p.status?.phase === 'Pending' && !tolerates(p, 'team', 'blue') && (p.status?.conditions ?? []).some((x) => x.type === 'PodScheduled' && x.status === 'False' && /untolerated taint \{team: blue\}/.test(x.message ?? '')));
    return goalsResult([
      { text: { ko: '`web`이 배포됐어요', en: '`web` is deployed' }, met: pods.length > 0, sticky: true },
      { text: { ko: '스케줄러가 멈춘 동안 노드 없는 `Pending` 파드가 생겼어요', en: 'a `Pending` pod with no node appeared while the scheduler was stopped' }, met: !schedulerUp && pods.some((p) => !p.spec.nodeName && p.status?.phase === 'Pending'), sticky: true },
      { text: { ko: '스케줄러가 다시 돌고, `web` 파드 5개가 모두 `Running`이에요', en: 'the scheduler runs again and all 5 `web` pods are `Running`' }, met: schedulerUp && pods.filter(isRunning).length === 5 },
      { text: { ko: '톨러레이션 없는 파드가 `team=blue` 테인트 때문에 갈 노드 없이 `Pending`이었어요', en: 'a pod without a toleration stayed `Pending`, kept off the workers by the `team=blue` taint' }, met: keptOff, sticky: true },
      { text: { ko: '테인트를 견디는 `blue` 파드가 `team=blue:NoSchedule` 테인트가 붙은 워커에서 `Running`이에요', en: 'the pod `blue`, which tolerates the taint, is `Running` on a worker tainted `team=blue:NoSchedule`' }, met: !!blue && isRunning(blue) && blueTainted.has(blue.spec.nodeName ?? '') },
    ]);
  },
};

function allPods(c: Cluster | undefined): Pod[] {
  if (!c || !c.api.running) return [];
  const r = c.api.as('exercise').list<Pod>('pods', 'default');
  return r.ok ? r.value.items : [];
}

function workerNodes(c: Cluster | undefined): Node[] {
  if (!c || !c.api.running) return [];
  const r = c.api.as('exercise').list<Node>('nodes', undefined);
  return r.ok ? r.value.items.filter((n) => !('node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {}))) : [];
}

const tolerates = (p: Pod, key: string, value: string) => (p.spec.tolerations ?? []).some((t) => t.key === key && (t.operator === 'Exists' || t.value === value));

export const k8sNodeFailureExercise: Exercise = {
  id: 'k8s-node-failure',
  title: { ko: '연습 문제: 노드 장애 견디기', en: 'Exercise: survive a node failure' },
  task: {
    ko: '`web.yaml`을 배포한 뒤 `kind-worker`를 고장 내세요(`sim node fail kind-worker`). 노드가 `NotReady`가 되고, 결국 `web` 파드 3개가 모두 **다른 노드에서** `Running`이 될 때까지 시간을 흘려 보내세요.',
    en: 'Deploy `web.yaml`, then break `kind-worker` (`sim node fail kind-worker`). Let time pass until the node is `NotReady` and, in the end, all 3 `web` pods are `Running` **on other nodes**.',
  },
  hints: [
    { ko: `하트비트가 끊기고 ${GRACE_S}초(노드 모니터 유예 시간) 뒤 \`NotReady\`가 돼요: \`sleep 1m\` 후 \`kubectl get nodes\`.`, en: `The node turns \`NotReady\` ${GRACE_S} s (the node monitor grace period) after its heartbeats stop: \`sleep 1m\`, then \`kubectl get nodes\`.` },
    { ko: '파드는 기본 5분의 톨러레이션(toleration)이 지나야 축출(eviction)돼요: `sleep 5m` 후 `kubectl get pods -o wide`.', en: 'Pods are evicted only after their default 5-minute toleration: `sleep 5m`, then `kubectl get pods -o wide`.' },
  ],
  scenario: k8sDemo,
  solution: ['kubectl apply -f web.yaml', 'sleep 30s', 'kubectl get pods -o wide', 'sim node fail kind-worker', 'sleep 1m', 'kubectl get nodes', 'sleep 5m', 'kubectl get pods -o wide'],
  check(shell) {
    const c = cluster(shell);
    let notReady = false;
    if (c?.api.running) {
      const n = c.api.as('exercise').get<Node>('nodes', undefined, 'kind-worker');
      notReady = n.ok && n.value.status?.conditions?.find((x) => x.type === 'Ready')?.status !== 'True';
    }
    const elsewhere = webPods(c).filter((p) => isRunning(p) && p.spec.nodeName !== 'kind-worker');
    return goalsResult([
      { text: { ko: '`kind-worker`가 `NotReady`가 됐어요', en: '`kind-worker` went `NotReady`' }, met: notReady, sticky: true },
      { text: { ko: '`web` 파드 3개가 모두 다른 노드에서 `Running`이에요', en: 'all 3 `web` pods are `Running` on other nodes' }, met: notReady && elsewhere.length >= 3 },
    ]);
  },
};

export const k8sPodLifecycleExercise: Exercise = {
  id: 'k8s-pod-lifecycle',
  title: { ko: '연습 문제: 재시작과 재생성', en: 'Exercise: restart versus re-creation' },
  task: {
    ko: '`web.yaml`을 배포한 뒤 ① `web` 파드의 컨테이너를 죽여서 kubelet 이 **같은 파드(같은 IP)** 안에서 다시 시작하는 것을 보고, ② `web` 파드를 지워서 컨트롤러가 **새 IP의 새 파드**를 만드는 것을 보세요.',
    en: 'Deploy `web.yaml`, then ① kill a `web` pod\'s container and watch the kubelet restart it **in the same pod (same IP)**, and ② delete a `web` pod and watch the controller create **a new pod with a new IP**.',
  },
  hints: [
    { ko: '`sim crash -l app=web`은 `app=web` 파드 하나의 컨테이너를 죽여요. `kubectl get pods -o wide`의 RESTARTS와 IP를 보세요.', en: '`sim crash -l app=web` kills the container of one `app=web` pod. Watch RESTARTS and IP in `kubectl get pods -o wide`.' },
    { ko: '`kubectl delete pod -l app=web` (또는 파드 이름 하나) 다음 `sleep 30s`.', en: '`kubectl delete pod -l app=web` (or one pod by name), then `sleep 30s`.' },
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
      { text: { ko: '`web` 파드가 실행 중이에요', en: '`web` pods are running' }, met: pods.some(isRunning), sticky: true },
      { text: { ko: '죽은 컨테이너가 같은 파드, 같은 IP로 다시 시작됐어요(RESTARTS 1 이상)', en: 'a killed container came back in the same pod, same IP (RESTARTS 1 or more)' }, met: restartedInPlace, sticky: true },
      { text: { ko: '지운 파드 대신 새 이름, 새 IP의 파드가 생겼어요', en: 'a deleted pod was replaced by one with a new name and a new IP' }, met: replaced, sticky: true },
    ]);
  },
};

/** A file in the scenario directory, trimmed, or undefined. */
function answer(shell: Shell, dir: string, name: string): string | undefined {
  return shell.world.vfs.readFile(Vfs.resolve(`/home/learner/${dir}`, name))?.trim();
}

function podNamed(c: Cluster | undefined, name: string): Pod | undefined {
  if (!c?.api.running) return undefined;
  const r = c.api.as('exercise').get<Pod>('pods', 'default', name);
  return r.ok ? r.value : undefined;
}

export const k8sIntroExercise: Exercise = {
  id: 'k8s-intro',
  title: { ko: '연습 문제: 첫 파드', en: 'Exercise: your first pod' },
  task: {
    ko: '`nginx:1.27` 이미지로 `hello` 라는 파드를 만들고, 그 파드가 어느 **노드**에서 `Running` 인지 확인하세요.',
    en: 'Create a pod named `hello` from the `nginx:1.27` image and find out on which **node** it is `Running`.',
  },
  hints: [
    { ko: '`kubectl run hello --image=nginx:1.27`이 파드 하나를 만들어요.', en: '`kubectl run hello --image=nginx:1.27` creates one pod.' },
    { ko: '`sleep 10s` 뒤 `kubectl get pod hello -o wide`의 NODE 열을 보세요.', en: 'After `sleep 10s`, look at the NODE column of `kubectl get pod hello -o wide`.' },
  ],
  scenario: k8sDemo,
  solution: ['kubectl get nodes', 'kubectl run hello --image=nginx:1.27', 'sleep 10s', 'kubectl get pod hello -o wide'],
  check(shell) {
    const p = podNamed(cluster(shell), 'hello');
    return goalsResult([
      { text: { ko: '`hello` 파드가 있어요', en: 'a pod `hello` exists' }, met: !!p && !p.metadata.deletionTimestamp },
      { text: { ko: '`nginx:1.27` 이미지를 써요', en: 'it runs `nginx:1.27`' }, met: !!p && p.spec.containers.some((c) => c.image === 'nginx:1.27' || c.image === 'docker.io/library/nginx:1.27') },
      { text: { ko: '노드에 배치되어 `Running`이에요', en: 'it is placed on a node and `Running`' }, met: !!p && !!p.spec.nodeName && isRunning(p) },
    ]);
  },
};

/** The revision a learner wrote: a bare number, or what `etcdctl get … -w json` printed (its first key's create_revision). */
function writtenRevision(text: string | undefined): { revision?: number; key?: string } {
  if (!text) return {};
  if (/^\d+$/.test(text)) return { revision: Number(text) };
  try {
    const j = JSON.parse(text) as { kvs?: { key?: string; create_revision?: number }[] };
    const kv = j.kvs?.[0];
    if (kv && typeof kv.create_revision === 'number') return { revision: kv.create_revision, key: kv.key ? atob(kv.key) : undefined };
  } catch {
    /* not JSON: not an answer */
  }
  return {};
}

export const k8sApiServerExercise: Exercise = {
  id: 'k8s-api-server',
  title: { ko: '연습 문제: 누가 이 파드를 만들었나', en: 'Exercise: who created this pod?' },
  task: {
    ko: '`web.yaml`을 배포한 뒤, `web` 파드를 **만든 구성 요소**의 이름을 `creator.txt`에, `web` 파드 하나가 etcd에 **처음 저장된 리비전**을 `revision.txt`에 적으세요.',
    en: 'Deploy `web.yaml`. Write the name of the **component that created** the `web` pods into `creator.txt`, and the etcd **revision at which one `web` pod was first stored** into `revision.txt`.',
  },
  hints: [
    { ko: '`sim trace 30`에서 `create pods default/web-…` 줄을 찾아보세요. 화살표(→) 왼쪽이 요청한 구성 요소예요. 예: `echo kubectl > creator.txt`', en: 'Find a `create pods default/web-…` line in `sim trace 30`. Left of the arrow (→) is the component that asked. E.g. `echo kubectl > creator.txt`' },
    { ko: '그 줄 아래 `etcd: txn … @번호`가 리비전이에요. 숫자만 `echo`로 적어도 되고, etcd에 직접 물어본 JSON을 저장해도 돼요: `etcdctl get /registry/pods/default/web --prefix --limit 1 -w json > revision.txt` (`create_revision`).', en: 'The `etcd: txn … @N` line under it is the revision. Write just the number with `echo`, or save what etcd itself says: `etcdctl get /registry/pods/default/web --prefix --limit 1 -w json > revision.txt` (`create_revision`).' },
  ],
  scenario: k8sDemo,
  solution: ['kubectl apply -f web.yaml', 'sleep 5s', 'sim trace 30', 'echo kube-controller-manager > creator.txt', 'etcdctl get /registry/pods/default/web --prefix --limit 1 -w json > revision.txt', 'cat creator.txt revision.txt'],
  check(shell) {
    const c = cluster(shell);
    const pods = webPods(c);
    const creators = new Set<string>();
    for (const e of c?.api.recentTrace(2000) ?? []) if (e.verb === 'create' && e.resource === 'pods' && !e.subresource && e.code === 201 && e.name?.startsWith('web-')) creators.add(e.component.split('/')[0]!);
    const creator = answer(shell, k8sDemo.dir, 'creator.txt');
    const named = !!creator && (creators.has(creator) || (creators.has('kube-controller-manager') && /^(kube-controller-manager|controller-manager|replicaset-controller)$/.test(creator)));
    // Read etcd as the API server would (leader's copy); the learner's number must be a live web pod's create_revision.
    const leader = c?.etcd.leader() ?? c?.etcd.members()[0];
    const store = leader ? c!.etcd.storeOf(leader) : undefined;
    const created = new Map<number, string>();
    for (const p of pods) {
      const key = `/registry/pods/default/${p.metadata.name}`;
      const r = store?.range(key);
      if (r?.ok && r.value.kvs[0]) created.set(r.value.kvs[0].createRevision, key);
    }
    const w = writtenRevision(answer(shell, k8sDemo.dir, 'revision.txt'));
    const revOk = w.revision !== undefined && created.has(w.revision) && (w.key === undefined || created.get(w.revision) === w.key);
    return goalsResult([
      { text: { ko: '`web` 파드가 있어요', en: '`web` pods exist' }, met: pods.length > 0 },
      { text: { ko: '`creator.txt`에 파드를 만든 구성 요소가 적혀 있어요', en: '`creator.txt` names the component that created the pods' }, met: pods.length > 0 && named },
      { text: { ko: '`revision.txt`에 지금 있는 `web` 파드 하나의 생성 리비전이 있어요', en: '`revision.txt` holds the create revision of a current `web` pod' }, met: revOk },
    ]);
  },
};

export const k8sEtcdExercise: Exercise = {
  id: 'k8s-etcd',
  title: { ko: '연습 문제: 쿼럼을 잃었다가 되찾기', en: 'Exercise: lose quorum, then win it back' },
  task: {
    ko: 'etcd 멤버를 멈춰 **쿼럼(과반수)을 잃게** 만든 다음, 세 멤버를 모두 다시 켜세요. 마지막으로 지금 **리더인 멤버 이름**(예: `etcd-0`)을 `leader.txt`에 적으세요.',
    en: 'Stop etcd members until **quorum (a majority) is lost**, then start all three again. Finally write the name of the **current leader** (e.g. `etcd-0`) into `leader.txt`.',
  },
  hints: [
    { ko: '멤버는 세 개예요. 과반수는 2 이니, 두 개를 멈추면(`sim stop etcd-1`, `sim stop etcd-2`) 쓰기가 `context deadline exceeded`로 실패해요.', en: 'There are three members, so a majority is 2: stop two (`sim stop etcd-1`, `sim stop etcd-2`) and writes fail with `context deadline exceeded`.' },
    { ko: '`sim start`로 다시 켠 뒤 `etcdctl endpoint status --cluster -w table`의 IS LEADER 열을 보세요. 엔드포인트 IP는 `etcdctl member list`로 이름과 짝지을 수 있고, `sim status`도 리더를 표시해요.', en: 'After `sim start`, look at the IS LEADER column of `etcdctl endpoint status --cluster -w table`; `etcdctl member list` pairs endpoints with names. `sim status` also marks the leader.' },
  ],
  scenario: k8sDemo,
  solution: ['sim stop etcd-1', 'sim stop etcd-2', 'etcdctl put /demo v1', 'etcdctl get /demo --consistency=s', 'sim start etcd-1', 'sim start etcd-2', 'sleep 5s', 'sim status', 'sim status | grep leader > leader.txt', 'cat leader.txt'],
  check(shell, memo) {
    const c = cluster(shell);
    const all = c ? c.etcd.members().every((m) => c.etcd.isRunning(m.name)) : false;
    if (c && !c.etcd.leader()) memo.lost = true;
    const leader = c?.etcd.leader()?.name;
    return goalsResult([
      { text: { ko: 'etcd가 쿼럼을 잃어 리더가 없었어요', en: 'etcd lost quorum and had no leader' }, met: memo.lost === true },
      { text: { ko: '세 멤버가 모두 다시 실행 중이고 리더가 있어요', en: 'all three members run again and there is a leader' }, met: memo.lost === true && all && !!leader },
      { text: { ko: '`leader.txt`에 지금의 리더 이름이 적혀 있어요', en: '`leader.txt` names the current leader' }, met: !!leader && (answer(shell, k8sDemo.dir, 'leader.txt') ?? '').split(/\s+/)[0] === leader },
    ]);
  },
};

export const k8sControllerManagerExercise: Exercise = {
  id: 'k8s-controller-manager',
  title: { ko: '연습 문제: 컨트롤러가 없으면', en: 'Exercise: without the controllers' },
  task: {
    ko: '`web.yaml`을 배포한 뒤 **컨트롤러 매니저를 멈춘 채로** `web` 파드를 지워, 아무것도 채워지지 않는 것을 확인하세요. 그다음 컨트롤러 매니저를 다시 켜서 `web` 파드 3개가 다시 `Running`이 되게 하세요.',
    en: 'Deploy `web.yaml`, then **with the controller manager stopped** delete a `web` pod and see that nothing replaces it. Then start the controller manager again so that 3 `web` pods are `Running` again.',
  },
  hints: [
    { ko: '`sim stop controller-manager` 다음 `kubectl delete pod -l app=web`, `sleep 30s`, `kubectl get pods`.', en: '`sim stop controller-manager`, then `kubectl delete pod -l app=web`, `sleep 30s`, `kubectl get pods`.' },
    { ko: '`sim start controller-manager` 다음 `sleep 20s`. ReplicaSet 컨트롤러가 모자란 수만큼 새로 만들어요.', en: '`sim start controller-manager`, then `sleep 20s`: the ReplicaSet controller makes up the difference.' },
  ],
  scenario: k8sDemo,
  solution: ['kubectl apply -f web.yaml', 'sleep 20s', 'sim stop controller-manager', 'kubectl delete pod -l app=web', 'sleep 30s', 'kubectl get pods', 'sim start controller-manager', 'sleep 20s', 'kubectl get pods'],
  check(shell, memo) {
    const c = cluster(shell);
    const pods = webPods(c).filter((p) => !p.metadata.deletionTimestamp);
    const cmUp = c?.componentRunning('controller-manager') ?? true;
    // Short of replicas for a while with nobody to fill the gap: seen twice, i.e. across at least one command.
    const short = !cmUp && c?.api.running && pods.length < 3 && !!(memo.deployed as boolean);
    if (pods.length > 0) memo.deployed = true;
    return goalsResult([
      { text: { ko: '`web`이 배포됐어요', en: '`web` is deployed' }, met: !!memo.deployed, sticky: true },
      { text: { ko: '컨트롤러 매니저가 멈춘 동안 지운 파드가 채워지지 않았어요', en: 'while the controller manager was stopped, a deleted pod was not replaced' }, met: !!short, sticky: true },
      { text: { ko: '컨트롤러 매니저가 다시 돌고, `web` 파드 3개가 `Running`이에요', en: 'the controller manager runs again and 3 `web` pods are `Running`' }, met: cmUp && pods.filter(isRunning).length === 3 },
    ]);
  },
};

export const k8sServicesExercise: Exercise = {
  id: 'k8s-services',
  title: { ko: '연습 문제: 서비스로 접속하기', en: 'Exercise: reach it through a Service' },
  task: {
    ko: '`web` Deployment 앞에 `web` 이라는 서비스를 두고, **다른 파드 안에서** 서비스 이름으로 접속해 받은 페이지를 `page.html`로 저장하세요.',
    en: 'Put a Service named `web` in front of the `web` Deployment, and from **inside another pod** fetch the page by the Service name; save it as `page.html`.',
  },
  hints: [
    { ko: '`kubectl apply -f web.yaml` 다음 `kubectl expose deployment web --port 80`.', en: '`kubectl apply -f web.yaml`, then `kubectl expose deployment web --port 80`.' },
    { ko: '`kubectl run client --image=curlimages/curl:8.11.1 -- sleep infinity`로 파드를 하나 띄우고, `kubectl exec client -- curl -s http://web > page.html`.', en: 'Start a pod with `kubectl run client --image=curlimages/curl:8.11.1 -- sleep infinity`, then `kubectl exec client -- curl -s http://web > page.html`.' },
  ],
  scenario: k8sDemo,
  solution: ['kubectl apply -f web.yaml', 'kubectl expose deployment web --port 80', 'kubectl run client --image=curlimages/curl:8.11.1 -- sleep infinity', 'sleep 20s', 'kubectl get endpoints web', 'kubectl exec client -- curl -s http://web > page.html', 'cat page.html'],
  check(shell) {
    const c = cluster(shell);
    let svc: Service | undefined;
    if (c?.api.running) {
      const r = c.api.as('exercise').get<Service>('services', 'default', 'web');
      svc = r.ok ? r.value : undefined;
    }
    const sel = svc?.spec?.selector ?? {};
    const selects = !!svc && Object.keys(sel).length > 0 && webPods(c).some((p) => isRunning(p) && Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v));
    const page = answer(shell, k8sDemo.dir, 'page.html') ?? '';
    return goalsResult([
      { text: { ko: '`web` 서비스가 실행 중인 `web` 파드를 골라요', en: 'a Service `web` selects running `web` pods' }, met: selects },
      { text: { ko: '`page.html`에 nginx가 보낸 페이지가 들어 있어요', en: '`page.html` holds the page nginx served' }, met: page.includes('Welcome to nginx!') },
    ]);
  },
};

export const k8sReviewExercise: Exercise = {
  id: 'k8s-review',
  title: { ko: '종합 문제: Compose에서 클러스터로', en: 'Capstone: from Compose to the cluster' },
  task: {
    ko: '① `docker compose up -d`로 앱을 띄우고, ② 같은 이미지를 `web.yaml`로 클러스터에 배포해 `web` 서비스를 만든 다음, ③ 구성 요소 하나를 고장 냈다가(`sim stop …` 또는 `sim node fail …`) ④ 모두 되살려 `web` 파드 3개가 `Running`이 되게 하세요.',
    en: '① Run the app with `docker compose up -d`, ② deploy the same image to the cluster with `web.yaml` and create a `web` Service, ③ break one component (`sim stop …` or `sim node fail …`), and ④ bring everything back so that 3 `web` pods are `Running`.',
  },
  hints: [
    { ko: '`docker compose up -d`, `kubectl apply -f web.yaml`, `kubectl expose deployment web --port 80`.', en: '`docker compose up -d`, `kubectl apply -f web.yaml`, `kubectl expose deployment web --port 80`.' },
    { ko: '`sim stop scheduler`처럼 하나를 멈추고 `sim status`로 확인한 뒤, `sim start scheduler`로 되살리세요.', en: 'Stop one, e.g. `sim stop scheduler`, check `sim status`, then `sim start scheduler`.' },
  ],
  scenario: reviewDemo,
  solution: ['docker compose up -d', 'docker compose ps', 'kubectl apply -f web.yaml', 'kubectl expose deployment web --port 80', 'sim stop scheduler', 'kubectl scale deployment web --replicas=3', 'sim status', 'sim start scheduler', 'sleep 20s', 'kubectl get pods,svc'],
  check(shell) {
    const c = cluster(shell);
    // peek, not dockerEngine(): a Kubernetes page must not load the Docker simulator just to check, and no engine means no containers.
    const containers = [...(shell.world.peek<DockerEngine>('docker')?.containers.values() ?? [])].filter((x) => x.spec.labels[LABEL.project] === reviewDemo.dir);
    const composeUp = containers.length > 0 && containers.every((x) => x.state === 'running');
    let svc = false;
    if (c?.api.running) svc = c.api.as('exercise').get<Service>('services', 'default', 'web').ok;
    const healthy = !!c && c.api.running && (['scheduler', 'controller-manager'] as const).every((n) => c.componentRunning(n)) && c.etcd.members().every((m) => c.etcd.isRunning(m.name)) && [...c.nodes.values()].every((n) => n.kubelet.running && n.proxy.running);
    const broken = !!c && !healthy;
    return goalsResult([
      { text: { ko: 'Compose로 앱이 실행됐어요', en: 'the app ran with Compose' }, met: composeUp, sticky: true },
      { text: { ko: '클러스터에 `web` Deployment와 `web` 서비스가 있어요', en: 'the cluster has the `web` Deployment and a `web` Service' }, met: svc && webPods(c).length > 0 },
      { text: { ko: '구성 요소 하나가 멈춘 적이 있어요', en: 'a component was broken' }, met: broken, sticky: true },
      { text: { ko: '모든 구성 요소가 다시 돌고, `web` 파드 3개가 `Running`이에요', en: 'every component runs again and 3 `web` pods are `Running`' }, met: healthy && webPods(c).filter(isRunning).length === 3 },
    ]);
  },
};
