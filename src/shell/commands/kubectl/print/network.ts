import type { EndpointSlice, Endpoints, Service } from '../../../../sim/k8s/api/types.ts';
import { translateTimestampSince } from './age.ts';
import { formatLabels, listWithMore, type ResourcePrinter } from './format.ts';

/** Service spec fields the shared types do not carry yet, read with their real names. */
export type ServiceExtra = Service & {
  spec: Service['spec'] & { externalIPs?: string[]; ipFamilies?: string[]; ipFamilyPolicy?: string; externalTrafficPolicy?: string; internalTrafficPolicy?: string; loadBalancerIP?: string };
};

/** makePortString: `80/TCP`, `80:30080/TCP`, joined by commas. */
export function servicePorts(svc: Service): string {
  return (svc.spec.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function loadBalancerIPs(svc: Service, wide: boolean): string {
  const r = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean).join(',');
  return !wide && r.length > 16 ? `${r.slice(0, 13)}...` : r;
}

export function serviceExternalIP(svc: ServiceExtra, wide: boolean): string {
  const ext = svc.spec.externalIPs ?? [];
  switch (svc.spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIPs(svc, wide);
      if (ext.length) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
  }
  return '<unknown>';
}

export const servicePrinter: ResourcePrinter<Service> = {
  columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wideColumns: ['SELECTOR'],
  row(svc, now, wide) {
    // The API server always fills clusterIPs; fall back to clusterIP for objects built by hand.
    const ip = svc.spec.clusterIPs?.[0] ?? svc.spec.clusterIP ?? '<none>';
    const cells = [svc.metadata.name, svc.spec.type ?? 'ClusterIP', ip || '<none>', serviceExternalIP(svc, wide), servicePorts(svc) || '<none>', translateTimestampSince(svc.metadata.creationTimestamp, now)];
    if (wide) cells.push(formatLabels(svc.spec.selector));
    return cells;
  },
};

/** formatEndpoints: up to three `ip:port`, then `+ N more...`; `<none>` without subsets. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(`${a.ip.includes(':') ? `[${a.ip}]` : a.ip}:${port.port}`);
      }
    }
  }
  return listWithMore(list, more, count, max);
}

export const endpointsPrinter: ResourcePrinter<Endpoints> = {
  columns: ['NAME', 'ENDPOINTS', 'AGE'],
  wideColumns: [],
  row: (ep, now) => [ep.metadata.name, formatEndpoints(ep), translateTimestampSince(ep.metadata.creationTimestamp, now)],
};

function cutList(values: string[]): string {
  const max = 3;
  const ret = listWithMore(values.slice(0, max), values.length > max, values.length, max);
  return ret || '<unset>';
}

export const endpointSlicePrinter: ResourcePrinter<EndpointSlice> = {
  columns: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
  wideColumns: [],
  row: (s, now) => [
    s.metadata.name,
    s.addressType,
    cutList((s.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : p.name !== undefined ? p.name : '*'))),
    cutList((s.endpoints ?? []).flatMap((e) => e.addresses)),
    translateTimestampSince(s.metadata.creationTimestamp, now),
  ],
};
