import type { SimError } from '../../errors.ts';
import type { WatchEvent } from './types.ts';
import { type KeyRange, inRange } from './range.ts';

/** History a new watcher replays: every event from `fromRev` (inclusive) on, or why not. */
export type HistorySource = (fromRev: number) => { ok: true; events: WatchEvent[] } | { ok: false; error: SimError };

interface Watcher {
  range: KeyRange;
  onEvents: (events: WatchEvent[]) => void;
  /** The lowest revision this watcher has not seen yet: it never gets one twice or out of order. */
  nextRev: number;
  cancelled: boolean;
}

/**
 * Fans committed events out to watchers, synchronously and in revision order.
 * A watcher callback may write (the API server reacts to what it watches):
 * those events are queued and delivered after the current batch, so every
 * watcher still sees revisions in increasing order.
 */
export class WatchHub {
  #watchers: Watcher[] = [];
  #queue: { events: WatchEvent[]; only?: Watcher }[] = [];
  #delivering = false;

  /**
   * Registers a watcher. With startRevision it first replays history from
   * there; onError gets Compacted (and the watch is gone) when that history
   * has been compacted away.
   */
  add(
    range: KeyRange,
    startRevision: number | undefined,
    currentRevision: number,
    history: HistorySource,
    onEvents: (events: WatchEvent[]) => void,
    onError?: (e: SimError) => void,
  ): () => void {
    const w: Watcher = { range, onEvents, nextRev: currentRevision + 1, cancelled: false };
    if (startRevision !== undefined && startRevision > 0 && startRevision <= currentRevision) {
      const past = history(startRevision);
      if (!past.ok) {
        onError?.(past.error);
        return () => {};
      }
      w.nextRev = startRevision;
      this.#watchers.push(w);
      this.#queue.push({ events: past.events, only: w });
      this.#drain();
    } else {
      if (startRevision !== undefined && startRevision > currentRevision) w.nextRev = startRevision;
      this.#watchers.push(w);
    }
    return () => {
      w.cancelled = true;
      this.#watchers = this.#watchers.filter((x) => x !== w);
    };
  }

  /** Delivers one commit's events (all of one revision) to every matching watcher. */
  publish(events: WatchEvent[]): void {
    if (events.length === 0) return;
    this.#queue.push({ events });
    this.#drain();
  }

  get size(): number {
    return this.#watchers.length;
  }

  #drain(): void {
    if (this.#delivering) return;
    this.#delivering = true;
    try {
      for (let item = this.#queue.shift(); item; item = this.#queue.shift()) {
        const targets = item.only ? [item.only] : [...this.#watchers];
        for (const w of targets) {
          if (w.cancelled) continue;
          const mine = item.events.filter((e) => e.kv.modRevision >= w.nextRev && inRange(w.range, e.kv.key));
          if (mine.length === 0) continue;
          w.nextRev = mine[mine.length - 1]!.kv.modRevision + 1;
          w.onEvents(mine);
        }
      }
    } finally {
      this.#delivering = false;
    }
  }
}
