import { getCluster, type Cluster, type ComponentName } from '../../../sim/k8s/cluster.ts';
import type { Pod } from '../../../sim/k8s/api/types.ts';
import { formatDecision } from '../../../sim/k8s/scheduler/explain.ts';
import type { Command, CommandContext } from '../../types.ts';
import { GET_TABWRITER, tabwrite } from '../kubectl/print/tabwriter.ts';
import { formatTrace } from './trace.ts';

/**
 * `sim`: the simulator's own controls, for what a learner cannot do with
 * kubectl: look inside (status, trace, why, iptables) and break things on
 * purpose (stop a component, fail a node, crash a container).
 */
const USAGE = `Usage:
  sim status                          components and their health
  sim stop|start COMPONENT            scheduler, controller-manager, apiserver, etcd-0..2
  sim node add|fail|recover NODE      add a worker, or stop / restart its kubelet and kube-proxy
  sim crash POD|-l SELECTOR [-c CONTAINER] [--exit-code N]   make a container exit
  sim why POD [-n NAMESPACE]          why the scheduler put the pod where it is
  sim trace [N] [--all]               the last N API requests and the etcd writes they caused
  sim iptables NODE                   kube-proxy's rules on a node (iptables-save style)
`;

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
  for (const m of c.etcd.members()) rows.push([m.name, 'control-plane', c.etcd.isRunning(m.name) ? (m.name === leader ? 'Running (leader)' : 'Running') : 'Stopped']);
  const up = (b: boolean) => (b ? 'Running' : 'Stopped');
  rows.push(['kube-apiserver', 'control-plane', up(c.componentRunning('apiserver'))]);
  rows.push(['kube-scheduler', 'control-plane', up(c.componentRunning('scheduler'))]);
  rows.push(['kube-controller-manager', 'control-plane', up(c.componentRunning('controller-manager'))]);
  for (const n of c.nodes.values()) {
    rows.push(['kubelet', n.spec.name, up(n.kubelet.running)]);
    rows.push(['kube-proxy', n.spec.name, up(n.proxy.running)]);
  }
  ctx.stdout.write(tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', GET_TABWRITER));
  if (!leader) ctx.stdout.write(ctx.lang === 'ko' ? '\netcd 에 리더가 없습니다: 과반수(쿼럼)를 잃어 쓰기가 실패합니다.\n' : '\netcd has no leader: quorum is lost, so writes fail.\n');
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
  summary: { ko: '시뮬레이터 제어: 구성 요소 상태, 장애 내기, 요청 추적 (sim help)', en: 'simulator controls: component status, failures, request trace (sim help)' },
  help: {
    ko: `쿠버네티스 클러스터 시뮬레이터를 들여다보고, 일부러 고장을 내 볼 수 있는 명령입니다.\n\n${USAGE}`,
    en: `Look inside the simulated Kubernetes cluster and break parts of it on purpose.\n\n${USAGE}`,
  },
  run(ctx) {
    const [sub, ...args] = ctx.argv.slice(1);
    const out = ctx.stdout;
    const err = ctx.stderr;
    if (!sub || sub === 'help' || sub === '--help' || sub === '-h') {
      (sub ? out : err).write(USAGE);
      return sub ? 0 : 1;
    }
    const c = getCluster(ctx.world);
    switch (sub) {
      case 'status':
        return status(c, ctx);
      case 'stop':
      case 'start': {
        const target = args[0];
        if (!target) {
          err.write(`sim ${sub}: name a component (scheduler, controller-manager, apiserver, etcd-0, etcd-1, etcd-2)\n`);
          return 1;
        }
        if (/^etcd-\d+$/.test(target)) {
          const ok = sub === 'stop' ? c.etcd.stopMember(target) : c.etcd.startMember(target);
          if (!ok) {
            err.write(`sim ${sub}: no etcd member "${target}" (members: ${c.etcd.members().map((m) => m.name).join(', ')})\n`);
            return 1;
          }
        } else {
          const comp = COMPONENTS[target];
          if (!comp) {
            err.write(`sim ${sub}: unknown component "${target}" (scheduler, controller-manager, apiserver, etcd-0, etcd-1, etcd-2)\n`);
            return 1;
          }
          if (sub === 'stop') c.stopComponent(comp);
          else c.startComponent(comp);
        }
        ctx.world.clock.flush();
        out.write(`${target} ${sub === 'stop' ? 'stopped' : 'started'}\n`);
        return 0;
      }
      case 'node': {
        const [action, name] = args;
        if (!action || !name || !['add', 'fail', 'recover'].includes(action)) {
          err.write('usage: sim node add|fail|recover NODE\n');
          return 1;
        }
        if (action === 'add') {
          if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
            err.write(`sim node add: "${name}" is not a valid node name (lowercase letters, digits and '-')\n`);
            return 1;
          }
          const r = c.addNode(c.nextNodeSpec(name));
          if (typeof r === 'string') {
            err.write(`sim node add: ${r}\n`);
            return 1;
          }
          ctx.world.clock.flush();
          out.write(`node ${name} joined (pod CIDR ${r.spec.podCIDR})\n`);
          return 0;
        }
        const node = c.nodes.get(name);
        if (!node) {
          err.write(`sim node ${action}: no node "${name}" (nodes: ${[...c.nodes.keys()].join(', ')})\n`);
          return 1;
        }
        if (action === 'fail') {
          node.kubelet.stop();
          node.proxy.stop();
          out.write(ctx.lang === 'ko' ? `${name}: kubelet 과 kube-proxy 가 멈췄습니다 (하트비트 중단). 약 40초 뒤 NotReady 가 됩니다.\n` : `${name}: kubelet and kube-proxy stopped (no more heartbeats). The node turns NotReady after about 40s.\n`);
        } else {
          node.kubelet.start();
          node.proxy.start();
          out.write(`${name}: kubelet and kube-proxy started\n`);
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
          err.write(selector !== undefined ? `sim crash: no running pod matches "${selector}" in namespace "${ns}"\n` : names[0] ? `sim crash: pod "${names[0]}" not found in namespace "${ns}"\n` : 'usage: sim crash POD|-l SELECTOR [-c CONTAINER] [--exit-code N]\n');
          return 1;
        }
        if (!Number.isInteger(exitCode) || exitCode < 0 || exitCode > 255) {
          err.write('sim crash: --exit-code must be between 0 and 255\n');
          return 1;
        }
        const cname = container ?? pod.spec.containers[0]!.name;
        const node = pod.spec.nodeName ? c.nodes.get(pod.spec.nodeName) : undefined;
        if (!node || !node.runtime.crashContainer({ namespace: ns, name: pod.metadata.name }, cname, exitCode)) {
          err.write(`sim crash: container "${cname}" of pod "${pod.metadata.name}" is not running\n`);
          return 1;
        }
        ctx.world.clock.flush();
        out.write(`${pod.metadata.name}/${cname}: the process exited with code ${exitCode}\n`);
        return 0;
      }
      case 'why': {
        const { ns, rest } = nsFlag(args);
        if (!rest[0]) {
          err.write('usage: sim why POD [-n NAMESPACE]\n');
          return 1;
        }
        const d = c.scheduler.lastDecision(ns, rest[0]);
        if (!d) {
          err.write(ctx.lang === 'ko' ? `sim why: 스케줄러가 ${ns}/${rest[0]} 파드를 배치한 기록이 없습니다\n` : `sim why: the scheduler has no decision recorded for pod ${ns}/${rest[0]}\n`);
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
          err.write(args[0] ? `sim iptables: no node "${args[0]}"\n` : 'usage: sim iptables NODE\n');
          return 1;
        }
        out.write(node.proxy.renderIptables().replace(/\n?$/, '\n'));
        return 0;
      }
      default:
        err.write(`sim: unknown command "${sub}"\n${USAGE}`);
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
