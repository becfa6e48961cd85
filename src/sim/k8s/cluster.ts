import type { World } from '../world.ts';
import type { EndpointSlice, Endpoints, Node, Service } from './api/types.ts';
import { getApiServer, type ApiServer } from './apiserver/index.ts';
import { getEtcdCluster, type EtcdCluster } from './etcd/index.ts';
import { EventRecorder } from './events.ts';
import { controllerClient } from './adapters/controllers.ts';
import { kubeletClient, proxyClient } from './adapters/node.ts';
import { schedulerClient } from './adapters/scheduler.ts';
import { watchOf } from './adapters/common.ts';
import { ControllerManager } from './controllers/manager.ts';
import { LocalPathProvisioner } from './storage/local-path.ts';
import { MetricsServer, METRICS_SERVER_IMAGE } from './metrics-server.ts';
import type { Deployment } from './api/types.ts';
import { STANDARD_STORAGE_CLASS } from './addons.ts';
/** The cluster's kube-controller-manager --node-monitor-grace-period, for tools that explain node failure. */
export { NODE_MONITOR_GRACE_MS } from './controllers/nodelifecycle.ts';
import { ContainerRuntime } from './node/runtime.ts';
import { Kubelet } from './node/kubelet.ts';
import { kubeletServer } from './node/server.ts';
import { KubeProxy } from './node/kube-proxy.ts';
import { resolveName, type DnsService } from './node/dns.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { internalIPAt, MAX_NODES, podCIDRAt, workerName } from './node-specs.ts';
import { controlPlaneStaticPods, COREDNS, KUBE_DNS, KUBE_PROXY, SYSTEM_IMAGES } from './addons.ts';

/**
 * A small cluster like a fresh local kind cluster: one control-plane node and
 * two workers. Every actor gets its own client from the API server (so the
 * trace knows who asked) and none of them touches another directly; only the
 * API server holds the etcd client.
 */
export interface NodeSpecSim {
  name: string;
  podCIDR: string;
  internalIP: string;
  controlPlane: boolean;
}

export const DEFAULT_NODES: readonly NodeSpecSim[] = [
  // `kind create cluster` with one control-plane and two workers names them <cluster>-control-plane, <cluster>-worker,
  // <cluster>-worker2 (kind pkg/cluster/internal/create/actions/config: MakeNodeNamer), the cluster being "kind".
  { name: 'kind-control-plane', podCIDR: '10.244.0.0/24', internalIP: '172.18.0.2', controlPlane: true },
  { name: workerName(1), podCIDR: '10.244.1.0/24', internalIP: '172.18.0.3', controlPlane: false },
  { name: workerName(2), podCIDR: '10.244.2.0/24', internalIP: '172.18.0.4', controlPlane: false },
];

/** Images a kind node image ships with, so system pods start without a pull. */
const PRELOADED: string[] = SYSTEM_IMAGES;

export interface SimNode {
  spec: NodeSpecSim;
  runtime: ContainerRuntime;
  kubelet: Kubelet;
  proxy: KubeProxy;
}

export type ComponentName = 'apiserver' | 'scheduler' | 'controller-manager';

export class Cluster {
  readonly world: World;
  readonly etcd: EtcdCluster;
  readonly api: ApiServer;
  readonly scheduler: Scheduler;
  readonly controllers: ControllerManager;
  /** kind's local-path-provisioner (an external provisioner with its own API identity). */
  readonly provisioner: LocalPathProvisioner;
  readonly nodes = new Map<string, SimNode>();
  #services = new Map<string, DnsService>();
  #slices = new Map<string, EndpointSlice>();
  #cidrIndex: number;

  /** The rest of a boot made with opts.steps (see bootStep). */
  #boot?: Iterator<void>;

  /**
   * opts.flush false: the caller runs the zero-delay work of the boot itself (a page does, in slices: packs/k8s.ts).
   * opts.steps: the constructor only makes the components; the caller then joins the nodes and starts the
   * controllers with bootStep(), one step at a time (the same calls in the same order, so the same cluster).
   */
  constructor(world: World, nodes: readonly NodeSpecSim[] = DEFAULT_NODES, opts: { flush?: boolean; steps?: boolean } = {}) {
    this.world = world;
    this.#cidrIndex = nodes.length;
    this.etcd = getEtcdCluster(world);
    this.api = getApiServer(world);
    const sched = this.api.as('kube-scheduler');
    this.scheduler = new Scheduler({ client: schedulerClient(sched, new EventRecorder(world, sched)), clock: world.clock, rng: world.rng });
    const kcm = this.api.as('kube-controller-manager');
    this.controllers = new ControllerManager({ client: controllerClient(kcm, new EventRecorder(world, kcm)), clock: world.clock });
    const lpp = this.api.as('local-path-provisioner');
    this.provisioner = new LocalPathProvisioner({ client: controllerClient(lpp, new EventRecorder(world, lpp)), clock: world.clock });
    // CoreDNS: watches Services through the API server like every other client.
    const dns = this.api.as('coredns');
    watchOf<Service>(dns, 'services', {}, (e) => {
      const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
      if (e.type === 'DELETED') this.#services.delete(key);
      else this.#services.set(key, { namespace: e.object.metadata.namespace ?? 'default', name: e.object.metadata.name, clusterIP: e.object.spec.clusterIP ?? 'None' });
    });
    // …and EndpointSlices, for headless Services: their pods' addresses and per-pod names (web-0.nginx).
    watchOf<EndpointSlice>(dns, 'endpointslices', {}, (e) => {
      const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
      if (e.type === 'DELETED') this.#slices.delete(key);
      else this.#slices.set(key, e.object);
    });
    // GET componentstatuses: the API server dials each component's health endpoint (kubeadm's secure ports) and each etcd server.
    this.api.connectComponentProbes(() => {
      const down = (url: string) => `Get "${url}": dial tcp ${url.replace(/^https?:\/\//, '').replace(/\/.*$/, '')}: connect: connection refused`;
      const leader = this.etcd.leader();
      return [
        { name: 'scheduler', healthy: this.scheduler.running, message: this.scheduler.running ? 'ok' : down('https://127.0.0.1:10259/healthz') },
        { name: 'controller-manager', healthy: this.controllers.running, message: this.controllers.running ? 'ok' : down('https://127.0.0.1:10257/healthz') },
        ...this.etcd.members().map((m, i) => {
          const up = this.etcd.isRunning(m.name);
          // etcd's /health: 200 {"health":"true"} with a leader, 503 {"health":"false","reason":"RAFT NO LEADER"} without.
          const message = !up ? down(`${m.clientURL}/health`) : leader ? '{"health":"true","reason":""}' : '{"health":"false","reason":"RAFT NO LEADER"}';
          return { name: `etcd-${i}`, healthy: up && !!leader, message };
        }),
      ];
    });
    this.#boot = this.#bootSteps(nodes);
    if (opts.steps) return;
    while (this.bootStep());
    if (opts.flush !== false) world.clock.flush();
  }

  /** Each node joins in a step of its own: a node's kubelet start is the boot's largest piece of work. */
  *#bootSteps(nodes: readonly NodeSpecSim[]): Generator<void> {
    for (const n of nodes) {
      this.addNode(n);
      yield;
    }
    this.#publishApiserverEndpoints();
    this.#installAddons();
    yield;
    this.scheduler.start();
    this.controllers.start();
    this.provisioner.start();
  }

  /** Runs the next step of a stepped boot; false once the cluster is complete. */
  bootStep(): boolean {
    if (!this.#boot) return false;
    if (!this.#boot.next().done) return true;
    this.#boot = undefined;
    return false;
  }

  /** Joins a node: a container runtime, a kubelet that registers the Node, and kube-proxy. */
  addNode(spec: NodeSpecSim | string): SimNode | string {
    if (typeof spec === 'string') return spec;
    if (this.nodes.has(spec.name)) return `node "${spec.name}" already exists`;
    const { world } = this;
    const runtime = new ContainerRuntime({ clock: world.clock, rng: world.rng, preloaded: PRELOADED });
    const staticPods = spec.controlPlane ? controlPlaneStaticPods(spec.internalIP, spec.name) : [];
    const kapi = this.api.as(`kubelet/${spec.name}`);
    const kubelet = new Kubelet({ nodeName: spec.name, podCIDR: spec.podCIDR, internalIP: spec.internalIP, client: kubeletClient(kapi, new EventRecorder(world, kapi)), runtime, clock: world.clock, rng: world.rng, staticPods });
    const proxy = new KubeProxy({ nodeName: spec.name, client: proxyClient(this.api.as(`kube-proxy/${spec.name}`)), clock: world.clock, rng: world.rng });
    const node: SimNode = { spec, runtime, kubelet, proxy };
    runtime.network = {
      connect: (_from, ip, port) => {
        // Service IPs go through this node's kube-proxy rules; pod IPs are routed straight to their node.
        const target = proxy.resolve(ip, port) ?? { ip, port };
        for (const n of this.nodes.values()) {
          const l = n.runtime.listener(target.ip, target.port);
          if (l) return l;
        }
        return undefined;
      },
      lookup: (name, ns) => {
        const a = resolveName(name, ns, this.#dnsServices());
        return a.ok ? a.ip : undefined;
      },
    };
    this.nodes.set(spec.name, node);
    this.api.connectKubelet(spec.name, kubeletServer(runtime));
    kubelet.start();
    proxy.start();
    if (spec.controlPlane) this.#markControlPlane(spec.name);
    return node;
  }

  /** What CoreDNS serves: every Service, headless ones with their slices' endpoints. */
  #dnsServices(): DnsService[] {
    const out: DnsService[] = [];
    for (const svc of this.#services.values()) {
      if (svc.clusterIP !== 'None') {
        out.push(svc);
        continue;
      }
      const endpoints: NonNullable<DnsService['endpoints']> = [];
      for (const sl of this.#slices.values()) {
        if (sl.metadata.namespace !== svc.namespace || sl.metadata.labels?.['kubernetes.io/service-name'] !== svc.name) continue;
        for (const ep of sl.endpoints) for (const ip of ep.addresses) endpoints.push({ ip, ready: ep.conditions?.ready !== false, ...(ep.hostname ? { hostname: ep.hostname } : {}) });
      }
      out.push({ ...svc, endpoints });
    }
    return out;
  }

  /**
   * The apiserver's endpoint reconciler: the `kubernetes` Service has no
   * selector, so the apiserver itself writes its Endpoints and EndpointSlice
   * (the control-plane node's IP, port 6443).
   */
  #publishApiserverEndpoints(): void {
    const cp = [...this.nodes.values()].find((n) => n.spec.controlPlane);
    if (!cp) return;
    const api = this.api.as('kube-apiserver');
    const ip = cp.spec.internalIP;
    const meta = { name: 'kubernetes', namespace: 'default' };
    const port = { name: 'https', port: 6443, protocol: 'TCP' };
    const ep: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { ...meta, labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } }, subsets: [{ addresses: [{ ip }], ports: [port] }] };
    const slice: EndpointSlice = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { ...meta, labels: { 'kubernetes.io/service-name': 'kubernetes' } }, addressType: 'IPv4', endpoints: [{ addresses: [ip], conditions: { ready: true } }], ports: [port] };
    for (const o of [ep, slice]) {
      const r = api.create(o);
      if (!r.ok && r.errors[0].code === 'AlreadyExists') api.update({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });
    }
  }

  /** The addons kubeadm applies after init: kube-proxy's DaemonSet, CoreDNS and its Service. */
  #installAddons(): void {
    const kubeadm = this.api.as('kubeadm');
    for (const o of [KUBE_PROXY, COREDNS, KUBE_DNS]) kubeadm.create(structuredClone(o));
    // kind installs its default StorageClass right after kubeadm (installstorage action).
    this.api.as('kind').create(structuredClone(STANDARD_STORAGE_CLASS));
  }

  /** metrics-server, once installed as an addon (kind does not ship one). */
  metricsServer: MetricsServer | undefined;

  /**
   * Installs metrics-server as the addon manifest does (components.yaml with
   * --kubelet-insecure-tls, which kind needs): its Deployment in kube-system,
   * and the metrics.k8s.io API served from its scrapes. Returns false when it
   * is already there.
   */
  installMetricsServer(): boolean {
    if (this.metricsServer) return false;
    const api = this.api.as('kubectl');
    const labels = { 'k8s-app': 'metrics-server' };
    const args = ['--cert-dir=/tmp', '--secure-port=10250', '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--kubelet-use-node-status-port', '--metric-resolution=15s', '--kubelet-insecure-tls'];
    const d: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'metrics-server', namespace: 'kube-system', labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { serviceAccountName: 'metrics-server', priorityClassName: 'system-cluster-critical', containers: [{ name: 'metrics-server', image: METRICS_SERVER_IMAGE, args, ports: [{ name: 'https', containerPort: 10250, protocol: 'TCP' }], resources: { requests: { cpu: '100m', memory: '200Mi' } } }] } },
      },
    };
    api.create(d);
    api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'metrics-server', namespace: 'kube-system', labels }, spec: { selector: labels, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }] } } as never);
    const ms = new MetricsServer({ clock: this.world.clock, scrape: () => (this.#spreadClientLoad(), [...this.nodes.values()]).map((n) => ({ node: n.spec.name, stats: n.kubelet.running === false ? undefined : kubeletServer(n.runtime).resourceStats?.() })) });
    ms.start();
    this.api.connectMetrics(ms);
    this.metricsServer = ms;
    return true;
  }

  /**
   * Looping clients (`while sleep 0.01; do wget -q -O- http://php-apache; done`)
   * are load on the servers they fetch from: each loop's rate (one request per
   * iteration and URL) goes to the pod behind the name, spread evenly over a
   * Service's ready endpoints as kube-proxy's random choice would on average.
   */
  #spreadClientLoad(): void {
    const servers = new Map<string, { runtime: ContainerRuntime; id: string }[]>();
    for (const n of this.nodes.values())
      for (const sb of n.runtime.sandboxes()) {
        if (sb.state !== 'ready') continue;
        const cs = n.runtime.containersIn(sb.id).filter((c) => c.state === 'running' && (c.program?.listens.length ?? 0) > 0);
        for (const c of cs) c.loadPerSec = 0;
        if (cs.length) servers.set(sb.ip, cs.map((c) => ({ runtime: n.runtime, id: c.id })));
      }
    const services = this.#dnsServices();
    for (const n of this.nodes.values())
      for (const sb of n.runtime.sandboxes()) {
        if (sb.state !== 'ready') continue;
        for (const c of n.runtime.containersIn(sb.id)) {
          const loop = c.state === 'running' ? c.program?.repeat : undefined;
          if (!loop?.fetches?.length || loop.every <= 0) continue;
          const rate = 1000 / loop.every;
          for (const url of loop.fetches) {
            const host = /^(?:https?:\/\/)?([^/:]+)/.exec(url)?.[1];
            if (!host) continue;
            const ip = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : ((a) => (a.ok ? a.ip : undefined))(resolveName(host, sb.namespace, services));
            if (!ip) continue;
            const svc = services.find((s) => s.clusterIP === ip);
            let ips = [ip];
            if (svc) {
              ips = [];
              for (const sl of this.#slices.values())
                if (sl.metadata.namespace === svc.namespace && sl.metadata.labels?.['kubernetes.io/service-name'] === svc.name) for (const ep of sl.endpoints) if (ep.conditions?.ready !== false) ips.push(...ep.addresses);
            }
            const targets = ips.flatMap((x) => servers.get(x)?.slice(0, 1) ?? []);
            for (const t of targets) {
              const rc = t.runtime.container(t.id);
              if (rc) rc.loadPerSec = (rc.loadPerSec ?? 0) + rate / targets.length;
            }
          }
        }
      }
  }

  /** The mirror pod of a control-plane component shows what the simulated component is doing. */
  #reflect(c: ComponentName, running: boolean): void {
    const name = c === 'apiserver' ? 'kube-apiserver' : c === 'scheduler' ? 'kube-scheduler' : 'kube-controller-manager';
    for (const n of this.nodes.values()) if (n.spec.controlPlane) n.kubelet.setStaticPodHealthy(name, running);
  }

  /** What kubeadm does to a control-plane node: its role label and the NoSchedule taint. */
  #markControlPlane(name: string) {
    const kubeadm = this.api.as('kubeadm');
    const got = kubeadm.get<Node>('nodes', undefined, name);
    if (!got.ok) return;
    const n = got.value;
    kubeadm.update<Node>({
      ...n,
      metadata: { ...n.metadata, labels: { ...n.metadata.labels, 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } },
      spec: { ...n.spec, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
    });
  }

  /** The next free pod CIDR and IP for a node added later (10.244.3.0/24, …; see node-specs.ts past 256 nodes). */
  nextNodeSpec(name: string): NodeSpecSim | string {
    const i = this.#cidrIndex;
    if (i >= MAX_NODES) return `the cluster CIDR has no room for more than ${MAX_NODES} nodes`;
    // A name already in use takes no address: addNode will refuse it.
    if (!this.nodes.has(name)) this.#cidrIndex++;
    return { name, podCIDR: podCIDRAt(i), internalIP: internalIPAt(i), controlPlane: false };
  }

  componentRunning(c: ComponentName): boolean {
    if (c === 'apiserver') return this.api.running;
    if (c === 'scheduler') return this.scheduler.running;
    return this.controllers.running;
  }

  stopComponent(c: ComponentName): void {
    if (c === 'apiserver') this.api.stop();
    else if (c === 'scheduler') this.scheduler.stop();
    else this.controllers.stop();
    this.#reflect(c, false);
  }

  startComponent(c: ComponentName): void {
    if (c === 'apiserver') {
      this.api.start();
      this.#publishApiserverEndpoints();
    } else if (c === 'scheduler') this.scheduler.start();
    else this.controllers.start();
    this.#reflect(c, true);
  }
}

/** How long a fresh cluster runs before the learner sees it: nodes Ready, leases renewed. */
export const BOOT_SETTLE_MS = 30_000;

/** The world's cluster, created (and its nodes registered and settled) on first use. */
export function getCluster(world: World): Cluster {
  let fresh = false;
  const c = world.engine('k8s.cluster', (w) => {
    fresh = true;
    return new Cluster(w);
  });
  // Settle outside the factory, so nothing that runs meanwhile can create a second cluster.
  if (fresh) world.clock.advance(BOOT_SETTLE_MS);
  return c;
}
