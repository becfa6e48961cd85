/**
 * The site's build of container-tools.ts (see there): empty until the page's
 * "tools" pack installs them. The shell runs no docker or kubectl line before
 * that (packs/index.ts), and a booting cluster's system pods need none of them.
 */
import type { ContainerTools } from './tools.ts';

let tools: ContainerTools | undefined;

function need(): ContainerTools {
  if (!tools) throw new Error('the container shell and utilities have not loaded yet (packs/index.ts loads them before docker or kubectl runs)');
  return tools;
}

export const runShell: ContainerTools['runShell'] = (...a) => need().runShell(...a);
export const runUtility: ContainerTools['runUtility'] = (...a) => need().runUtility(...a);
export const execIn: ContainerTools['execIn'] = (...a) => need().execIn(...a);
export const execLine: ContainerTools['execLine'] = (...a) => need().execLine(...a);
export const interactiveShell: ContainerTools['interactiveShell'] = (...a) => need().interactiveShell(...a);
export const isInteractiveShell: ContainerTools['isInteractiveShell'] = (...a) => need().isInteractiveShell(...a);
export const shellPrompt: ContainerTools['shellPrompt'] = (...a) => need().shellPrompt(...a);
export const startSession: ContainerTools['startSession'] = (...a) => need().startSession(...a);

export function containerToolsLoaded(): boolean {
  return tools !== undefined;
}

export function installContainerTools(t: ContainerTools): void {
  tools = t;
}
