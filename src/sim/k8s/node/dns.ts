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
}

export type DnsAnswer = { ok: true; fqdn: string; ip: string } | { ok: false; error: string };

export function searchPath(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** An absolute name's answer, or undefined (NXDOMAIN). */
function answer(fqdn: string, services: DnsService[]): string | undefined {
  const svc = new RegExp(`^([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\.${CLUSTER_DOMAIN.replace('.', '\\.')}$`).exec(fqdn);
  if (svc) return services.find((s) => s.name === svc[1] && s.namespace === svc[2] && s.clusterIP !== 'None')?.clusterIP;
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
