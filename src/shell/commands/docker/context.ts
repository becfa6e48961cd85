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

/**
 * docker/compose cmd/compose AdaptCmd turns a project-loading error into the exit code of its
 * failure category (pkg/compose/metrics.go): a file not found (fs.PathError, or compose-go's
 * `no configuration file provided: not found`, an errdefs.ErrNotFound) exits 14,
 * FileNotFoundFailure. A CI log of the real thing: milvus-io/milvus#29889 ("Process completed
 * with exit code 14").
 */
const FILE_NOT_FOUND_EXIT = 14;

export type Loader = (() => ComposeRunner | undefined) & { exitCode?: number };

export function makeLoader(ctx: CommandContext, g: GlobalOptions): Loader {
  let cached: ComposeRunner | undefined;
  const load: Loader = () => {
    if (cached) return cached;
    const env = Object.fromEntries(ctx.shell.env);
    const cwd = g.projectDirectory ? ctx.shell.resolve(g.projectDirectory) : ctx.cwd;
    const r = loadProject(ctx.world.vfs, { cwd, files: g.files, projectName: g.projectName, env, profiles: [...g.profiles, ...(env.COMPOSE_PROFILES?.split(',') ?? [])] });
    if (!r.ok) {
      for (const e of r.errors) ctx.stderr.write(`${e.message}\n${locator(ctx, cwd, e)}`);
      if (r.errors.some((e) => e.code === 'NO_CONFIG' || e.code === 'FILE_NOT_FOUND')) load.exitCode = FILE_NOT_FOUND_EXIT;
      return undefined;
    }
    for (const w of r.value.warnings) ctx.stderr.write(`${formatWarning(w)}\n`);
    cached = new ComposeRunner(dockerEngine(ctx.world), r.value);
    return cached;
  };
  return load;
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
