import type { PortMapping } from '../types.ts';

/** The most ports one range may expand to; bigger ranges are refused so a typo cannot flood the engine. */
export const MAX_RANGE = 100;

export type PortsResult = { ok: true; value: PortMapping[] } | { ok: false; error: string };

/**
 * Short syntax `[[ip:]published[-end]:]target[-end][/protocol]`; IPv6 host
 * addresses go in brackets. Matching ranges expand to one mapping per port.
 */
export function parsePortSpec(spec: string): PortsResult {
  let rest = spec.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  if (protocol !== 'tcp' && protocol !== 'udp') {
    return protocol === 'sctp' ? { ok: false, error: `sctp ports are not simulated: ${spec}` } : { ok: false, error: `invalid proto: ${protocol}` };
  }
  let hostIp: string | undefined;
  const v6 = /^\[([0-9a-fA-F:.]+)\]:(.*)$/.exec(rest);
  if (v6) {
    hostIp = v6[1];
    rest = v6[2]!;
  }
  const parts = rest.split(':');
  if (parts.length > 3 || (v6 && parts.length > 2)) return { ok: false, error: `invalid port format: ${spec}` };
  const target = parts[parts.length - 1]!;
  const published = parts.length >= 2 ? parts[parts.length - 2]! : '';
  if (parts.length === 3) hostIp = parts[0]!;
  if (hostIp !== undefined && hostIp !== '' && !isIp(hostIp)) return { ok: false, error: `invalid IP address: ${hostIp}` };
  const t = range(target);
  if (!t) return { ok: false, error: `invalid containerPort: ${target}` };
  const p = published === '' ? undefined : range(published);
  if (published !== '' && !p) return { ok: false, error: `invalid hostPort: ${published}` };
  return expand(spec, t, p, { hostIp: hostIp || undefined, protocol: protocol as 'tcp' | 'udp' });
}

function isIp(s: string): boolean {
  return /^(\d{1,3})(\.\d{1,3}){3}$/.test(s) || /^[0-9a-fA-F:]+$/.test(s);
}

function range(s: string): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 1 || b > 65535 || b < a) return undefined;
  return [a, b];
}

function expand(spec: string, t: [number, number], p: [number, number] | undefined, base: { hostIp?: string; protocol: 'tcp' | 'udp' }): PortsResult {
  const n = t[1] - t[0] + 1;
  if (p && p[1] - p[0] + 1 !== n) {
    // "8000-8010:80" asks the engine to pick a free host port from a range; not modelled.
    return { ok: false, error: `port ranges that do not match are not simulated: ${spec}` };
  }
  if (n > MAX_RANGE) return { ok: false, error: `port ranges longer than ${MAX_RANGE} ports are not simulated: ${spec}` };
  const out: PortMapping[] = [];
  for (let i = 0; i < n; i++) {
    const m: PortMapping = { target: t[0] + i, protocol: base.protocol };
    if (p) m.published = p[0] + i;
    if (base.hostIp) m.hostIp = base.hostIp;
    out.push(m);
  }
  return { ok: true, value: out };
}

/** Long syntax: { target, published, host_ip, protocol }. */
export function parsePortObject(o: { target: number; published?: string | number; host_ip?: string; protocol?: string }): PortsResult {
  const protocol = o.protocol ?? 'tcp';
  if (protocol !== 'tcp' && protocol !== 'udp') return { ok: false, error: `invalid proto: ${protocol}` };
  const t: [number, number] = [o.target, o.target];
  const pub = o.published === undefined || o.published === '' ? undefined : range(String(o.published));
  if (o.published !== undefined && o.published !== '' && !pub) return { ok: false, error: `invalid hostPort: ${o.published}` };
  if (pub && pub[0] !== pub[1]) return { ok: false, error: `port ranges that do not match are not simulated: ${o.published}` };
  return expand(String(o.target), t, pub, { hostIp: o.host_ip, protocol });
}
