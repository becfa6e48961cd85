import { dockerEngine } from '../../../sim/compose/engine/docker.ts';
import type { Command, CommandContext, CommandResult } from '../../types.ts';
import { makeLoader, type ComposeSub, type GlobalOptions } from './context.ts';
import { build, config, exec, images, ls, port, pull, top } from './extra.ts';
import { parseFlags } from './flags.ts';
import { down, restart, start, stop } from './lifecycle.ts';
import { logs } from './logs.ts';
import { ps } from './ps.ts';
import { up } from './up.ts';

export const SUBCOMMANDS: ComposeSub[] = [up, down, ps, stop, start, restart, logs, config, build, pull, images, ls, exec, top, port];

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
  return sub.run({ ctx, args: rest, engine: dockerEngine(ctx.world), runner: makeLoader(ctx, g), prog });
}

/** Tab completion: subcommands, then the subcommand's flags and the project's service names. */
export function completeCompose(words: string[], current: string, ctx: Pick<CommandContext, 'world' | 'cwd' | 'shell'>): string[] {
  const sub = SUBCOMMANDS.find((s) => words.includes(s.name));
  if (!sub) return SUBCOMMANDS.map((s) => s.name).filter((n) => n.startsWith(current));
  if (current.startsWith('-')) return [...sub.flags.bool, ...sub.flags.value].flat().filter((f) => f.startsWith(current));
  const text = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'].map((f) => ctx.world.vfs.readFile(`${ctx.cwd}/${f}`)).find((t) => t !== undefined) ?? '';
  // Service names without a full load: the keys indented under `services:`.
  const block = text.split(/^services:\s*$/m)[1]?.split(/^\S/m)[0] ?? '';
  const names = [...block.matchAll(/^ {2}([A-Za-z0-9._-]+):/gm)].map((m) => m[1]!);
  return names.filter((n) => n.startsWith(current));
}

export const dockerCompose: Command = {
  name: 'docker-compose',
  summary: { ko: 'Compose v1 방식의 명령 (docker compose 와 같습니다)', en: 'Compose v1-style command (same as docker compose)' },
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
