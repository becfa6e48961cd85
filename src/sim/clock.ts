/**
 * The virtual clock. Simulated time only moves when someone calls advance():
 * `sleep` in the shell, the browser's animation loop, or a test. Timers fire in
 * (time, insertion order), so the same calls always give the same order.
 */
import { heapPop, heapPush } from './heap.ts';

export type TimerId = number;

interface Timer {
  id: TimerId;
  at: number;
  seq: number;
  fn: () => void;
}

/** Timers fire in (time, insertion order). */
const before = (a: Timer, b: Timer): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** Simulated wall-clock start: a fixed instant so output never depends on the host. */
export const EPOCH_MS = Date.UTC(2026, 0, 15, 9, 0, 0);

export class VirtualClock {
  #now: number;
  /** Binary min-heap on (at, seq); cancelled timers are dropped lazily when they reach the top. */
  #heap: Timer[] = [];
  #cancelled = new Set<TimerId>();
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
    this.#push({ id, at: this.#now + delayMs, seq: id, fn });
    return id;
  }

  /**
   * Calls fn every periodMs until the returned cancel function is called.
   * A period of zero or less would fire forever at one instant and hang
   * advance(), so it is refused: callers validate or default first.
   */
  every(periodMs: number, fn: () => void): () => void {
    if (!Number.isFinite(periodMs) || periodMs <= 0) throw new RangeError(`clock.every needs a positive period, got ${periodMs} ms`);
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
    if (id > 0 && id <= this.#seq) this.#cancelled.add(id);
  }

  pending(): number {
    this.#dropCancelled();
    return this.#heap.length - this.#heap.filter((t) => this.#cancelled.has(t.id)).length;
  }

  /** Time of the earliest pending timer, or undefined. */
  nextAt(): number | undefined {
    this.#dropCancelled();
    return this.#heap[0]?.at;
  }

  /**
   * Moves time forward by ms, firing every timer that falls due on the way
   * (including timers those timers schedule) at its own instant.
   *
   * `stop`, if given, is asked before each timer after
   * the first: when it says so, advance returns false with time at the
   * instant of the last timer fired, and the caller advances the rest later.
   * A page passes "the frame's budget is spent" here so the browser can
   * paint and take input; the same timers fire at the same instants either
   * way. Returns true when time reached now + ms.
   */
  advance(ms: number, stop?: () => boolean): boolean {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    const target = this.#now + ms;
    let fired = false;
    for (;;) {
      this.#dropCancelled();
      const top = this.#heap[0];
      if (!top || top.at > target) break;
      if (fired && stop?.()) {
        for (const l of this.#listeners) l(this.#now);
        return false;
      }
      this.#pop();
      this.#now = Math.max(this.#now, top.at);
      fired = true;
      top.fn();
    }
    this.#now = target;
    for (const l of this.#listeners) l(this.#now);
    return true;
  }

  /** Runs timers due now (zero-delay work) without moving time; false if stopped early (see advance). */
  flush(stop?: () => boolean): boolean {
    return this.advance(0, stop);
  }

  /** Whether a timer is due at the current instant (work a stopped flush left). */
  due(): boolean {
    this.#dropCancelled();
    const top = this.#heap[0];
    return top !== undefined && top.at <= this.#now;
  }


  onAdvance(fn: (now: number) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #dropCancelled(): void {
    while (this.#heap.length && this.#cancelled.has(this.#heap[0]!.id)) this.#cancelled.delete(this.#pop()!.id);
  }

  #push(t: Timer): void {
    heapPush(this.#heap, t, before);
  }

  #pop(): Timer | undefined {
    return heapPop(this.#heap, before);
  }
}
