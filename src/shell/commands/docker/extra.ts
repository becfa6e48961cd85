import { LABEL } from '../../../sim/compose/engine/compose.ts';
import { humanSize } from '../../../sim/compose/engine/humanize.ts';
import { newReport } from '../../../sim/compose/engine/progress.ts';
import { renderConfig } from '../../../sim/compose/load/index.ts';
import { openProject, type ComposeCall, type ComposeSub } from './context.ts';
import { has, last, parseFlags, type FlagSpec } from './flags.ts';
import { portEntries, printReport, table } from './render.ts';

const none: FlagSpec = { bool: [], value: [] };

export const config: ComposeSub = {
  name: 'config',
  flags: { bool: [['-q', '--quiet'], ['--services'], ['--volumes']], value: [['--format']] },
  run({ ctx, args, runner: load }) {
    const p = parseFlags(args, this.flags);
    if (p.error) return (ctx.stderr.write(`${p.error}\n`), 1);
    const runner = load();
    if (!runner) return 1;
    if (has(p, '--quiet')) return 0;
    // compose-go's ServiceNames() and VolumeNames() are sorted.
    if (has(p, '--services')) ctx.stdout.write(Object.keys(runner.project.services).sort().map((s) => `${s}\n`).join(''));
    else if (has(p, '--volumes')) ctx.stdout.write(Object.keys(runner.project.volumes).sort().map((s) => `${s}\n`).join(''));
    else ctx.stdout.write(renderConfig(runner.project));
    return 0;
  },
};

/** `build` and `pull`: the same walk over the named services (all by default), one report. */
function imageStep(name: 'build' | 'pull', flags: ComposeSub['flags']): ComposeSub {
  return {
    name,
    flags,
    run(call: ComposeCall) {
      const { ctx } = call;
      const opened = openProject(call, flags);
      if (!opened) return 1;
      const { p, runner } = opened;
      const rep = newReport();
      const services = runner.order(p.args.length ? p.args : Object.keys(runner.project.services), false);
      if (name === 'build') runner.build(services, rep, true);
      else runner.pull(services, rep, true);
      return printReport(rep, ctx.stderr, ctx.tty);
    },
  };
}

export const build = imageStep('build', { bool: [['--no-cache'], ['--pull'], ['-q', '--quiet']], value: [] });
export const pull = imageStep('pull', { bool: [['-q', '--quiet'], ['--ignore-pull-failures']], value: [] });

export const images: ComposeSub = {
  name: 'images',
  flags: { bool: [['-q', '--quiet']], value: [] },
  run({ ctx, args, runner: load }) {
    const p = parseFlags(args, this.flags);
    if (p.error) return (ctx.stderr.write(`${p.error}\n`), 1);
    const runner = load();
    if (!runner) return 1;
    const list = runner.containers({ all: true, services: p.args });
    if (has(p, '--quiet')) return (ctx.stdout.write(list.map((c) => `${c.image.id}\n`).join('')), 0);
    const rows = [['CONTAINER', 'REPOSITORY', 'TAG', 'IMAGE ID', 'SIZE']];
    for (const c of list) rows.push([c.spec.name, c.image.repo, c.image.tag, c.image.id.slice(0, 12), humanSize(c.image.size)]);
    ctx.stdout.write(table(rows));
    return 0;
  },
};

export const ls: ComposeSub = {
  name: 'ls',
  flags: { bool: [['-a', '--all'], ['-q', '--quiet']], value: [['--format']] },
  run({ ctx, args, engine }) {
    const p = parseFlags(args, this.flags);
    if (p.error) return (ctx.stderr.write(`${p.error}\n`), 1);
    const projects = new Map<string, { states: string[]; files: string }>();
    for (const c of engine.containers.values()) {
      const name = c.spec.labels[LABEL.project];
      if (!name) continue;
      const e = projects.get(name) ?? { states: [], files: c.spec.labels[LABEL.files] ?? '' };
      e.states.push(c.state);
      projects.set(name, e);
    }
    const rows = [['NAME', 'STATUS', 'CONFIG FILES']];
    for (const [name, e] of [...projects].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const counts = new Map<string, number>();
      for (const s of e.states) counts.set(s, (counts.get(s) ?? 0) + 1);
      if (!has(p, '--all') && !counts.has('running')) continue;
      if (has(p, '--quiet')) ctx.stdout.write(`${name}\n`);
      rows.push([name, [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, n]) => `${s}(${n})`).join(', '), e.files]);
    }
    if (!has(p, '--quiet')) ctx.stdout.write(table(rows));
    return 0;
  },
};

export const exec: ComposeSub = {
  name: 'exec',
  flags: { bool: [['-T', '--no-TTY'], ['-d', '--detach'], ['--privileged'], ['-i', '--interactive'], ['-t', '--tty']], value: [['-e', '--env'], ['-u', '--user'], ['-w', '--workdir'], ['--index']] },
  run({ ctx, args, runner: load, engine }) {
    const p = parseFlags(args, this.flags, true);
    if (p.error) return (ctx.stderr.write(`${p.error}\n`), 1);
    const [service, ...cmd] = p.args;
    // cobra.MinimumNArgs(2), worded by cobra itself.
    if (!service || cmd.length === 0) return (ctx.stderr.write(`requires at least 2 arg(s), only received ${p.args.length}\n`), 1);
    const runner = load();
    if (!runner) return 1;
    const bad = runner.checkServices([service]);
    if (bad) return (ctx.stderr.write(`${bad}\n`), 1);
    const c = runner.containers({ services: [service] }).find((x) => x.state === 'running');
    if (!c) return (ctx.stderr.write(`service "${service}" is not running\n`), 1);
    const r = engine.exec(c, cmd);
    ctx.stdout.write(r.stdout);
    ctx.stderr.write(r.stderr);
    return r.exitCode;
  },
};

export const top: ComposeSub = {
  name: 'top',
  flags: none,
  run(call: ComposeCall) {
    const { ctx, args, engine } = call;
    const opened = openProject(call, this.flags);
    if (!opened) return 1;
    const { p, runner } = opened;
    for (const c of runner.containers({ services: p.args })) {
      ctx.stdout.write(`${c.spec.name}\n`);
      const t = new Date(c.startedAt).toISOString().slice(11, 16);
      ctx.stdout.write(table([['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], ['root', String(2000 + (parseInt(c.id.slice(0, 3), 16) % 5000)), '1980', '0', t, '?', '00:00:00', engine.commandLine(c)]]) + '\n');
    }
    return 0;
  },
};

export const port: ComposeSub = {
  name: 'port',
  flags: { bool: [], value: [['--protocol'], ['--index']] },
  run({ ctx, args, runner: load }) {
    const p = parseFlags(args, this.flags);
    if (p.error) return (ctx.stderr.write(`${p.error}\n`), 1);
    const [service, privatePort] = p.args;
    if (!service || !privatePort) return (ctx.stderr.write(`requires at least 2 arg(s), only received ${p.args.length}\n`), 1);
    const runner = load();
    if (!runner) return 1;
    const bad = runner.checkServices([service]);
    if (bad) return (ctx.stderr.write(`${bad}\n`), 1);
    const c = runner.containers({ services: [service] })[0];
    if (!c) return (ctx.stderr.write(`service "${service}" is not running\n`), 1);
    const proto = last(p, '--protocol') ?? 'tcp';
    // The daemon's port list: one entry per published address, then the exposed-only ports with public port 0.
    const entries = portEntries(c);
    const m = entries.find((x) => x.target === Number(privatePort) && x.protocol === proto);
    if (!m) return (ctx.stderr.write(`no port ${privatePort}/${proto} for container ${c.spec.name}: ${entries.map((x) => `${x.published}/${x.protocol}`).join(', ')}\n`), 1);
    ctx.stdout.write(`${m.ip}:${m.published}\n`);
    return 0;
  },
};

