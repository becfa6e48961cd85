/**
 * The kubelet's per-container back-off (client-go flowcontrol.Backoff as the
 * kubelet configures it): the first retry waits the initial period, each
 * further one doubles up to the cap, and an entry whose last retry is more
 * than the reset window (2 x the cap) before the next failure starts over.
 * As in client-go, `lastUpdate` is when Next was called (the restart), so
 * "reset after 10 minutes" means 10 minutes of running, not of waiting.
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

  /** client-go Next(id, eventTime): a failure at eventTime, recorded now; returns the delay before the next try. */
  next(key: string, eventTime: number, now = eventTime): number {
    const e = this.#entries.get(key);
    let delayMs: number;
    if (!e || eventTime - e.lastUpdate > this.#p.resetMs) delayMs = this.#p.initialMs;
    else delayMs = Math.min(e.delayMs * 2, this.#p.maxMs);
    this.#entries.set(key, { delayMs, lastUpdate: now });
    return delayMs;
  }

  /** client-go IsInBackOffSince: an unexpired entry whose delay, counted from `since`, is still running. */
  inBackOffSince(key: string, since: number, now: number): boolean {
    const e = this.#entries.get(key);
    if (!e || since - e.lastUpdate > this.#p.resetMs) return false;
    return now - since < e.delayMs;
  }

  /** The current delay without recording anything (0 when there is none). */
  current(key: string): number {
    return this.#entries.get(key)?.delayMs ?? 0;
  }

  reset(key: string): void {
    this.#entries.delete(key);
  }
}
