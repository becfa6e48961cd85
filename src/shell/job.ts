import type { Job, Session } from './types.ts';

/** The usual Job: a command calls exit() when done; Ctrl-C calls onInterrupt. */
export class JobHandle implements Job {
  #exited = false;
  #code = 0;
  #exitFns: ((code: number) => void)[] = [];
  #onInterrupt: () => void;

  constructor(onInterrupt: (job: JobHandle) => void) {
    this.#onInterrupt = () => onInterrupt(this);
  }

  get exited(): boolean {
    return this.#exited;
  }

  interrupt(): void {
    if (!this.#exited) this.#onInterrupt();
  }

  exit(code: number): void {
    if (this.#exited) return;
    this.#exited = true;
    this.#code = code;
    for (const fn of this.#exitFns) fn(code);
    this.#exitFns = [];
  }

  onExit(fn: (code: number) => void): void {
    if (this.#exited) fn(this.#code);
    else this.#exitFns.push(fn);
  }
}

export function isJob(r: unknown): r is Job {
  return typeof r === 'object' && r !== null && 'interrupt' in r;
}

export function isSession(r: unknown): r is Session {
  return isJob(r) && 'input' in r && 'prompt' in r;
}
