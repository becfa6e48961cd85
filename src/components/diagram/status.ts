import type { ClusterView } from '../../sim/k8s/view.ts';

/**
 * What the diagram says in words, besides the picture: banners for the
 * failures a lesson provokes, and the `sim` command each component offers
 * on click. Pure functions of the view, so they are tested without a DOM.
 */
export type Lang = 'ko' | 'en';

export interface Banner {
  id: string;
  text: string;
}

export function banners(v: ClusterView, lang: Lang): Banner[] {
  const ko = lang === 'ko';
  const out: Banner[] = [];
  const up = v.etcd.filter((m) => m.running).length;
  const need = Math.floor(v.etcd.length / 2) + 1;
  if (v.etcd.length && (up < need || !v.etcd.some((m) => m.leader))) {
    out.push({
      id: 'quorum',
      text: ko ? `etcd 쿼럼 상실: 멤버 ${v.etcd.length}개 중 ${up}개만 실행 중 (과반 ${need}개 필요). 쓰기와 일관된(linearizable) 읽기가 실패해요.` : `etcd has lost quorum: ${up} of ${v.etcd.length} members running (${need} needed). Writes and linearizable reads fail.`,
    });
  }
  if (!v.apiserver) out.push({ id: 'apiserver', text: ko ? 'API 서버가 멈췄어요: 모든 요청이 거부돼요.' : 'The API server is stopped: every request is refused.' });
  if (!v.scheduler) out.push({ id: 'scheduler', text: ko ? '스케줄러가 멈췄어요: 새 파드는 노드를 받지 못하고 Pending으로 남아요.' : 'The scheduler is stopped: new pods get no node and stay Pending.' });
  if (!v.controllerManager) out.push({ id: 'controller-manager', text: ko ? '컨트롤러 매니저가 멈췄어요: 지운 파드가 다시 만들어지지 않아요.' : 'The controller manager is stopped: deleted pods are not replaced.' });
  for (const n of v.nodes) {
    // undefined: not listed yet (the API server was down when the page opened), which is not a heartbeat problem.
    if (n.ready === false) out.push({ id: `node:${n.name}`, text: ko ? `노드 ${n.name}이(가) NotReady예요: 하트비트가 끊겼어요.` : `Node ${n.name} is NotReady: its heartbeats stopped.` });
  }
  return out;
}

export interface Action {
  label: string;
  /** The command line, run in the page's terminal like a typed one. */
  line: string;
}

/** The component a diagram element stands for, as data-key spells it. */
export function actionsFor(key: string, v: ClusterView, lang: Lang): Action[] {
  const ko = lang === 'ko';
  const stopStart = (name: string, running: boolean): Action[] =>
    running ? [{ label: ko ? `${name} 멈추기` : `Stop ${name}`, line: `sim stop ${name}` }] : [{ label: ko ? `${name} 다시 시작` : `Start ${name}`, line: `sim start ${name}` }];
  if (key === 'kube-apiserver') return stopStart('apiserver', v.apiserver);
  if (key === 'kube-scheduler') return stopStart('scheduler', v.scheduler);
  if (key === 'kube-controller-manager') return stopStart('controller-manager', v.controllerManager);
  if (key.startsWith('etcd:')) {
    const m = v.etcd.find((x) => x.name === key.slice(5));
    return m ? stopStart(m.name, m.running) : [];
  }
  if (key.startsWith('kubelet:')) {
    const n = v.nodes.find((x) => x.name === key.slice(8));
    if (!n) return [];
    return n.kubelet ? [{ label: ko ? `${n.name} 노드 장애 내기` : `Fail node ${n.name}`, line: `sim node fail ${n.name}` }] : [{ label: ko ? `${n.name} 노드 복구` : `Recover node ${n.name}`, line: `sim node recover ${n.name}` }];
  }
  if (key.startsWith('pod:')) {
    const [ns, name] = key.slice(4).split('/');
    const pod = [...v.unscheduled, ...v.nodes.flatMap((n) => n.pods)].find((p) => p.namespace === ns && p.name === name);
    if (!pod) return [];
    const nsFlag = ns === 'default' ? '' : ` -n ${ns}`;
    const out: Action[] = [];
    if (pod.state === 'Running') out.push({ label: ko ? '컨테이너 크래시 내기' : 'Crash its container', line: `sim crash ${name}${nsFlag}` });
    out.push({ label: ko ? '자세히 보기 (describe)' : 'Describe it', line: `kubectl describe pod ${name}${nsFlag}` });
    out.push({ label: ko ? '파드 지우기' : 'Delete it', line: `kubectl delete pod ${name}${nsFlag}` });
    return out;
  }
  return [];
}
