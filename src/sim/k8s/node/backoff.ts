/**
 * The kubelet's per-container back-off (client-go flowcontrol.Backoff as the
 * kubelet configures it): the first retry waits the initial period, each
 * further one doubles up to the cap, and an entry untouched for the reset
 * window starts over.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  resetMs: number;
}

export class Backoff {
  readonly #p: BackoffPolicy;
  #entries = new Map<string, { delayMs: number; lastUpdate: number }>();

  constructor(policy: BackoffPolicy) {
    this.#p = policy;
  }

  /** Records a failure at `now` and returns how long to wait before the next try. */
  next(key: string, now: number): number {
    const e = this.#entries.get(key);
    let delayMs: number;
    if (!e || now - e.lastUpdate > this.#p.resetMs) delayMs = this.#p.initialMs;
    else delayMs = Math.min(e.delayMs * 2, this.#p.maxMs);
    this.#entries.set(key, { delayMs, lastUpdate: now });
    return delayMs;
  }

  /** client-go IsInBackOffSince: is `since + current delay` still in the future? */
  inBackOffSince(key: string, since: number, now: number): boolean {
    const e = this.#entries.get(key);
    return !!e && now - since < e.delayMs;
  }

  /** The current delay without recording anything (0 when there is none). */
  current(key: string): number {
    return this.#entries.get(key)?.delayMs ?? 0;
  }

  /** Refreshes the entry's time, e.g. while a container is still running. */
  touch(key: string, now: number): void {
    const e = this.#entries.get(key);
    if (e) e.lastUpdate = now;
  }

  reset(key: string): void {
    this.#entries.delete(key);
  }
}
