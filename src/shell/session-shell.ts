import { World, HOME, type WorldOptions } from '../sim/world.ts';
import { Vfs } from '../sim/vfs.ts';
import { Shell } from './shell.ts';
import type { Command, Lang, Tty } from './types.ts';

export interface SessionOptions extends WorldOptions {
  lang?: Lang;
  tty?: Partial<Tty>;
  /** Files to lay out, keyed by path relative to the working directory. */
  files?: Record<string, string>;
  /** Working directory name under /home/learner. */
  dir?: string;
  /** Engines to start with the session, e.g. ['k8s'] so etcd already holds the cluster when the lesson opens. */
  boot?: 'k8s'[];
}

/**
 * The world with the session's files laid out, and a shell in it with these
 * commands. Kept apart from session.ts so a page can build one without
 * importing every simulator.
 */
export function sessionShell(opts: SessionOptions, commands: Command[]): Shell {
  const world = new World(opts);
  const cwd = opts.dir ? Vfs.resolve(HOME, opts.dir) : HOME;
  world.vfs.mkdir(cwd);
  for (const [rel, text] of Object.entries(opts.files ?? {})) world.vfs.writeFile(Vfs.resolve(cwd, rel), text);
  return new Shell({ world, commands, cwd, lang: opts.lang, tty: opts.tty });
}
