import { MAX_FILE_BYTES } from '../sim/vfs.ts';
import type { Shell, ShellIO } from './shell.ts';

/**
 * Saving a learner's session. The simulator is deterministic, so the whole
 * state is its seed plus what was typed and when (in virtual time): we keep
 * that log and replay it on the next visit instead of serialising every
 * engine. A log that does not parse or replay cleanly is reported and
 * dropped, never allowed to break the page.
 */
export interface LogEntry {
  /** Virtual milliseconds since the session started. */
  t: number;
  line?: string;
  interrupt?: true;
  /** A file saved from the editor: absolute path and full text. */
  write?: { path: string; text: string };
}

export interface SessionLog {
  v: 1;
  seed: number;
  entries: LogEntry[];
}

/** Longer logs are not saved: replaying them would slow the page down. */
export const MAX_ENTRIES = 2000;

export class Recorder {
  readonly log: SessionLog;
  #start: number;
  #overflow = false;

  constructor(shell: Shell, seed: number, start = shell.world.clock.now()) {
    this.log = { v: 1, seed, entries: [] };
    this.#start = start;
    shell.onInput((e) => {
      if (this.log.entries.length >= MAX_ENTRIES) {
        this.#overflow = true;
        return;
      }
      const t = shell.world.clock.now() - this.#start;
      this.log.entries.push(e.type === 'line' ? { t, line: e.line } : e.type === 'write' ? { t, write: { path: e.path, text: e.text } } : { t, interrupt: true });
    });
  }

  /** True once the log hit MAX_ENTRIES and stopped recording. */
  get overflow(): boolean {
    return this.#overflow;
  }
}

/** Checks a saved value's shape; returns the log or a reason it cannot be used. */
export function parseLog(raw: string | null): { log?: SessionLog; error?: string } {
  if (raw === null) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    return { error: `saved session is not valid JSON (${(e as Error).message})` };
  }
  const o = v as Partial<SessionLog>;
  if (typeof o !== 'object' || o === null || o.v !== 1 || typeof o.seed !== 'number' || !Array.isArray(o.entries)) {
    return { error: 'saved session has an unknown format' };
  }
  if (o.entries.length > MAX_ENTRIES) return { error: `saved session is too long (${o.entries.length} entries)` };
  let last = 0;
  for (const [i, e] of o.entries.entries()) {
    const ok =
      typeof e === 'object' &&
      e !== null &&
      typeof e.t === 'number' &&
      Number.isFinite(e.t) &&
      e.t >= last &&
      (typeof e.line === 'string' ? e.line.length <= 16_384 : e.write !== undefined ? typeof e.write === 'object' && e.write !== null && typeof e.write.path === 'string' && e.write.path.startsWith('/') && typeof e.write.text === 'string' && e.write.text.length <= MAX_FILE_BYTES : e.interrupt === true);
    if (!ok) return { error: `saved session entry ${i + 1} is damaged` };
    last = e.t;
  }
  return { log: o as SessionLog };
}

/**
 * Replays a log into a fresh shell built with the log's seed, writing the
 * output to io (so the terminal shows the old transcript). Returns false if
 * the replay could not follow the log (e.g. the simulator changed since).
 */
export function replay(shell: Shell, log: SessionLog, io: ShellIO, prompt: () => string = () => shell.prompt()): boolean {
  const clock = shell.world.clock;
  const start = clock.now();
  for (const e of log.entries) {
    const wait = start + e.t - clock.now();
    if (wait > 0) clock.advance(wait);
    if (e.write) {
      shell.saveFile(e.write.path, e.write.text);
      continue;
    }
    if (e.interrupt) {
      if (shell.busy || shell.continuing) {
        io.stdout.write('^C');
        shell.interrupt();
      }
      continue;
    }
    if (shell.busy) return false;
    io.stdout.write(prompt() + e.line + '\n');
    shell.run(e.line!, io);
  }
  return true;
}
