import type { VirtualClock } from '../sim/clock.ts';
import type { LineResult } from '../sim/containers/index.ts';
import { JobHandle } from './job.ts';
import type { Session, Writer } from './types.ts';

type IO = { stdout: Writer; stderr: Writer };

export interface AttachedShellOptions {
  clock: VirtualClock;
  /** The prompt of the shell inside, as it is now (it follows `cd`). */
  prompt(): string;
  /** Runs one typed line inside the container; a string when the container is gone (printed, and the session ends with code 1... as the stream breaks). */
  line(text: string): LineResult | string;
  /** What the shell writes on Ctrl-D at its prompt: bash says `exit`, ash and dash only end the line. */
  eofText: string;
  /** Called once when the shell inside has exited: prints what the tool prints afterwards (kubectl's `pod "tmp" deleted`) and returns the command's exit code. */
  end(code: number, io: IO): number;
  /** Ctrl-C ended the running line: the shell's `$?` becomes 130. */
  interrupted?(): void;
  /** Set when the shell is not at its prompt yet (kubectl run waits for the pod): call attach() when it is; Ctrl-C meanwhile calls this. */
  starting?: { interrupt(): void };
}

/**
 * An interactive shell inside a container, attached to the terminal: each
 * typed line runs in the container (its files, environment, working
 * directory and `$?` carried to the next line), output appears at the
 * virtual time it is written, `exit` or Ctrl-D ends it. Ctrl-C stops the
 * line that runs, never the session, as in a real `sh` on a TTY.
 */
export class AttachedShell extends JobHandle implements Session {
  #o: AttachedShellOptions;
  /** The line that runs: how Ctrl-C ends it. */
  #running: (() => void) | undefined;
  /** $? of the shell inside, which Ctrl-D exits with. */
  #status = 0;
  #attached: boolean;
  #ready: (() => void)[] = [];

  constructor(o: AttachedShellOptions) {
    super(() => (this.#attached ? this.#running?.() : o.starting?.interrupt()));
    this.#o = o;
    this.#attached = !o.starting;
  }

  get attached(): boolean {
    return this.#attached;
  }

  onReady(fn: () => void): void {
    if (this.#attached) fn();
    else this.#ready.push(fn);
  }

  /** The shell is at its prompt: the terminal is its now. */
  attach(): void {
    if (this.#attached || this.exited) return;
    this.#attached = true;
    for (const fn of this.#ready.splice(0)) fn();
  }

  prompt(): string {
    return this.#o.prompt();
  }

  input(line: string, io: IO, done: () => void): void {
    const r = this.#o.line(line);
    if (typeof r === 'string') {
      io.stderr.write(r);
      this.#finish(1, io);
      done();
      return;
    }
    this.#status = r.exitCode;
    const clock = this.#o.clock;
    const write = (c: LineResult['chunks'][number]) => (c.stream === 'stderr' ? io.stderr : io.stdout).write(c.text);
    for (const c of r.chunks) if (c.at <= 0) write(c);
    const later = r.chunks.filter((c) => c.at > 0);
    if (later.length === 0 && r.ms <= 0 && !r.repeat) {
      if (r.exited !== undefined) this.#finish(r.exited, io);
      done();
      return;
    }
    // Output written after a sleep appears when the virtual clock gets there; the prompt comes back when the line is over.
    const timers = later.filter((c) => Number.isFinite(c.at)).map((c) => clock.setTimeout(() => write(c), c.at));
    let stopLoop = () => {};
    if (r.repeat) {
      const { from, every, body } = r.repeat;
      const pass = () => {
        for (const c of body) timers.push(clock.setTimeout(() => write(c), c.at));
      };
      timers.push(
        clock.setTimeout(() => {
          pass();
          stopLoop = clock.every(every, pass);
        }, from),
      );
    }
    const close = (interrupted: boolean) => {
      stopLoop();
      for (const id of timers) clock.clearTimeout(id);
      this.#running = undefined;
      if (interrupted) {
        // Ctrl-C: the shell starts a new line and shows its prompt; $? is 130.
        io.stdout.write('\n');
        this.#status = 130;
        this.#o.interrupted?.();
      } else if (r.exited !== undefined) this.#finish(r.exited, io);
      done();
    };
    this.#running = () => close(true);
    if (Number.isFinite(r.ms)) timers.push(clock.setTimeout(() => close(false), Math.max(0, r.ms)));
  }

  eof(io: IO, done: () => void): void {
    io.stdout.write(this.#o.eofText);
    this.#finish(this.#status, io);
    done();
  }

  #finish(code: number, io: IO): void {
    if (this.exited) return;
    this.exit(this.#o.end(code, io));
  }
}
