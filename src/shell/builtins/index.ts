import { cat } from './cat.ts';
import { cd } from './cd.ts';
import { clear } from './clear.ts';
import { echo } from './echo.ts';
import { date, env, exportCmd } from './env.ts';
import { mkdir, rm, touch } from './files.ts';
import { help } from './help.ts';
import { fg, jobs, kill } from './jobs.ts';
import { history } from './history.ts';
import { ls } from './ls.ts';
import { pwd } from './pwd.ts';
import { sleep } from './sleep.ts';
import { head, tail, wc } from './text.ts';
import { printf } from './printf.ts';
import { sed } from './sed.ts';
import { nano, vi, vim } from './editors.ts';
import type { Command } from '../types.ts';

/** The shell's own commands: small, and loaded with the shell on every page (grep, with its RE2 engine, is a pack: packs/index.ts). */
export function builtinCommands(): Command[] {
  return [help, clear, echo, pwd, cd, ls, cat, history, sleep, mkdir, touch, rm, head, tail, wc, printf, sed, vi, vim, nano, exportCmd, env, date, jobs, fg, kill];
}
