/**
 * Cluster DNS as CoreDNS answers it for a pod: Service names through the
 * pod's search path (<ns>.svc.cluster.local, svc.cluster.local,
 * cluster.local), fully qualified names, and pod A records
 * (10-244-1-5.default.pod.cluster.local -> 10.244.1.5).
 */
export const CLUSTER_DOMAIN = 'cluster.local';

export interface DnsService {
  namespace: string;
  name: string;
  clusterIP: string;
  /** A headless Service's endpoints (from its EndpointSlices), in slice order. */
  endpoints?: { ip: string; hostname?: string; ready: boolean }[];
}

export type DnsAnswer = { ok: true; fqdn: string; ip: string } | { ok: false; error: string };

export function searchPath(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** An absolute name's answer, or undefined (NXDOMAIN). */
function answer(fqdn: string, services: DnsService[]): string | undefined {
  const domain = CLUSTER_DOMAIN.replace('.', '\\.');
  const svc = new RegExp(`^([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\.${domain}$`).exec(fqdn);
  if (svc) {
    const s = services.find((x) => x.name === svc[1] && x.namespace === svc[2]);
    // A headless Service answers with its ready pods' addresses (the first here, as a client would pick).
    return s?.clusterIP === 'None' ? s.endpoints?.find((e) => e.ready)?.ip : s?.clusterIP;
  }
  // <hostname>.<service>.<ns>.svc: a pod with that hostname behind the headless Service (CoreDNS kubernetes plugin).
  const member = new RegExp(`^([a-z0-9-]+)\\.([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\.${domain}$`).exec(fqdn);
  if (member) {
    const s = services.find((x) => x.name === member[2] && x.namespace === member[3] && x.clusterIP === 'None');
    return s?.endpoints?.find((e) => e.ready && e.hostname === member[1])?.ip;
  }
  const pod = new RegExp(`^(\\d+)-(\\d+)-(\\d+)-(\\d+)\\.([a-z0-9-]+)\\.pod\\.${CLUSTER_DOMAIN.replace('.', '\\.')}$`).exec(fqdn);
  if (pod) return pod.slice(1, 5).join('.');
  return undefined;
}

/** Resolves like glibc/musl with ndots:5: names with fewer than 5 dots try the search path first. */
export function resolveName(name: string, fromNamespace: string, services: DnsService[]): DnsAnswer {
  const n = name.toLowerCase().replace(/\.$/, '');
  const absolute = name.endsWith('.');
  const candidates = absolute ? [n] : n.split('.').length - 1 >= 5 ? [n, ...searchPath(fromNamespace).map((s) => `${n}.${s}`)] : [...searchPath(fromNamespace).map((s) => `${n}.${s}`), n];
  for (const c of candidates) {
    const ip = answer(c, services);
    if (ip) return { ok: true, fqdn: c, ip };
  }
  return { ok: false, error: `curl: (6) Could not resolve host: ${name}` };
}
