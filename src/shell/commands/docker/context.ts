import { ComposeRunner } from '../../../sim/compose/engine/compose.ts';
import { dockerEngine, type DockerEngine } from '../../../sim/compose/engine/docker.ts';
import { formatWarning, loadProject } from '../../../sim/compose/load/index.ts';
import type { SimError } from '../../../sim/errors.ts';
import type { CommandContext, CommandResult } from '../../types.ts';
import { parseFlags, type FlagSpec, type Parsed } from './flags.ts';

/** What a `docker compose` subcommand gets: the shell context, its own arguments, and the project. */
export interface ComposeCall {
  ctx: CommandContext;
  args: string[];
  engine: DockerEngine;
  /** Loads the project (printing its warnings once); undefined after printing the error. */
  runner(): ComposeRunner | undefined;
  /** `docker compose` or `docker-compose`, for usage lines. */
  prog: string;
}

export interface ComposeSub {
  name: string;
  flags: FlagSpec;
  run(call: ComposeCall): CommandResult;
}

/**
 * The opening every project subcommand shares: parse its flags, load the
 * project, and check that the named services exist. Prints the error and
 * returns undefined when any step fails.
 */
export function openProject(call: ComposeCall, flags: FlagSpec): { p: Parsed; runner: ComposeRunner } | undefined {
  const { ctx } = call;
  const p = parseFlags(call.args, flags);
  if (p.error) {
    ctx.stderr.write(`${p.error}\n`);
    return undefined;
  }
  const runner = call.runner();
  if (!runner) return undefined;
  const bad = runner.checkServices(p.args);
  if (bad) {
    ctx.stderr.write(`${bad}\n`);
    return undefined;
  }
  return { p, runner };
}

export interface GlobalOptions {
  files: string[];
  projectName?: string;
  profiles: string[];
  projectDirectory?: string;
}

export function makeLoader(ctx: CommandContext, g: GlobalOptions): () => ComposeRunner | undefined {
  let cached: ComposeRunner | undefined;
  return () => {
    if (cached) return cached;
    const env = Object.fromEntries(ctx.shell.env);
    const cwd = g.projectDirectory ? ctx.shell.resolve(g.projectDirectory) : ctx.cwd;
    const r = loadProject(ctx.world.vfs, { cwd, files: g.files, projectName: g.projectName, env, profiles: [...g.profiles, ...(env.COMPOSE_PROFILES?.split(',') ?? [])] });
    if (!r.ok) {
      for (const e of r.errors) ctx.stderr.write(`${e.message}\n${locator(ctx, cwd, e)}`);
      return undefined;
    }
    for (const w of r.value.warnings) ctx.stderr.write(`${formatWarning(w)}\n`);
    cached = new ComposeRunner(dockerEngine(ctx.world), r.value);
    return cached;
  };
}

/**
 * Under Compose's own message, a pointer for the learner (not in real Docker):
 * `  --> compose.yaml:4:12`, the source line, and a caret under the column.
 */
export function locator(ctx: Pick<CommandContext, 'world'>, cwd: string, e: SimError): string {
  if (!e.file || !e.pos) return '';
  const src = ctx.world.vfs.readFile(e.file)?.split('\n')[e.pos.line - 1];
  if (src === undefined) return '';
  const shown = e.file.startsWith(`${cwd}/`) ? e.file.slice(cwd.length + 1) : e.file;
  const n = String(e.pos.line);
  return `  --> ${shown}:${e.pos.line}:${e.pos.col}\n   ${n} | ${src}\n${' '.repeat(n.length + 4)}| ${' '.repeat(Math.max(0, e.pos.col - 1))}^\n`;
}
