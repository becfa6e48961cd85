/**
 * The virtual clock. Simulated time only moves when someone calls advance():
 * `sleep` in the shell, the browser's animation loop, or a test. Timers fire in
 * (time, insertion order), so the same calls always give the same order.
 */
export type TimerId = number;

interface Timer {
  id: TimerId;
  at: number;
  seq: number;
  fn: () => void;
}

/** Simulated wall-clock start: a fixed instant so output never depends on the host. */
export const EPOCH_MS = Date.UTC(2026, 0, 15, 9, 0, 0);

export class VirtualClock {
  #now: number;
  #timers: Timer[] = [];
  #seq = 0;
  #listeners = new Set<(now: number) => void>();

  constructor(startMs = EPOCH_MS) {
    this.#now = startMs;
  }

  /** Milliseconds since the Unix epoch, in simulated time. */
  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, delayMs: number): TimerId {
    if (!Number.isFinite(delayMs) || delayMs < 0) delayMs = 0;
    const id = ++this.#seq;
    this.#timers.push({ id, at: this.#now + delayMs, seq: id, fn });
    return id;
  }

  /** Calls fn every periodMs until the returned cancel function is called. */
  every(periodMs: number, fn: () => void): () => void {
    let id = 0;
    let cancelled = false;
    const tick = () => {
      if (cancelled) return;
      fn();
      if (!cancelled) id = this.setTimeout(tick, periodMs);
    };
    id = this.setTimeout(tick, periodMs);
    return () => {
      cancelled = true;
      this.clearTimeout(id);
    };
  }

  clearTimeout(id: TimerId): void {
    this.#timers = this.#timers.filter((t) => t.id !== id);
  }

  pending(): number {
    return this.#timers.length;
  }

  /** Time of the earliest pending timer, or undefined. */
  nextAt(): number | undefined {
    let min: number | undefined;
    for (const t of this.#timers) if (min === undefined || t.at < min) min = t.at;
    return min;
  }

  /**
   * Moves time forward by ms, firing every timer that falls due on the way
   * (including timers those timers schedule) at its own instant.
   */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    const target = this.#now + ms;
    for (;;) {
      const next = this.#popDue(target);
      if (!next) break;
      this.#now = Math.max(this.#now, next.at);
      next.fn();
    }
    this.#now = target;
    for (const l of this.#listeners) l(this.#now);
  }

  /** Runs timers due now (zero-delay work) without moving time. */
  flush(): void {
    this.advance(0);
  }

  onAdvance(fn: (now: number) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #popDue(target: number): Timer | undefined {
    let best = -1;
    for (let i = 0; i < this.#timers.length; i++) {
      const t = this.#timers[i]!;
      if (t.at > target) continue;
      const b = this.#timers[best];
      if (!b || t.at < b.at || (t.at === b.at && t.seq < b.seq)) best = i;
    }
    if (best < 0) return undefined;
    return this.#timers.splice(best, 1)[0];
  }
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses durations the way GNU sleep and Go do: "10", "10s", "1.5m", "1m30s".
 * A bare number means seconds. Returns undefined for anything else.
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * UNITS[m[2]!]!;
    matched = re.lastIndex;
  }
  if (matched === 0 || matched !== s.length) return undefined;
  return Math.round(total);
}
