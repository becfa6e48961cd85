import { builtinCommands } from './builtins/index.ts';
import { grep } from './builtins/grep.ts';
import { composeCommands } from './packs/compose.ts';
import { k8sCommands } from './packs/kubectl.ts';
import type { Command } from './types.ts';

export { builtinCommands } from './builtins/index.ts';

/**
 * Every command the shell knows, loaded at once (tests and `npm run sim`).
 * Pages load the tool commands by pack instead (see packs/index.ts).
 */
export function allCommands(): Command[] {
  const [etcdctl, kubectl, sim] = k8sCommands();
  const [docker, dockerCompose, curl] = composeCommands();
  return [...builtinCommands(), grep, etcdctl!, kubectl!, docker!, dockerCompose!, curl!, sim!];
}
