/**
 * What a container's main process does once started, as a plan on the
 * virtual clock: log lines at offsets, when it is ready (health checks pass),
 * whether it exits by itself, and how it reacts to `docker stop`.
 */
export interface LogLine {
  /** Milliseconds after the start (or after the stop signal, for stop lines). */
  at: number;
  text: string;
}

export interface StopPlan {
  /** Lines printed on SIGTERM, given the virtual time the signal arrives. */
  logs: (stopAt: number) => LogLine[];
  /** Time to exit after SIGTERM. */
  after: number;
  code: number;
}

export interface RunPlan {
  logs: LogLine[];
  readyAt: number;
  exit?: { at: number; code: number };
  /** 'ignore' = PID 1 ignores SIGTERM and is killed after the grace period (exit 137). */
  stop: StopPlan | 'ignore';
  /** A `while true; do echo ...; sleep N; done` loop. */
  repeat?: { every: number; text: string };
}

/** The container's files as the process sees them: volumes, then its own layer, then the image. */
export interface ContainerFs {
  read(path: string): string | undefined;
  write(path: string, text: string): void;
}

export interface RunContext {
  /** Virtual time of the start. */
  start: number;
  env: Record<string, string>;
  fs: ContainerFs;
  hostname: string;
  ip: string;
  tag: string;
  /** The process's working directory, for relative executables. */
  workdir: string;
  /** How many times this container has started before (0 on the first start). */
  starts: number;
}

export const quickStop = (code = 0, after = 200): StopPlan => ({ logs: () => [], after, code });
