import type { Cluster } from '../../sim/k8s/cluster.ts';
import type { TraceEntry } from '../../sim/k8s/apiserver/index.ts';
import { ClusterWatcher, isActivity, type ClusterView, type PodView } from '../../sim/k8s/view.ts';
import { peekSession, type LiveSession } from '../runtime.ts';
import { DIAGRAM_CSS } from './style.ts';

type Lang = 'ko' | 'en';
const T = {
  ko: { cp: '컨트롤 플레인', api: 'API 서버', sched: '스케줄러', cm: '컨트롤러 매니저', node: '노드', ready: 'Ready', notReady: 'NotReady', unscheduled: '배치 대기 (노드 없음)', none: '파드 없음', activity: '최근 요청', you: 'kubectl (나)', stopped: '멈춤' },
  en: { cp: 'Control plane', api: 'API server', sched: 'Scheduler', cm: 'Controller manager', node: 'Node', ready: 'Ready', notReady: 'NotReady', unscheduled: 'Waiting for a node', none: 'no pods', activity: 'Recent requests', you: 'kubectl (you)', stopped: 'stopped' },
};

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The component box a trace entry's caller maps to. */
function sourceKey(component: string): string {
  if (component.startsWith('kubelet/')) return `kubelet:${component.slice(8)}`;
  if (component.startsWith('kube-proxy/')) return `proxy:${component.slice(11)}`;
  if (component.startsWith('kube-controller-manager')) return 'kube-controller-manager';
  return component;
}

function podChip(p: PodView): string {
  const cls = p.state === 'Running' ? 'ok' : /Pending|Creating|Initializing/.test(p.state) ? 'wait' : p.state === 'Completed' ? 'done' : 'bad';
  return `<li class="kl-pod ${cls}" title="${esc(`${p.namespace}/${p.name} ${p.state}`)}"><b>${esc(p.name)}</b><span>${esc(p.ip ?? '—')}</span><i>${esc(p.state)}${p.restarts ? ` ↻${p.restarts}` : ''}</i></li>`;
}

function render(v: ClusterView, t: (typeof T)['ko']): string {
  const box = (key: string, label: string, up: boolean, extra = '') => `<div class="kl-box ${up ? '' : 'down'}" data-key="${key}">${label}${up ? '' : ` <small>(${t.stopped})</small>`}${extra}</div>`;
  const etcd = v.etcd.map((m) => `<span class="kl-etcd ${m.running ? '' : 'down'}" title="${m.name}">${m.name}${m.leader ? ' ★' : ''}</span>`).join('');
  const nodes = v.nodes
    .map(
      (n) => `<section class="kl-node ${n.ready ? '' : 'notready'}">
  <header><b>${esc(n.name)}</b><span class="kl-tag ${n.ready ? 'ok' : 'bad'}">${n.ready ? t.ready : t.notReady}</span></header>
  <div class="kl-agents">${box(`kubelet:${n.name}`, 'kubelet', n.kubelet)}${box(`proxy:${n.name}`, 'kube-proxy', n.proxy)}</div>
  <ul class="kl-pods">${n.pods.length ? n.pods.map(podChip).join('') : `<li class="kl-empty">${n.controlPlane ? 'NoSchedule' : t.none}</li>`}</ul>
</section>`,
    )
    .join('');
  const pending = v.unscheduled.length ? `<div class="kl-pending"><span>${t.unscheduled}</span><ul class="kl-pods">${v.unscheduled.map(podChip).join('')}</ul></div>` : '';
  return `<div class="kl-cp-row">
  <div class="kl-box kl-you" data-key="kubectl">${t.you}</div>
  <section class="kl-cp"><header>${t.cp}</header>
    <div class="kl-cp-grid">${box('kube-apiserver', t.api, v.apiserver)}${box('kube-scheduler', t.sched, v.scheduler)}${box('kube-controller-manager', t.cm, v.controllerManager)}<div class="kl-box kl-etcd-box" data-key="etcd">etcd ${etcd}</div></div>
  </section>
</div>
${pending}
<div class="kl-nodes">${nodes}</div>`;
}

function activityLine(e: TraceEntry): string {
  const target = [e.resource + (e.subresource ? `/${e.subresource}` : ''), e.name].filter(Boolean).join(' ');
  const write = e.etcd.find((o) => o.op !== 'range' && o.revision > 0);
  return `<li class="${e.code >= 400 || e.code === 0 ? 'bad' : ''}"><b>${esc(e.component)}</b> → ${esc(e.verb)} ${esc(target)} <small>${e.code || 'refused'}${write ? ` · etcd @${write.revision}` : ''}</small></li>`;
}

export function mountDiagram(host: HTMLElement): void {
  const lang: Lang = host.dataset.lang === 'en' ? 'en' : 'ko';
  const t = T[lang];
  const key = host.dataset.session!;
  const body = host.querySelector<HTMLElement>('.kl-cd-body')!;
  if (!document.getElementById('kl-diagram-css')) {
    const style = document.createElement('style');
    style.id = 'kl-diagram-css';
    style.textContent = DIAGRAM_CSS;
    document.head.append(style);
  }
  let watcher: ClusterWatcher | undefined;
  let dirty = true;
  const recent: TraceEntry[] = [];
  const pulses = new Map<string, number>();
  let live: LiveSession | undefined;
  // The diagram only observes: it waits for the terminal (or exercise) to start the session and its cluster.
  const attach = (): boolean => {
    if (watcher) return true;
    live ??= peekSession(key);
    if (!live) return false;
    const cluster = live.shell.world.peek<Cluster>('k8s.cluster');
    if (!cluster) return false;
    watcher = new ClusterWatcher(cluster);
    cluster.api.onTrace((e) => {
      if (!isActivity(e)) return;
      recent.push(e);
      if (recent.length > 6) recent.shift();
      const until = performance.now() + 900;
      pulses.set(sourceKey(e.component), until);
      pulses.set('kube-apiserver', until);
      if (e.etcd.some((o) => o.op !== 'range' && o.revision > 0)) pulses.set('etcd', until);
      dirty = true;
    });
    live.shell.world.clock.onAdvance(() => (dirty = true));
    live.shell.onLine(() => (dirty = true));
    return true;
  };
  const frame = () => {
    const now = performance.now();
    const pulsing = [...pulses.values()].some((u) => u > now);
    if ((dirty || pulsing) && attach()) {
      dirty = false;
      body.innerHTML = render(watcher!.view(), t) + `<div class="kl-activity"><span>${t.activity}</span><ol>${recent.map(activityLine).join('')}</ol></div>`;
      for (const [key, until] of pulses) {
        if (until < now) pulses.delete(key);
        else body.querySelector(`[data-key="${CSS.escape(key)}"]`)?.classList.add('pulse');
      }
      host.dataset.state = 'ready';
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
