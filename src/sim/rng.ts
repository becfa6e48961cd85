/**
 * Seeded pseudo-random numbers (sfc32 seeded through splitmix32). The only
 * source of randomness in the simulator: container IDs, pod name suffixes,
 * scheduler tie breaks. Same seed, same sequence, on every platform.
 */
const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const HEX_SCRATCH: number[][] = [];

export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = split();
    this.#b = split();
    this.#c = split();
    this.#d = split();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    if (!(n > 0)) throw new RangeError(`Rng.int needs n > 0, got ${n}`);
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /**
   * n lowercase hex digits, e.g. for container and image IDs: eight from each
   * number, most significant first. Built as one flat string from char codes:
   * concatenated pieces were a rope of 8 strings kept for each 64-digit ID.
   * The codes go in a scratch array per length, reused: only the string is new.
   */
  hex(n: number): string {
    const codes = n <= 256 ? (HEX_SCRATCH[n] ??= new Array<number>(n).fill(0)) : new Array<number>(n).fill(0);
    for (let i = 0; i < n; i += 8) {
      const x = this.nextUint32();
      for (let j = 0; j < 8 && i + j < n; j++) codes[i + j] = HEX_CODES[(x >>> (28 - 4 * j)) & 15]!;
    }
    return String.fromCharCode.apply(null, codes);
  }

  /** Kubernetes-style random suffix: consonants and digits without vowels (no words). */
  k8sSuffix(n: number): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }
}
