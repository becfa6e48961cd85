/**
 * The variables the kubelet gives every container for Services
 * (pkg/kubelet/envvars FromServices, pkg/kubelet/kubelet_pods.go
 * getServiceEnvVarMap): the `kubernetes` Service of the default namespace
 * always, and with enableServiceLinks (the default) every Service of the pod's
 * namespace that has a cluster IP; per Service `{NAME}_SERVICE_HOST`,
 * `{NAME}_SERVICE_PORT`, one `{NAME}_SERVICE_PORT_{PORTNAME}` per named port,
 * then the Docker link variables `{NAME}_PORT` and `{NAME}_PORT_{port}_{PROTO}[_PROTO|_PORT|_ADDR]`.
 */
import type { Service } from '../api/types.ts';

const envName = (s: string) => s.replace(/-/g, '_').toUpperCase();
const ipSet = (s: Service) => !!s.spec?.clusterIP && s.spec.clusterIP !== 'None';

export function fromServices(services: Service[]): [string, string][] {
  const out: [string, string][] = [];
  for (const s of services) {
    if (!ipSet(s) || !s.spec.ports?.length) continue;
    const ip = s.spec.clusterIP!;
    const prefix = envName(s.metadata.name);
    out.push([`${prefix}_SERVICE_HOST`, ip]);
    out.push([`${prefix}_SERVICE_PORT`, String(s.spec.ports[0]!.port)]);
    for (const p of s.spec.ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
    s.spec.ports.forEach((p, i) => {
      const proto = (p.protocol ?? 'TCP').toLowerCase();
      const hostPort = `${ip.includes(':') ? `[${ip}]` : ip}:${p.port}`;
      if (i === 0) out.push([`${prefix}_PORT`, `${proto}://${hostPort}`]);
      const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      out.push([pp, `${proto}://${hostPort}`], [`${pp}_PROTO`, proto], [`${pp}_PORT`, String(p.port)], [`${pp}_ADDR`, ip]);
    });
  }
  return out;
}

/** The Services whose variables a pod in `namespace` gets: kubernetes.default, and its namespace's when links are enabled. */
export function serviceEnvServices(all: Service[], namespace: string, enableServiceLinks: boolean): Service[] {
  const byName = new Map<string, Service>();
  for (const s of all) {
    const ns = s.metadata.namespace ?? 'default';
    if (!ipSet(s)) continue;
    if (ns === namespace && enableServiceLinks) byName.set(s.metadata.name, s);
  }
  const master = all.find((s) => (s.metadata.namespace ?? 'default') === 'default' && s.metadata.name === 'kubernetes');
  if (master && !byName.has('kubernetes')) byName.set('kubernetes', master);
  return [...byName.values()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}
