/**
 * What runs inside a container besides its main program: the shell, the small
 * utilities and exec (with the interactive shell session). Reached through
 * container-tools.ts; the page's "tools" pack imports this module to fill it.
 */
import { execIn, execLine, interactiveShell, isInteractiveShell, shellPrompt, startSession } from './exec.ts';
import { runShell } from './shell.ts';
import { runUtility } from './utils.ts';

export const CONTAINER_TOOLS = { runShell, runUtility, execIn, execLine, interactiveShell, isInteractiveShell, shellPrompt, startSession };

export type ContainerTools = typeof CONTAINER_TOOLS;
