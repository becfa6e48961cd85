import type { SimError } from '../../errors.ts';
import type { WatchEvent } from './types.ts';
import { type KeyRange, inRange } from './range.ts';

/** History a new watcher replays: every event from `fromRev` (inclusive) on, or why not. */
export type HistorySource = (fromRev: number) => { ok: true; events: WatchEvent[] } | { ok: false; error: SimError };

interface Watcher {
  /** Registration order: every event reaches its watchers in this order. */
  seq: number;
  group: Group;
  onEvents: (events: WatchEvent[]) => void;
  /** The lowest revision this watcher has not seen yet: it never gets one twice or out of order. */
  nextRev: number;
  cancelled: boolean;
}

/** Watchers of one key range: an event is matched against each distinct range once, not against every watcher. */
interface Group {
  id: string;
  range: KeyRange;
  watchers: Set<Watcher>;
}

/**
 * Fans committed events out to watchers, synchronously and in revision order.
 * Watchers are grouped by key range (etcd's watchableStore keeps them in an
 * interval tree): an event costs one range test per distinct range plus its
 * interested watchers. A watcher callback may write (the API server reacts
 * to what it watches): those events are queued and delivered after the
 * current batch, so every watcher still sees revisions in increasing order.
 */
export class WatchHub {
  #groups = new Map<string, Group>();
  #seq = 0;
  #size = 0;
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
    let past: WatchEvent[] | undefined;
    let nextRev = currentRevision + 1;
    if (startRevision !== undefined && startRevision > 0 && startRevision <= currentRevision) {
      const h = history(startRevision);
      if (!h.ok) {
        onError?.(h.error);
        return () => {};
      }
      past = h.events;
      nextRev = startRevision;
    } else if (startRevision !== undefined && startRevision > currentRevision) nextRev = startRevision;
    const id = `${range.start}\u0000${range.end === undefined ? 'one' : range.end === null ? 'all' : range.end}`;
    let group = this.#groups.get(id);
    if (!group) this.#groups.set(id, (group = { id, range, watchers: new Set() }));
    const w: Watcher = { seq: this.#seq++, group, onEvents, nextRev, cancelled: false };
    group.watchers.add(w);
    this.#size++;
    if (past) {
      this.#queue.push({ events: past, only: w });
      this.#drain();
    }
    return () => {
      if (w.cancelled) return;
      w.cancelled = true;
      this.#size--;
      w.group.watchers.delete(w);
      if (w.group.watchers.size === 0) this.#groups.delete(w.group.id);
    };
  }

  /** Delivers one commit's events (all of one revision) to every matching watcher. */
  publish(events: WatchEvent[]): void {
    // Each member's own hub has no watchers at all (clients watch through the cluster): nothing to queue.
    if (events.length === 0 || this.#groups.size === 0) return;
    this.#queue.push({ events });
    this.#drain();
  }

  get size(): number {
    return this.#size;
  }

  /** The watchers whose range holds a key of events, in registration order. */
  #targets(events: WatchEvent[]): Watcher[] {
    let out: Watcher[] | undefined;
    let groups = 0;
    for (const g of this.#groups.values()) {
      if (!events.some((e) => inRange(g.range, e.kv.key))) continue;
      groups++;
      out = out ? out.concat([...g.watchers]) : [...g.watchers];
    }
    if (!out) return [];
    if (groups > 1) out.sort((a, b) => a.seq - b.seq);
    return out;
  }

  #drain(): void {
    if (this.#delivering) return;
    this.#delivering = true;
    try {
      for (let item = this.#queue.shift(); item; item = this.#queue.shift()) {
        const targets = item.only ? [item.only] : this.#targets(item.events);
        for (const w of targets) {
          if (w.cancelled) continue;
          const mine = item.events.length === 1 ? (wanted(w, item.events[0]!) ? item.events : []) : item.events.filter((e) => wanted(w, e));
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

/** Whether w has yet to see e and its range holds e's key. */
function wanted(w: Watcher, e: WatchEvent): boolean {
  return e.kv.modRevision >= w.nextRev && inRange(w.group.range, e.kv.key);
}
