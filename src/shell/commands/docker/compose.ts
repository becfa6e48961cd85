import { dockerEngine } from '../../../sim/compose/engine/docker.ts';
import { loadProject } from '../../../sim/compose/load/index.ts';
import type { Command, CommandContext, CommandResult } from '../../types.ts';
import { makeLoader, type ComposeSub, type GlobalOptions } from './context.ts';
import { build, config, exec, images, ls, port, pull, top } from './extra.ts';
import { parseFlags } from './flags.ts';
import { down, restart, start, stop } from './lifecycle.ts';
import { logs } from './logs.ts';
import { cp, events, kill, pause, rm, run, unpause, version } from './more.ts';
import { ps } from './ps.ts';
import { up } from './up.ts';
import { SUMMARY } from '../summaries.ts';

export const SUBCOMMANDS: ComposeSub[] = [up, down, ps, stop, start, restart, logs, config, build, pull, images, ls, exec, top, port, version, pause, unpause, kill, rm, run, cp, events];

// docker/compose v2's commands (cmd/compose/compose.go): real ones never get "unknown docker command".
const REAL_COMPOSE = new Set(['attach', 'commit', 'cp', 'create', 'events', 'export', 'kill', 'pause', 'push', 'rm', 'run', 'scale', 'stats', 'unpause', 'version', 'wait', 'watch', 'alpha', 'publish', 'volumes', 'bridge']);

const GLOBAL = { bool: [['--compatibility'], ['--dry-run']], value: [['-f', '--file'], ['-p', '--project-name'], ['--profile'], ['--project-directory'], ['--env-file'], ['--ansi'], ['--progress']] };

const USAGE = (prog: string) => `Usage:  ${prog} [OPTIONS] COMMAND

Define and run multi-container applications with Docker

Commands:
${SUBCOMMANDS.map((s) => `  ${s.name}`).join('\n')}

Run '${prog} COMMAND --help' for more information on a command.
`;

/** Runs `compose` with argv after the program name(s): global flags, then the subcommand. */
export function runCompose(ctx: CommandContext, argv: string[], prog: string): CommandResult {
  const p = parseFlags(argv, GLOBAL, true);
  if (p.error) {
    ctx.stderr.write(`${p.error}\n`);
    return 1;
  }
  const [name, ...rest] = p.args;
  if (!name || name === '--help' || name === 'help') {
    ctx.stdout.write(USAGE(prog));
    return 0;
  }
  const sub = SUBCOMMANDS.find((s) => s.name === name);
  if (!sub && REAL_COMPOSE.has(name)) {
    ctx.stderr.write(`${prog} ${name}: not simulated here (real Docker Compose v2 has it)\n`);
    return 1;
  }
  if (!sub) {
    ctx.stderr.write(`unknown ${prog === 'docker-compose' ? 'docker-compose' : 'docker'} command: "${prog === 'docker-compose' ? '' : 'compose '}${name}"\n`);
    return 1;
  }
  const g: GlobalOptions = {
    files: p.flags.get('--file') ?? [],
    projectName: p.flags.get('--project-name')?.at(-1),
    profiles: p.flags.get('--profile') ?? [],
    projectDirectory: p.flags.get('--project-directory')?.at(-1),
  };
  const runner = makeLoader(ctx, g);
  const rc = sub.run({ ctx, args: rest, engine: dockerEngine(ctx.world), runner, prog });
  return runner.exitCode ?? rc;
}

const GLOBAL_WITH_VALUE = new Set(GLOBAL.value.flat());
/** Subcommands whose arguments are not service names (or only the first is). */
const NO_SERVICES = new Set(['ls', 'config']);
const ONE_SERVICE = new Set(['exec', 'port']);

/** Service names of the project the command would load (-f, --project-directory honoured); none when it does not load. */
function serviceNames(ctx: Pick<CommandContext, 'world' | 'cwd' | 'shell'>, files: string[], dir: string | undefined): string[] {
  const env = Object.fromEntries(ctx.shell.env);
  const r = loadProject(ctx.world.vfs, { cwd: dir ? ctx.shell.resolve(dir) : ctx.cwd, files, env, profiles: env.COMPOSE_PROFILES?.split(',') ?? [] });
  return r.ok ? Object.keys(r.value.services) : [];
}

/** Tab completion: global flags and subcommands, then the subcommand's flags and the project's service names. */
export function completeCompose(words: string[], current: string, ctx: Pick<CommandContext, 'world' | 'cwd' | 'shell'>): string[] {
  const files: string[] = [];
  let dir: string | undefined;
  let i = 0;
  for (; i < words.length && words[i]!.startsWith('-'); i++) {
    const [flag, inline] = words[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!GLOBAL_WITH_VALUE.has(flag) || inline !== undefined) continue;
    const v = words[++i];
    // Completing the value of a global flag (`-f <TAB>`) is the file system's job.
    if (v === undefined) return [];
    if (flag === '-f' || flag === '--file') files.push(v);
    if (flag === '--project-directory') dir = v;
  }
  const sub = SUBCOMMANDS.find((s) => s.name === words[i]);
  const match = (list: string[]) => list.filter((n) => n.startsWith(current));
  if (!sub) return current.startsWith('-') ? match([...GLOBAL.bool, ...GLOBAL.value].flat()) : match(SUBCOMMANDS.map((s) => s.name));
  const rest = words.slice(i + 1);
  if (current.startsWith('-')) return match([...[...sub.flags.bool, ...sub.flags.value].flat(), '--help']);
  // After a flag that takes a value, the value is free text.
  const prev = rest.at(-1);
  if (prev !== undefined && sub.flags.value.flat().includes(prev)) return [];
  const positional = rest.filter((w, k) => !w.startsWith('-') && !sub.flags.value.flat().includes(rest[k - 1] ?? ''));
  if (NO_SERVICES.has(sub.name) || (ONE_SERVICE.has(sub.name) && positional.length > 0)) return [];
  return match(serviceNames(ctx, files, dir).filter((n) => !positional.includes(n)));
}

export const dockerCompose: Command = {
  name: 'docker-compose',
  summary: SUMMARY['docker-compose'],
  help: {
    ko: 'docker-compose 는 예전 (v1) 이름입니다. 지금은 docker compose (v2) 를 씁니다. 하위 명령은 같습니다:\nup -d, ps, logs, stop, start, restart, down [-v], config, build, pull, images, ls, exec, top, port',
    en: 'docker-compose is the old (v1) name; Compose v2 is `docker compose`. The subcommands are the same:\nup -d, ps, logs, stop, start, restart, down [-v], config, build, pull, images, ls, exec, top, port',
  },
  run(ctx) {
    ctx.stderr.write(ctx.lang === 'ko' ? "참고: 'docker-compose' (v1) 대신 'docker compose' (v2) 를 쓰세요.\n" : "note: 'docker-compose' (v1) is superseded by 'docker compose' (v2).\n");
    return runCompose(ctx, ctx.argv.slice(1), 'docker-compose');
  },
  complete: completeCompose,
};
