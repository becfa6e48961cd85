import { allCommands } from './commands.ts';
import { getCluster } from '../sim/k8s/cluster.ts';
import { sessionShell, type SessionOptions } from './session-shell.ts';
import type { Shell } from './shell.ts';

export type { SessionOptions } from './session-shell.ts';

/** A world plus a shell in it with every command loaded: what a test and `npm run sim` start from (a page uses lazy-session.ts). */
export function createSession(opts: SessionOptions = {}): Shell {
  const shell = sessionShell(opts, allCommands());
  if (opts.boot?.includes('k8s')) getCluster(shell.world);
  return shell;
}
