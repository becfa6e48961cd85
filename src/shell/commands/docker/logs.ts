import { LABEL, type ComposeRunner } from '../../../sim/compose/engine/compose.ts';
import type { Container, LogEntry } from '../../../sim/compose/engine/docker.ts';
import { rfc3339Nano } from '../../../sim/containers/logtime.ts';
import { JobHandle } from '../../job.ts';
import { openProject, type ComposeCall, type ComposeSub } from './context.ts';
import { has, last } from './flags.ts';
import { logPrefixer } from './render.ts';

const flags = { bool: [['-f', '--follow'], ['-t', '--timestamps'], ['--no-color'], ['--no-log-prefix']], value: [['-n', '--tail'], ['--since']] };

export function shortName(runner: ComposeRunner, c: Container): string {
  const svc = c.spec.labels[LABEL.service]!;
  return runner.project.services[svc]?.containerName ? c.spec.name : `${svc}-${c.spec.labels[LABEL.number]}`;
}

/** `docker compose logs`: every container's lines (or the last N each), merged in time order. */
export const logs: ComposeSub = {
  name: 'logs',
  flags,
  run(call: ComposeCall) {
    const { ctx, args, engine } = call;
    const opened = openProject(call, flags);
    if (!opened) return 1;
    const { p, runner } = opened;
    const tailText = last(p, '--tail') ?? 'all';
    const tail = tailText === 'all' ? Infinity : Number(tailText);
    if (!Number.isInteger(tail) && tail !== Infinity) {
      ctx.stderr.write(`invalid argument "${tailText}" for "-n, --tail" flag: strconv.Atoi: parsing "${tailText}": invalid syntax\n`);
      return 1;
    }
    const list = runner.containers({ all: true, services: p.args });
    const tty = has(p, '--no-color') ? { ...ctx.tty, color: false } : ctx.tty;
    const prefix = logPrefixer(list.map((c) => shortName(runner, c)), list.map((c) => c.spec.labels[LABEL.service]!), tty);
    const line = (c: Container, e: LogEntry) =>
      `${has(p, '--no-log-prefix') ? '' : prefix(shortName(runner, c), c.spec.labels[LABEL.service]!)}${has(p, '--timestamps') ? rfc3339Nano(e.at) + ' ' : ''}${e.text}\n`;
    const all = list.flatMap((c) => (tail === Infinity ? c.logs : tail === 0 ? [] : c.logs.slice(-tail)).map((e, i) => ({ c, e, i })));
    all.sort((a, b) => a.e.at - b.e.at || a.i - b.i);
    for (const { c, e } of all) ctx.stdout.write(line(c, e));
    if (!has(p, '--follow')) return 0;
    const ids = new Set(list.map((c) => c.id));
    const job = new JobHandle((j) => {
      off();
      j.exit(130);
    });
    const off = engine.on((ev) => {
      if (ev.type === 'log' && ids.has(ev.container.id)) ctx.stdout.write(line(ev.container, ev.entry));
    });
    return job;
  },
};
