import type { VirtualClock } from '../../clock.ts';

/**
 * The events behind Compose's `[+] Running 4/4` block: one row per resource,
 * its latest status, and when it started and finished in virtual time. The
 * shell draws it; the engine only records.
 */
export interface ProgressRow {
  id: string;
  status: string;
  /** Compose's event statuses (pkg/progress/event.go): Working, Done, Warning, Error. */
  state: 'working' | 'done' | 'warning' | 'error';
  start: number;
  end: number;
}

/** One event as it happened: the plain (non-terminal) writer prints each of these on its own line. */
export interface ProgressEvent {
  id: string;
  status: string;
}

export class Progress {
  readonly title: string;
  readonly rows: ProgressRow[] = [];
  readonly events: ProgressEvent[] = [];
  /**
   * Pull events carry their status as Compose's event Text rather than its
   * StatusText, which the plain writer prints with one space less.
   */
  textStatus = false;
  readonly #clock: VirtualClock;

  constructor(clock: VirtualClock, title = 'Running') {
    this.#clock = clock;
    this.title = title;
  }

  /** Records an event; a row keeps its first start time and takes the latest status. */
  event(id: string, status: string, state: ProgressRow['state'] = 'done'): void {
    const now = this.#clock.now();
    this.events.push({ id, status });
    const row = this.rows.find((r) => r.id === id);
    if (row) {
      row.status = status;
      row.state = state;
      row.end = now;
    } else this.rows.push({ id, status, state, start: now, end: now });
  }

  /** Starts a row and moves the clock by ms while it works. */
  timed(id: string, working: string, done: string, ms: number): void {
    this.event(id, working, 'working');
    if (ms > 0) this.#clock.advance(ms);
    this.event(id, done, 'done');
  }
}

export type Section = { kind: 'progress'; progress: Progress } | { kind: 'text'; lines: string[] };

/** What a Compose operation reports: its sections in order, then errors and warnings for stderr. */
export interface OpReport {
  sections: Section[];
  errors: string[];
  warnings: string[];
}

export const newReport = (): OpReport => ({ sections: [], errors: [], warnings: [] });
