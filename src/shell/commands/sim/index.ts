import { getCluster, NODE_MONITOR_GRACE_MS, type Cluster, type ComponentName } from '../../../sim/k8s/cluster.ts';
import type { Pod } from '../../../sim/k8s/api/types.ts';
import { formatDecision } from '../../../sim/k8s/scheduler/explain.ts';
import type { Command, CommandContext } from '../../types.ts';
import { GET_TABWRITER, tabwrite } from '../kubectl/print/tabwriter.ts';
import { formatTrace } from './trace.ts';
import { SUMMARY } from '../summaries.ts';

const GRACE_S = NODE_MONITOR_GRACE_MS / 1000;

/**
 * `sim`: the simulator's own controls, for what a learner cannot do with
 * kubectl: look inside (status, trace, why, iptables) and break things on
 * purpose (stop a component, fail a node, crash a container).
 */
const USAGE = {
  en: `Usage:
  sim status                          components and their health
  sim stop|start COMPONENT            scheduler, controller-manager, apiserver, etcd-0..2
  sim node add|fail|recover NODE      add a worker, or stop / restart its kubelet and kube-proxy
  sim crash POD|-l SELECTOR [-c CONTAINER] [--exit-code N]   make a container exit
  sim why POD [-n NAMESPACE]          why the scheduler put the pod where it is (a name prefix picks the first match)
  sim trace [N] [--all]               the last N API requests and the etcd writes they caused
  sim iptables NODE                   kube-proxy's rules on a node (iptables-save style)
  sim addon metrics-server            install metrics-server (kind has none), for kubectl top and HPAs
`,
  ko: `사용법:
  sim status                          구성 요소와 상태
  sim stop|start 구성요소             scheduler, controller-manager, apiserver, etcd-0..2 멈추기/켜기
  sim node add|fail|recover 노드      워커 추가, 또는 그 노드의 kubelet과 kube-proxy 멈추기/다시 켜기
  sim crash 파드|-l 셀렉터 [-c 컨테이너] [--exit-code N]   컨테이너 프로세스 종료시키기
  sim why 파드 [-n 네임스페이스]      스케줄러가 그 노드를 고른 이유 (이름 앞부분만 주면 처음 맞는 파드)
  sim trace [N] [--all]               최근 API 요청 N개와 그 요청이 etcd에 쓴 것
  sim iptables 노드                   그 노드의 kube-proxy 규칙 (iptables-save 형식)
  sim addon metrics-server            metrics-server 설치 (kind에는 없어요): kubectl top과 HPA용
`,
};

const COMPONENTS: Record<string, ComponentName> = {
  scheduler: 'scheduler',
  'kube-scheduler': 'scheduler',
  'controller-manager': 'controller-manager',
  'kube-controller-manager': 'controller-manager',
  apiserver: 'apiserver',
  'kube-apiserver': 'apiserver',
};

function status(c: Cluster, ctx: CommandContext): number {
  const rows: string[][] = [['COMPONENT', 'NODE', 'STATUS']];
  const leader = c.etcd.leader()?.name;
  const cp = [...c.nodes.values()].find((n) => n.spec.controlPlane)?.spec.name ?? 'kind-control-plane';
  for (const m of c.etcd.members()) rows.push([m.name, cp, c.etcd.isRunning(m.name) ? (m.name === leader ? 'Running (leader)' : 'Running') : 'Stopped']);
  const up = (b: boolean) => (b ? 'Running' : 'Stopped');
  rows.push(['kube-apiserver', cp, up(c.componentRunning('apiserver'))]);
  rows.push(['kube-scheduler', cp, up(c.componentRunning('scheduler'))]);
  rows.push(['kube-controller-manager', cp, up(c.componentRunning('controller-manager'))]);
  for (const n of c.nodes.values()) {
    rows.push(['kubelet', n.spec.name, up(n.kubelet.running)]);
    rows.push(['kube-proxy', n.spec.name, up(n.proxy.running)]);
  }
  ctx.stdout.write(tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', GET_TABWRITER));
  if (!leader) ctx.stdout.write(ctx.lang === 'ko' ? '\netcd에 리더가 없어요: 과반수(쿼럼)를 잃어 쓰기와 linearizable 읽기가 실패해요.\n' : '\netcd has no leader: quorum is lost, so writes fail.\n');
  return 0;
}

function findPod(c: Cluster, name: string, ns: string): Pod | undefined {
  const r = c.api.as('sim').get<Pod>('pods', ns, name);
  return r.ok ? r.value : undefined;
}

function firstRunning(c: Cluster, ns: string, selector: string): Pod | undefined {
  const r = c.api.as('sim').list<Pod>('pods', ns, { labelSelector: selector });
  if (!r.ok) return undefined;
  return r.value.items.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))[0];
}

function podsByPrefix(c: Cluster, ns: string, prefix: string): string[] {
  const r = c.api.as('sim').list<Pod>('pods', ns);
  return r.ok ? r.value.items.map((p) => p.metadata.name).filter((n) => n.startsWith(prefix)).sort() : [];
}

function nsFlag(args: string[]): { ns: string; rest: string[] } {
  const rest: string[] = [];
  let ns = 'default';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n' || a === '--namespace') ns = args[++i] ?? ns;
    else if (a.startsWith('--namespace=')) ns = a.slice(12);
    else rest.push(a);
  }
  return { ns, rest };
}

export const sim: Command = {
  name: 'sim',
  summary: SUMMARY.sim,
  help: {
    ko: `쿠버네티스 클러스터 시뮬레이터를 들여다보고, 일부러 고장을 내 볼 수 있는 명령이에요.\n\n${USAGE.ko}`,
    en: `Look inside the simulated Kubernetes cluster and break parts of it on purpose.\n\n${USAGE.en}`,
  },
  run(ctx) {
    const [sub, ...args] = ctx.argv.slice(1);
    const t = (ko: string, en: string) => (ctx.lang === 'ko' ? ko : en);
    const usage = USAGE[ctx.lang];
    const out = ctx.stdout;
    const err = ctx.stderr;
    if (!sub || sub === 'help' || sub === '--help' || sub === '-h') {
      (sub ? out : err).write(usage);
      return sub ? 0 : 1;
    }
    const c = getCluster(ctx.world);
    switch (sub) {
      case 'status':
        return status(c, ctx);
      case 'addon': {
        if (args[0] !== 'metrics-server') {
          err.write(t('sim addon: 지금은 metrics-server만 있어요\n', 'sim addon: only metrics-server is available\n'));
          return 1;
        }
        const fresh = c.installMetricsServer();
        ctx.world.clock.flush();
        out.write(
          fresh
            ? t(
                'note: kind 클러스터에는 metrics-server가 없어요. 실제로는 components.yaml을 kubectl apply 하고 --kubelet-insecure-tls를 더해야 해요. 여기서는 같은 것을 kube-system에 설치했어요.\nmetrics-server 설치함: 15초마다 kubelet에서 사용량을 모아요\n',
                'note: a kind cluster has no metrics-server; on a real one you kubectl apply its components.yaml and add --kubelet-insecure-tls. The same is installed in kube-system here.\nmetrics-server installed: it scrapes the kubelets every 15s\n',
              )
            : t('metrics-server는 이미 설치되어 있어요\n', 'metrics-server is already installed\n'),
        );
        return 0;
      }
      case 'stop':
      case 'start': {
        const target = args[0];
        if (!target) {
          err.write(t(`sim ${sub}: 구성 요소 이름을 주세요 (scheduler, controller-manager, apiserver, etcd-0, etcd-1, etcd-2)\n`, `sim ${sub}: name a component (scheduler, controller-manager, apiserver, etcd-0, etcd-1, etcd-2)\n`));
          return 1;
        }
        if (/^etcd-\d+$/.test(target)) {
          const ok = sub === 'stop' ? c.etcd.stopMember(target) : c.etcd.startMember(target);
          if (!ok) {
            err.write(t(`sim ${sub}: etcd 멤버 "${target}"이(가) 없어요 (멤버: ${c.etcd.members().map((m) => m.name).join(', ')})\n`, `sim ${sub}: no etcd member "${target}" (members: ${c.etcd.members().map((m) => m.name).join(', ')})\n`));
            return 1;
          }
        } else {
          const comp = COMPONENTS[target];
          if (!comp) {
            err.write(t(`sim ${sub}: 알 수 없는 구성 요소 "${target}" (scheduler, controller-manager, apiserver, etcd-0, etcd-1, etcd-2)\n`, `sim ${sub}: unknown component "${target}" (scheduler, controller-manager, apiserver, etcd-0, etcd-1, etcd-2)\n`));
            return 1;
          }
          if (sub === 'stop') c.stopComponent(comp);
          else c.startComponent(comp);
        }
        ctx.world.clock.flush();
        out.write(sub === 'stop' ? t(`${target} 멈춤\n`, `${target} stopped\n`) : t(`${target} 시작함\n`, `${target} started\n`));
        return 0;
      }
      case 'node': {
        const [action, name] = args;
        if (!action || !name || !['add', 'fail', 'recover'].includes(action)) {
          err.write(t('사용법: sim node add|fail|recover 노드\n', 'usage: sim node add|fail|recover NODE\n'));
          return 1;
        }
        if (action === 'add') {
          if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
            err.write(t(`sim node add: "${name}"은(는) 노드 이름으로 쓸 수 없어요 (소문자, 숫자, '-')\n`, `sim node add: "${name}" is not a valid node name (lowercase letters, digits and '-')\n`));
            return 1;
          }
          const r = c.addNode(c.nextNodeSpec(name));
          if (typeof r === 'string') {
            err.write(`sim node add: ${r}\n`);
            return 1;
          }
          ctx.world.clock.flush();
          out.write(t(`노드 ${name} 합류 (파드 CIDR ${r.spec.podCIDR})\n`, `node ${name} joined (pod CIDR ${r.spec.podCIDR})\n`));
          return 0;
        }
        const node = c.nodes.get(name);
        if (!node) {
          err.write(t(`sim node ${action}: 노드 "${name}"이(가) 없어요 (노드: ${[...c.nodes.keys()].join(', ')})\n`, `sim node ${action}: no node "${name}" (nodes: ${[...c.nodes.keys()].join(', ')})\n`));
          return 1;
        }
        if (action === 'fail') {
          node.kubelet.stop();
          node.proxy.stop();
          out.write(t(`${name}: kubelet과 kube-proxy가 멈췄어요 (하트비트 중단). 약 ${GRACE_S}초 뒤 NotReady가 돼요.\n`, `${name}: kubelet and kube-proxy stopped (no more heartbeats). The node turns NotReady after about ${GRACE_S}s.\n`));
        } else {
          node.kubelet.start();
          node.proxy.start();
          out.write(t(`${name}: kubelet과 kube-proxy를 다시 켰어요\n`, `${name}: kubelet and kube-proxy started\n`));
        }
        ctx.world.clock.flush();
        return 0;
      }
      case 'crash': {
        const { ns, rest } = nsFlag(args);
        let container: string | undefined;
        let selector: string | undefined;
        let exitCode = 1;
        const names: string[] = [];
        for (let i = 0; i < rest.length; i++) {
          const a = rest[i]!;
          if (a === '-c' || a === '--container') container = rest[++i];
          else if (a === '-l' || a === '--selector') selector = rest[++i];
          else if (a === '--exit-code') exitCode = Number(rest[++i]);
          else names.push(a);
        }
        // -l picks the first running pod the selector matches, so scripts need no generated names.
        const pod = selector !== undefined ? firstRunning(c, ns, selector) : names[0] ? findPod(c, names[0], ns) : undefined;
        if (!pod) {
          err.write(
            selector !== undefined
              ? t(`sim crash: 네임스페이스 "${ns}"에 "${selector}"와 맞는 실행 중인 파드가 없어요\n`, `sim crash: no running pod matches "${selector}" in namespace "${ns}"\n`)
              : names[0]
                ? t(`sim crash: 네임스페이스 "${ns}"에 파드 "${names[0]}"이(가) 없어요\n`, `sim crash: pod "${names[0]}" not found in namespace "${ns}"\n`)
                : t('사용법: sim crash 파드|-l 셀렉터 [-c 컨테이너] [--exit-code N]\n', 'usage: sim crash POD|-l SELECTOR [-c CONTAINER] [--exit-code N]\n'),
          );
          return 1;
        }
        if (!Number.isInteger(exitCode) || exitCode < 0 || exitCode > 255) {
          err.write(t('sim crash: --exit-code는 0에서 255 사이여야 해요\n', 'sim crash: --exit-code must be between 0 and 255\n'));
          return 1;
        }
        const cname = container ?? pod.spec.containers[0]!.name;
        const node = pod.spec.nodeName ? c.nodes.get(pod.spec.nodeName) : undefined;
        if (!node || !node.runtime.crashContainer({ namespace: ns, name: pod.metadata.name }, cname, exitCode)) {
          err.write(t(`sim crash: 파드 "${pod.metadata.name}"의 컨테이너 "${cname}"이(가) 실행 중이 아니에요\n`, `sim crash: container "${cname}" of pod "${pod.metadata.name}" is not running\n`));
          return 1;
        }
        ctx.world.clock.flush();
        out.write(t(`${pod.metadata.name}/${cname}: 프로세스가 종료 코드 ${exitCode}로 끝났어요\n`, `${pod.metadata.name}/${cname}: the process exited with code ${exitCode}\n`));
        return 0;
      }
      case 'why': {
        const { ns, rest } = nsFlag(args);
        if (!rest[0]) {
          err.write(t('사용법: sim why 파드 [-n 네임스페이스]\n', 'usage: sim why POD [-n NAMESPACE]\n'));
          return 1;
        }
        // A name prefix ("web") picks the first pod, by name, that starts with it: no generated names to copy.
        const d = c.scheduler.lastDecision(ns, rest[0]) ?? podsByPrefix(c, ns, rest[0]).map((n) => c.scheduler.lastDecision(ns, n)).find((x) => x);
        if (!d) {
          err.write(ctx.lang === 'ko' ? `sim why: 스케줄러가 ${ns}/${rest[0]} 파드를 배치한 기록이 없어요\n` : `sim why: the scheduler has no decision recorded for pod ${ns}/${rest[0]}\n`);
          return 1;
        }
        out.write(formatDecision(d, ctx.lang).replace(/\n?$/, '\n'));
        return 0;
      }
      case 'trace': {
        const all = args.includes('--all');
        const nArg = args.find((a) => /^\d+$/.test(a));
        const n = nArg ? Math.min(Number(nArg), 500) : 20;
        out.write(formatTrace(all ? c.api.recentTrace(2000) : c.api.recentActivity(2000), { limit: n, all, columns: ctx.tty.columns }));
        return 0;
      }
      case 'iptables': {
        const node = args[0] ? c.nodes.get(args[0]) : undefined;
        if (!node) {
          err.write(args[0] ? t(`sim iptables: 노드 "${args[0]}"이(가) 없어요\n`, `sim iptables: no node "${args[0]}"\n`) : t('사용법: sim iptables 노드\n', 'usage: sim iptables NODE\n'));
          return 1;
        }
        out.write(node.proxy.renderIptables().replace(/\n?$/, '\n'));
        return 0;
      }
      default:
        err.write(t(`sim: 알 수 없는 하위 명령 "${sub}"\n${usage}`, `sim: unknown command "${sub}"\n${usage}`));
        return 1;
    }
  },
  complete(words, _current, { world }) {
    if (words.length === 0) return ['status', 'stop', 'start', 'node', 'crash', 'why', 'trace', 'iptables', 'help'];
    const sub = words[0];
    if ((sub === 'stop' || sub === 'start') && words.length === 1) return ['scheduler', 'controller-manager', 'apiserver', 'etcd-0', 'etcd-1', 'etcd-2'];
    if (sub === 'node' && words.length === 1) return ['add', 'fail', 'recover'];
    const cluster = world.peek<Cluster>('k8s.cluster');
    if (!cluster) return [];
    if ((sub === 'node' && words.length === 2) || (sub === 'iptables' && words.length === 1)) return [...cluster.nodes.keys()];
    if ((sub === 'crash' || sub === 'why') && words.length === 1) {
      const r = cluster.api.as('kubectl').list<Pod>('pods', 'default');
      return r.ok ? r.value.items.map((p) => p.metadata.name) : [];
    }
    return [];
  },
};
