import type { World } from '../sim/world.ts';
import type { Shell } from './shell.ts';

export type Lang = 'ko' | 'en';

export interface Writer {
  write(text: string): void;
}

export interface Tty {
  /** Emit ANSI colours. False when output is not a terminal (e.g. `npm run sim > file`). */
  color: boolean;
  columns: number;
}

export interface CommandContext {
  /** argv[0] is the name the command was called by (e.g. `docker-compose`). */
  argv: string[];
  /** Text piped or redirected in, if any. */
  stdin: string | undefined;
  stdout: Writer;
  stderr: Writer;
  shell: Shell;
  world: World;
  tty: Tty;
  lang: Lang;
  cwd: string;
}

/**
 * A foreground process that outlives the line that started it: `up` without
 * -d, `logs -f`, `kubectl get -w`, `etcdctl watch`. It writes as simulated
 * events happen and ends by itself or on Ctrl-C.
 */
export interface Job {
  interrupt(): void;
  onExit(fn: (code: number) => void): void;
  readonly exited: boolean;
}

/**
 * An interactive program attached to the terminal (`docker run -it … sh`,
 * `kubectl exec -it … -- sh`): while it waits at its prompt the learner's
 * lines go to it instead of the host shell; it ends (as a Job) on `exit` or
 * Ctrl-D. interrupt() is Ctrl-C to what runs inside, not the end of it.
 */
export interface Session extends Job {
  /** False while the program is still being started (kubectl run waits for its pod): the terminal stays busy until it is at its prompt. */
  readonly attached: boolean;
  /** Called once the program is at its prompt. */
  onReady(fn: () => void): void;
  /** The prompt the program shows (`/ # `, `root@3f2a1b:/# `). */
  prompt(): string;
  /** One typed line; done() when the next prompt may show (or the session ended). */
  input(line: string, io: { stdout: Writer; stderr: Writer }, done: () => void): void;
  /** Ctrl-D on an empty line: end of input. */
  eof(io: { stdout: Writer; stderr: Writer }, done: () => void): void;
}

export type CommandResult = number | Job;

export interface Command {
  name: string;
  /** One line for `help`, in both languages. */
  summary: Record<Lang, string>;
  /** Longer text for `help NAME`, in both languages. */
  help?: Record<Lang, string>;
  run(ctx: CommandContext): CommandResult;
  /** Completions for the word being typed; words are the arguments before it. */
  complete?(words: string[], current: string, ctx: Pick<CommandContext, 'world' | 'cwd' | 'shell'>): string[];
  /**
   * Set on a stand-in whose code is not loaded yet (a page loads the Compose
   * and Kubernetes simulators on demand): the shell awaits it, which puts the
   * real command in place, before it runs a line that uses this command.
   */
  load?(shell: Shell): Promise<void>;
}
