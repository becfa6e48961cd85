/**
 * A fixed-capacity ring buffer: push is O(1) and the oldest entry is
 * overwritten once full (an array with splice(0, 1) per push was 10-14% of
 * CPU in the API server's trace log).
 */
export class Ring<T> {
  readonly capacity: number;
  #buf: (T | undefined)[];
  /** Index of the next write. */
  #head = 0;
  #size = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.#buf = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.#size;
  }

  push(v: T): void {
    this.#buf[this.#head] = v;
    this.#head = (this.#head + 1) % this.capacity;
    if (this.#size < this.capacity) this.#size++;
  }

  /** The newest n entries, oldest first. */
  last(n: number): T[] {
    const k = Math.max(0, Math.min(Math.floor(n), this.#size));
    const out = new Array<T>(k);
    let i = (this.#head - k + this.capacity) % this.capacity;
    for (let j = 0; j < k; j++) {
      out[j] = this.#buf[i] as T;
      i = i + 1 === this.capacity ? 0 : i + 1;
    }
    return out;
  }

  clear(): void {
    this.#buf = new Array<T | undefined>(this.capacity);
    this.#head = 0;
    this.#size = 0;
  }
}
