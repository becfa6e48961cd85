import type { Rng } from '../../rng.ts';

/**
 * Service ClusterIP and NodePort allocation. The bitmaps of the real
 * apiserver are derived here from the stored Services, so they survive a
 * restart with nothing else to keep in sync. Picks are random (from the
 * world's rng) like the real allocators, in the dynamic upper band.
 */
export const SERVICE_CIDR = '10.96.0.0/12';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
export const DNS_SERVICE_IP = '10.96.0.10';
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

const BASE = ipToInt('10.96.0.0');
const SIZE = 1 << 20;
// Dynamic picks avoid the low band users reserve for static IPs (min(max(16, size/16), 256) addresses).
const STATIC_BAND = 256;

export function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  if (p.length !== 4 || p.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) return NaN;
  return ((p[0]! << 24) >>> 0) + (p[1]! << 16) + (p[2]! << 8) + p[3]!;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function inServiceRange(ip: string): boolean {
  const n = ipToInt(ip);
  return n > BASE && n < BASE + SIZE - 1;
}

/** A free ClusterIP, or undefined when the range is full. */
export function allocateClusterIP(used: Set<string>, rng: Rng): string | undefined {
  const span = SIZE - STATIC_BAND - 1;
  const start = rng.int(span);
  for (let i = 0; i < span; i++) {
    const ip = intToIp(BASE + STATIC_BAND + ((start + i) % span));
    if (!used.has(ip) && ip !== DNS_SERVICE_IP) return ip;
  }
  return undefined;
}

export function allocateNodePort(used: Set<number>, rng: Rng): number | undefined {
  const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const start = rng.int(span);
  for (let i = 0; i < span; i++) {
    const p = NODE_PORT_MIN + ((start + i) % span);
    if (!used.has(p)) return p;
  }
  return undefined;
}
