/**
 * kube-proxy in iptables mode for one node: watches Services and
 * EndpointSlices and keeps this node's *nat rules (KUBE-SERVICES ->
 * KUBE-SVC-<hash> -> KUBE-SEP-<hash> DNAT, picked with -m statistic). Traffic
 * to a cluster IP is resolved with the node's CURRENT rules, so a stopped
 * kube-proxy keeps sending to stale endpoints.
 */
import type { VirtualClock } from '../../clock.ts';
import type { Rng } from '../../rng.ts';
import type { EndpointSlice, Service } from '../api/types.ts';
import type { ProxyClient, StopWatch } from './client.ts';
import { base32, sha256 } from './sha256.ts';

export interface ProxyEndpoint {
  ip: string;
  port: number;
  chain: string;
}

export interface ProxyServicePort {
  /** "default/web:http" (no ":name" for an unnamed port). */
  name: string;
  chain: string;
  clusterIP: string;
  port: number;
  protocol: string;
  nodePort?: number;
  endpoints: ProxyEndpoint[];
}

/**
 * Chain names already computed, shared by every node's kube-proxy: each one
 * rebuilds its rules on every EndpointSlice event and would hash the same
 * endpoints again (a SHA-256 per endpoint per node: 6% of a 2,000-node boot).
 * The hash is a pure function of its input, so sharing changes no output.
 */
const chainMemo = new Map<string, string>();
const CHAIN_MEMO_MAX = 50_000;

/** kube-proxy's chain hash: base32(sha256(servicePortName + protocol [+ endpoint]))[:16]. */
export function chainHash(...parts: string[]): string {
  const input = parts.join('');
  let h = chainMemo.get(input);
  if (h === undefined) {
    h = base32(sha256(input)).slice(0, 16);
    // Bounded: forget everything rather than grow with every pod IP a long run ever had.
    if (chainMemo.size >= CHAIN_MEMO_MAX) chainMemo.clear();
    chainMemo.set(input, h);
  }
  return h;
}

export function buildRules(services: Service[], slices: EndpointSlice[]): ProxyServicePort[] {
  const out: ProxyServicePort[] = [];
  const sorted = [...services].sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
  for (const svc of sorted) {
    const ip = svc.spec.clusterIP;
    if (!ip || ip === 'None' || svc.spec.type === 'ExternalName') continue;
    const ns = svc.metadata.namespace ?? 'default';
    const mine = slices.filter((s) => (s.metadata.namespace ?? 'default') === ns && s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name);
    for (const sp of svc.spec.ports ?? []) {
      const protocol = (sp.protocol ?? 'TCP').toLowerCase();
      const name = `${ns}/${svc.metadata.name}${sp.name ? `:${sp.name}` : ''}`;
      const eps: ProxyEndpoint[] = [];
      for (const sl of mine) {
        const port = (sl.ports ?? []).find((p) => (p.name ?? '') === (sp.name ?? ''))?.port;
        if (port === undefined) continue;
        for (const e of sl.endpoints) {
          // Only ready endpoints get a KUBE-SEP chain (terminating ones are a fallback we leave out).
          if (e.conditions?.ready === false) continue;
          for (const a of e.addresses) eps.push({ ip: a, port, chain: `KUBE-SEP-${chainHash(name, protocol, `${a}:${port}`)}` });
        }
      }
      eps.sort((a, b) => a.chain.localeCompare(b.chain));
      out.push({ name, chain: `KUBE-SVC-${chainHash(name, protocol)}`, clusterIP: ip, port: sp.port, protocol, ...(sp.nodePort ? { nodePort: sp.nodePort } : {}), endpoints: eps });
    }
  }
  return out;
}

const comment = (c: string) => (/\s/.test(c) ? `"${c}"` : c);

/** iptables-save output for the rules (probabilities as iptables-save prints them: 11 decimals). */
export function renderIptables(rules: ProxyServicePort[], clusterCIDR: string, when: string): string {
  const chains = ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ'];
  const body: string[] = [];
  const filter: string[] = [];
  const svcRules: string[] = [];
  for (const r of rules) {
    const p = `-p ${r.protocol} -m ${r.protocol}`;
    if (r.endpoints.length === 0) {
      filter.push(`-A KUBE-SERVICES -d ${r.clusterIP}/32 -p ${r.protocol} -m comment --comment ${comment(`${r.name} has no endpoints`)} -m ${r.protocol} --dport ${r.port} -j REJECT --reject-with icmp-port-unreachable`);
      continue;
    }
    chains.push(r.chain);
    svcRules.push(`-A KUBE-SERVICES -d ${r.clusterIP}/32 -p ${r.protocol} -m comment --comment ${comment(`${r.name} cluster IP`)} -m ${r.protocol} --dport ${r.port} -j ${r.chain}`);
    if (r.nodePort) {
      const ext = r.chain.replace('KUBE-SVC-', 'KUBE-EXT-');
      chains.push(ext);
      body.push(`-A KUBE-NODEPORTS -p ${r.protocol} -m comment --comment ${comment(r.name)} -m ${r.protocol} --dport ${r.nodePort} -j ${ext}`);
      body.push(`-A ${ext} -m comment --comment ${comment(`masquerade traffic for ${r.name} external destinations`)} -j KUBE-MARK-MASQ`);
      body.push(`-A ${ext} -j ${r.chain}`);
    }
    body.push(`-A ${r.chain} ! -s ${clusterCIDR} -d ${r.clusterIP}/32 ${p.replace(` -m ${r.protocol}`, '')} -m comment --comment ${comment(`${r.name} cluster IP`)} -m ${r.protocol} --dport ${r.port} -j KUBE-MARK-MASQ`);
    r.endpoints.forEach((e, i) => {
      const left = r.endpoints.length - i;
      const stat = left > 1 ? ` -m statistic --mode random --probability ${(1 / left).toFixed(11)}` : '';
      body.push(`-A ${r.chain} -m comment --comment ${comment(`${r.name} -> ${e.ip}:${e.port}`)}${stat} -j ${e.chain}`);
    });
    for (const e of r.endpoints) {
      chains.push(e.chain);
      body.push(`-A ${e.chain} -s ${e.ip}/32 -m comment --comment ${comment(r.name)} -j KUBE-MARK-MASQ`);
      body.push(`-A ${e.chain} ${p.replace(` -m ${r.protocol}`, '')} -m comment --comment ${comment(r.name)} -m ${r.protocol} -j DNAT --to-destination ${e.ip}:${e.port}`);
    }
  }
  const out = [`# Generated by iptables-save v1.8.9 (nf_tables) on ${when}`, '*filter', ':KUBE-SERVICES - [0:0]', ...filter, 'COMMIT', `# Completed on ${when}`];
  out.push(`# Generated by iptables-save v1.8.9 (nf_tables) on ${when}`, '*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]');
  for (const c of chains) out.push(`:${c} - [0:0]`);
  out.push(
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    ...svcRules,
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    ...body,
    'COMMIT',
    `# Completed on ${when}`,
    '',
  );
  return out.join('\n');
}

export interface KubeProxyOptions {
  nodeName: string;
  client: ProxyClient;
  clock: VirtualClock;
  rng: Rng;
  clusterCIDR?: string;
}

export class KubeProxy {
  readonly nodeName: string;
  readonly #o: KubeProxyOptions;
  #services = new Map<string, Service>();
  #slices = new Map<string, EndpointSlice>();
  #rules: ProxyServicePort[] = [];
  #stops: StopWatch[] = [];

  constructor(opts: KubeProxyOptions) {
    this.#o = opts;
    this.nodeName = opts.nodeName;
  }

  start(): void {
    if (this.#stops.length) return;
    const { client } = this.#o;
    const key = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
    const svcs = client.listServices();
    const sls = client.listEndpointSlices();
    this.#services.clear();
    this.#slices.clear();
    if (svcs.ok) for (const s of svcs.value.items) this.#services.set(key(s), s);
    if (sls.ok) for (const s of sls.value.items) this.#slices.set(key(s), s);
    this.#sync();
    this.#stops.push(
      client.watchServices({ resourceVersion: svcs.ok ? svcs.value.resourceVersion : '0' }, (e) => {
        if (e.type === 'DELETED') this.#services.delete(key(e.object));
        else this.#services.set(key(e.object), e.object);
        this.#sync();
      }),
      client.watchEndpointSlices({ resourceVersion: sls.ok ? sls.value.resourceVersion : '0' }, (e) => {
        if (e.type === 'DELETED') this.#slices.delete(key(e.object));
        else this.#slices.set(key(e.object), e.object);
        this.#sync();
      }),
    );
  }

  /** The rules stay as they were: stale until start() resyncs. */
  stop(): void {
    for (const s of this.#stops) s();
    this.#stops = [];
  }

  get running(): boolean {
    return this.#stops.length > 0;
  }

  rules(): ProxyServicePort[] {
    return structuredClone(this.#rules);
  }

  renderIptables(): string {
    return renderIptables(this.#rules, this.#o.clusterCIDR ?? '10.244.0.0/16', new Date(this.#o.clock.now()).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 $4'));
  }

  /**
   * Where a connection to clusterIP:port (or this node's NodePort) goes: walks
   * the KUBE-SVC chain like the kernel, each rule taking its probability.
   * undefined = no rule (connection refused / REJECT).
   */
  resolve(ip: string, port: number): { ip: string; port: number } | undefined {
    const r = this.#rules.find((x) => x.clusterIP === ip && x.port === port);
    if (!r || r.endpoints.length === 0) return undefined;
    for (let i = 0; i < r.endpoints.length; i++) {
      const left = r.endpoints.length - i;
      if (left === 1 || this.#o.rng.next() < 1 / left) return { ip: r.endpoints[i]!.ip, port: r.endpoints[i]!.port };
    }
    return undefined;
  }

  resolveNodePort(port: number): { ip: string; port: number } | undefined {
    const r = this.#rules.find((x) => x.nodePort === port);
    return r ? this.resolve(r.clusterIP, r.port) : undefined;
  }

  #sync(): void {
    this.#rules = buildRules([...this.#services.values()], [...this.#slices.values()]);
  }
}
