/**
 * host-local IPAM for one node's pod CIDR: addresses go out in order from .2
 * (.1 is the bridge gateway), continuing after the last one handed out, so a
 * re-created pod gets a new address; a freed address comes back only after the
 * range wraps around.
 */
export class PodIPAllocator {
  readonly #base: number;
  readonly #size: number;
  #next = 0;
  #inUse = new Set<number>();

  constructor(cidr: string) {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
    if (!m) throw new Error(`bad pod CIDR ${cidr}`);
    const ip = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
    const bits = Number(m[5]);
    this.#size = 2 ** (32 - bits);
    this.#base = ip - (ip % this.#size);
  }

  allocate(): string | undefined {
    const usable = this.#size - 3; // .2 .. broadcast-1
    for (let i = 0; i < usable; i++) {
      const k = (this.#next + i) % usable;
      if (!this.#inUse.has(k + 2)) {
        this.#inUse.add(k + 2);
        this.#next = k + 1;
        return toIP(this.#base + k + 2);
      }
    }
    return undefined;
  }

  release(ip: string): void {
    const [a, b, c, d] = ip.split('.').map(Number) as [number, number, number, number];
    this.#inUse.delete((((a << 24) | (b << 16) | (c << 8) | d) >>> 0) - this.#base);
  }
}

function toIP(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
