import type { Cluster } from '../../sim/k8s/cluster.ts';
import type { TraceEntry } from '../../sim/k8s/apiserver/index.ts';
import type { DockerEngine } from '../../sim/compose/engine/docker.ts';
import { ClusterWatcher, type ClusterView, type NodeView, type PodView } from '../../sim/k8s/view.ts';
import { peekSession, type LiveSession } from '../runtime.ts';
import { requestRun } from '../session-events.ts';
import { composeView, type ComposeView, type ContainerView } from './compose-view.ts';
import { append, h, KeyedList, setText } from './dom.ts';
import { failed, RequestLog, type RequestRow } from './requests.ts';
import { actionsFor, banners, type Lang } from './status.ts';
import { DIAGRAM_CSS } from './style.ts';
import { wire, type Line } from './wires.ts';

const T = {
  ko: {
    cp: '컨트롤 플레인',
    api: 'API 서버',
    sched: '스케줄러',
    cm: '컨트롤러 매니저',
    ready: 'Ready',
    notReady: 'NotReady',
    unknown: '상태 모름',
    unscheduled: '배치 대기 (노드 없음)',
    none: '파드 없음',
    you: 'kubectl (나)',
    stopped: '멈춤',
    mine: '내 요청',
    activity: '클러스터 안의 요청',
    noise: (n: number) => `배경 요청 ${n}개 (리스 갱신, 상태 보고, 조회)`,
    show: '보기',
    hide: '숨기기',
    failed: '실패',
    more: (n: number) => `+${n}개 더`,
    menu: (what: string) => `${what}: 할 수 있는 일`,
    close: '닫기',
    services: '서비스',
    networks: '네트워크',
    volumes: '볼륨',
    noContainers: '컨테이너 없음 — docker compose up -d를 실행해 보세요.',
    loose: 'docker run으로 만든 컨테이너',
    restarts: '재시작',
    waiting: '터미널에서 명령을 입력하면 여기에 보여요…',
  },
  en: {
    cp: 'Control plane',
    api: 'API server',
    sched: 'Scheduler',
    cm: 'Controller manager',
    ready: 'Ready',
    notReady: 'NotReady',
    unknown: 'not known yet',
    unscheduled: 'Waiting for a node',
    none: 'no pods',
    you: 'kubectl (you)',
    stopped: 'stopped',
    mine: 'Your requests',
    activity: 'Requests inside the cluster',
    noise: (n: number) => `${n} background requests (lease renewals, status reports, reads)`,
    show: 'show',
    hide: 'hide',
    failed: 'failed',
    more: (n: number) => `+${n} more`,
    menu: (what: string) => `${what}: actions`,
    close: 'Close',
    services: 'Services',
    networks: 'Networks',
    volumes: 'Volumes',
    noContainers: 'No containers yet — try docker compose up -d.',
    loose: 'Containers from docker run',
    restarts: 'restarts',
    waiting: 'Type commands in the terminal and watch them here…',
  },
};
type Text = (typeof T)['ko'];

/** Pods drawn per node; the rest are counted, so a 1,000-pod cluster stays a readable, fast picture. */
const PODS_PER_NODE = 48;

const podClass = (state: string) => (state === 'Running' ? 'ok' : /Pending|Creating|Initializing/.test(state) ? 'wait' : state === 'Completed' ? 'done' : 'bad');

/** The component box a trace entry's caller maps to. */
function sourceKey(component: string): string | undefined {
  if (component.startsWith('kubelet/')) return `kubelet:${component.slice(8)}`;
  if (component.startsWith('kube-controller-manager')) return 'kube-controller-manager';
  if (component === 'kubectl' || component === 'kube-scheduler') return component;
  return undefined;
}

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

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
  const stats = { draws: 0, views: 0, lastDrawMs: 0 };
  let k8s: K8sPicture | undefined;
  let compose: ComposePicture | undefined;
  let live: LiveSession | undefined;

  // The diagram only observes: it waits for the terminal (or exercise) to start the session.
  const attach = () => {
    live ??= peekSession(key);
    if (!live) return false;
    const world = live.shell.world;
    const want = host.dataset.kind === 'compose' ? 'compose' : 'k8s';
    if (want === 'k8s' && !k8s) {
      const cluster = world.peek<Cluster>('k8s.cluster');
      if (!cluster) return false;
      k8s = new K8sPicture(body, cluster, t, lang, key, stats);
      live.shell.onLine(() => k8s!.changed());
      world.clock.onAdvance(() => k8s!.poll());
    }
    if (want === 'compose' && !compose) {
      compose = new ComposePicture(body, () => world.peek<DockerEngine>('docker'), t, stats);
      live.shell.onLine(() => compose!.changed());
      // Containers change state on their own (exits, restarts, health): the engine's events say when.
      let hooked = false;
      const hook = () => {
        const engine = world.peek<DockerEngine>('docker');
        if (hooked || !engine) return;
        hooked = true;
        engine.on((e) => e.type !== 'log' && compose!.changed());
      };
      hook();
      live.shell.onLine(hook);
    }
    host.dataset.state = 'ready';
    return true;
  };
  dock(host, key);
  if (!attach()) {
    const retry = setInterval(() => attach() && clearInterval(retry), 300);
  }
  // For tests and the 1,000-pod measurement: counters, and drawing a given view with the same code.
  Object.assign(host, {
    diagramStats: () => ({ ...stats }),
    drawView: (v: ClusterView) => {
      k8s ??= new K8sPicture(body, undefined, t, lang, key, stats);
      k8s.draw(v);
    },
  });
}

/**
 * Docking: where the screen is wide enough, the diagram sits fixed to the
 * right of the lesson column, beside the session's terminal, so both are in
 * view while the learner types. On by default there; the button turns it off
 * (remembered).
 */
function dock(host: HTMLElement, session: string): void {
  const btn = host.querySelector<HTMLButtonElement>('.kl-cd-dock');
  const term = document.getElementById(`kl-term-${session.replace(/[^A-Za-z0-9_-]/g, '-')}`);
  if (!btn || !term) return;
  const PREF = 'kube-lessons:dock';
  let want = true;
  try {
    want = localStorage.getItem(PREF) !== 'off';
  } catch {
    /* storage blocked: default */
  }
  const apply = () => {
    // Measured in flow: the terminal's right edge is where the lesson column ends.
    const right = term.getBoundingClientRect().right;
    const room = window.innerWidth - right - 32;
    const fits = window.innerWidth >= 1400 && room >= 300;
    const on = want && fits;
    btn.hidden = !fits;
    btn.setAttribute('aria-pressed', String(on));
    if (host.classList.contains('docked') !== on) {
      host.classList.toggle('docked', on);
      document.documentElement.classList.toggle('kl-docked', on);
    }
    if (on) host.style.setProperty('--kl-dock-left', `${Math.round(right + 16)}px`);
  };
  btn.addEventListener('click', () => {
    want = !want;
    try {
      localStorage.setItem(PREF, want ? 'on' : 'off');
    } catch {
      /* not remembered */
    }
    apply();
    btn.focus();
  });
  window.addEventListener('resize', apply);
  apply();
}

interface Stats {
  draws: number;
  views: number;
  lastDrawMs: number;
}

/**
 * Runs fn once on the next frame, however often it is asked for before then.
 * A draw that took long (a thousand pods being made) is followed by a pause
 * three times as long, so the diagram takes at most a quarter of the page's
 * time and the terminal keeps answering keys. The cost counts the style,
 * layout and paint the draw caused (a task posted from the frame runs after
 * them): with many pods those are most of it, the script a few ms.
 */
function batcher(fn: () => void): () => void {
  let pending = false;
  let notBefore = 0;
  const run = () =>
    requestAnimationFrame(() => {
      const wait = notBefore - performance.now();
      if (wait > 0) return void setTimeout(run, wait);
      pending = false;
      const t = performance.now();
      fn();
      setTimeout(() => {
        const cost = performance.now() - t;
        notBefore = cost > 8 ? performance.now() + 3 * cost : 0;
      }, 0);
    });
  return () => {
    if (pending) return;
    pending = true;
    run();
  };
}

class K8sPicture {
  readonly #t: Text;
  readonly #lang: Lang;
  readonly #session: string;
  readonly #stats: Stats;
  readonly #cluster?: Cluster;
  readonly #watcher?: ClusterWatcher;
  readonly #log = new RequestLog();
  #view?: ClusterView;
  #seenVersion = -1;
  #seenHealth = '';
  #noiseOpen = false;
  #drawnRequests = '';
  readonly schedule: () => void;

  // DOM
  readonly #root: HTMLElement;
  readonly #banners: HTMLElement;
  readonly #topo: HTMLElement;
  readonly #svg: SVGSVGElement;
  readonly #boxes = new Map<string, HTMLElement>();
  readonly #etcdList: KeyedList<ClusterView['etcd'][number]>;
  readonly #nodeList: KeyedList<NodeView>;
  readonly #pendingBox: HTMLElement;
  readonly #pendingList: KeyedList<PodView>;
  /** Each node's pod list, by node name: found without searching the DOM (a querySelector per node per draw). */
  readonly #podLists = new Map<string, KeyedList<PodView>>();
  readonly #requests: HTMLElement;
  readonly #menu: HTMLElement;
  #wires = new Map<string, SVGLineElement>();
  #wireSig = '';
  #inFlight = new Set<string>();

  constructor(body: HTMLElement, cluster: Cluster | undefined, t: Text, lang: Lang, session: string, stats: Stats) {
    this.#t = t;
    this.#lang = lang;
    this.#session = session;
    this.#stats = stats;
    this.#cluster = cluster;
    this.schedule = batcher(() => this.#render());

    const button = (k: string, label: string, cls = '') => {
      const b = h('button', { type: 'button', class: `kl-box ${cls}`, 'data-key': k, 'aria-haspopup': 'true' }, h('span', { class: 'kl-box-name' }, label), h('small', { class: 'kl-box-state' }));
      this.#boxes.set(k, b);
      return b;
    };
    const etcdBox = h('div', { class: 'kl-box kl-etcd-box', 'data-key': 'etcd' }, h('span', { class: 'kl-box-name' }, 'etcd'), h('span', { class: 'kl-etcd-members' }));
    this.#boxes.set('etcd', etcdBox);
    this.#banners = h('div', { class: 'kl-banners', role: 'status', 'aria-live': 'polite' });
    this.#svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.#svg.setAttribute('class', 'kl-wires');
    this.#svg.setAttribute('aria-hidden', 'true');
    this.#svg.innerHTML = '<defs><marker id="kl-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>'; // static markup, no data
    const you = h('div', { class: 'kl-box kl-you', 'data-key': 'kubectl' }, h('span', { class: 'kl-box-name' }, t.you));
    this.#boxes.set('kubectl', you);
    this.#pendingBox = h('div', { class: 'kl-pending', hidden: true }, h('span', {}, t.unscheduled), h('ul', { class: 'kl-pods' }));
    const nodes = h('div', { class: 'kl-nodes' });
    this.#topo = h(
      'div',
      { class: 'kl-topo' },
      this.#svg,
      h('div', { class: 'kl-clients' }, you, button('kube-scheduler', t.sched), button('kube-controller-manager', t.cm)),
      h('div', { class: 'kl-core' }, button('kube-apiserver', t.api, 'kl-api'), etcdBox),
      this.#pendingBox,
      nodes,
    );
    this.#etcdList = new KeyedList(
      etcdBox.querySelector('.kl-etcd-members')!,
      (m) => m.name,
      (m) => `${m.running}${m.leader}`,
      (m) => h('button', { type: 'button', class: `kl-etcd ${m.running ? '' : 'down'}`, 'data-key': `etcd:${m.name}`, 'aria-haspopup': 'true' }, m.name, m.leader ? ' ★' : '', m.running ? '' : ` (${t.stopped})`),
    );
    this.#pendingList = new KeyedList(this.#pendingBox.querySelector('ul')!, (p) => `${p.namespace}/${p.name}`, podSig, (p) => this.#podChip(p));
    this.#nodeList = new KeyedList(nodes, (n) => n.name, (n) => `${n.ready}${n.kubelet}${n.proxy}${n.controlPlane}`, (n) => this.#nodeCard(n));
    this.#requests = h('div', { class: 'kl-requests' });
    this.#menu = h('div', { class: 'kl-menu', role: 'group', hidden: true });
    this.#root = h('div', { class: 'kl-k8s' }, this.#banners, this.#topo, this.#requests, this.#menu);
    body.replaceChildren(this.#root);

    this.#root.addEventListener('click', (e) => this.#onClick(e));
    this.#root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !this.#menu.hidden) this.#closeMenu(true);
    });
    // Arrows follow the layout, not the clock: recomputed only when the boxes move. Not inside the observer's
    // callback: there the first read recalculated the page's style (10 ms a frame while the node cards grew).
    new ResizeObserver(() => this.#wiresAfterPaint(true)).observe(this.#topo);

    if (cluster) {
      this.#watcher = new ClusterWatcher(cluster);
      for (const e of cluster.api.recentTrace(500)) this.#log.add(e);
      cluster.api.onTrace((e) => this.#onTrace(e));
      this.changed();
    }
  }

  /** Something may have changed (a command ran): look on the next frame. */
  changed(): void {
    this.schedule();
  }

  /** On every clock tick: only a new watch event or a component's health change is worth a look. */
  poll(): void {
    const w = this.#watcher;
    if (!w) return;
    const health = this.#health();
    if (w.version !== this.#seenVersion || health !== this.#seenHealth) this.schedule();
  }

  #health(): string {
    const c = this.#cluster!;
    const leader = c.etcd.leader()?.name ?? '';
    let s = `${c.componentRunning('apiserver')}${c.componentRunning('scheduler')}${c.componentRunning('controller-manager')}|${leader}|`;
    for (const m of c.etcd.members()) s += c.etcd.isRunning(m.name) ? '1' : '0';
    for (const n of c.nodes.values()) s += `${n.kubelet.running ? 1 : 0}${n.proxy.running ? 1 : 0}`;
    return s;
  }

  #render(): void {
    const w = this.#watcher;
    if (!w) return;
    this.#seenVersion = w.version;
    this.#seenHealth = this.#health();
    this.#stats.views++;
    this.draw(w.view());
  }

  /** Brings the DOM in line with v, touching only what differs. */
  draw(v: ClusterView): void {
    const start = performance.now();
    this.#view = v;
    const t = this.#t;
    let changed = false;
    // Banners
    const bs = banners(v, this.#lang);
    const bsig = bs.map((b) => b.text).join('\n');
    if (this.#banners.dataset.sig !== bsig) {
      this.#banners.dataset.sig = bsig;
      this.#banners.replaceChildren(...bs.map((b) => h('p', { class: 'kl-banner', 'data-id': b.id }, h('span', { 'aria-hidden': 'true' }, '⚠ '), b.text)));
      changed = true;
    }
    // Control plane
    const comp: [string, boolean][] = [
      ['kube-apiserver', v.apiserver],
      ['kube-scheduler', v.scheduler],
      ['kube-controller-manager', v.controllerManager],
    ];
    for (const [k, up] of comp) {
      const box = this.#boxes.get(k)!;
      if (box.classList.contains('down') === up) {
        box.classList.toggle('down', !up);
        setText(box.querySelector('.kl-box-state')!, up ? '' : t.stopped);
        changed = true;
      }
    }
    changed = this.#etcdList.update(v.etcd) || changed;
    // Pods with no node yet
    this.#pendingBox.hidden = v.unscheduled.length === 0;
    changed = this.#pendingList.update(capped(v.unscheduled, PODS_PER_NODE, t)) || changed;
    // Nodes, each with its pods
    const nodesChanged = this.#nodeList.update(v.nodes);
    changed = nodesChanged || changed;
    if (nodesChanged) for (const name of this.#podLists.keys()) if (!v.nodes.some((n) => n.name === name)) this.#podLists.delete(name);
    for (const n of v.nodes) {
      const list = this.#podLists.get(n.name);
      if (list) changed = list.update(capped(n.pods, PODS_PER_NODE, t)) || changed;
    }
    changed = this.#drawRequests() || changed;
    // The arrows need the boxes' layout: measured after this frame is painted, not forced in the middle of the draw.
    if (nodesChanged) this.#wiresAfterPaint();
    if (changed) {
      this.#stats.draws++;
      this.#stats.lastDrawMs = performance.now() - start;
    }
  }

  #nodeCard(n: NodeView): HTMLElement {
    const t = this.#t;
    const pods = h('ul', { class: 'kl-pods' });
    const kubelet = h('button', { type: 'button', class: `kl-box kl-kubelet ${n.kubelet ? '' : 'down'}`, 'data-key': `kubelet:${n.name}`, 'aria-haspopup': 'true' }, h('span', { class: 'kl-box-name' }, 'kubelet'), h('small', { class: 'kl-box-state' }, n.kubelet ? '' : t.stopped));
    const card = h(
      'section',
      { class: `kl-node ${n.ready === false ? 'notready' : ''}`, 'data-node': n.name },
      h('header', {}, h('b', {}, n.name), h('span', { class: `kl-tag ${n.ready ? 'ok' : n.ready === false ? 'bad' : ''}` }, n.ready ? t.ready : n.ready === false ? t.notReady : t.unknown)),
      h('div', { class: 'kl-agents' }, kubelet, h('span', { class: `kl-box kl-proxy ${n.proxy ? '' : 'down'}` }, 'kube-proxy')),
      pods,
    );
    if (n.controlPlane) pods.dataset.empty = 'NoSchedule';
    this.#boxes.set(`kubelet:${n.name}`, kubelet);
    this.#podLists.set(n.name, new KeyedList(pods, podKey, podSig, (p) => this.#podChip(p)));
    return card;
  }

  #podChip(p: PodView): HTMLElement {
    if (p.namespace === '' && p.name.startsWith('+')) return h('li', { class: 'kl-pod kl-more' }, p.state);
    const label = `${p.namespace}/${p.name} ${p.state}`;
    return h(
      'li',
      { class: `kl-pod ${podClass(p.state)}` },
      h('button', { type: 'button', 'data-key': `pod:${p.namespace}/${p.name}`, title: label, 'aria-haspopup': 'true' }, h('b', {}, p.name), h('span', {}, p.ip ?? '—'), h('i', {}, p.state, p.restarts ? ` ↻${p.restarts}` : '')),
    );
  }

  // ---- Requests ----

  #onTrace(e: TraceEntry): void {
    const kind = this.#log.add(e);
    if (!kind) return;
    if (kind === 'noise') {
      // Heartbeats are only counted; the count catches up on the next real change, so an idle cluster draws nothing.
      if (this.#noiseOpen) this.schedule();
      return;
    }
    const src = sourceKey(e.component);
    const write = e.etcd.some((o) => o.op !== 'range' && o.revision > 0);
    if (src) this.#pulse(src, failed(e), write);
    this.schedule();
  }

  #drawRequests(): boolean {
    const t = this.#t;
    const log = this.#log;
    const sig = `${log.mine[0]?.seq}|${log.activity[0]?.seq}|${this.#noiseOpen ? `${log.noise[0]?.seq}|${log.noiseCount}` : ''}|${this.#noiseOpen}`;
    if (sig === this.#drawnRequests) return false;
    this.#drawnRequests = sig;
    const row = (r: RequestRow) =>
      h(
        'li',
        { class: r.failed ? 'bad' : '' },
        h('b', {}, r.component),
        ' → ',
        `${r.verb} ${r.target} `,
        h('small', {}, r.code ? String(r.code) : 'refused', r.failed ? ` · ${t.failed}` : '', r.revision ? ` · etcd @${r.revision}` : ''),
      );
    const section = (title: string, rows: RequestRow[], cls: string) => (rows.length ? h('div', { class: `kl-req ${cls}` }, h('h4', {}, title), h('ol', {}, ...rows.map(row))) : null);
    const toggle = h('button', { type: 'button', class: 'kl-noise-toggle', 'aria-expanded': String(this.#noiseOpen) }, `${t.noise(log.noiseCount)} — ${this.#noiseOpen ? t.hide : t.show}`);
    const nodes = [section(t.mine, log.mine, 'kl-mine'), section(t.activity, log.activity, 'kl-act'), log.noiseCount ? toggle : null, this.#noiseOpen ? h('ol', { class: 'kl-noise' }, ...log.noise.map(row)) : null];
    this.#requests.replaceChildren();
    append(this.#requests, nodes);
    return true;
  }

  // ---- Arrows ----

  /** Wire keys: every client to the API server, and the API server to etcd. */
  #wireKeys(): string[] {
    const nodes = this.#view?.nodes.map((n) => `kubelet:${n.name}`) ?? [];
    return ['kubectl', 'kube-scheduler', 'kube-controller-manager', ...nodes, 'etcd'];
  }

  #wiresPending = false;
  #wiresForce = false;

  /**
   * Lays the arrows out once the browser has painted the frame (a rAF, then a task), so neither the draw nor
   * the resize observer forces a layout; at most once a frame. force: the boxes moved (not only the set of wires).
   */
  #wiresAfterPaint(force = false): void {
    this.#wiresForce ||= force;
    if (this.#wiresPending) return;
    this.#wiresPending = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.#wiresPending = false;
        const f = this.#wiresForce;
        this.#wiresForce = false;
        this.#layoutWires(f);
      }, 0),
    );
  }

  /**
   * Reads every box's place first, then writes only the lines that moved: a write between two reads would
   * force a layout of the whole page (1,000 pods), and the node cards grow on every frame pods are added.
   * The SVG has no viewBox: it fills the topology box, so its units are CSS pixels.
   */
  #layoutWires(force: boolean): void {
    const api = this.#boxes.get('kube-apiserver');
    if (!api || !this.#topo.isConnected) return;
    const keys = this.#wireKeys();
    const sig = keys.join(',');
    if (!force && sig === this.#wireSig) return;
    this.#wireSig = sig;
    const origin = this.#topo.getBoundingClientRect();
    const rel = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left, bottom: r.bottom - origin.top };
    };
    const apiRect = rel(api);
    const geos: [string, Line][] = [];
    for (const k of keys) {
      const box = this.#boxes.get(k);
      if (!box || !box.isConnected) continue;
      geos.push([k, k === 'etcd' ? wire(apiRect, rel(box)) : wire(rel(box), apiRect)]);
    }
    const next = new Map<string, SVGLineElement>();
    for (const [k, geo] of geos) {
      let line = this.#wires.get(k);
      if (!line) {
        line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
        line.setAttribute('marker-end', 'url(#kl-arrow)');
        line.dataset.wire = k;
        this.#svg.append(line);
      }
      for (const [a, val] of Object.entries(geo)) {
        const v = val.toFixed(1);
        if (line.getAttribute(a) !== v) line.setAttribute(a, v);
      }
      next.set(k, line);
    }
    for (const [k, line] of this.#wires) if (!next.has(k)) line.remove();
    this.#wires = next;
  }

  /** A request travels along its arrow to the API server (and on to etcd for a write); a failed one stops short in red. */
  #pulse(src: string, bad: boolean, write: boolean): void {
    const run = (k: string, fail: boolean, then?: () => void) => {
      const line = this.#wires.get(k);
      if (!line || this.#inFlight.has(k)) return;
      this.#inFlight.add(k);
      line.classList.add('active');
      line.classList.toggle('failed', fail);
      const done = () => {
        this.#inFlight.delete(k);
        line.classList.remove('active');
        if (!fail) line.classList.remove('failed');
        else setTimeout(() => line.classList.remove('failed'), 1500);
        then?.();
      };
      if (reducedMotion()) {
        // No movement: the arrow lights up, in red with a cross if the request failed.
        setTimeout(done, 900);
        return;
      }
      const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((a) => Number(line.getAttribute(a))) as [number, number, number, number];
      const dot = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
      dot.setAttribute('r', '5');
      dot.setAttribute('class', fail ? 'kl-dot failed' : 'kl-dot');
      this.#svg.append(dot);
      const stop = fail ? 0.8 : 1;
      const anim = dot.animate([{ transform: `translate(${x1}px, ${y1}px)` }, { transform: `translate(${x1 + (x2 - x1) * stop}px, ${y1 + (y2 - y1) * stop}px)` }], { duration: 550, easing: 'ease-in-out', fill: 'forwards' });
      anim.onfinish = () => {
        setTimeout(() => {
          dot.remove();
          done();
        }, fail ? 500 : 50);
      };
    };
    run(src, bad, write && !bad ? () => run('etcd', false) : undefined);
  }

  // ---- Actions on click ----

  #onClick(e: MouseEvent): void {
    const target = e.target as Element;
    if (target.closest('.kl-noise-toggle')) {
      this.#noiseOpen = !this.#noiseOpen;
      this.#drawRequests();
      this.#requests.querySelector<HTMLElement>('.kl-noise-toggle')?.focus();
      return;
    }
    const action = target.closest<HTMLElement>('[data-line]');
    if (action && this.#menu.contains(action)) {
      const line = action.dataset.line!;
      this.#closeMenu(false);
      // Through the page's terminal, so the action is shown, recorded and replayed like a typed command.
      if (!requestRun(this.#session, line)) peekSession(this.#session)?.shell.run(line, { stdout: { write() {} }, stderr: { write() {} } });
      this.changed();
      return;
    }
    if (target.closest('.kl-menu-close')) return this.#closeMenu(true);
    const comp = target.closest<HTMLElement>('button[data-key]');
    if (comp && this.#view) this.#openMenu(comp);
  }

  #opener?: HTMLElement;

  #openMenu(from: HTMLElement): void {
    const key = from.dataset.key!;
    const actions = actionsFor(key, this.#view!, this.#lang);
    if (!actions.length) return;
    const name = from.querySelector('b, .kl-box-name')?.textContent ?? key;
    this.#opener = from;
    from.setAttribute('aria-expanded', 'true');
    this.#menu.setAttribute('aria-label', this.#t.menu(name));
    this.#menu.replaceChildren(
      h('p', {}, this.#t.menu(name)),
      ...actions.map((a) => h('button', { type: 'button', 'data-line': a.line }, a.label, h('code', {}, a.line))),
      h('button', { type: 'button', class: 'kl-menu-close' }, this.#t.close),
    );
    this.#menu.hidden = false;
    const root = this.#root.getBoundingClientRect();
    const r = from.getBoundingClientRect();
    this.#menu.style.top = `${r.bottom - root.top + 4}px`;
    this.#menu.style.left = `${Math.max(0, Math.min(r.left - root.left, root.width - 260))}px`;
    this.#menu.querySelector('button')?.focus();
  }

  #closeMenu(refocus: boolean): void {
    this.#menu.hidden = true;
    this.#menu.replaceChildren();
    this.#opener?.setAttribute('aria-expanded', 'false');
    if (refocus) this.#opener?.focus();
  }
}

const podKey = (p: PodView) => `${p.namespace}/${p.name}`;
const podSig = (p: PodView) => `${p.state}|${p.ip ?? ''}|${p.restarts}`;

/** The first n pods, then one summary chip counting the rest by state. */
function capped(pods: PodView[], n: number, t: Text): PodView[] {
  if (pods.length <= n) return pods;
  const rest = pods.slice(n);
  const by = new Map<string, number>();
  for (const p of rest) by.set(p.state, (by.get(p.state) ?? 0) + 1);
  const summary = `${t.more(rest.length)} (${[...by].map(([s, c]) => `${s} ${c}`).join(', ')})`;
  return [...pods.slice(0, n), { namespace: '', name: `+${rest.length}`, phase: '', state: summary, restarts: 0 }];
}

// ---- Compose ----

class ComposePicture {
  readonly #t: Text;
  readonly #stats: Stats;
  readonly #engine: () => DockerEngine | undefined;
  readonly #root: HTMLElement;
  #sig = '';
  readonly changed: () => void;

  constructor(body: HTMLElement, engine: () => DockerEngine | undefined, t: Text, stats: Stats) {
    this.#t = t;
    this.#stats = stats;
    this.#engine = engine;
    this.#root = h('div', { class: 'kl-compose' });
    body.replaceChildren(this.#root);
    this.changed = batcher(() => this.#render());
    this.changed();
  }

  #render(): void {
    const engine = this.#engine();
    const v: ComposeView = engine ? composeView(engine) : { projects: [], loose: [] };
    this.#stats.views++;
    const sig = JSON.stringify(v);
    if (sig === this.#sig) return;
    this.#sig = sig;
    const start = performance.now();
    this.#root.replaceChildren(...this.#draw(v));
    this.#stats.draws++;
    this.#stats.lastDrawMs = performance.now() - start;
  }

  #draw(v: ComposeView): Node[] {
    const t = this.#t;
    if (!v.projects.length && !v.loose.length) return [h('p', { class: 'kl-status' }, t.noContainers)];
    const chip = (c: ContainerView) =>
      h(
        'li',
        { class: `kl-ctr ${c.state}${c.health ? ` ${c.health}` : ''}` },
        h('b', {}, c.name),
        h('i', {}, c.state === 'exited' ? `exited (${c.exitCode})` : c.state, c.health ? ` · ${c.health}` : '', c.restarts ? ` · ${t.restarts} ${c.restarts}` : ''),
        c.ports.length ? h('span', {}, c.ports.join(', ')) : null,
      );
    const out: Node[] = [];
    for (const p of v.projects) {
      out.push(
        h(
          'section',
          { class: 'kl-project' },
          h('header', {}, p.name),
          h('h4', {}, t.services),
          h('div', { class: 'kl-services' }, ...p.services.map((s) => h('div', { class: 'kl-service' }, h('b', {}, s.name), h('ul', { class: 'kl-ctrs' }, ...s.containers.map(chip))))),
          h(
            'div',
            { class: 'kl-infra' },
            h('div', {}, h('h4', {}, t.networks), h('ul', {}, ...p.networks.map((n) => h('li', { class: 'kl-net' }, h('b', {}, n.name), ` ${n.subnet} `, h('small', {}, n.containers.join(', ')))))),
            h('div', {}, h('h4', {}, t.volumes), h('ul', {}, ...p.volumes.map((vol) => h('li', { class: 'kl-vol' }, h('b', {}, vol.name), ' ', h('small', {}, vol.containers.join(', ')))))),
          ),
        ),
      );
    }
    if (v.loose.length) out.push(h('section', { class: 'kl-project' }, h('header', {}, t.loose), h('ul', { class: 'kl-ctrs' }, ...v.loose.map(chip))));
    return out;
  }
}
