/**
 * The container shell, utilities and exec (tools.ts), as programs.ts and the
 * Kubernetes node runtime reach them. Tests, `npm run sim` and the benchmarks
 * use them directly here; the site's build replaces this module with
 * container-tools.lazy.ts (astro.config.mjs), which the page's "tools" pack
 * fills after the terminal starts: a cluster boots without them (its system
 * pods run no shell and no utility), and every command that can start a
 * container or exec into one waits for that pack (packs/index.ts).
 */
import type { ContainerTools } from './tools.ts';

export { execIn, execLine, interactiveShell, isInteractiveShell, shellPrompt, startSession } from './exec.ts';
export { runShell } from './shell.ts';
export { runUtility } from './utils.ts';

export function containerToolsLoaded(): boolean {
  return true;
}

/** The lazy twin's fill; here the tools are already in. */
export function installContainerTools(_tools: ContainerTools): void {}
