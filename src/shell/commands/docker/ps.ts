import { LABEL } from '../../../sim/compose/engine/compose.ts';
import { ago } from '../../../sim/compose/engine/humanize.ts';
import { openProject, type ComposeCall, type ComposeSub } from './context.ts';
import { has, last } from './flags.ts';
import { formatRows } from './gotemplate.ts';
import type { Container } from '../../../sim/compose/engine/docker.ts';
import { portEntries, portsText, shortCommand, statusText, table } from './render.ts';

const HEADERS: Record<string, string> = { ID: 'CONTAINER ID', Name: 'NAME', Project: 'PROJECT', Service: 'SERVICE', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT', RunningFor: 'CREATED', Ports: 'PORTS', State: 'STATE', Status: 'STATUS', Size: 'SIZE', Labels: 'LABELS' };

/**
 * compose's PortPublishers come from the daemon's port list for a running container (one entry per published address,
 * 0.0.0.0 and ::, and the image's exposed-only ports with URL "" and PublishedPort 0), ordered by target port.
 */
const publishers = (c: Container) =>
  c.state === 'running'
    ? portEntries(c)
        .map((x) => ({ URL: x.ip, TargetPort: x.target, PublishedPort: x.published, Protocol: x.protocol }))
        .sort((a, b) => a.TargetPort - b.TargetPort)
    : c.spec.ports.map((x) => ({ URL: x.hostIp ?? '0.0.0.0', TargetPort: x.target, PublishedPort: x.published ?? 0, Protocol: x.protocol }));

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
    const format = last(p, '--format');
    if (format && format !== 'json' && format !== 'table') {
      // compose's cmd/formatter ContainerContext: the fields a template sees, the headers `table` gives them.
      const rows = list.map((c) => {
        const labels = c.spec.labels;
        const vols = c.spec.mounts.filter((m) => m.type === 'volume');
        return {
          ID: c.id.slice(0, 12),
          Name: c.spec.name,
          Names: c.spec.name,
          Service: labels[LABEL.service],
          Project: runner.project.name,
          Image: c.spec.image,
          Command: shortCommand(engine.commandLine(c)),
          CreatedAt: new Date(c.created).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'),
          RunningFor: ago(now - c.created),
          ExitCode: c.exitCode,
          State: c.state,
          Status: statusText(c, now),
          Health: c.health ?? '',
          Publishers: publishers(c),
          Ports: portsText(c),
          Labels: Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(','),
          LocalVolumes: String(vols.length),
          Mounts: vols.map((m) => (m.source.length > 15 ? [...m.source].slice(0, 14).join('') + '…' : m.source)).join(','),
          Networks: c.spec.networks.map((n) => n.name).join(','),
          Size: '0B',
        };
      });
      // A field without a header in NewContainerContext's map prints as Go's missing map key.
      return formatRows(ctx, rows, format, (f) => HEADERS[f] ?? '<no value>');
    }
    if (format === 'json') {
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
            Publishers: publishers(c),
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
