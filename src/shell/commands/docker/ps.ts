import { LABEL } from '../../../sim/compose/engine/compose.ts';
import { ago } from '../../../sim/compose/engine/humanize.ts';
import { openProject, type ComposeCall, type ComposeSub } from './context.ts';
import { has, last } from './flags.ts';
import { portsText, shortCommand, statusText, table } from './render.ts';

const flags = { bool: [['-a', '--all'], ['-q', '--quiet'], ['--services'], ['--orphans']], value: [['--format'], ['--status']] };

/** `docker compose ps`: running containers of the project (all with -a), sorted by name. */
export const ps: ComposeSub = {
  name: 'ps',
  flags,
  run(call: ComposeCall) {
    const { ctx, args, engine } = call;
    const opened = openProject(call, flags);
    if (!opened) return 1;
    const { p, runner } = opened;
    // `--orphans` defaults to true (docs/reference/compose_ps.md: "Include orphaned services (not declared
    // by project)"): containers of services outside the loaded project, such as a profile's service started
    // with `--profile` and listed without it, are shown too.
    const orphans = last(p, '--orphans') !== 'false';
    const list = runner.containers({ all: has(p, '--all'), services: p.args, orphans });
    const now = engine.now;
    if (has(p, '--services')) {
      for (const s of [...new Set(list.map((c) => c.spec.labels[LABEL.service]!))]) ctx.stdout.write(`${s}\n`);
      return 0;
    }
    if (has(p, '--quiet')) {
      for (const c of list) ctx.stdout.write(`${c.id}\n`);
      return 0;
    }
    if (last(p, '--format') === 'json') {
      for (const c of list) {
        ctx.stdout.write(
          JSON.stringify({
            Command: shortCommand(engine.commandLine(c)),
            CreatedAt: new Date(c.created).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
            ExitCode: c.exitCode,
            Health: c.health ?? '',
            ID: c.id,
            Image: c.spec.image,
            Name: c.spec.name,
            Project: runner.project.name,
            Publishers: (c.state === 'running' ? c.bindings : c.spec.ports).map((x) => ({ URL: x.hostIp ?? '0.0.0.0', TargetPort: x.target, PublishedPort: x.published ?? 0, Protocol: x.protocol })),
            RunningFor: ago(now - c.created),
            Service: c.spec.labels[LABEL.service],
            State: c.state,
            Status: statusText(c, now),
          }) + '\n',
        );
      }
      return 0;
    }
    const rows = [['NAME', 'IMAGE', 'COMMAND', 'SERVICE', 'CREATED', 'STATUS', 'PORTS']];
    for (const c of list) rows.push([c.spec.name, c.spec.image, shortCommand(engine.commandLine(c)), c.spec.labels[LABEL.service]!, ago(now - c.created), statusText(c, now), portsText(c)]);
    ctx.stdout.write(table(rows));
    return 0;
  },
};
