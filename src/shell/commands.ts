import { cat } from './builtins/cat.ts';
import { cd } from './builtins/cd.ts';
import { clear } from './builtins/clear.ts';
import { echo } from './builtins/echo.ts';
import { date, env, exportCmd } from './builtins/env.ts';
import { mkdir, rm, touch } from './builtins/files.ts';
import { help } from './builtins/help.ts';
import { history } from './builtins/history.ts';
import { ls } from './builtins/ls.ts';
import { pwd } from './builtins/pwd.ts';
import { sleep } from './builtins/sleep.ts';
import { grep, head, tail, wc } from './builtins/text.ts';
import { printf } from './builtins/printf.ts';
import { sed } from './builtins/sed.ts';
import { nano, vi, vim } from './builtins/editors.ts';
import { dockerCompose } from './commands/docker/compose.ts';
import { docker } from './commands/docker/docker.ts';
import { etcdctl } from './commands/etcdctl.ts';
import { kubectl } from './commands/kubectl/kubectl.ts';
import { sim } from './commands/sim/index.ts';
import type { Command } from './types.ts';

/** Every command the shell knows. Tool commands (docker, kubectl, etcdctl, sim) register here too. */
export function allCommands(): Command[] {
  return [help, clear, echo, pwd, cd, ls, cat, history, sleep, mkdir, touch, rm, grep, head, tail, wc, printf, sed, vi, vim, nano, exportCmd, env, date, etcdctl, kubectl, docker, dockerCompose, sim];
}
