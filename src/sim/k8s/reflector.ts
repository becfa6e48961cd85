import type { TimerId, VirtualClock } from '../clock.ts';
import type { Result } from '../errors.ts';

/**
 * client-go's reflector back-off for a failed list or a watch that ended:
 * 800 ms, doubling, at most 30 s (without the jitter, so runs stay
 * deterministic).
 */
export const REFLECTOR_BACKOFF_INITIAL_MS = 800;
export const REFLECTOR_BACKOFF_MAX_MS = 30_000;

export function reflectorBackoffMs(attempt: number): number {
  return Math.min(REFLECTOR_BACKOFF_MAX_MS, REFLECTOR_BACKOFF_INITIAL_MS * 2 ** Math.max(0, Math.min(attempt, 16)));
}

/** Why the reflector lists again: its list failed, its watch could not open, or its watch ended (410 Gone, API server down). */
export type RelistCause = 'list' | 'watch' | 'ended';

/**
 * How one actor lists and watches (client-go's ListerWatcher). L is what the
 * list returns, carrying the resourceVersion (or several) its watch starts
 * from; E is one watch event.
 */
export interface ListerWatcher<L, E> {
  list(): Result<L>;
  /**
   * Opens the watch from what list() returned; returns its stop. onEnd: the
   * watch could not open (called before watch returns) or ended later.
   */
  watch(listed: L, onEvent: (e: E) => void, onEnd: (message?: string) => void): () => void;
}

export interface ReflectorHandlers<L, E> {
  /** A list succeeded: replace the store with it. cause: why this is a relist (undefined: the first list). */
  replace(listed: L, cause: RelistCause | undefined): void;
  /** An event of the current watch. */
  event(e: E): void;
  /** After the watch that follows a list was opened (opened) or failed to open: what must see the store and the watch both. */
  watching?(cause: RelistCause | undefined, opened: boolean): void;
  /** Going to back-off (the store is kept: a handler that must forget it does so here). */
  failed?(cause: RelistCause, message: string): void;
}

export interface Reflector {
  /** The last list succeeded and its watch is open. */
  readonly synced: boolean;
  /** Why the last list or watch failed; undefined once a watch opened. */
  readonly error: string | undefined;
  /** Stops the watch and any pending retry; harmless twice. */
  stop(): void;
}

/**
 * client-go's Reflector.ListAndWatch, small: list, replace the store, watch
 * from the list's resourceVersion; a failed list, a watch that cannot open
 * or one that ends is listed again after the back-off (800 ms doubling to
 * 30 s, counted from the last successful list). Without a clock (unit tests)
 * nothing is retried. The first list runs now, inside this call.
 */
export function listAndWatch<L, E>(lw: ListerWatcher<L, E>, handlers: ReflectorHandlers<L, E>, clock?: VirtualClock): Reflector {
  let stopped = false;
  let attempt = 0;
  let timer: TimerId | 0 = 0;
  let stopWatch: (() => void) | undefined;
  /** Which watch is current: an older one's events and end are ignored. */
  let gen = 0;
  let error: string | undefined;

  const backoff = (cause: RelistCause, message: string) => {
    error = message;
    stopWatch = undefined;
    handlers.failed?.(cause, message);
    if (!clock || stopped) return;
    timer = clock.setTimeout(() => run(cause), reflectorBackoffMs(attempt++));
  };

  const run = (cause: RelistCause | undefined) => {
    timer = 0;
    if (stopped) return;
    const l = lw.list();
    if (!l.ok) return backoff('list', l.errors[0]?.message ?? 'list failed');
    attempt = 0;
    handlers.replace(l.value, cause);
    const g = ++gen;
    let opening = true;
    let openFailed: string | undefined;
    const stop = lw.watch(
      l.value,
      (e) => {
        if (g === gen && !stopped) handlers.event(e);
      },
      (message) => {
        if (g !== gen || stopped) return;
        gen++;
        if (opening) openFailed = message ?? 'watch failed';
        else {
          stop();
          backoff('ended', message ?? 'watch ended');
        }
      },
    );
    opening = false;
    if (openFailed !== undefined) {
      stop();
      backoff('watch', openFailed);
    } else {
      stopWatch = stop;
      error = undefined;
    }
    handlers.watching?.(cause, openFailed === undefined);
  };

  run(undefined);
  return {
    get synced() {
      return !stopped && stopWatch !== undefined;
    },
    get error() {
      return error;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      gen++;
      if (timer) clock?.clearTimeout(timer);
      timer = 0;
      stopWatch?.();
      stopWatch = undefined;
    },
  };
}
