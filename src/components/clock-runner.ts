import type { Shell } from '../shell/shell.ts';

/** Work per slice before yielding to the browser: well under a 50 ms long task, leaving room for input and paint. */
const SLICE_MS = 12;
/** While the learner is typing (a key in the last TYPING_MS), slices are this short, so each key waits less for the slice in hand. */
const TYPING_SLICE_MS = 4;
const TYPING_MS = 1000;
let lastKey = -Infinity;

interface PageScheduler {
  postTask(fn: () => void, opts: { priority: 'user-blocking' | 'user-visible' | 'background' }): Promise<unknown>;
}
interface InputScheduling {
  isInputPending?(): boolean;
}

/** Whether a key or click is waiting for the main thread (Chromium's isInputPending; elsewhere unknown, so no). */
function inputPending(): boolean {
  const s = (globalThis.navigator as { scheduling?: InputScheduling } | undefined)?.scheduling;
  return s?.isInputPending?.() ?? false;
}

/**
 * A stop function for VirtualClock.advance: true once SLICE_MS of wall time has passed since it was made,
 * or as soon as input is waiting, so a key typed into a busy cluster is handled after one timer, not a whole slice.
 */
export function frameBudget(): () => boolean {
  const now = performance.now();
  const end = now + (now - lastKey < TYPING_MS ? TYPING_SLICE_MS : SLICE_MS);
  return () => performance.now() >= end || inputPending();
}

/**
 * The budget of a command's flush and of the due work it left, drained before the next line runs: a plain
 * SLICE_MS. The terminal drops keys while a line is busy, so yielding to them there would only lengthen the
 * time in which they are lost.
 */
function commandBudget(): () => boolean {
  const end = performance.now() + SLICE_MS;
  return () => performance.now() >= end;
}

/** Says a key was pressed now (the runner listens for keydown on the page). */
export function keyPressed(): void {
  lastKey = performance.now();
}

/**
 * Runs fn in a later task that the browser puts after input, rendering and the page's other tasks
 * (scheduler.postTask at background priority). A chain of setTimeout(0) slices is ordinary-priority work
 * that Chromium lets starve frames for up to ~100 ms, and xterm's write of a key's echo (itself a
 * setTimeout) queued behind it. Where postTask is missing, a plain task.
 */
export function nextSlice(fn: () => void): void {
  const s = (globalThis as { scheduler?: Partial<PageScheduler> }).scheduler;
  if (typeof s?.postTask === 'function') void s.postTask(fn, { priority: 'background' });
  else setTimeout(fn, 0);
}

/** The speeds the time controls offer. */
export const SPEEDS = [1, 4, 16] as const;
export type Speed = (typeof SPEEDS)[number];

export interface ClockState {
  paused: boolean;
  speed: Speed;
  /** Virtual now, ms since the epoch. */
  now: number;
  /** When the next simulated event is due, if any. */
  nextAt: number | undefined;
}

/**
 * Drives a session's virtual clock from real time in the browser: the core
 * never reads the wall clock, this does, and only here. Time can be paused,
 * sped up, or stepped to the core's next timer. The saved session records
 * virtual times, so none of this changes what a replay does.
 */
export class ClockRunner {
  #shell: Shell;
  #paused = false;
  #speed: Speed = 1;
  #listeners = new Set<(s: ClockState) => void>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #last = 0;
  /** Virtual ms owed: real time has passed but the clock stopped early to keep the page responsive. */
  #debt = 0;
  /** A slice is waiting for its turn (see nextSlice). */
  #sliceQueued = false;

  constructor(shell: Shell) {
    this.#shell = shell;
    shell.world.clock.onAdvance(() => this.#emit());
    // A command's flush (kubectl scale) and this runner stop after a frame's worth of work; the rest follows in the next slices.
    shell.budget = commandBudget;
    globalThis.document?.addEventListener?.('keydown', keyPressed, { capture: true, passive: true });
  }

  get state(): ClockState {
    const clock = this.#shell.world.clock;
    return { paused: this.#paused, speed: this.#speed, now: clock.now(), nextAt: clock.nextAt() };
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#last = performance.now();
    this.#timer = setInterval(() => this.#tick(), 250);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  play(): void {
    this.#paused = false;
    this.#last = performance.now();
    this.#emit();
  }

  pause(): void {
    this.#paused = true;
    this.#emit();
  }

  setSpeed(speed: Speed): void {
    this.#speed = speed;
    this.#emit();
  }

  /**
   * Pauses, then moves virtual time to the next pending timer and fires it
   * (and everything due at that instant). Returns the virtual ms skipped, or
   * undefined when nothing is scheduled.
   */
  step(): number | undefined {
    this.#paused = true;
    const clock = this.#shell.world.clock;
    const at = clock.nextAt();
    if (at === undefined || this.#shell.loading) {
      this.#emit();
      return undefined;
    }
    const ms = Math.max(0, at - clock.now());
    clock.advance(ms);
    return ms;
  }

  onChange(fn: (s: ClockState) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #tick(): void {
    const now = performance.now();
    // A throttled background tab must not jump minutes ahead.
    const delta = Math.min(now - this.#last, 1000);
    this.#last = now;
    // While a command's code downloads, time stands still, so the command runs at the instant it was typed (as in a replay).
    if (this.#paused || document.hidden || this.#shell.loading) return;
    // Owed time is capped too: a cluster busy with a thousand pods runs behind the wall clock rather than freezing the tab.
    this.#debt = Math.min(this.#debt + Math.floor(delta * this.#speed), 1000 * this.#speed);
    // Even the first slice waits its turn behind input and frames; one already queued takes the new debt too.
    this.#schedule();
  }

  #schedule(): void {
    if (this.#sliceQueued) return;
    this.#sliceQueued = true;
    nextSlice(() => this.#run());
  }

  /** Advances what is owed for one frame's budget of work; if it stopped early, goes on in the next slice. */
  #run(): void {
    this.#sliceQueued = false;
    if (this.#paused || document.hidden || this.#shell.loading) return;
    const clock = this.#shell.world.clock;
    const target = clock.now() + this.#debt;
    const done = clock.advance(this.#debt, frameBudget());
    this.#debt = done ? 0 : target - clock.now();
    if (!done) this.#schedule();
  }

  #emit(): void {
    const s = this.state;
    for (const l of this.#listeners) l(s);
  }
}
