import { World, HOME, type WorldOptions } from '../sim/world.ts';
import { Vfs } from '../sim/vfs.ts';
import { allCommands } from './commands.ts';
import { getCluster } from '../sim/k8s/cluster.ts';
import { Shell } from './shell.ts';
import type { Lang, Tty } from './types.ts';

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

/** A world plus a shell in it: what a lesson page, a test and `npm run sim` all start from. */
export function createSession(opts: SessionOptions = {}): Shell {
  const world = new World(opts);
  const cwd = opts.dir ? Vfs.resolve(HOME, opts.dir) : HOME;
  world.vfs.mkdir(cwd);
  for (const [rel, text] of Object.entries(opts.files ?? {})) world.vfs.writeFile(Vfs.resolve(cwd, rel), text);
  if (opts.boot?.includes('k8s')) getCluster(world);
  return new Shell({ world, commands: allCommands(), cwd, lang: opts.lang, tty: opts.tty });
}
