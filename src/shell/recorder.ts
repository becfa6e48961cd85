import { MAX_FILE_BYTES } from '../sim/vfs.ts';
import type { Shell, ShellIO } from './shell.ts';

/**
 * Saving a learner's session. The simulator is deterministic, so the whole
 * state is its seed plus what was typed and when (in virtual time): we keep
 * that log and replay it on the next visit instead of serialising every
 * engine. A log that does not parse, is of another version, or does not
 * replay in time is reported and kept aside by the page (runtime.ts), never
 * allowed to break the page or be overwritten silently.
 */
export interface LogEntry {
  /** Virtual milliseconds since the session started. */
  t: number;
  line?: string;
  interrupt?: true;
  /** Ctrl-D at an attached session's prompt. */
  eof?: true;
  /** A file saved from the editor: absolute path and full text. */
  write?: { path: string; text: string };
}

/** The saved format. Version 2 names the tab that wrote it, so another tab can tell its own saves from a concurrent writer's. */
export interface SessionLog {
  /** LOG_VERSION when saved; a share link (components/share/codec.ts) may still carry a version 1 log, which replays the same. */
  v: 1 | typeof LOG_VERSION;
  seed: number;
  entries: LogEntry[];
  /** Id of the tab that saved last. */
  writer?: string;
}

export const LOG_VERSION = 2;

/** Longer logs are not saved: replaying them would slow the page down. The page says so when it happens. */
export const MAX_ENTRIES = 2000;

/** Longest idle time a replay re-runs between two commands: the rest only aged the cluster, and re-running it made a page load grow with the time a tab stayed open. */
export const MAX_REPLAY_GAP_MS = 2 * 60_000;

/** Wall-clock budget of a replay on page load; past it the replay stops and the page offers "keep trying" or "start fresh". */
export const REPLAY_BUDGET_MS = 4000;

export class Recorder {
  readonly log: SessionLog;
  #start: number;
  #overflow = false;
  #onOverflow = new Set<() => void>();

  constructor(shell: Shell, seed: number, start = shell.world.clock.now()) {
    this.log = { v: LOG_VERSION, seed, entries: [] };
    this.#start = start;
    shell.onInput((e) => {
      if (this.log.entries.length >= MAX_ENTRIES) {
        if (!this.#overflow) {
          this.#overflow = true;
          for (const fn of this.#onOverflow) fn();
        }
        return;
      }
      const t = shell.world.clock.now() - this.#start;
      this.log.entries.push(e.type === 'line' ? { t, line: e.line } : e.type === 'write' ? { t, write: { path: e.path, text: e.text } } : e.type === 'eof' ? { t, eof: true } : { t, interrupt: true });
    });
  }

  /** True once the log hit MAX_ENTRIES and stopped recording. */
  get overflow(): boolean {
    return this.#overflow;
  }

  /** Called once, when recording stops at MAX_ENTRIES. */
  onOverflow(fn: () => void): void {
    this.#onOverflow.add(fn);
  }
}

export type LogProblem = 'corrupt' | 'version' | 'too-long';

/** Older formats and how to bring them to LOG_VERSION. Version 1 had no writer. */
const MIGRATIONS: Record<number, (o: Record<string, unknown>) => Record<string, unknown>> = {
  1: (o) => ({ ...o, v: 2 }),
};

/** Checks a saved value's shape, migrating older versions; returns the log or a reason (and its kind) it cannot be used. */
export function parseLog(raw: string | null): { log?: SessionLog; error?: string; problem?: LogProblem; migratedFrom?: number } {
  if (raw === null) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    return { error: `saved session is not valid JSON (${(e as Error).message})`, problem: 'corrupt' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { error: 'saved session has an unknown format', problem: 'corrupt' };
  let o = v as Record<string, unknown>;
  const from = o.v;
  if (typeof from !== 'number' || !Number.isInteger(from)) return { error: 'saved session has an unknown format', problem: 'corrupt' };
  if (from > LOG_VERSION) return { error: `saved session is from a newer version of this site (format ${from})`, problem: 'version' };
  for (let n = from; n < LOG_VERSION; n++) {
    const m = MIGRATIONS[n];
    if (!m) return { error: `saved session has an unknown format (version ${from})`, problem: 'version' };
    o = m(o);
  }
  if (typeof o.seed !== 'number' || !Array.isArray(o.entries) || (o.writer !== undefined && typeof o.writer !== 'string')) return { error: 'saved session has an unknown format', problem: 'corrupt' };
  const entries = o.entries as unknown[];
  if (entries.length > MAX_ENTRIES) return { error: `saved session is too long (${entries.length} entries)`, problem: 'too-long' };
  let last = 0;
  for (const [i, e] of entries.entries()) {
    const x = e as Partial<LogEntry> | null;
    const ok =
      typeof x === 'object' &&
      x !== null &&
      typeof x.t === 'number' &&
      Number.isFinite(x.t) &&
      x.t >= last &&
      (typeof x.line === 'string'
        ? x.line.length <= 16_384
        : x.write !== undefined
          ? typeof x.write === 'object' && x.write !== null && typeof x.write.path === 'string' && x.write.path.startsWith('/') && typeof x.write.text === 'string' && x.write.text.length <= MAX_FILE_BYTES
          : x.interrupt === true || x.eof === true);
    if (!ok) return { error: `saved session entry ${i + 1} is damaged`, problem: 'corrupt' };
    last = x.t!;
  }
  const log = o as unknown as SessionLog;
  return from === LOG_VERSION ? { log } : { log, migratedFrom: from };
}

export interface ReplayOptions {
  prompt?: () => string;
  /** Wall-clock milliseconds the replay may take; checked between commands and during long waits. */
  budgetMs?: number;
  /** Wall clock for the budget (performance.now in the browser). */
  now?: () => number;
  /** Idle time re-run between commands at most (virtual ms). */
  maxGapMs?: number;
}

export interface ReplayResult {
  /** The whole log was replayed. */
  ok: boolean;
  /** Why it stopped early: out of time, or the log no longer fits the simulator (a command still running where the next begins). */
  stopped?: 'budget' | 'diverged';
  /** Log entries replayed. */
  ran: number;
}

/**
 * Replays a log into a fresh shell built with the log's seed, writing the
 * output to io (so the terminal shows the old transcript). Idle gaps longer
 * than maxGapMs are shortened, so the cost follows the commands, not the
 * hours a tab stayed open; past the budget the replay stops where it is.
 */
export function replay(shell: Shell, log: SessionLog, io: ShellIO, opts: ReplayOptions = {}): ReplayResult {
  const prompt = opts.prompt ?? (() => shell.prompt());
  const clock = shell.world.clock;
  const wall = opts.now ?? (() => performance.now());
  const deadline = opts.budgetMs === undefined ? Infinity : wall() + opts.budgetMs;
  const maxGap = opts.maxGapMs ?? MAX_REPLAY_GAP_MS;
  const start = clock.now();
  let skipped = 0;
  let prevT = 0;
  const over = () => wall() > deadline;
  for (const [i, e] of log.entries.entries()) {
    if (over()) return { ok: false, stopped: 'budget', ran: i };
    const gap = e.t - prevT;
    let cut = gap > maxGap ? gap - maxGap : 0;
    skipped += cut;
    prevT = e.t;
    let wait = start + e.t - skipped - clock.now();
    // Long waits run in slices so the budget is checked while time moves.
    while (wait > 0) {
      const step = Math.min(wait, 10_000);
      clock.advance(step);
      wait -= step;
      if (wait > 0 && over()) return { ok: false, stopped: 'budget', ran: i };
    }
    // Only idle time is cut: a command still running (rollout status, up --wait) gets the time it had.
    while (cut > 0 && shell.busy && !e.interrupt && !e.write && !e.eof) {
      const step = Math.min(cut, 1000);
      clock.advance(step);
      cut -= step;
      skipped -= step;
      if (over()) return { ok: false, stopped: 'budget', ran: i };
    }
    if (e.write) {
      shell.saveFile(e.write.path, e.write.text);
      continue;
    }
    if (e.eof) {
      shell.eof(io);
      continue;
    }
    if (e.interrupt) {
      if (shell.busy || shell.continuing) {
        io.stdout.write('^C');
        shell.interrupt();
      }
      continue;
    }
    if (shell.busy) return { ok: false, stopped: 'diverged', ran: i };
    io.stdout.write(prompt() + e.line + '\n');
    shell.run(e.line!, io);
  }
  return { ok: true, ran: log.entries.length };
}
